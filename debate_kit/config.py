"""Where things are: the store URL and the lessons folder, from the environment or the defaults."""

from __future__ import annotations

import os
from pathlib import Path

from debate_kit.store import default_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_LESSON = "new-soviet-union"


def store_url() -> str:
    """``DEBATE_KIT_DB`` (a path, sqlite:///path or postgresql://…) or the default SQLite file."""
    return default_url()


def readings_dir() -> Path:
    """``DEBATE_KIT_READINGS`` or the project's ``readings/`` folder."""
    return Path(os.environ.get("DEBATE_KIT_READINGS") or PROJECT_DIR / "readings")
