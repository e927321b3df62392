"""core/student_protocol.py: every malformed message is refused with its code, and nothing else escapes."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.errors import InvalidInput
from debate_kit.core.student_protocol import (
    FIELDS,
    MAX_MESSAGE,
    MAX_REQUEST_ID,
    Message,
    decode,
    parse_message,
    request_id,
)

VALID: dict[str, dict[str, Any]] = {
    "hello": {"type": "hello", "token": "t" * 32, "room": "K7QF"},
    "join": {"type": "join", "id": 1, "room": "K7QF", "name": "Ann", "anonymous": False},
    "vote": {"type": "vote", "id": 2, "poll": 12, "option": "For"},
    "answer": {"type": "answer", "id": 3, "prompt": "s1-claim", "text": "An answer."},
    "score": {"type": "score", "id": 4, "speech": 4, "values": {"clash": 3}, "comment": ""},
    "card_new": {"type": "card_new", "id": 5, "card": {"claim": "A claim."}},
    "card_edit": {"type": "card_edit", "id": 6, "card_id": 3, "card": {"claim": "A claim."}},
    "card_delete": {"type": "card_delete", "id": 7, "card_id": 3},
    "card_mark": {"type": "card_mark", "id": 8, "card_id": 3, "marked": True},
    "reflect": {"type": "reflect", "id": 10, "poll": 4, "why": "The rebuttal.", "mattered": "speech:2"},
    "card_tag": {"type": "card_tag", "id": 9, "card_id": 3, "speech": "1st proposition", "tagged": True},
}


def code_of(raw: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_message(raw)
    return caught.value.code


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_each_well_formed_message_parses(kind: str) -> None:
    raw = VALID[kind]
    message = parse_message(raw)
    assert message == Message(kind, raw.get("id"), {k: v for k, v in raw.items() if k not in ("type", "id")})
    assert message.id is None if kind == "hello" else message.id == raw["id"]
    assert parse_message(decode(json.dumps(raw))) == message


@pytest.mark.parametrize("raw", [None, [], "vote", 3, 2.5, True, ["type", "vote"]])
def test_not_an_object(raw: object) -> None:
    assert code_of(raw) == "message-shape"


@pytest.mark.parametrize("kind", [None, "", "Vote", "shout", 1, True, ["vote"], {"t": 1}])
def test_unknown_or_missing_type(kind: object) -> None:
    raw = {**VALID["vote"], "type": kind}
    assert code_of(raw) == "message-type"
    assert code_of({k: v for k, v in VALID["vote"].items() if k != "type"}) == "message-type"


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_a_missing_field(kind: str) -> None:
    for name in set(VALID[kind]) - {"type"}:
        raw = {k: v for k, v in VALID[kind].items() if k != name}
        with pytest.raises(InvalidInput) as caught:
            parse_message(raw)
        assert caught.value.code == "message-fields" and name in caught.value.message


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_an_extra_field(kind: str) -> None:
    raw = {**VALID[kind], "admin": True}
    with pytest.raises(InvalidInput) as caught:
        parse_message(raw)
    assert caught.value.code == "message-fields" and "unknown fields: admin" in caught.value.message


def test_hello_has_no_id() -> None:
    assert code_of({**VALID["hello"], "id": 1}) == "message-fields"


#: (type, field, a value of the wrong type): bools are not ints, ints are not bools, no coercion.
WRONG = [
    ("hello", "token", 12345), ("hello", "room", None), ("join", "id", "1"), ("join", "id", True),
    ("join", "id", 1.0), ("join", "anonymous", 1), ("join", "anonymous", "false"), ("join", "name", None),
    ("vote", "poll", "12"), ("vote", "poll", True), ("vote", "poll", 12.0), ("vote", "option", ["For"]),
    ("answer", "prompt", 7), ("answer", "text", {"t": 1}), ("score", "speech", False),
    ("score", "values", [3]), ("score", "values", "clash=3"), ("score", "comment", None),
]


@pytest.mark.parametrize(("kind", "name", "value"), WRONG)
def test_a_field_of_the_wrong_type(kind: str, name: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_message({**VALID[kind], name: value})
    assert caught.value.code == "message-field-type" and name in caught.value.message


@pytest.mark.parametrize("rid", [-1, MAX_REQUEST_ID, 2**63, -(2**40)])
def test_an_id_out_of_range(rid: int) -> None:
    assert code_of({**VALID["vote"], "id": rid}) == "message-field-type"
    assert request_id({**VALID["vote"], "id": rid}) is None


def test_the_id_to_answer_even_a_refused_message() -> None:
    assert request_id({"type": "nonsense", "id": 7}) == 7
    assert request_id({"id": 0}) == 0 and request_id({"id": MAX_REQUEST_ID - 1}) == MAX_REQUEST_ID - 1
    for raw in ({"id": True}, {"id": "7"}, {"id": 7.0}, {}, [7], "7", None):
        assert request_id(raw) is None


def test_decode_refuses_oversize_and_broken_text() -> None:
    fits = json.dumps({**VALID["answer"], "text": "x" * 5000})
    assert decode(fits)["text"] == "x" * 5000
    padded = json.dumps("x" * (MAX_MESSAGE - 2))  # exactly the limit, with its quotes
    assert len(padded) == MAX_MESSAGE and decode(padded) == "x" * (MAX_MESSAGE - 2)
    with pytest.raises(InvalidInput) as caught:
        decode(json.dumps("x" * (MAX_MESSAGE - 1)))
    assert caught.value.code == "message-too-big" and "16,384" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        decode("é" * (MAX_MESSAGE // 2 + 1))  # counted in UTF-8 bytes, not characters
    assert caught.value.code == "message-too-big"
    for broken in ("", "{", "{'type': 'vote'}", "NaN-ish", b"\xff\xfe", b'{"a": "\xc3"}'):
        with pytest.raises(InvalidInput) as caught:
            decode(broken)
        assert caught.value.code == "message-not-json", broken


def test_an_answer_of_5000_characters_fits_in_one_message() -> None:
    worst = {**VALID["answer"], "text": "\u20ac" * 5000}  # 3 bytes each in UTF-8, sent as such
    text = json.dumps(worst, ensure_ascii=False)
    assert parse_message(decode(text))["text"] == "\u20ac" * 5000


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                       max_size=5),
    max_leaves=20,
)


def near_miss(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A valid message of ``kind`` with fields dropped, added or replaced by arbitrary values."""
    base = VALID[kind]
    return st.builds(
        lambda drop, extra, swap: {**{k: v for k, v in base.items() if k not in drop}, **extra, **swap},
        st.sets(st.sampled_from(sorted(base))),
        st.dictionaries(st.text(max_size=8), JSON, max_size=2),
        st.dictionaries(st.sampled_from(sorted(base)), JSON, max_size=2),
    )


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON, *(near_miss(k) for k in sorted(VALID))))
def test_parse_message_raises_only_invalid_input(raw: object) -> None:
    try:
        message = parse_message(raw)
    except InvalidInput as error:
        assert error.code.startswith("message-") and error.message
        return
    assert isinstance(raw, dict) and message.type in FIELDS
    assert set(message.fields) | {"type"} | ({"id"} if message.id is not None else set()) == set(raw)
    for name, want in FIELDS[message.type].items():
        assert isinstance(message[name], want) and (want is bool or not isinstance(message[name], bool))
    assert message.id is None or (type(message.id) is int and 0 <= message.id < MAX_REQUEST_ID)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200), JSON.map(json.dumps)))
def test_decode_then_parse_raises_only_invalid_input(text: str | bytes) -> None:
    with contextlib.suppress(InvalidInput):
        parse_message(decode(text))


def test_deeply_nested_json_is_refused_as_a_message() -> None:
    with pytest.raises(InvalidInput) as caught:
        decode("[" * 8000 + "]" * 8000)  # 16,000 bytes: under the size limit
    assert caught.value.code == "message-not-json"
