"""debate_kit as a JupyterHub service on a real hub (JupyterHub from PyPI, configurable-http-proxy from
npm, PostgreSQL): teacher1 signs in with the hub, makes a room and runs it from the class screen; phones
join and vote through the hub's proxy without a hub login; teacher2, signed in to the same hub, cannot
see or move teacher1's room by the service's routes; no browser keeps a key, no page shows the database
URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import TemporaryPostgres, find_pg_bin
from tests.browser.class_screen import class_screen, control, wait_screen
from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    PROJECTOR,
    READY_MS,
    join_student,
    open_student,
    vote_on,
)
from tests.hub.hub_process import PASSWORD, HubProcess, proxy_command

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubProcess, str]]:
    pytest.importorskip("jupyterhub")
    if proxy_command() is None:
        pytest.skip("needs configurable-http-proxy (python3 run.py setup --test installs it)")
    if find_pg_bin() is None:
        pytest.skip("needs PostgreSQL")
    with TemporaryPostgres() as pg, HubProcess(tmp_path_factory.mktemp("hub"), pg.url) as running:
        yield running, pg.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def sign_in(browser: Any, hub: HubProcess, user: str) -> Any:
    page = browser.new_context(viewport=PROJECTOR).new_page()
    page.goto(f"{hub.url}/hub/login", timeout=READY_MS)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url("**/hub/**", timeout=READY_MS)
    return page


def storage(page: Any) -> dict[str, str]:
    return dict(page.evaluate("Object.fromEntries(Object.entries(localStorage))"))


def test_rooms_belong_to_hub_users_and_the_class_runs_without_a_hub_login(hub: tuple[HubProcess, str],
                                                                         browser: Any) -> None:
    running, db_url = hub
    teacher1 = sign_in(browser, running, "teacher1")
    teacher1.goto(running.service_url, timeout=READY_MS)  # the hub's OAuth, then the teacher's rooms
    teacher1.locator("button.dk-hub-create").wait_for(timeout=READY_MS)
    assert "teacher1" in teacher1.locator("body").inner_text()
    teacher1.locator("input[name=title]").fill("Period 3")
    teacher1.locator("button.dk-hub-create").click()
    code = teacher1.locator(".dk-p-code").inner_text(timeout=READY_MS).strip()
    link = teacher1.locator(".dk-p-link").inner_text().strip()
    assert link == f"{running.service_url}debate-kit/join/{code}", link
    class_screen(teacher1)

    phones = [open_student(browser.new_context(viewport=PHONE), link) for _ in range(3)]
    for page, name in zip(phones, ("Ana", "Ben", "Chloé"), strict=True):
        assert "/hub/login" not in page.url, "students need no hub account"
        join_student(page, name)
    wait_screen(teacher1, ".dk-p-big-count", "3 students joined")
    control(teacher1, "next")
    for page, option in zip(phones, ("For", "Against", "For"), strict=True):
        vote_on(page, MAIN_PRE, option)
    wait_screen(teacher1, ".dk-p-voted", "3 of 3 voted")
    assert "%" not in class_screen(teacher1)

    # teacher2: signed in to the same hub, on the same origin.
    teacher2 = sign_in(browser, running, "teacher2")
    teacher2.goto(running.service_url, timeout=READY_MS)
    teacher2.locator("button.dk-hub-create").wait_for(timeout=READY_MS)
    assert code not in teacher2.locator(".dk-hub-rooms").inner_text(), "teacher2 does not see the room"
    teacher2.goto(f"{running.service_url}debate-kit/present/{code}", timeout=READY_MS)
    teacher2.locator(".dk-p-loading", has_text="belongs to another teacher").wait_for(timeout=READY_MS)
    # A hand-made socket from teacher2's page: hello for the room, then a control: refused, nothing moves.
    said = teacher2.evaluate("""([url, code]) => new Promise((done) => {
        const ws = new WebSocket(url); const got = [];
        ws.onopen = () => { ws.send(JSON.stringify({type: "hello", room: code, page: location.href}));
                            ws.send(JSON.stringify({type: "control", id: "next"})); };
        ws.onmessage = (e) => got.push(JSON.parse(e.data));
        ws.onclose = () => done(got); setTimeout(() => done(got), 5000); })""",
                             [running.service_url.replace("http", "ws") + "debate-kit/present-ws", code])
    assert [m.get("code") for m in said] == ["not-your-room"], said
    wait_screen(teacher1, ".dk-p-voted", "3 of 3 voted")  # still the vote: nothing moved
    # A browser that is not signed in to the hub gets the hub's login, not the room.
    stranger = browser.new_context(viewport=PROJECTOR).new_page()
    stranger.goto(f"{running.service_url}debate-kit/present/{code}", timeout=READY_MS)
    assert "/hub/login" in stranger.url
    for path in ("api/contents", "api/kernels", "api/sessions", "api/terminals", "files/", "tree"):
        answer = stranger.request.get(running.service_url + path, max_redirects=0)
        assert answer.status in (302, 403, 404), (path, answer.status)  # the service has no Jupyter APIs
        assert answer.status != 200

    # The lesson goes on from teacher1's class screen; no key in any browser, no database URL anywhere.
    control(teacher1, "close-vote")
    control(teacher1, "reveal")
    wait_screen(teacher1, ".dk-p-bars", "67% (2)")
    for page in (teacher1, teacher2, *phones):
        assert not any(k.startswith("debate_kit.teacher.") for k in storage(page)), "no key in a browser"
        assert db_url not in page.content() and "postgresql://" not in page.content()
    assert db_url not in running.log()
    assert json.dumps(storage(teacher1)).count("debate_kit") == 0
