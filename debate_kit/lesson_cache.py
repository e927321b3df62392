"""Lessons by id, read once and kept in a bounded cache; a problem is logged once per id, on one line.

Anyone can ask the light page for any lesson id (``debate-kit/lesson/ID.json``), so an unknown id must
cost a file-system check, not a cache entry or a log paragraph: only ids that name a lesson folder are
cached (at most :data:`CACHE_SIZE`, least recently used out first), and at most :data:`LOGGED_IDS`
different ids are ever logged.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from debate_kit.core.errors import DebateKitError
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.validation import check_id

log = logging.getLogger("debate_kit.apps")
CACHE_SIZE = 32
LOGGED_IDS = 200


class _Once:
    """Logs one warning line per id, for at most ``limit`` ids (then one line saying so)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.seen: set[str] = set()
        self.full = False

    def warn(self, lesson_id: str, problem: str) -> None:
        if lesson_id in self.seen or self.full:
            return
        if len(self.seen) >= self.limit:
            self.full = True
            log.warning("debate_kit: more unknown or broken lessons were asked for; no longer logged")
            return
        self.seen.add(lesson_id)
        log.warning("debate_kit: lesson %s cannot be loaded: %s", lesson_id[:80], " ".join(problem.split()))


def lesson_loader(readings: Path, *, size: int = CACHE_SIZE,
                  logged: int = LOGGED_IDS) -> Callable[[str], Lesson | None]:
    """A function lesson id -> Lesson (or None if it is missing or broken; the problem is logged once)."""
    cache: OrderedDict[str, Lesson | None] = OrderedDict()
    once = _Once(logged)
    lock = threading.Lock()

    def load(lesson_id: str) -> Lesson | None:
        from debate_kit.content import load_lesson

        with lock:
            if lesson_id in cache:
                cache.move_to_end(lesson_id)
                return cache[lesson_id]
            try:
                folder = readings / check_id(lesson_id, "lesson")
            except DebateKitError as error:
                once.warn(repr(lesson_id)[:40], error.message)
                return None
            if not folder.is_dir():  # not cached: an unknown id costs one check, however many are tried
                once.warn(lesson_id, "there is no lesson folder with this id")
                return None
            lesson: Lesson | None = None
            try:
                lesson = load_lesson(folder)
            except DebateKitError as error:
                once.warn(lesson_id, error.message)
            except Exception as error:
                once.warn(lesson_id, f"{type(error).__name__}: {error}")
                log.debug("debate_kit: lesson %s", lesson_id, exc_info=True)
            cache[lesson_id] = lesson
            while len(cache) > size:
                cache.popitem(last=False)
            return lesson

    return load
