"""The one schema, as numbered migrations for SQLite and PostgreSQL.

``MIGRATIONS[n]`` takes a database from version n to n + 1. The same statements serve both backends;
``{pk}`` and ``{now}`` are filled in per backend. Never edit a released migration: add a new one.
"""

from __future__ import annotations

SCHEMA_VERSION = 7
APP_MARK = "debate_kit"

_V1 = [
    """CREATE TABLE dk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE rooms (
        id {pk},
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        lesson TEXT NOT NULL,
        phase TEXT NOT NULL DEFAULT 'join',
        teacher_hash TEXT NOT NULL,
        closed INTEGER NOT NULL DEFAULT 0,
        revision BIGINT NOT NULL DEFAULT 0,
        settings TEXT NOT NULL DEFAULT '{{}}',
        created_at TEXT NOT NULL)""",
    """CREATE TABLE participants (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'student',
        created_at TEXT NOT NULL,
        UNIQUE (room_id, token_hash),
        UNIQUE (room_id, name))""",
    """CREATE TABLE polls (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        question TEXT NOT NULL,
        kind TEXT NOT NULL,
        options TEXT NOT NULL,
        section TEXT,
        state TEXT NOT NULL DEFAULT 'draft',
        created_at TEXT NOT NULL,
        UNIQUE (room_id, key))""",
    """CREATE TABLE votes (
        id {pk},
        poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        choice TEXT NOT NULL,
        cast_at TEXT NOT NULL)""",
    """CREATE TABLE rounds (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        seed BIGINT NOT NULL,
        format TEXT NOT NULL,
        published INTEGER NOT NULL DEFAULT 0,
        scoring TEXT NOT NULL DEFAULT 'closed',
        created_at TEXT NOT NULL,
        UNIQUE (room_id, number))""",
    """CREATE TABLE seats (
        round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        debate INTEGER,
        speaker INTEGER,
        PRIMARY KEY (round_id, participant_id))""",
    """CREATE TABLE speeches (
        id {pk},
        round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        debate INTEGER NOT NULL,
        side TEXT NOT NULL,
        label TEXT NOT NULL,
        speaker_id BIGINT REFERENCES participants(id) ON DELETE SET NULL)""",
    """CREATE TABLE scores (
        id {pk},
        speech_id BIGINT NOT NULL REFERENCES speeches(id) ON DELETE CASCADE,
        scorer_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        vals TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        UNIQUE (speech_id, scorer_id))""",
    """CREATE TABLE answers (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        prompt TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (participant_id, prompt))""",
]

# Version 2: the index behind "latest vote per participant" and a timestamp for closing a room.
_V2 = [
    "CREATE INDEX votes_by_poll ON votes (poll_id, participant_id, id)",
    "ALTER TABLE rooms ADD COLUMN closed_at TEXT",
]

# Version 3: one row per (poll, participant): the current vote, the first choice and how many times it
# changed (votes were append-only: a flood grew the store without bound). Existing votes are converted:
# the latest row of each voter is kept, with their first choice and the number of changes of option.
_V3_VOTES = [
    "ALTER TABLE votes ADD COLUMN first_choice TEXT",
    "ALTER TABLE votes ADD COLUMN changes BIGINT NOT NULL DEFAULT 0",
    """UPDATE votes SET
        first_choice = (SELECT f.choice FROM votes f WHERE f.poll_id = votes.poll_id
                        AND f.participant_id = votes.participant_id ORDER BY f.id LIMIT 1),
        changes = (SELECT COUNT(*) FROM votes e WHERE e.poll_id = votes.poll_id
                   AND e.participant_id = votes.participant_id
                   AND e.choice <> (SELECT p.choice FROM votes p WHERE p.poll_id = e.poll_id
                                    AND p.participant_id = e.participant_id AND p.id < e.id
                                    ORDER BY p.id DESC LIMIT 1))
       WHERE id = (SELECT MAX(m.id) FROM votes m WHERE m.poll_id = votes.poll_id
                   AND m.participant_id = votes.participant_id)""",
    "DELETE FROM votes WHERE first_choice IS NULL",
    "DROP INDEX votes_by_poll",
    "CREATE UNIQUE INDEX votes_one_per_voter ON votes (poll_id, participant_id)",
]

# Version 4: evidence cards (a claim, its evidence and source, a source check and the reasoning; one row
# per card, its author's) and the marks teammates put on them for their speeches (issue 19).
_V4_CARDS = [
    """CREATE TABLE cards (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        claim TEXT NOT NULL,
        claim_from TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL,
        outlet TEXT NOT NULL,
        date TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        source_ref TEXT NOT NULL DEFAULT '',
        behind TEXT NOT NULL,
        others TEXT NOT NULL,
        trust TEXT NOT NULL,
        trust_reason TEXT NOT NULL,
        reasoning TEXT NOT NULL,
        helps TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX cards_by_room ON cards (room_id, participant_id)",
    """CREATE TABLE card_marks (
        card_id BIGINT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        marked_at TEXT NOT NULL,
        PRIMARY KEY (card_id, participant_id))""",
]

# Version 5: a student's reflection on their own swing (issue 19): per motion (its after poll), the
# before and after choices it was written about, the movement, what moved them and what mattered most.
_V5_REFLECTIONS = [
    """CREATE TABLE reflections (
        id {pk},
        room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        participant_id BIGINT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        before_choice TEXT NOT NULL,
        after_choice TEXT NOT NULL,
        movement TEXT NOT NULL,
        why TEXT NOT NULL,
        mattered TEXT NOT NULL,
        mattered_label TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (participant_id, poll_id))""",
    "CREATE INDEX reflections_by_room ON reflections (room_id)",
]

# Version 6 (issue 19 item 3): the cards cited in a speech, tagged by its speaker or the teacher: one row per
# (round, debate, running-order slot, card); ``tagged_by`` NULL: the teacher (or a removed student).
_V6_SPEECH_CARDS = [
    """CREATE TABLE speech_cards (
        round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        debate INTEGER NOT NULL,
        slot TEXT NOT NULL,
        card_id BIGINT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        tagged_by BIGINT REFERENCES participants(id) ON DELETE SET NULL,
        tagged_at TEXT NOT NULL,
        PRIMARY KEY (round_id, debate, slot, card_id))""",
    "CREATE INDEX speech_cards_by_card ON speech_cards (card_id)",
]

# Version 7 (issue 20 item 3): a self-paced student's own answers to a lesson, kept without a room: one row
# per (lesson, owner, prompt); ``owner``: the SHA-256 of the device token or hub identity (never the secret).
_V7_SELF_PACED = [
    """CREATE TABLE self_paced_answers (
        lesson TEXT NOT NULL,
        owner TEXT NOT NULL,
        prompt TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (lesson, owner, prompt))""",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3_VOTES, _V4_CARDS, _V5_REFLECTIONS, _V6_SPEECH_CARDS,
                               _V7_SELF_PACED]

EXPORT_TABLES = ("rooms", "participants", "polls", "votes", "rounds", "seats", "speeches", "scores",
                 "answers", "cards", "card_marks", "reflections",
                 "speech_cards")
