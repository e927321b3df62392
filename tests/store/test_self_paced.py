"""Self-paced answers in the store (issue 20 item 3), on SQLite and on PostgreSQL: kept per lesson, owner
and prompt, the owner only as a hash, limits like a room's answers, deleted on request."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.store import Store
from debate_kit.store.base import digest
from debate_kit.store.self_paced import MAX_PROMPTS
from tests.store.helpers import token

LESSON = "new-soviet-union"


def test_answers_are_kept_replaced_and_removed_per_owner(store: Store) -> None:
    ann, hub = token("Ann"), "jupyterhub-user:ben"
    assert store.self_paced_answers(LESSON, ann) == {}
    assert store.save_self_paced(LESSON, ann, "opening-claim", "  First try.\u200b ") == "First try."
    store.save_self_paced(LESSON, ann, "opening-claim", "Second try.")
    store.save_self_paced(LESSON, ann, "opening-language", "Loaded words.")
    store.save_self_paced(LESSON, hub, "opening-claim", "Ben's answer.")
    store.save_self_paced("other-lesson", ann, "opening-claim", "Elsewhere.")
    assert store.self_paced_answers(LESSON, ann) == {"opening-claim": "Second try.",
                                                     "opening-language": "Loaded words."}
    assert store.self_paced_answers(LESSON, hub) == {"opening-claim": "Ben's answer."}
    assert store.save_self_paced(LESSON, ann, "opening-language", "   ") == ""  # empty: removed
    assert store.self_paced_answers(LESSON, ann) == {"opening-claim": "Second try."}


def test_the_store_keeps_only_a_hash_of_the_owner(store: Store) -> None:
    store.save_self_paced(LESSON, token("Ann"), "opening-claim", "Mine.")
    with store._read() as cur:
        cur.execute("SELECT * FROM self_paced_answers")
        rows = cur.fetchall()
    assert [r["owner"] for r in rows] == [digest(token("Ann"))]
    assert token("Ann") not in str([dict(r) for r in rows])


def test_bad_input_is_refused_with_a_clear_message(store: Store) -> None:
    ann = token("Ann")
    with pytest.raises(InvalidInput, match="the limit is 5,000"):
        store.save_self_paced(LESSON, ann, "opening-claim", "x" * 5001)
    with pytest.raises(InvalidInput, match="control characters"):
        store.save_self_paced(LESSON, ann, "opening-claim", "a\x00b")
    with pytest.raises(InvalidInput, match="Unknown prompt"):
        store.save_self_paced(LESSON, ann, "../x", "text")
    with pytest.raises(InvalidInput, match="Unknown lesson"):
        store.save_self_paced("Bad Lesson", ann, "opening-claim", "text")
    for bad in ("short", None, 42, "x" * 201):
        with pytest.raises(InvalidInput, match="device id"):
            store.save_self_paced(LESSON, bad, "opening-claim", "text")
    with pytest.raises(InvalidInput, match="must be text"):
        store.save_self_paced(LESSON, ann, "opening-claim", ["list"])
    assert store.save_self_paced(LESSON, ann, "opening-claim", "x" * 5000) == "x" * 5000


def test_one_owner_keeps_a_bounded_number_of_answers(store: Store) -> None:
    ann = token("Ann")
    for n in range(MAX_PROMPTS):
        store.save_self_paced(LESSON, ann, f"p-{n}", "a")
    with pytest.raises(NotAllowed, match="as many saved answers"):
        store.save_self_paced(LESSON, ann, "one-more", "a")
    store.save_self_paced(LESSON, ann, "p-0", "replaced")  # replacing one is still allowed
    store.save_self_paced(LESSON, token("Ben"), "one-more", "a")  # another owner is not counted
    assert store.self_paced_answers(LESSON, ann)["p-0"] == "replaced"


def test_answers_are_deleted_on_request(store: Store) -> None:
    ann, ben = token("Ann"), token("Ben")
    for lesson in (LESSON, "other-lesson"):
        store.save_self_paced(lesson, ann, "opening-claim", "Mine.")
    store.save_self_paced(LESSON, ben, "opening-claim", "Ben's.")
    assert store.delete_self_paced(ann, LESSON) == 1
    assert store.self_paced_answers(LESSON, ann) == {}
    assert store.self_paced_answers("other-lesson", ann) == {"opening-claim": "Mine."}
    assert store.delete_self_paced(ann) == 1
    assert store.self_paced_answers("other-lesson", ann) == {}
    assert store.self_paced_answers(LESSON, ben) == {"opening-claim": "Ben's."}
