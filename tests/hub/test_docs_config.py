"""docs/jupyterhub.md's two set-ups say the same: the Zero to JupyterHub ``values.yaml`` snippet, turned
into JupyterHub's config the way the chart does (its ``files/hub/jupyterhub_config.py``: each
``hub.services`` and ``hub.loadRoles`` key becomes the entry's ``name``), gives the same service
settings and roles as the ``jupyterhub_config.py`` snippet, whose roles the real-hub test uses."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from tests.hub import hub_process

DOC = (Path(__file__).resolve().parents[2] / "docs" / "jupyterhub.md").read_text()


def _block(language: str, after: str) -> str:
    found = re.search(re.escape(after) + r".*?```" + language + r"\n(.*?)```", DOC, re.S)
    assert found, f"no {language} block after {after!r} in docs/jupyterhub.md"
    return found.group(1)


def _managed() -> Any:
    c = SimpleNamespace(JupyterHub=SimpleNamespace())
    exec(_block("python", "### A service managed by the hub"), {"c": c})  # the snippet as printed
    return c.JupyterHub


def _from_values() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    hub = yaml.safe_load(_block("yaml", "### Zero to JupyterHub"))["hub"]
    services = [{"name": key, **service} for key, service in hub["services"].items()]
    roles = [{"name": key, **role} for key, role in hub["loadRoles"].items()]
    return services, roles


def test_values_yaml_gives_the_roles_and_service_settings_of_the_managed_set_up() -> None:
    managed = _managed()
    services, roles = _from_values()
    assert roles == managed.load_roles
    (service,), (managed_service,) = services, managed.services
    assert service["name"] == managed_service["name"] == "debate-kit"
    assert service["oauth_no_confirm"] is managed_service["oauth_no_confirm"] is True
    assert "DEBATE_KIT_DB" not in str(services), "the database URL is the service deployment's secret"


def test_the_real_hub_test_uses_the_documented_roles() -> None:
    source = Path(hub_process.__file__).read_text()
    for role in _managed().load_roles:
        scopes = repr(role["scopes"]).replace("'", '"').replace("=debate-kit", "={SERVICE}")
        name = role["name"]
        assert f'"name": "{name}", "scopes": {scopes}' in " ".join(source.split()), role
