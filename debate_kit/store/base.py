"""The store's foundation: opening a database, the schema version, transactions and the teacher check."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from debate_kit.core.errors import NotAllowed, NotFound, StoreError
from debate_kit.store.backends import Backend, Cursor, open_backend
from debate_kit.store.models import Room
from debate_kit.store.schema import APP_MARK, MIGRATIONS, SCHEMA_VERSION


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def digest(secret: str) -> str:
    """SHA-256 of a secret (teacher key or device token): the store never keeps secrets themselves."""
    return hashlib.sha256(secret.encode()).hexdigest()


class StoreBase:
    """Opens (and creates or upgrades) the database; subclasses add the operations."""

    def __init__(self, url: str) -> None:
        self.backend: Backend = open_backend(url)
        self.url = self.backend.url
        try:
            self._prepare_schema()
        except BaseException:
            self.backend.close()
            raise

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, room_id: int | None = None) -> Iterator[Cursor]:
        """A write transaction; if ``room_id`` is given, that room's revision moves on and it is notified."""
        with self.backend.transaction(write=True) as cur:
            yield cur
            if room_id is not None:
                self._touch(cur, room_id)

    def _touch(self, cur: Cursor, room_id: int) -> None:
        """Move the room's revision on and tell listeners, inside the caller's write transaction."""
        cur.execute("UPDATE rooms SET revision = revision + 1 WHERE id = ?", (room_id,))
        self.backend.notify(cur, room_id)

    @contextmanager
    def _read(self) -> Iterator[Cursor]:
        with self.backend.transaction(write=False) as cur:
            yield cur

    # -- schema -------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self._read() as cur:
            return _version(cur, self.backend.kind)

    def _prepare_schema(self) -> None:
        with self.backend.transaction(write=True) as cur:
            if self.backend.kind == "postgresql":
                cur.execute("SELECT pg_advisory_xact_lock(7231001)")
            version = _version(cur, self.backend.kind)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    "schema-too-new",
                    f"This database was written by a newer debate_kit (schema version {version}; "
                    f"this debate_kit understands up to {SCHEMA_VERSION}). "
                    "Upgrade debate_kit, or use another database file.",
                )
            for step in range(version, SCHEMA_VERSION):
                self._migrate(cur, step)

    def _migrate(self, cur: Cursor, step: int) -> None:
        for statement in MIGRATIONS[step]:
            cur.execute(statement.format(pk=self.backend.pk))
        if step == 0:
            cur.execute("INSERT INTO dk_meta (key, value) VALUES ('app', ?)", (APP_MARK,))
            cur.execute("INSERT INTO dk_meta (key, value) VALUES ('schema_version', '1')")
        cur.execute("UPDATE dk_meta SET value = ? WHERE key = 'schema_version'", (str(step + 1),))

    # -- helpers shared by the operations -----------------------------------------------------------
    def _room_row(self, cur: Cursor, room_id: int) -> Any:
        cur.execute("SELECT * FROM rooms WHERE id = ?", (room_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFound("room-unknown", "This room does not exist (any more).")
        return row

    def _check_teacher(self, cur: Cursor, room_id: int, teacher_key: object) -> Any:
        row = self._room_row(cur, room_id)
        if not isinstance(teacher_key, str) or not hmac.compare_digest(
            digest(teacher_key), row["teacher_hash"]
        ):
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        return row


def room_from_row(row: Any) -> Room:
    settings = json.loads(row["settings"])
    rubric = settings.get("rubric", {})
    return Room(
        id=int(row["id"]),
        code=row["code"],
        title=row["title"],
        lesson=row["lesson"],
        phase=row["phase"],
        closed=bool(row["closed"]),
        revision=int(row["revision"]),
        created_at=row["created_at"],
        rubric_min=int(rubric.get("min", 1)),
        rubric_max=int(rubric.get("max", 5)),
        rubric_criteria=tuple(rubric.get("criteria", ("clash", "evidence", "reasoning", "delivery"))),
        speech=settings.get("speech"),
        locked=bool(settings.get("locked", False)),
        max_people=int(settings.get("max_people", Room.max_people)),
        owners=tuple(settings.get("owners", ())),
        hub_salt=str(settings.get("hub_salt", "")),
        shown_card=settings.get("shown_card"),
    )


def _version(cur: Cursor, kind: str) -> int:
    """0 for an empty database; refuses a database that has tables but is not debate_kit's."""
    if kind == "postgresql":
        cur.execute(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = "
            "current_schema()"
        )
    else:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    tables = {row["name"] for row in cur.fetchall()}
    if "dk_meta" not in tables:
        if tables - {"sqlite_sequence"}:
            raise StoreError(
                "foreign-database",
                "This database belongs to another program (it has tables but none of debate_kit's). "
                "Choose another file with --db or DEBATE_KIT_DB.",
            )
        return 0
    cur.execute("SELECT key, value FROM dk_meta WHERE key IN ('app', 'schema_version')")
    meta = {row["key"]: row["value"] for row in cur.fetchall()}
    if meta.get("app") != APP_MARK:
        raise StoreError("foreign-database", "This database was not made by debate_kit.")
    return int(meta.get("schema_version", "0"))
