"""debate_kit's Jupyter server extension: the light student page, served without a kernel.

Loaded wherever debate_kit is installed (``jupyter_server_config.d/debate_kit.json``): by
``debate-kit serve``, on Binder and in a JupyterHub user server. It adds only public student routes
(:mod:`debate_kit.server.handlers`) under the server's base URL:

- ``debate-kit/join/CODE``: the student page (the join link and QR target);
- ``debate-kit/ws``: one websocket per student page;
- ``debate-kit/static/...`` and ``debate-kit/lesson/ID.json``: the page's files and the lesson text;
- ``debate-kit/teacher``: the teacher's way in (needs the server's login; it only redirects);
- ``debate-kit/projector/CODE`` and ``debate-kit/projector-ws``: the class screen on a second screen
  (it needs the room's teacher key from the browser that holds it; :mod:`debate_kit.server.projector`);
- ``debate-kit/alive``: ``{"boot": ID}``, asked by an open teacher page after its connection was lost.

The store is ``DEBATE_KIT_DB`` (or the default SQLite file), the lessons ``DEBATE_KIT_READINGS``.
"""

from __future__ import annotations

import logging
from typing import Any

from tornado.web import url

__all__ = ["_jupyter_server_extension_points", "_load_jupyter_server_extension",
           "_unload_jupyter_server_extension"]
log = logging.getLogger("debate_kit.server")


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "debate_kit.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.utils import url_path_join

    from debate_kit import __version__, config
    from debate_kit.apps import lesson_loader
    from debate_kit.core.errors import InvalidInput
    from debate_kit.core.forwarded import LOOPBACK
    from debate_kit.server.device import shared_origin
    from debate_kit.server.handlers import (
        STATIC,
        AliveHandler,
        LessonHandler,
        Limits,
        PageHandler,
        StaticHandler,
        StudentSocket,
        TeacherEntryHandler,
    )
    from debate_kit.server.hub import Hub
    from debate_kit.server.projector import PROJECTOR_STATIC, ProjectorPageHandler, ProjectorSocket
    from debate_kit.server.redact import install
    from debate_kit.server.sockets import apply_http_timeouts

    install(serverapp.log)
    web_app = serverapp.web_app
    base = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [url(url_path_join(base, "debate-kit", "alive"), AliveHandler)])
    try:
        hub = Hub(config.store_url(), lesson_loader(config.readings_dir()))
    except Exception as problem:  # a broken store must not take JupyterLab down with it
        serverapp.log.error("debate_kit: the student page is off: the store cannot be opened (%s)",
                            getattr(problem, "message", type(problem).__name__))
        return
    try:
        trusted = config.trusted_proxies()
    except InvalidInput as problem:  # say what to fix; trust only this machine meanwhile
        serverapp.log.error("debate_kit: %s", problem.message)
        trusted = LOOPBACK
    web_app.settings.update(debate_kit_hub=hub, debate_kit_limits=Limits(), debate_kit_version=__version__,
                            debate_kit_device_cookie=shared_origin(),  # behind a hub: server/device.py
                            debate_kit_trusted_proxies=trusted)  # whose X-Forwarded-For is believed

    def route(path: str) -> str:
        return url_path_join(base, "debate-kit", path)

    web_app.add_handlers(".*$", [
        url(route("join/?"), PageHandler),
        url(route("join/([^/]{1,12})/?"), PageHandler),
        url(route("ws"), StudentSocket),
        url(route("teacher"), TeacherEntryHandler),
        url(route("lesson/([a-z0-9-]{1,80})\\.json"), LessonHandler),
        url(route("static/(.*)"), StaticHandler, {"path": str(STATIC)}),
        url(route("projector/([^/]{1,12})/?"), ProjectorPageHandler),
        url(route("projector-ws"), ProjectorSocket),
        url(route("projector-static/(.*)"), StaticHandler, {"path": str(PROJECTOR_STATIC)}),
    ])
    serverapp.io_loop.add_callback(apply_http_timeouts, serverapp)  # the HTTP server exists by then
    serverapp.log.info("debate_kit: student page at %s", route("join/CODE"))


def _unload_jupyter_server_extension(serverapp: Any) -> None:
    hub = serverapp.web_app.settings.pop("debate_kit_hub", None)
    if hub is not None:
        hub.close()
