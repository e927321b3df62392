"""Who teaches a hub room: the rules for naming co-teachers and handing a room over (pure).

A hub room's ``owners`` (in the store) are the owner first, then the co-teachers. Every owner may run
the class screen; only the owner names co-teachers or hands the room over. The owner stays until they
hand the room to someone else, so a room always has an owner. Names are hub user names as the hub
shows them; they are checked for shape here, and against the hub's users by
:mod:`debate_kit.service.hub_users` (the service's shell asks the hub).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from debate_kit.core.errors import InvalidInput, NotAllowed

#: At most this many co-teachers besides the owner.
MAX_CO_TEACHERS = 10
#: A hub user name: letters, digits and . _ - @ + (what hub authenticators give), 1 to 64 characters.
NAME_RE = re.compile(r"[\w][\w.@+-]{0,63}")
ONLY_OWNER = "Only the room's owner can change its teachers."


def check_name(value: object) -> str:
    """One hub user name, trimmed, or a message saying what is wrong with it."""
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise InvalidInput("teacher-empty", "Type the hub user name of a teacher.")
    if not NAME_RE.fullmatch(name):
        shown = name[:40] + ("…" if len(name) > 40 else "")
        raise InvalidInput("teacher-name", f"'{shown}' is not a hub user name: use the name the hub shows "
                                           "(letters, digits and . _ - @ +, at most 64 characters).")
    return name


def parse_names(text: object) -> list[str]:
    """Hub user names typed one a line or separated by commas or spaces, in order, each once."""
    raw = text if isinstance(text, str) else ""
    if len(raw) > 2000:
        raise InvalidInput("teachers-too-long", f"Name at most {MAX_CO_TEACHERS} co-teachers.")
    names: list[str] = []
    for part in re.split(r"[\s,;]+", raw):
        if part and (name := check_name(part)) not in names:
            names.append(name)
    return names


def check_owner(owners: Sequence[str], user: str) -> None:
    """Refuse anyone but the room's owner (the first of ``owners``)."""
    if not owners or owners[0] != user:
        raise NotAllowed("not-the-owner", ONLY_OWNER)


def with_co_teachers(owners: Sequence[str], user: str, text: object) -> tuple[str, ...]:
    """The room's teachers once ``user`` (the owner) names these co-teachers (the owner stays first)."""
    check_owner(owners, user)
    co = [n for n in parse_names(text) if n != user]
    if len(co) > MAX_CO_TEACHERS:
        raise InvalidInput("teachers-too-many",
                           f"A room has at most {MAX_CO_TEACHERS} co-teachers; you named {len(co)}.")
    return (user, *co)


def handed_over(owners: Sequence[str], user: str, new_owner: object, keep_me: bool) -> tuple[str, ...]:
    """The room's teachers once ``user`` (the owner) hands it to ``new_owner``; ``keep_me``: stay as a
    co-teacher. The other co-teachers stay."""
    check_owner(owners, user)
    name = check_name(new_owner)
    if name == user:
        raise InvalidInput("teacher-same", "You already own this room: name the teacher who takes it over.")
    co = [n for n in owners[1:] if n not in (name, user)]
    if keep_me:
        co.insert(0, user)
    if len(co) > MAX_CO_TEACHERS:
        raise InvalidInput("teachers-too-many", f"A room has at most {MAX_CO_TEACHERS} co-teachers: remove "
                                                "one first, or do not stay as a co-teacher.")
    return (name, *co)
