"""A protocol-level Voila page: what a browser's widget manager does, without a browser.

``Page(url).open()`` GETs the page (the server executes the notebook in a new kernel), opens the
kernel's websocket and asks for every widget's state as ipywidgets 8's front-end does
(``comm_info_request``, then the ``jupyter.widget.control`` comm with ``request_states``). A reader
thread keeps every model's state up to date from ``comm_open`` and ``update``/``echo_update`` messages
and timestamps each change, so a benchmark can wait for "the first model with class X whose state
satisfies P" and know when it arrived. ``update()``, ``click()`` and ``custom()`` send what a browser
sends when a user types, clicks, or an anywidget's JavaScript calls ``model.send``; custom messages
from the kernel (an anywidget's ``self.send(...)``, e.g. StudentWidget's acks) are kept in ``customs``
and can be waited for with ``wait_custom``.

Pages behind the server's token (``debate-kit serve``: every Voila page) are opened with the token in
the URL (``VoilaServer.authed``); the kernel websocket then gets the same token, as the browser's login
cookie would give it.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from debate_kit.testing import open_page

CONTROL_TARGET = "jupyter.widget.control"
WIDGET_TARGET = "jupyter.widget"

State = dict[str, Any]
Predicate = Callable[[str, State], bool]


def kernel_socket(base_url: str, kernel_id: str, token: str = "") -> Any:
    """Open the kernel's websocket as the page does (websocket-client, synchronous), with the token."""
    import websocket

    ws_url = base_url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
    query = f"session_id={uuid.uuid4().hex}" + (f"&token={token}" if token else "")
    # No pure-Python UTF-8 check of every kernel message: it cost the client CPU the server needs.
    return websocket.create_connection(f"{ws_url}?{query}", timeout=30, skip_utf8_validation=True)


def has_class(css: str, **values: Any) -> Predicate:
    """A predicate: the model has DOM class ``css`` and these trait values."""

    def check(_model_id: str, state: State) -> bool:
        if css not in (state.get("_dom_classes") or ()):
            return False
        return all(state.get(k) == v for k, v in values.items())

    return check


