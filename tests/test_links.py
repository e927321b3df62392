"""The students' address: never the teacher's loopback host when a public one is known."""

from __future__ import annotations

import pytest

from debate_kit.links import server_root, student_link


@pytest.mark.parametrize(("page", "root"), [
    ("http://10.0.0.5:8866/voila/render/teacher.ipynb", "http://10.0.0.5:8866/"),
    ("https://hub.example.org/user/ann/voila/render/notebooks/teacher.ipynb",
     "https://hub.example.org/user/ann/"),
    ("https://binder.example.org/user/x-abc/voila/render/notebooks/teacher.ipynb?token=SECRET",
     "https://binder.example.org/user/x-abc/"),
])
def test_server_root_from_the_teacher_page(page: str, root: str) -> None:
    assert server_root(page) == root


def test_public_url_wins_over_a_loopback_page() -> None:
    link, reachable = student_link("http://localhost:8866/voila/render/teacher.ipynb", "K7QF",
                                   "http://192.168.1.20:8866")
    assert link == "http://192.168.1.20:8866/debate-kit/join/K7QF" and reachable


def test_loopback_is_flagged_and_no_token_is_copied() -> None:
    link, reachable = student_link("http://127.0.0.1:8866/voila/render/teacher.ipynb?token=S", "K7QF", "")
    assert link == "http://127.0.0.1:8866/debate-kit/join/K7QF" and not reachable
    link, _ = student_link("https://h.example/user/a/voila/render/teacher.ipynb?token=SECRET", "K7QF", "")
    assert "SECRET" not in link and "token" not in link


def test_the_root_of_a_hub_service_page_keeps_its_own_prefix() -> None:
    from debate_kit.links import server_root

    page = "https://hub.school.example/services/debate-kit/debate-kit/present/K7QF"
    assert server_root(page) == "https://hub.school.example/services/debate-kit/"
    assert server_root("http://10.0.0.5:8866/debate-kit/projector/K7QF") == "http://10.0.0.5:8866/"


@pytest.mark.parametrize(("page", "link"), [
    ("http://127.0.0.1:8866/voila/render/teacher.ipynb",  # the laptop: the host the teacher is logged in on
     "http://127.0.0.1:8866/voila/render/lessons/new-soviet-union.ipynb?room=K7QF"),
    ("https://binder.example.org/user/x-abc/voila/render/notebooks/teacher.ipynb",
     "https://binder.example.org/user/x-abc/voila/render/notebooks/lessons/new-soviet-union.ipynb?room=K7QF"),
    ("https://hub.example.org/user/ann/voila/render/class%20one/teacher.ipynb",
     "https://hub.example.org/user/ann/voila/render/class%20one/lessons/new-soviet-union.ipynb?room=K7QF"),
])
def test_the_lesson_notebook_link_sits_beside_the_teacher_notebook(page: str, link: str) -> None:
    from debate_kit.links import lesson_notebook_link

    assert lesson_notebook_link(page, "K7QF", "new-soviet-union") == link


def test_the_lesson_notebook_link_keeps_the_teachers_host_and_nothing_secret(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from debate_kit.links import lesson_notebook_link, notebook_folder

    monkeypatch.setenv("DEBATE_KIT_PUBLIC_URL", "http://192.168.1.20:8866/")  # the phones: no login there
    link = lesson_notebook_link("http://localhost:8866/voila/render/teacher.ipynb?token=SECRET", "K7QF", "x")
    assert link == "http://localhost:8866/voila/render/lessons/x.ipynb?room=K7QF"
    assert notebook_folder("http://h/debate-kit/projector/K7QF") is None
    for page, code, lesson in [("http://h/debate-kit/projector/K7QF", "K7QF", "x"),  # not a Voila page
                               ("javascript:alert(1)//voila/render/t.ipynb", "K7QF", "x"),
                               ("http://h/voila/render/t.ipynb", "K7QF", "../../etc"),
                               ("http://h/voila/render/t.ipynb", "K7&a=b", "x")]:
        assert lesson_notebook_link(page, code, lesson) == ""
