"""Fixtures for the real-browser tests: one `debate-kit serve` and one Chromium for the whole session.

Debian's Chromium (``/usr/bin/chromium``) is driven by Playwright; Playwright's own browser downloads are
not used. Each person in a test gets their own browser context (own localStorage, so own device token or
teacher key), exactly like separate phones. Pages are closed at the end of each test, so the server's
reaper frees their kernels.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from debate_kit.testing import VoilaServer
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, NOTEBOOKS, People, unexpected_tracebacks

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason="needs " + ", ".join(missing)))


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """A real server as on a teacher's laptop: listening on every address, so the console gives students
    the LAN address; a short grace period (closed pages lose their kernels quickly)."""
    folder = tmp_path_factory.mktemp("voila")
    with VoilaServer(f"sqlite:///{folder / 'classroom.sqlite3'}", notebooks=NOTEBOOKS, grace=2.0,
                     unconnected=20.0, workdir=folder, ip="0.0.0.0") as running:
        yield running
        log = running.log()
    assert not unexpected_tracebacks(log), unexpected_tracebacks(log)


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def people(browser: object) -> Iterator[People]:
    """``people.new(...)`` gives a fresh browser context (a person); all are closed after the test."""
    crowd = People(browser)
    yield crowd
    crowd.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")