class Page:
    """One page view: its kernel, its websocket and a mirror of its widget models."""

    def __init__(self, url: str, *, on_change: Callable[[Page, str, State, float], None] | None = None,
                 on_custom: Callable[[Page, str, Any, float], None] | None = None):
        self.url = url
        self.base = url.split("/voila/", 1)[0]
        self.token = parse_qs(urlsplit(url).query).get("token", [""])[0]
        #: (model id, content, time seen) of every custom message the kernel sent to a widget.
        self.customs: list[tuple[str, Any, float]] = []
        self.on_custom = on_custom
        self.session = uuid.uuid4().hex
        self.models: dict[str, State] = {}
        self.changed_at: dict[str, float] = {}
        self.on_change = on_change
        self.kernel_id = ""
        self.t_start = self.t_html = self.t_socket = self.t_states = 0.0
        self.ws: Any = None
        self._cond = threading.Condition(threading.RLock())
        self._reader: threading.Thread | None = None
        self._send_lock = threading.Lock()
        self._control = uuid.uuid4().hex
        self.closed = False
        self.errors: list[str] = []
        #: what the kernel's websocket brought (frames, bytes): the console's redraw traffic
        self.frames_in = self.bytes_in = 0

    # -- opening ----------------------------------------------------------------------------------
    def open(self, timeout: float = 300.0) -> Page:
        self.t_start = time.monotonic()
        _, self.kernel_id = open_page(self.url, timeout=timeout)
        self.t_html = time.monotonic()
        self.ws = kernel_socket(self.base, self.kernel_id, self.token)
        self.ws.settimeout(None)
        self.t_socket = time.monotonic()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._send("comm_info_request", {"target_name": WIDGET_TARGET})
        self._send("comm_open", {"comm_id": self._control, "target_name": CONTROL_TARGET, "data": {}},
                   metadata={"version": "1.0.0"})
        self._send("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}})
        return self

    def close(self) -> None:
        self.closed = True
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.ws.close()

    # -- sending ----------------------------------------------------------------------------------
    def _send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> None:
        msg = {
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                       "session": self.session, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content,
            "channel": "shell", "buffers": [],
        }
        data = json.dumps(msg)
        with self._send_lock:
            self.ws.send(data)

    def update(self, model_id: str, **state: Any) -> None:
        """A trait change made in the browser (typing into a Text, choosing in a Dropdown)."""
        self._send("comm_msg", {"comm_id": model_id,
                                "data": {"method": "update", "state": state, "buffer_paths": []}})

    def custom(self, model_id: str, content: dict[str, Any]) -> None:
        """``model.send(content)`` in the browser (anywidget) or a Button's click event."""
        self._send("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": content}})

    def click(self, model_id: str) -> None:
        self.custom(model_id, {"event": "click"})

    # -- receiving --------------------------------------------------------------------------------
    def _read(self) -> None:
        while not self.closed:
            try:
                raw = self.ws.recv()
            except Exception:
                break
            now = time.monotonic()
            if not raw:
                continue
            self.frames_in += 1
            self.bytes_in += len(raw)
            try:
                msg = json.loads(raw)
            except (TypeError, ValueError):
                continue  # a binary frame (buffers): no widget here uses them
            self._handle(msg, now)
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def _handle(self, msg: dict[str, Any], now: float) -> None:
        kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
        content = msg.get("content", {})
        changed: list[str] = []
        custom: tuple[str, Any, float] | None = None
        with self._cond:
            if kind == "comm_open" and content.get("target_name") == WIDGET_TARGET:
                model_id = content["comm_id"]
                self.models[model_id] = dict(content.get("data", {}).get("state", {}))
                changed.append(model_id)
            elif kind == "comm_msg":
                data = content.get("data", {})
                method = data.get("method")
                if method == "update_states" and content.get("comm_id") == self._control:
                    self.t_states = now
                    for model_id, model in data.get("states", {}).items():
                        self.models.setdefault(model_id, {}).update(model.get("state", {}))
                        changed.append(model_id)
                elif method in ("update", "echo_update"):
                    model_id = content.get("comm_id")
                    self.models.setdefault(model_id, {}).update(data.get("state", {}))
                    changed.append(model_id)
                elif method == "custom":
                    custom = (content.get("comm_id"), data.get("content"), now)
                    self.customs.append(custom)
                    self._cond.notify_all()
            elif kind == "comm_close":
                self.models.pop(content.get("comm_id"), None)
            elif kind == "error" or (kind == "stream" and content.get("name") == "stderr"):
                self.errors.append(str(content)[:500])
            for model_id in changed:
                self.changed_at[model_id] = now
            if changed:
                self._cond.notify_all()
        if custom is not None and self.on_custom is not None:
            try:
                self.on_custom(self, *custom)
            except Exception as error:
                self.errors.append(f"on_custom: {error!r}")
        if changed and self.on_change is not None:
            for model_id in changed:
                try:
                    self.on_change(self, model_id, self.models.get(model_id, {}), now)
                except Exception as error:  # a broken hook must not stop the page's reader
                    self.errors.append(f"on_change: {error!r}")

    # -- waiting ----------------------------------------------------------------------------------
    def find(self, predicate: Predicate) -> list[str]:
        with self._cond:
            return [m for m, s in self.models.items() if predicate(m, s)]

    def wait(self, predicate: Predicate, timeout: float = 120.0) -> tuple[str, float]:
        """The first model satisfying ``predicate`` and the time (monotonic) it was seen."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for model_id, state in self.models.items():
                    if predicate(model_id, state):
                        return model_id, self.changed_at.get(model_id, time.monotonic())
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"no widget as expected on {self.url} after {timeout} s")
                self._cond.wait(left)

    def wait_page(self, check: Callable[[Page], Any], timeout: float = 120.0) -> Any:
        """Wait until ``check(page)`` (called under the page's lock on each change) returns non-None."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = check(self)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"the page {self.url} did not get there in {timeout} s")
                self._cond.wait(left)

    def wait_custom(self, match: Callable[[str, Any], bool], timeout: float = 120.0) -> tuple[Any, float]:
        """The first custom message from the kernel matching ``match(model_id, content)``, and its time."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for model_id, content, seen in self.customs:
                    if match(model_id, content):
                        return content, seen
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"no custom message as expected on {self.url} after {timeout} s")
                self._cond.wait(left)

    def anywidget(self, marker: str) -> str:
        """The anywidget model whose ESM contains ``marker``."""
        return self.wait(lambda _m, s: s.get("_model_name") == "AnyModel" and marker in (s.get("_esm") or ""),
                         60)[0]
