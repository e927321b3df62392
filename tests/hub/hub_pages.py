"""What the hub tests do in a browser and on the hub: sign in, read storage, a hand-made class-screen
socket, a teacher's own server answering, the owners kept in the store."""

from __future__ import annotations

from typing import Any

from tests.browser.helpers import PROJECTOR, READY_MS
from tests.hub.hub_process import PASSWORD, HubProcess


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


def socket_control(page: Any, hub: HubProcess, code: str, control_id: str) -> list[dict[str, Any]]:
    """A hand-made present socket from ``page``: hello for the room, then one control; what came back."""
    return list(page.evaluate("""([url, code, id]) => new Promise((done) => {
        const ws = new WebSocket(url); const got = [];
        ws.onopen = () => { ws.send(JSON.stringify({type: "hello", room: code, page: location.href}));
                            ws.send(JSON.stringify({type: "control", id})); };
        ws.onmessage = (e) => got.push(JSON.parse(e.data));
        ws.onclose = () => done(got); setTimeout(() => done(got), 5000); })""",
                              [hub.service_url.replace("http", "ws") + "debate-kit/present-ws", code,
                               control_id]))


def own_server_answers(page: Any, hub: HubProcess) -> bool:
    """Whether teacher1's single-user server answers through the hub's proxy (its public version API)."""
    answer = page.request.get(f"{hub.url}/user/teacher1/api", max_redirects=0)
    return answer.status == 200 and "version" in answer.text()


def owners_in_store(db_url: str, code: str) -> tuple[str, ...]:
    from debate_kit.store import open_store

    store = open_store(db_url)
    try:
        return store.room(code).owners
    finally:
        store.close()
