"""The three places that configure Voila agree: debate-kit serve, voila.json and Binder's config."""

from __future__ import annotations

import json
from pathlib import Path

from debate_kit.voila_app.config import KERNEL_MANAGER, voila_config

ROOT = Path(__file__).resolve().parent.parent.parent


def test_voila_json_matches_debate_kit_serve() -> None:
    cfg = voila_config()
    file = json.loads((ROOT / "voila.json").read_text())
    assert file["VoilaConfiguration"]["show_tracebacks"] is cfg.VoilaConfiguration.show_tracebacks is False
    assert file["VoilaConfiguration"]["multi_kernel_manager_class"] == KERNEL_MANAGER
    assert file["VoilaConfiguration"]["preheat_kernel"] is False
    assert file["Voila"]["tornado_settings"] == cfg.Voila.tornado_settings
    assert file["ReapingKernelManager"]["grace_seconds"] == cfg.ReapingKernelManager.grace_seconds


def test_binder_uses_the_same_kernel_clean_up_and_pings() -> None:
    cfg = voila_config()
    binder = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())
    assert binder["ServerApp"]["kernel_manager_class"] == KERNEL_MANAGER
    assert binder["ServerApp"]["tornado_settings"] == cfg.Voila.tornado_settings
    assert binder["ReapingKernelManager"] == {
        "grace_seconds": cfg.ReapingKernelManager.grace_seconds,
        "unconnected_seconds": cfg.ReapingKernelManager.unconnected_seconds,
    }


def test_ping_timeout_is_longer_than_the_interval() -> None:
    """Equal values close every websocket after one interval (seen in an earlier benchmark)."""
    settings = voila_config().Voila.tornado_settings
    assert settings["ws_ping_timeout"] > settings["ws_ping_interval"]


def test_binder_installs_from_the_same_pins() -> None:
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build
    pins = (ROOT / "binder" / "requirements.txt").read_text()
    assert "voila==" in pins and "ipywidgets==" in pins
    assert "-r binder/requirements.txt" in (ROOT / "requirements-test.txt").read_text()
