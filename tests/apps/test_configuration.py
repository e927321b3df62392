"""The server's configuration has one source: debate-kit serve and Binder's file agree, whole."""

from __future__ import annotations

import json
from pathlib import Path

from debate_kit.voila_app.config import KERNEL_MANAGER, serve_config, shared_settings

ROOT = Path(__file__).resolve().parent.parent.parent


def test_binder_config_is_exactly_the_shared_settings() -> None:
    binder = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())
    assert binder == shared_settings()


def test_serve_starts_from_the_shared_settings() -> None:
    cfg = serve_config(notebooks=ROOT / "notebooks", port=9999, ip="127.0.0.1", token="x" * 20)
    shared = shared_settings()
    for section, values in shared.items():
        for key, value in values.items():
            if key == "jpserver_extensions":
                assert value.items() <= cfg[section][key].items()
            else:
                assert cfg[section][key] == value, (section, key)
    assert cfg.ServerApp.kernel_manager_class == KERNEL_MANAGER
    assert cfg.ServerApp.jpserver_extensions["debate_kit.server"] is True
    assert cfg.ServerApp.terminals_enabled is False
    assert cfg.IdentityProvider.token == "x" * 20


def test_ping_timeout_is_longer_than_the_interval() -> None:
    """Equal values close every websocket after one interval (seen in an earlier benchmark)."""
    settings = shared_settings()["ServerApp"]["tornado_settings"]
    assert settings["ws_ping_timeout"] > settings["ws_ping_interval"]


def test_package_enables_the_extension_wherever_installed() -> None:
    data = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.d" / "debate_kit.json").read_text())
    assert data == {"ServerApp": {"jpserver_extensions": {"debate_kit.server": True}}}
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "jupyter-config/jupyter_server_config.d/debate_kit.json" in pyproject


def test_binder_installs_from_the_same_pins() -> None:
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build
    pins = (ROOT / "binder" / "requirements.txt").read_text()
    assert "voila==" in pins and "ipywidgets==" in pins
    assert "-r binder/requirements.txt" in (ROOT / "requirements-test.txt").read_text()
