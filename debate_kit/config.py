"""Where things are: the store URL and the lessons folder, from the environment or the defaults."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from debate_kit.store import default_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_LESSON = "new-soviet-union"


def store_url() -> str:
    """``DEBATE_KIT_DB`` (a path, sqlite:///path or postgresql://…) or the default SQLite file."""
    return default_url()


#: Where a regular (non-editable) install puts the shipped lesson and the notebooks (pyproject data-files).
INSTALLED_DIR = Path(sys.prefix) / "share" / "debate_kit"


def _shipped(name: str) -> Path:
    """The project's folder in a clone (an editable install), else the installed copy."""
    clone = PROJECT_DIR / name
    return clone if clone.is_dir() else INSTALLED_DIR / name


def readings_dir() -> Path:
    """``DEBATE_KIT_READINGS``, or the shipped lessons (a clone's ``readings/`` or the installed copy)."""
    return Path(os.environ.get("DEBATE_KIT_READINGS") or _shipped("readings"))


def notebooks_dir() -> Path:
    """The shipped notebooks (a clone's ``notebooks/`` or the installed copy)."""
    return _shipped("notebooks")


def trusted_proxies() -> tuple:
    """Loopback plus ``DEBATE_KIT_TRUSTED_PROXIES`` (addresses or networks, comma-separated): the proxies
    whose ``X-Forwarded-For`` is believed (:mod:`debate_kit.core.forwarded`). A wrong value raises
    :class:`~debate_kit.core.errors.InvalidInput` with a message to act on."""
    from debate_kit.core.forwarded import LOOPBACK, parse_networks

    return LOOPBACK + parse_networks(os.environ.get("DEBATE_KIT_TRUSTED_PROXIES", ""))
