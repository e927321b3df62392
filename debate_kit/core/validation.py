"""Checks for values typed by people: names, answers, join codes, ids.

Each function returns the cleaned value or raises :class:`InvalidInput` with a message a student can act
on. The store calls these before anything is written, so a browser that forges a value gets the same
answer as one that types it.
"""

from __future__ import annotations

import random
import re
import unicodedata

from debate_kit.core.errors import InvalidInput
from debate_kit.core.vocabulary import PHASES

MAX_NAME = 60
MAX_ANSWER = 5000
MAX_TITLE = 120
#: Letters and digits that cannot be confused when read from a projector (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 4
#: The largest id a database integer holds (SQLite and PostgreSQL BIGINT).
MAX_ROW_ID = 2**63 - 1
_CODE_RE = re.compile(f"^[{JOIN_ALPHABET}]{{4,6}}$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


#: Joiners that shape emoji and scripts (Persian, Indic): kept between two non-ASCII characters only.
JOINERS = "\u200c\u200d"
#: Letters that show as nothing (Hangul fillers) and the combining grapheme joiner: removed like Cf.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f")


def _invisible(text: str, i: int) -> bool:
    ch = text[i]
    if ch in JOINERS:  # a joiner at an edge, or next to ASCII, joins nothing: it only hides a difference
        return not (0 < i < len(text) - 1 and not text[i - 1].isascii() and not text[i + 1].isascii()
                    and not text[i - 1].isspace() and not text[i + 1].isspace())
    return unicodedata.category(ch) == "Cf" or ch in BLANK_LETTERS


def strip_invisible(text: str) -> str:
    """``text`` without invisible format characters: bidi overrides, isolates and marks (which reorder
    what is shown around them, in a view or a spreadsheet), zero-width spaces, soft hyphens, byte-order
    marks and blank fillers. Joiners stay only inside emoji and scripts that need them."""
    if text.isascii():
        return text
    return "".join(ch for i, ch in enumerate(text) if not _invisible(text, i))


def _has_control(text: str, allow_newlines: bool) -> bool:
    for ch in text:
        if allow_newlines and ch in "\n\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in JOINERS:
            return True
    return False


def clean_name(value: object) -> str:
    """A display name: 1 to 60 characters, no control characters, spaces tidied."""
    if not isinstance(value, str):
        raise InvalidInput("name-type", "Please type a name.")
    name = " ".join(strip_invisible(value).split())
    if not name:
        raise InvalidInput("name-empty", "Please type a name (or choose an anonymous one).")
    if len(name) > MAX_NAME:
        raise InvalidInput(
            "name-too-long", f"Names can be at most {MAX_NAME} characters; yours has {len(name)}."
        )
    if _has_control(name, allow_newlines=False):
        raise InvalidInput("name-control", "Your name contains invisible control characters.")
    return name


def clean_text(value: object, *, limit: int = MAX_ANSWER, what: str = "answer") -> str:
    """Free text such as an answer to a prompt: at most ``limit`` characters, invisible format characters
    removed (:func:`strip_invisible`), no control characters but newline and tab."""
    if not isinstance(value, str):
        raise InvalidInput(f"{what}-type", f"Your {what} must be text.")
    text = strip_invisible(value.replace("\r\n", "\n")).strip()
    if len(text) > limit:
        raise InvalidInput(
            f"{what}-too-long",
            f"Your {what} is {len(text):,} characters long; the limit is {limit:,}. Please shorten it.",
        )
    if _has_control(text, allow_newlines=True):
        raise InvalidInput(f"{what}-control", f"Your {what} contains invisible control characters.")
    return text


def clean_title(value: object) -> str:
    """A room title: like a name but up to 120 characters."""
    title = " ".join(strip_invisible(value).split()) if isinstance(value, str) else ""
    if not title:
        raise InvalidInput("title-empty", "Please give the room a title.")
    if len(title) > MAX_TITLE or _has_control(title, allow_newlines=False):
        raise InvalidInput(
            "title-invalid", f"A title has at most {MAX_TITLE} characters and no control characters."
        )
    return title


def normalize_join_code(value: object) -> str:
    """Upper-case a typed join code and check it could be one (4 to 6 unambiguous characters)."""
    if not isinstance(value, str):
        raise InvalidInput("code-type", "Please type the room code shown on the board.")
    code = "".join(value.split()).upper()
    if not _CODE_RE.match(code):
        raise InvalidInput(
            "code-invalid",
            "That is not a room code. Codes have 4 to 6 letters and digits, like K7QF: "
            "check the code on the board.",
        )
    return code


def new_join_code(rng: random.Random, length: int = JOIN_CODE_LENGTH) -> str:
    """A random join code from :data:`JOIN_ALPHABET`."""
    return "".join(rng.choice(JOIN_ALPHABET) for _ in range(length))


def check_id(value: object, what: str = "id") -> str:
    """A lesson id (prompt, poll, section): lowercase letters, digits and hyphens."""
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise InvalidInput(f"{what}-invalid", f"Unknown {what}.")
    return value


def check_row_id(value: object, what: str = "item") -> int:
    """A database id (poll, speech, participant): a whole number from 0 to 2**63 - 1 (what a database
    integer holds); a larger one names nothing, so it is refused here rather than overflow in the store."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ROW_ID:
        raise InvalidInput(f"{what}-unknown", f"There is no such {what}: reload the page.")
    return value


def check_phase(value: object) -> str:
    """One of :data:`PHASES`."""
    if value not in PHASES:
        raise InvalidInput("phase-unknown", f"Unknown phase {value!r}; phases are {', '.join(PHASES)}.")
    return str(value)
