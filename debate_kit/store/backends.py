"""Database connections: SQLite (embedded default) and PostgreSQL (scale-out).

A backend gives the store short transactions (``transaction()``), fills in the per-backend parts of the
schema, and makes the change feed cheap: SQLite's ``PRAGMA data_version`` or PostgreSQL's LISTEN/NOTIFY.
The store writes SQL with ``?`` placeholders; the PostgreSQL backend turns them into ``%s``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from debate_kit.core.errors import StoreError

BUSY_TIMEOUT_MS = 10_000
UNREACHABLE = ("Not saved: the class database cannot be reached right now. "
               "Try again in a moment; what was saved before is safe.")
LOCK_RETRIES = 20


class Cursor(Protocol):
    def execute(self, sql: str, params: tuple[Any, ...] = ...) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Backend(Protocol):
    url: str
    kind: str
    pk: str

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Cursor]: ...
    def notify(self, cur: Cursor, room_id: int) -> None: ...
    def listener(self, room_id: int) -> Any: ...
    def close(self) -> None: ...


class SQLiteBackend:
    """A SQLite file in WAL mode; every write is one ``BEGIN IMMEDIATE`` transaction, retried if busy."""

    kind = "sqlite"
    pk = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                check_same_thread=False,
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                "not-a-database",
                f"{self.path} is not a debate_kit database (SQLite says: {exc}). "
                "Choose another file with --db or DEBATE_KIT_DB.",
            ) from exc
        if mode.lower() != "wal":
            raise StoreError("no-wal", f"{self.path}: SQLite could not switch to WAL mode ({mode}).")
        return conn

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Cursor]:
        for attempt in range(LOCK_RETRIES):
            try:
                self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(min(0.5, 0.01 * 2**attempt) * random.random())
        else:
            raise StoreError("busy", "The class database is too busy right now; please try again.")
        cur = self._conn.cursor()
        try:
            yield cur
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            if any(word in str(exc).lower() for word in ("full", "disk i/o", "readonly", "locked", "busy")):
                raise StoreError("not-saved", f"Not saved: the class database could not write ({exc}). "
                                 "Try again in a moment; what was saved before is safe.") from exc
            raise
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def notify(self, cur: Cursor, room_id: int) -> None:
        """Nothing to do: other connections see ``PRAGMA data_version`` change on commit."""

    def listener(self, room_id: int) -> SQLiteListener:
        return SQLiteListener(self.path)

    def close(self) -> None:
        self._conn.close()


class FolderWatch:
    """Linux inotify on the database's folder: its fd becomes readable when a file there is written.

    A commit writes the ``-wal`` file, so an idle feed can sleep on this fd instead of polling (an idle
    kernel then costs no CPU). ``open()`` gives None where inotify is missing or its per-user limit
    (``fs.inotify.max_user_instances``, 128 on Debian) is reached: the feed then polls.
    """

    MASK = 0x2 | 0x100 | 0x80  # IN_MODIFY | IN_CREATE | IN_MOVED_TO

    def __init__(self, fd: int) -> None:
        self.fd = fd

    @classmethod
    def open(cls, folder: Path) -> FolderWatch | None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        if libc.inotify_add_watch(fd, os.fsencode(folder), cls.MASK) < 0:
            os.close(fd)
            return None
        return cls(fd)

    def drain(self) -> None:
        with contextlib.suppress(BlockingIOError, OSError):
            while os.read(self.fd, 65536):
                pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


class SQLiteListener:
    """Reports whether any other connection committed since the last call (about 3 µs a call).

    ``fileno()`` is a :class:`FolderWatch` fd that wakes on commits (Linux), or None: poll then.
    """

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._version = self._read()
        self._watch = FolderWatch.open(Path(path).resolve().parent)

    def _read(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def fileno(self) -> int | None:
        return None if self._watch is None else self._watch.fd

    def poll(self) -> bool:
        if self._watch is not None:
            self._watch.drain()  # before reading: a commit after the read wakes the next wait
        version = self._read()
        changed = version != self._version
        self._version = version
        return changed

    def close(self) -> None:
        self._conn.close()
        if self._watch is not None:
            self._watch.close()
            self._watch = None


class PostgresBackend:
    """PostgreSQL through psycopg 3 (imported only when a postgresql:// URL is used)."""

    kind = "postgresql"
    pk = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise StoreError(
                "no-psycopg",
                "A PostgreSQL URL needs psycopg: pip install 'debate_kit[postgres]'.",
            ) from exc
        self._psycopg = psycopg
        self._dict_row = dict_row
        self.url = url
        self._conn = self._connect()

    def _connect(self) -> Any:
        try:
            return self._psycopg.connect(self.url, row_factory=self._dict_row, connect_timeout=5)
        except self._psycopg.OperationalError as exc:
            raise StoreError(
                "unreachable", f"Cannot reach the PostgreSQL database: {exc}".strip()
            ) from exc

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Cursor]:
        """One transaction. After the database went away (restarted, network), the next call
        reconnects; a call that fails on the way raises ``StoreError("unreachable")`` and nothing of
        it is kept (the transaction never committed)."""
        if self._conn.closed or self._conn.broken:
            with contextlib.suppress(Exception):
                self._conn.close()
            try:
                self._conn = self._connect()
            except StoreError as exc:
                raise StoreError("unreachable", UNREACHABLE) from exc
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                yield _QmarkCursor(cur)
        except self._psycopg.OperationalError as exc:
            raise StoreError("unreachable", UNREACHABLE) from exc

    def notify(self, cur: Cursor, room_id: int) -> None:
        cur.execute("SELECT pg_notify('debate_kit', ?)", (str(room_id),))

    def listener(self, room_id: int) -> PostgresListener:
        return PostgresListener(self._psycopg, self.url, room_id)

    def close(self) -> None:
        self._conn.close()


class _QmarkCursor:
    """Lets the store's ``?`` placeholders run on psycopg (which uses ``%s``)."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._cur.execute(sql.replace("%", "%%").replace("?", "%s"), params)

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())

    @property
    def description(self) -> Any:
        return self._cur.description


class PostgresListener:
    """LISTENs on one connection; ``fileno()`` lets an event loop wait on it with no polling."""

    def __init__(self, psycopg: Any, url: str, room_id: int) -> None:
        self._conn = psycopg.connect(url, autocommit=True)
        self._conn.execute("LISTEN debate_kit")
        self._room = str(room_id)

    def fileno(self) -> int | None:
        return int(self._conn.fileno())

    def poll(self) -> bool:
        changed = False
        for note in self._conn.notifies(timeout=0, stop_after=1000):
            changed = changed or note.payload == self._room
        return changed

    def close(self) -> None:
        self._conn.close()


def open_backend(url: str) -> Backend:
    """Pick the backend from the URL: ``postgresql://…``, ``sqlite:///path`` or a plain path."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url)
    if url.startswith("sqlite:///"):
        return SQLiteBackend(Path(url.removeprefix("sqlite:///")).expanduser())
    if "://" in url:
        raise StoreError(
            "bad-url", f"Unknown database URL {redact_url(url)!r}: use a file path, sqlite:///PATH or postgresql://…"
        )
    return SQLiteBackend(Path(url).expanduser())


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for printing and logs)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
