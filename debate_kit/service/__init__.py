"""debate_kit as a JupyterHub service (``debate-kit service``): the one process that holds the class
database on a school's hub.

It runs at ``/services/<name>/`` behind the hub's proxy: the students' routes of the server extension
(public, no hub login, exactly as on a laptop) and the teacher's side, authenticated by the hub's OAuth
(:mod:`debate_kit.service.handlers`): rooms belong to hub users (the owner names co-teachers or hands
the room over: :mod:`debate_kit.service.teachers`), the class screen with its buttons runs the
lesson, and the room's teachers download its data and read its results
(:mod:`debate_kit.service.room_files`) and run the class list, the door and the evidence cards
(:mod:`debate_kit.service.class_page`, updating itself), read the class's answers
(:mod:`debate_kit.service.answers_page`) and plan, preview, swap and publish the sides
(:mod:`debate_kit.service.sides_page`). Users' own servers need no database URL and browsers keep no
teacher key.
See docs/jupyterhub.md.
"""

from __future__ import annotations

import os
from typing import Any

#: How long the hub's answer "this cookie is teacher X" is kept: a hub logout deletes the session's tokens,
#: and the service notices at the next lookup (``DEBATE_KIT_HUB_AUTH_CACHE`` seconds, 0 to 300).
AUTH_CACHE_SECONDS = 10


def auth_cache_seconds() -> int:
    try:
        return max(0, min(300, int(os.environ.get("DEBATE_KIT_HUB_AUTH_CACHE", AUTH_CACHE_SECONDS))))
    except ValueError:
        return AUTH_CACHE_SECONDS


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "debate_kit.service"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """The teacher's routes (hub OAuth); loaded after ``debate_kit.server``, which made the hub."""
    from jupyter_server.utils import url_path_join
    from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler
    from tornado.web import url

    from debate_kit import config
    from debate_kit.content import list_lessons
    from debate_kit.service.answers_page import AnswersHandler
    from debate_kit.service.auth import service_secret
    from debate_kit.service.class_page import ClassPageHandler
    from debate_kit.service.handlers import PresentPageHandler, PresentSocket, RoomsHandler
    from debate_kit.service.hub_users import hub_asker
    from debate_kit.service.room_files import ExportHandler, ResultsHandler
    from debate_kit.service.sides_page import SidesPageHandler
    from debate_kit.service.teachers import TeachersHandler

    web_app = serverapp.web_app
    base = web_app.settings["base_url"]
    hub = web_app.settings.get("debate_kit_hub")
    if hub is None:
        serverapp.log.error("debate_kit service: the store is not open; teachers cannot sign in")
        return

    def lessons() -> list[tuple[str, str]]:
        found = [(f.name, hub.lessons(f.name)) for f in list_lessons(config.readings_dir())]
        return [(i, lesson.title) for i, lesson in found if lesson is not None]

    auth = HubOAuth(cache_max_age=auth_cache_seconds())  # a hub logout ends access within this
    web_app.settings.update(hub_auth=auth, debate_kit_secret=service_secret(), debate_kit_lessons=lessons,
                            debate_kit_ask_hub=hub_asker(auth.api_url, auth.api_token))
    web_app.add_handlers(".*$", [
        url(url_path_join(base, "oauth_callback"), HubOAuthCallbackHandler),
        url(url_path_join(base, "debate-kit", "rooms"), RoomsHandler),
        url(url_path_join(base, "debate-kit", "present", "([^/]{1,12})"), PresentPageHandler),
        url(url_path_join(base, "debate-kit", "present-ws"), PresentSocket),
        url(url_path_join(base, "debate-kit", "teachers", "([^/]{1,12})"), TeachersHandler),
        url(url_path_join(base, "debate-kit", "export", "([^/]{1,12})"), ExportHandler),
        url(url_path_join(base, "debate-kit", "results", "([^/]{1,12})"), ResultsHandler),
        url(url_path_join(base, "debate-kit", "class", "([^/]{1,12})"), ClassPageHandler),
        url(url_path_join(base, "debate-kit", "answers", "([^/]{1,12})"), AnswersHandler),
        url(url_path_join(base, "debate-kit", "sides", "([^/]{1,12})"), SidesPageHandler),
    ])
