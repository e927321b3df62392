"""Errors with a stable ``code`` for programs and a ``message`` a student or teacher can read.

Every error that can reach a person is a :class:`DebateKitError`. The widgets show ``message`` as it is,
so it is written for a 15-year-old, names the problem and, where possible, says what to do.
"""

from __future__ import annotations


class DebateKitError(Exception):
    """Base class: ``code`` is stable (for tests and the UI), ``message`` is safe to show."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(DebateKitError):
    """The value sent is not acceptable (too long, not an option, out of range...)."""


class NotFound(DebateKitError):
    """The room, poll, participant or speech does not exist."""


class NotAllowed(DebateKitError):
    """The caller has no right to do this now (wrong teacher key, closed poll, own team...)."""


class StoreError(DebateKitError):
    """The database cannot be used (not a debate_kit database, newer schema, unreachable)."""


class LessonError(DebateKitError):
    """A lesson file is wrong. ``problems`` lists every problem found, each naming file and line."""

    def __init__(self, problems: list[LessonProblem]) -> None:
        self.problems = problems
        text = "\n".join(str(p) for p in problems)
        super().__init__("lesson-invalid", f"The lesson has {len(problems)} problem(s):\n{text}")


class LessonProblem:
    """One problem in a lesson: where it is (file, line) and what is wrong."""

    __slots__ = ("file", "line", "message")

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def __repr__(self) -> str:
        return f"LessonProblem({self.file!r}, {self.line!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LessonProblem) and (self.file, self.line, self.message) == (
            other.file,
            other.line,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.message))
