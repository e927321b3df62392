"""A regular (non-editable) install carries what a school's hub needs without a clone: the shipped
lesson, the notebooks, every front-end file (student, projector) and the server extension's config."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)]
    built = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if built.returncode:
        pytest.fail(f"building the wheel failed:\n{built.stdout}\n{built.stderr}")
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path).namelist()


def tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode:
        pytest.skip("not a git checkout")
    return [line for line in listed.stdout.splitlines() if line]


def test_the_wheel_carries_the_lessons_notebooks_and_front_ends(wheel: list[str]) -> None:
    data = "debate_kit-0.1.0.data/data/"
    for name in tracked("readings") + tracked("notebooks"):
        assert f"{data}share/debate_kit/{name}" in wheel, f"{name} is not in the wheel"
    for name in tracked("debate_kit/student/static") + tracked("debate_kit/projector/static"):
        assert name in wheel, f"{name} is not in the wheel"
    assert f"{data}etc/jupyter/jupyter_server_config.d/debate_kit.json" in wheel


def test_the_installed_copy_is_found_without_a_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from debate_kit import config

    monkeypatch.delenv("DEBATE_KIT_READINGS", raising=False)
    monkeypatch.setattr(config, "PROJECT_DIR", tmp_path / "no-clone")
    monkeypatch.setattr(config, "INSTALLED_DIR", tmp_path / "share")
    assert config.readings_dir() == tmp_path / "share" / "readings"
    assert config.notebooks_dir() == tmp_path / "share" / "notebooks"


def test_debate_kit_notebooks_copies_them(tmp_path: Path) -> None:
    from debate_kit.cli import main

    assert main(["notebooks", str(tmp_path / "mine")]) == 0
    copied = sorted(str(p.relative_to(tmp_path / "mine")) for p in (tmp_path / "mine").rglob("*.ipynb"))
    assert copied == sorted(str(Path(n).relative_to("notebooks")) for n in tracked("notebooks"))
    (tmp_path / "mine" / "teacher.ipynb").write_text("edited")
    assert main(["notebooks", str(tmp_path / "mine")]) == 0
    assert (tmp_path / "mine" / "teacher.ipynb").read_text() == "edited"  # kept without --force
