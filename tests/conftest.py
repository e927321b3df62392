"""Shared fixtures. ``store_url`` runs a test on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from debate_kit.store import Store, open_store
from debate_kit.testing import TemporaryPostgres

ROOT = Path(__file__).resolve().parent.parent
_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    with TemporaryPostgres() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    server: TemporaryPostgres = request.getfixturevalue("postgres")
    return server.new_database(f"t{next(_db_numbers)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
