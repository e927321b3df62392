"""Friendly anonymous names for students who would rather not type theirs."""

from __future__ import annotations

import secrets

_ADJECTIVES = ("Brave", "Calm", "Clever", "Curious", "Eager", "Gentle", "Honest", "Lucky", "Quiet",
               "Quick", "Sharp", "Steady", "Sunny", "Wise", "Witty", "Bold")
_ANIMALS = ("Otter", "Falcon", "Badger", "Heron", "Lynx", "Panda", "Puffin", "Raven", "Seal",
            "Tiger", "Wolf", "Fox", "Koala", "Owl", "Hare", "Bison")


def pseudonym() -> str:
    """A friendly anonymous name such as "Curious Otter 42"."""
    return f"{secrets.choice(_ADJECTIVES)} {secrets.choice(_ANIMALS)} {secrets.randbelow(90) + 10}"
