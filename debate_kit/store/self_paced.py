"""Self-paced answers in the store: a student's own answers to a lesson's questions, kept without a room.

A row per (lesson, owner, prompt); the owner is the SHA-256 of the device token or of
``jupyterhub-user:<name>`` (the same identity strings the rooms use), never the secret itself. Values are
checked here like a room's answers: ids are lesson ids, a text is at most 5,000 characters (an empty
text removes the answer) and one owner keeps at most :data:`MAX_PROMPTS` answers per lesson. Nothing
here belongs to a room, so no change feed is told. :meth:`delete_self_paced` removes an owner's answers
(one lesson or all) on request.
"""

from __future__ import annotations

from debate_kit.core.errors import NotAllowed
from debate_kit.core.validation import check_id, clean_text
from debate_kit.store.base import StoreBase, digest, now
from debate_kit.store.classroom import _token  # the rooms' check of the same token

MAX_PROMPTS = 200
TOO_MANY = "This lesson already has as many saved answers as it can keep; please tell your teacher."


def owner_of(token: object) -> str:
    """The owner key of a device token or hub identity (its SHA-256); refuses anything else."""
    return digest(_token(token))


class SelfPacedOps(StoreBase):
    def save_self_paced(self, lesson_id: object, token: object, prompt: object, text: object) -> str:
        """Keep (replace, or remove if empty) the owner's answer to ``prompt``; returns the stored text."""
        lesson_id = check_id(lesson_id, "lesson")
        prompt = check_id(prompt, "prompt")
        owner = owner_of(token)
        text = clean_text(text)
        with self._tx() as cur:
            if not text:
                cur.execute("DELETE FROM self_paced_answers WHERE lesson = ? AND owner = ? AND prompt = ?",
                            (lesson_id, owner, prompt))
                return ""
            cur.execute("SELECT COUNT(*) AS n FROM self_paced_answers WHERE lesson = ? AND owner = ? "
                        "AND prompt <> ?", (lesson_id, owner, prompt))
            if int(cur.fetchone()["n"]) >= MAX_PROMPTS:
                raise NotAllowed("self-paced-full", TOO_MANY)
            cur.execute(
                "INSERT INTO self_paced_answers (lesson, owner, prompt, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (lesson, owner, prompt) DO UPDATE SET "
                "text = excluded.text, updated_at = excluded.updated_at",
                (lesson_id, owner, prompt, text, now()))
        return text

    def self_paced_answers(self, lesson_id: object, token: object) -> dict[str, str]:
        """Prompt id -> the owner's kept answer, for one lesson."""
        lesson_id = check_id(lesson_id, "lesson")
        with self._read() as cur:
            cur.execute("SELECT prompt, text FROM self_paced_answers WHERE lesson = ? AND owner = ? "
                        "ORDER BY prompt", (lesson_id, owner_of(token)))
            return {r["prompt"]: r["text"] for r in cur.fetchall()}

    def delete_self_paced(self, token: object, lesson_id: object | None = None) -> int:
        """Remove the owner's answers (to one lesson, or to every lesson); returns how many were removed."""
        owner = owner_of(token)
        sql, params = "DELETE FROM self_paced_answers WHERE owner = ?", (owner,)
        if lesson_id is not None:
            sql, params = sql + " AND lesson = ?", (owner, check_id(lesson_id, "lesson"))
        with self._tx() as cur:
            cur.execute(sql + " RETURNING prompt", params)
            return len(cur.fetchall())
