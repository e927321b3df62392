"""debate_kit as a JupyterHub service on a real hub (JupyterHub from PyPI, configurable-http-proxy from
npm, PostgreSQL): teacher1 signs in with the hub, makes a room and runs it from the class screen; phones
join and vote through the hub's proxy without a hub login; teacher2, signed in to the same hub, cannot
see or move teacher1's room by the service's routes; no browser keeps a key, no page shows the database
URL. Mid-lesson teacher1's own server is stopped through the hub: the phones reload into the room with
their votes and the class screen goes on. The room's owner and co-teachers download its data (a zip of
CSV files) and read its results; the class page counts a new phone by itself; teacher1 locks the room on
it and a new phone is refused; teacher1 publishes custom sides from the Sides page and a phone shows its
side; teacher2 gets 403 for every page of teacher1's room; a co-teacher's name the hub does not know is
refused by the real hub's API."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
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
    poll_block,
    vote_on,
)
from tests.hub.hub_pages import own_server_answers, owners_in_store, sign_in, socket_control, storage
from tests.hub.hub_process import AUTH_CACHE, HubProcess, proxy_command

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


def test_rooms_belong_to_hub_users_and_the_class_runs_without_a_hub_login(hub: tuple[HubProcess, str],
                                                                         browser: Any) -> None:
    running, db_url = hub
    # teacher1's own single-user server, started through the hub (it starts while the lesson begins).
    assert running.api("POST", "users/teacher1/server")[0] in (201, 202)
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
    said = socket_control(teacher2, running, code, "next")
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

    # Mid-lesson, teacher1's own server is stopped (as the hub's culler would): the class goes on. The
    # phones reload the exact join link and are back in the room with their votes; the class screen
    # (the service's, not the server's) reloads and keeps counting.
    running.wait_server("teacher1", running=True)
    assert own_server_answers(teacher1, running)
    assert running.api("DELETE", "users/teacher1/server")[0] in (202, 204)
    running.wait_server("teacher1", running=False)
    assert not own_server_answers(teacher1, running)
    for page, name, option in zip(phones, ("Ana", "Ben", "Chloé"), ("For", "Against", "For"), strict=True):
        page.goto(link, wait_until="commit", timeout=READY_MS)
        page.locator(".dk-me", has_text=name).wait_for(timeout=READY_MS)
        chosen = poll_block(page, MAIN_PRE).locator("button.dk-vote-option[aria-pressed='true']")
        chosen.wait_for(timeout=READY_MS)
        assert chosen.get_attribute("data-option") == option and page.url == link
        # Through the hub's proxy the phone is recognised by the service's cookie, which no script
        # reads and no other user's server gets (its path), not by a token in the origin's storage.
        device = [c for c in page.context.cookies() if c["name"] == "debate_kit_device"]
        assert len(device) == 1 and device[0]["httpOnly"] and device[0]["sameSite"] == "Strict", device
        assert device[0]["path"].rstrip("/") == "/services/debate-kit", device
        assert "debate_kit.device" not in storage(page)
    teacher1.reload(wait_until="commit")
    wait_screen(teacher1, ".dk-p-voted", "3 of 3 voted", timeout_ms=READY_MS)

    # The lesson goes on from teacher1's class screen; no key in any browser, no database URL anywhere.
    control(teacher1, "close-vote")
    control(teacher1, "reveal")
    wait_screen(teacher1, ".dk-p-bars", "67% (2)")

    # The room's data for its teachers only: the zip (linked from "Your debate rooms") and the results.
    teacher1.goto(running.service_url, timeout=READY_MS)
    with teacher1.expect_download(timeout=READY_MS) as got:
        teacher1.locator(f".dk-hub-export[href='export/{code}']").click()
    with zipfile.ZipFile(got.value.path()) as archive:
        assert f"{code}/readable/votes.csv" in archive.namelist()
        votes = list(csv.DictReader(io.StringIO(archive.read(f"{code}/votes.csv").decode())))
    assert sorted(v["choice"] for v in votes) == ["Against", "For", "For"]
    teacher1.locator(f".dk-hub-results[href='results/{code}']").click()
    teacher1.locator(".dk-results-app", has_text="3 voted before the debate").wait_for(timeout=READY_MS)
    for path in (f"export/{code}", f"results/{code}", f"class/{code}", f"answers/{code}", f"sides/{code}"):
        answer = teacher2.request.get(f"{running.service_url}debate-kit/{path}", max_redirects=0)
        assert answer.status == 403 and "belongs to another teacher" in answer.text(), (path, answer.status)
        stranger.goto(f"{running.service_url}debate-kit/{path}", timeout=READY_MS)
        assert "/hub/login" in stranger.url

    # The class page (from Your debate rooms; no names until asked) counts a phone that joins while it is
    # open, without a reload; teacher1 locks the room to new joins and a new phone is refused; the phones
    # already in stay.
    teacher1.goto(running.service_url, timeout=READY_MS)
    teacher1.locator(f".dk-hub-class[href='class/{code}']").click()
    teacher1.locator(".dk-hub-joined", has_text="3 students joined").wait_for(timeout=READY_MS)
    assert "Ana" not in teacher1.locator("body").inner_text()
    eve = open_student(browser.new_context(viewport=PHONE), link)
    join_student(eve, "Eve")
    teacher1.locator(".dk-hub-joined", has_text="4 students joined").wait_for(timeout=READY_MS)
    assert teacher1.locator(".dk-hub-updated").inner_text().startswith("Updated ")
    assert teacher1.locator(".dk-hub-dropped").inner_text() == ""
    teacher1.locator("button.dk-hub-lock").click()
    teacher1.locator(".dk-hub-said", has_text="The room is locked").wait_for(timeout=READY_MS)
    late = open_student(browser.new_context(viewport=PHONE), link)
    late.locator("input.dk-join-name").fill("Dev")
    late.locator("button.dk-join-button").click()
    late.locator(".dk-error", has_text="This room is locked").wait_for(timeout=READY_MS)
    for page in (teacher1, teacher2, *phones):
        assert not any(k.startswith("debate_kit.teacher.") for k in storage(page)), "no key in a browser"
        assert db_url not in page.content() and "postgresql://" not in page.content()
    assert db_url not in running.log() and not running.shows_admin_token(running.log())
    assert json.dumps(storage(teacher1)).count("debate_kit") == 0

    # The Sides page (from the class page): Ana locked to the opposition, previewed, published; once the
    # class screen moves to the sides, her phone shows her side.
    teacher1.locator(".dk-hub-names").click()  # show names (the class page's switch)
    teacher1.locator(".dk-hub-sides").click()
    teacher1.locator("select[name=lock_who]").select_option(label="Ana")
    teacher1.locator("select[name=lock_role]").select_option("opposition")
    teacher1.locator("button.dk-hub-sides-lock").click()
    teacher1.locator(".dk-hub-sides-constraints", has_text="Ana → Opposition").wait_for(timeout=READY_MS)
    teacher1.locator("button.dk-hub-sides-preview").click()
    teacher1.locator(".dk-hub-sides-head", has_text="Preview").wait_for(timeout=READY_MS)
    teacher1.locator("button.dk-hub-sides-publish").click()
    teacher1.locator(".dk-hub-said", has_text="Published").wait_for(timeout=READY_MS)
    teacher1.goto(f"{running.service_url}debate-kit/present/{code}", timeout=READY_MS)
    class_screen(teacher1)
    control(teacher1, "next")  # the reading
    teacher1.locator("button.dk-p-button[data-control='next'][title*='Sides and roles']").wait_for(
        timeout=READY_MS)
    control(teacher1, "next")  # the sides
    phones[0].locator(".dk-seat-text", has_text="Opposition").wait_for(state="visible", timeout=READY_MS)


def test_the_owner_names_a_co_teacher_who_then_runs_the_class(hub: tuple[HubProcess, str],
                                                              browser: Any) -> None:
    running, db_url = hub
    teacher1 = sign_in(browser, running, "teacher1")
    teacher1.goto(running.service_url, timeout=READY_MS)
    teacher1.locator("input[name=title]").fill("Period 5, co-taught")
    teacher1.locator("button.dk-hub-create").click()
    code = teacher1.locator(".dk-p-code").inner_text(timeout=READY_MS).strip()
    link = teacher1.locator(".dk-p-link").inner_text().strip()
    teachers_url = f"{running.service_url}debate-kit/teachers/{code}"

    # Before teacher1 names them, teacher2 is refused by every route: list, page, socket, forms.
    teacher2 = sign_in(browser, running, "teacher2")
    teacher2.goto(running.service_url, timeout=READY_MS)
    teacher2.locator("button.dk-hub-create").wait_for(timeout=READY_MS)
    assert code not in teacher2.locator(".dk-hub-rooms").inner_text()
    xsrf = teacher2.locator("input[name=_xsrf]").first.get_attribute("value")
    assert xsrf
    answer = teacher2.request.get(teachers_url)
    assert answer.status == 403 and "owner can change its teachers" in answer.text(), answer.status
    teacher2.goto(f"{running.service_url}debate-kit/present/{code}", timeout=READY_MS)
    teacher2.locator(".dk-p-loading", has_text="belongs to another teacher").wait_for(timeout=READY_MS)
    assert [m.get("code") for m in socket_control(teacher2, running, code, "next")] == ["not-your-room"]
    forged = [{"_xsrf": xsrf, "action": "co-teachers", "co_teachers": "teacher2"},  # their own valid token
              {"_xsrf": xsrf, "action": "hand-over", "new_owner": "teacher2"},
              {"action": "co-teachers", "co_teachers": "teacher2"}]  # no token at all
    for form in forged:
        answer = teacher2.request.post(teachers_url, form=form, max_redirects=0)
        assert answer.status == 403, (form.get("action"), answer.status)
    assert owners_in_store(db_url, code) == ("teacher1",)

    # teacher1 names teacher2 on the room's Teachers page (a typo first: a message, nothing saved).
    teacher1.goto(running.service_url, timeout=READY_MS)
    teacher1.locator(f".dk-hub-teachers[href='teachers/{code}']").click()
    teacher1.locator("textarea[name=co_teachers]").fill("teacher2 <b>")
    teacher1.locator("button.dk-hub-save").click()
    problem = teacher1.locator(".dk-hub-problem").inner_text(timeout=READY_MS)
    assert "is not a hub user name" in problem, problem
    assert owners_in_store(db_url, code) == ("teacher1",)
    # A well-formed name the hub does not know: the service asks the real hub's API and saves nothing.
    teacher1.locator("textarea[name=co_teachers]").fill("teacher2\nteacher9")
    teacher1.locator("button.dk-hub-save").click()
    problem = teacher1.locator(".dk-hub-problem").inner_text(timeout=READY_MS)
    assert "No hub user is called 'teacher9'" in problem, problem
    assert owners_in_store(db_url, code) == ("teacher1",)
    teacher1.locator("textarea[name=co_teachers]").fill("teacher2")
    teacher1.locator("button.dk-hub-save").click()
    teacher1.locator(".dk-hub-said", has_text="Saved").wait_for(timeout=READY_MS)
    assert owners_in_store(db_url, code) == ("teacher1", "teacher2")

    # teacher2 now sees the room and runs the class from its class screen; a phone votes.
    teacher2.goto(running.service_url, timeout=READY_MS)
    assert "co-teacher" in teacher2.locator(".dk-hub-rooms").inner_text()
    teacher2.locator(f".dk-hub-rooms a[href='present/{code}']").click()
    class_screen(teacher2)
    phone = open_student(browser.new_context(viewport=PHONE), link)
    join_student(phone, "Dana")
    wait_screen(teacher2, ".dk-p-big-count", "1 student joined")
    control(teacher2, "next")
    vote_on(phone, MAIN_PRE, "Against")
    wait_screen(teacher2, ".dk-p-voted", "1 of 1 voted")
    control(teacher2, "close-vote")
    control(teacher2, "reveal")
    wait_screen(teacher2, ".dk-p-bars", "100% (1)")
    # A co-teacher runs the class but does not change its teachers.
    assert teacher2.request.get(teachers_url).status == 403
    answer = teacher2.request.post(teachers_url, max_redirects=0,
                                   form={"_xsrf": xsrf, "action": "hand-over", "new_owner": "teacher2"})
    assert answer.status == 403 and owners_in_store(db_url, code) == ("teacher1", "teacher2")

    # Removed again: teacher2's open class screen says so at once and its buttons are gone.
    teacher1.goto(teachers_url, timeout=READY_MS)
    teacher1.locator("textarea[name=co_teachers]").fill("")
    teacher1.locator("button.dk-hub-save").click()
    teacher1.locator(".dk-hub-said", has_text="Saved").wait_for(timeout=READY_MS)
    teacher2.locator(".dk-p-loading", has_text="belongs to another teacher").wait_for(timeout=READY_MS)
    assert teacher2.locator("button.dk-p-button").count() == 0

    # Handed over (teacher1 does not stay): teacher2 owns it, teacher1 is refused.
    teacher1.goto(teachers_url, timeout=READY_MS)
    teacher1.locator("input[name=new_owner]").fill("teacher2")
    teacher1.locator("input[name=keep_me]").uncheck()
    teacher1.locator("button.dk-hub-hand-over").click()
    teacher1.locator("button.dk-hub-create").wait_for(timeout=READY_MS)
    assert code not in teacher1.locator(".dk-hub-rooms").inner_text()
    assert owners_in_store(db_url, code) == ("teacher2",)
    assert teacher1.request.get(teachers_url).status == 403
    assert [m.get("code") for m in socket_control(teacher1, running, code, "next")] == ["not-your-room"]
    teacher2.goto(teachers_url, timeout=READY_MS)
    assert teacher2.locator(".dk-hub-owner").inner_text() == "teacher2"


def test_a_hub_logout_ends_the_teachers_access_to_the_service(hub: tuple[HubProcess, str],
                                                               browser: Any) -> None:
    """The hub deletes the session's tokens at logout; the service asks the hub again after its short
    cache (AUTH_CACHE here, 10 s by default) and sends the browser to the hub's login; a class screen
    left open says so and loses its buttons."""
    running, _db_url = hub
    screen = sign_in(browser, running, "teacher2")  # the class screen of a new room, left open
    screen.goto(running.service_url, timeout=READY_MS)
    screen.locator("input[name=title]").fill("Period 6")
    screen.locator("button.dk-hub-create").click()
    screen.locator(".dk-p-code").wait_for(timeout=READY_MS)
    screen.locator("button.dk-p-button").first.wait_for(timeout=READY_MS)
    teacher = screen.context.new_page()
    teacher.goto(running.service_url, timeout=READY_MS)
    teacher.locator("button.dk-hub-create").wait_for(timeout=READY_MS)
    teacher.goto(f"{running.url}/hub/logout", timeout=READY_MS)
    # the open class screen ends too (its socket asks the hub again): its message, no buttons, no room
    screen.locator(".dk-p-loading", has_text="You signed out of the hub").wait_for(
        timeout=(AUTH_CACHE + max(2, AUTH_CACHE) + 15) * 1000)
    assert screen.locator("button.dk-p-button").count() == 0
    assert screen.locator(".dk-p-code").count() == 0
    deadline = time.monotonic() + AUTH_CACHE + 20
    while True:
        teacher.goto(running.service_url, timeout=READY_MS)
        if "/hub/login" in teacher.url:
            break
        assert time.monotonic() < deadline, "the service still lets the teacher in after the hub logout"
        teacher.wait_for_timeout(1000)
    assert teacher.locator("button.dk-hub-create").count() == 0
