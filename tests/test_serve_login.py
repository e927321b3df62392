"""``serve`` keeps the teacher's login per store (token and cookie secret in a private folder)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from debate_kit.voila_app.login import SECRET_FILE, TOKEN_FILE, load_login, login_folder

STORE = "sqlite:////tmp/class.sqlite3"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter-runtime"))
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    return tmp_path / "home"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_login_is_kept_in_files_only_this_user_can_read(home: Path) -> None:
    first = load_login(STORE, environ={})
    folder = login_folder(STORE)
    assert first.folder == folder and home in folder.parents
    assert mode(folder) == 0o700
    assert mode(folder / TOKEN_FILE) == 0o600 and mode(folder / SECRET_FILE) == 0o600
    assert (folder / TOKEN_FILE).read_text() == first.token and len(first.token) >= 32
    assert first.token not in repr(first) and str(first.cookie_secret) not in repr(first)


def test_a_restart_reuses_the_login_and_new_token_replaces_both(home: Path) -> None:
    first = load_login(STORE, environ={})
    again = load_login(STORE, environ={})
    assert (again.token, again.cookie_secret) == (first.token, first.cookie_secret)
    fresh = load_login(STORE, new=True, environ={})
    assert fresh.token != first.token and fresh.cookie_secret != first.cookie_secret
    assert load_login(STORE, environ={}).token == fresh.token


def test_each_store_has_its_own_login_and_its_folder_name_hides_the_url(home: Path) -> None:
    secret_url = "postgresql://kit:s3cret@db.example/class"
    assert load_login(STORE, environ={}).token != load_login(secret_url, environ={}).token
    assert "s3cret" not in str(login_folder(secret_url)) and "db.example" not in str(login_folder(secret_url))


def test_loose_permissions_are_tightened(home: Path) -> None:
    load_login(STORE, environ={})
    folder = login_folder(STORE)
    folder.chmod(0o755)
    (folder / TOKEN_FILE).chmod(0o644)
    load_login(STORE, environ={})
    assert mode(folder) == 0o700 and mode(folder / TOKEN_FILE) == 0o600


def test_jupyter_token_overrides_and_nothing_is_written(home: Path, tmp_path: Path) -> None:
    given = load_login(STORE, environ={"JUPYTER_TOKEN": "from-the-environment-0123456789"})
    assert given.token == "from-the-environment-0123456789" and given.folder is None
    assert not login_folder(STORE).exists()
    runtime_secret = tmp_path / "jupyter-runtime" / "jupyter_cookie_secret"
    assert mode(runtime_secret) == 0o600  # Jupyter's own cookie secret, as for any Jupyter server
    same = load_login(STORE, environ={"JUPYTER_TOKEN": "from-the-environment-0123456789"})
    other = load_login(STORE, environ={"JUPYTER_TOKEN": "another-token-0123456789"})
    assert same.cookie_secret == given.cookie_secret != other.cookie_secret


class FakeApp:
    """Stands in for the Jupyter server: ``serve`` configures it, prints, and "runs" it."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self.log = logging.getLogger("fake-serve")
        self.http_server = SimpleNamespace(listen=lambda *a, **k: None)
        FakeApp.last = self

    def initialize(self, **_kwargs: object) -> None:
        pass

    def start(self) -> None:
        pass


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from debate_kit.voila_app import serve as serve_module

    monkeypatch.setattr(serve_module.ClassroomServer, "make", staticmethod(FakeApp))
    real_opener = serve_module.teacher_opener

    def opener(folder: Path, link: str) -> Path:
        path = real_opener(folder, link)
        FakeApp.opener_text, FakeApp.opener_mode = path.read_text(), mode(path)
        return path

    monkeypatch.setattr(serve_module, "teacher_opener", opener)
    monkeypatch.setattr(serve_module.webbrowser, "open", lambda *_a: None)
    for name in ("DEBATE_KIT_DB", "JUPYTER_PATH", "IPYTHONDIR", "DEBATE_KIT_PUBLIC_URL", "MPLBACKEND",
                 "PYDEVD_DISABLE_FILE_VALIDATION"):  # serve sets them: back as they were after the test
        monkeypatch.setenv(name, os.environ.get(name, ""))


def run_serve(tmp_path: Path, *argv: str) -> int:
    from debate_kit.cli import main

    return main(["serve", "--no-browser", "--port", "8899", "--db", str(tmp_path / "c.sqlite3"), *argv])


def test_serve_uses_the_kept_login_and_never_prints_it(tmp_path: Path, fake_server: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run_serve(tmp_path) == 0
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    kept = load_login(url, environ={})
    cfg = FakeApp.last.config
    assert cfg.IdentityProvider.token == kept.token and cfg.ServerApp.cookie_secret == kept.cookie_secret
    assert f"token={kept.token}" in FakeApp.opener_text  # only the private opener file holds it
    assert FakeApp.opener_mode == 0o600
    out = capsys.readouterr()
    assert kept.token not in out.out + out.err
    assert str(login_folder(url)) not in out.out + out.err

    assert run_serve(tmp_path) == 0
    assert FakeApp.last.config.IdentityProvider.token == kept.token  # a restart: the same login
    assert run_serve(tmp_path, "--new-token") == 0
    new = FakeApp.last.config.IdentityProvider.token
    out = capsys.readouterr()
    assert new != kept.token and new not in out.out + out.err
    assert "must open the link above again" in out.out


def test_new_token_while_jupyter_token_is_set_says_what_to_do(tmp_path: Path, fake_server: None,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("JUPYTER_TOKEN", "fixed-token-0123456789")
    assert run_serve(tmp_path) == 0
    assert FakeApp.last.config.IdentityProvider.token == "fixed-token-0123456789"
    assert run_serve(tmp_path, "--new-token") == 2
    out = capsys.readouterr()
    assert "unset JUPYTER_TOKEN" in out.err and "fixed-token-0123456789" not in out.out + out.err
    assert not login_folder(f"sqlite:///{tmp_path / 'c.sqlite3'}").exists()



def test_a_home_that_cannot_be_written_still_serves_with_a_one_run_login(
        tmp_path: Path, fake_server: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "read-only"
    blocked.mkdir()
    (blocked / ".local").write_text("not a folder")  # ~/.local/share/... cannot be made
    monkeypatch.setenv("HOME", str(blocked))
    assert run_serve(tmp_path) == 0
    token = FakeApp.last.config.IdentityProvider.token
    out = capsys.readouterr()
    assert "the login cannot be kept" in out.err and "open the new Teacher console link" in out.err
    assert len(token) >= 32 and token not in out.out + out.err
