"""The classroom store: the only state that students' kernels share.

``open_store(url)`` picks SQLite (a file path or ``sqlite:///path``; the default) or PostgreSQL
(``postgresql://…``). Every value from a browser is validated here before it is written, and every
teacher-only operation checks the room's teacher key here, not only in the UI.
"""

from __future__ import annotations

import os
from pathlib import Path

from debate_kit.store.cards import Card, CardOps
from debate_kit.store.debates import DebateOps
from debate_kit.store.feed import ChangeFeed
from debate_kit.store.membership import MembershipOps
from debate_kit.store.models import Answer, Participant, Poll, Room, Round, ScoreRow, SeatRow, Speech, Vote
from debate_kit.store.polls import PollOps
from debate_kit.store.reflections import Reflection, ReflectionOps
from debate_kit.store.schema import EXPORT_TABLES, SCHEMA_VERSION
from debate_kit.store.self_paced import SelfPacedOps
from debate_kit.store.speech_cards import SpeechCard, SpeechCardOps

__all__ = [
    "SCHEMA_VERSION", "Answer", "Card", "ChangeFeed", "Participant", "Poll", "Reflection", "Room", "Round",
    "ScoreRow", "SeatRow", "Speech", "SpeechCard", "Store", "Vote", "default_url", "open_store",
]

DEFAULT_PATH = Path("~/.local/share/debate_kit/classroom.sqlite3")
#: Columns never exported: hashes of secrets.
SECRET_COLUMNS = {"teacher_hash", "token_hash"}


def default_url() -> str:
    """``DEBATE_KIT_DB`` if set, else the default SQLite file under ~/.local/share/debate_kit/."""
    return os.environ.get("DEBATE_KIT_DB") or str(DEFAULT_PATH.expanduser())


class Store(DebateOps, MembershipOps, SpeechCardOps, CardOps, ReflectionOps, SelfPacedOps, PollOps):
    """All classroom operations over one database connection."""

    def feed(self, room_id: int) -> ChangeFeed:
        return ChangeFeed(self, room_id)

    def export_tables(self, room_id: int) -> dict[str, tuple[list[str], list[list[object]]]]:
        """Each table's header and this room's rows, secrets left out (files: :mod:`debate_kit.export`)."""
        return {table: self._export_rows(table, room_id) for table in EXPORT_TABLES}

    def _export_rows(self, table: str, room_id: int) -> tuple[list[str], list[list[object]]]:
        scope = {
            "rooms": "id = ?",
            "participants": "room_id = ?",
            "polls": "room_id = ?",
            "votes": "poll_id IN (SELECT id FROM polls WHERE room_id = ?)",
            "rounds": "room_id = ?",
            "seats": "round_id IN (SELECT id FROM rounds WHERE room_id = ?)",
            "speeches": "round_id IN (SELECT id FROM rounds WHERE room_id = ?)",
            "scores": "speech_id IN (SELECT s.id FROM speeches s JOIN rounds r "
            "ON s.round_id = r.id WHERE r.room_id = ?)",
            "answers": "room_id = ?",
            "cards": "room_id = ?",
            "card_marks": "card_id IN (SELECT id FROM cards WHERE room_id = ?)",
            "reflections": "room_id = ?",
            "speech_cards": "round_id IN (SELECT id FROM rounds WHERE room_id = ?)",
        }[table]
        with self._read() as cur:
            cur.execute(f"SELECT * FROM {table} WHERE {scope}", (room_id,))
            rows = cur.fetchall()
            if rows:
                columns = list(rows[0].keys())
            else:
                cur.execute(f"SELECT * FROM {table} WHERE 1 = 0")
                columns = [d[0] for d in cur.description]
        header = [c for c in columns if c not in SECRET_COLUMNS]
        return header, [[row[c] for c in header] for row in rows]


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading) the store at ``url``, or at :func:`default_url`."""
    return Store(url or default_url())
