"""StudentSession: identity, joining and every action, checked against a real store (no Jupyter)."""

from __future__ import annotations

import re

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.student.session import HUB_PREFIX, NOT_SAVED, READING_NOT_YET, READING_OVER, StudentSession
from debate_kit.student.view import CLOSED, STATE_TEXT, VOTE_HINT, WAITING
from tests.student.conftest import Klass, me, new_token, send

PSEUDONYM = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+ [1-9][0-9]$")
SAME_DEBATE = ("There is no speech for you to score: You are debating in this debate, so you cannot score "
               "it. The judges and the audience will.")


# -- identity and joining ---------------------------------------------------------------------------

def test_join_then_rejoin_with_the_same_token_is_the_same_participant(klass: Klass) -> None:
    token = new_token()
    ann = klass.student("Ann", token)
    assert me(ann).name == "Ann" and ann.room is not None and ann.room.id == klass.room.id
    again = klass.session()  # a reload: the page says hello with the room of its link
    assert again.receive({"type": "hello", "token": token, "room": klass.room.code}) is None
    assert again.participant == ann.participant  # recognised before any join
    view = klass.view(again)
    assert view["stage"] == "room" and view["me"] == {"name": "Ann"} and view["notice"] == WAITING
    reply = send(again, "join", room=klass.room.code, name="Someone else", anonymous=False)
    assert reply["type"] == "ack" and reply["message"] == f"You are in room {klass.room.code} as Ann."
    third = klass.student("Ann again", token)  # a new tab that joins without the code in its link
    assert third.participant == ann.participant
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann"]


def test_joining_twice_on_one_page_changes_nothing(klass: Klass) -> None:
    ann = klass.student("Ann")
    reply = send(ann, "join", room=klass.room.code, name="Ben", anonymous=True)
    assert reply["type"] == "ack" and reply["message"].endswith("as Ann.")
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann"]


def test_anonymous_join_gets_a_pseudonym(klass: Klass) -> None:
    session = klass.session()
    session.receive({"type": "hello", "token": new_token(), "room": klass.room.code})
    reply = send(session, "join", room=klass.room.code, name="Ann", anonymous=True)  # the name is ignored
    name = me(session).name
    assert PSEUDONYM.match(name) and name != "Ann", name
    assert reply["message"] == f"You are in room {klass.room.code} as {name}."
    assert klass.view(session)["me"] == {"name": name}


def test_join_before_the_token_arrives_is_refused_and_stores_nothing(klass: Klass) -> None:
    session = klass.session()
    reply = send(session, "join", room=klass.room.code, name="Ann", anonymous=False)
    assert reply["type"] == "error" and reply["code"] == "token-missing"
    assert "not sent its id" in reply["message"]
    assert session.participant is None and klass.store.participants(klass.room.id) == []
    assert klass.view(session)["stage"] == "join"


def test_a_forged_token_change_after_joining_is_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    ben_token = new_token()
    ben = klass.student("Ben", ben_token)
    reply = ann.receive({"type": "hello", "token": ben_token, "room": klass.room.code})
    assert reply == {"type": "error", "id": None, "code": "token-changed",
                     "message": "This page already belongs to someone: reload it."}
    assert me(ann).name == "Ann" and ann.token != ben_token
    assert ann.receive({"type": "hello", "token": ann.token, "room": klass.room.code}) is None  # a reconnect
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")
    assert send(ann, "vote", poll=pid, option="For")["type"] == "ack"
    assert klass.store.votes(pid) == {me(ann).id: "For"} and me(ben).id not in klass.store.votes(pid)


@pytest.mark.parametrize("token", ["x" * 15, "x" * 201, "x" * 5000, "", "tab\tin-a-token-0123456789",
                                   "newline\nin-a-token-0123456789"])
def test_a_malformed_token_is_refused(klass: Klass, token: str) -> None:
    session = klass.session()
    reply = session.receive({"type": "hello", "token": token, "room": klass.room.code})
    assert reply is not None and reply["code"] == "token-invalid" and reply["id"] is None
    assert session.token is None and session.participant is None
    assert send(session, "join", room=klass.room.code, name="Ann", anonymous=False)["code"] == "token-missing"
    assert klass.store.participants(klass.room.id) == []


def test_token_lengths_at_the_limits_are_accepted(klass: Klass) -> None:
    for token, name in (("x" * 16, "Ann"), ("y" * 200, "Ben")):
        session = klass.session()
        assert session.receive({"type": "hello", "token": token, "room": ""}) is None
        assert send(session, "join", room=klass.room.code, name=name, anonymous=False)["type"] == "ack"


def test_bad_codes_and_names_give_the_store_message(klass: Klass) -> None:
    session = klass.session()
    reply = session.receive({"type": "hello", "token": new_token(), "room": "KKKK"})
    assert reply is not None and reply["message"] == "There is no room KKKK. Check the code on the board."
    view = klass.view(session)
    assert view["stage"] == "join" and view["room"] is None
    assert view["join"] == {"code": "KKKK", "hub_user": None}
    reply = send(session, "join", room="KKKK", name="Ann", anonymous=False)
    assert reply["code"] == "room-unknown" and "There is no room KKKK" in reply["message"]
    reply = send(session, "join", room="<script>", name="Ann", anonymous=False)
    assert reply["code"] == "code-invalid" and "That is not a room code" in reply["message"]
    reply = send(session, "join", room=klass.room.code, name="A" * 10_000, anonymous=False)
    assert reply["code"] == "name-too-long" and "at most 60 characters" in reply["message"]
    assert send(session, "join", room=klass.room.code, name="   ", anonymous=False)["code"] == "name-empty"
    assert klass.store.participants(klass.room.id) == []
    klass.student("Ann")
    reply = send(session, "join", room=klass.room.code, name="ann", anonymous=False)
    assert reply["code"] == "name-taken" and "already called" in reply["message"]
    assert send(session, "join", room=klass.room.code.lower(), name="Ann B", anonymous=False)["type"] == "ack"
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann", "Ann B"]


def test_a_known_code_shows_the_room_before_joining(klass: Klass) -> None:
    session = klass.session()
    session.receive({"type": "hello", "token": new_token(), "room": klass.room.code})
    view = klass.view(session)
    assert view["stage"] == "join" and view["me"] is None
    assert view["room"] == {"code": klass.room.code, "title": "Period 3", "phase": "join",
                            "phase_label": "Join", "closed": False}


def test_the_hub_user_is_the_identity(klass: Klass) -> None:
    first = klass.session(hub_user="jdoe")
    assert first.token == HUB_PREFIX + "jdoe"
    reply = send(first, "join", room=klass.room.code, name="Someone else", anonymous=True)
    assert reply["type"] == "ack" and me(first).name == "jdoe"
    second = klass.session(hub_user="jdoe")  # the same user in another browser: the same person
    assert second.receive({"type": "hello", "token": new_token(), "room": klass.room.code}) is None
    assert second.participant == first.participant and second.token == HUB_PREFIX + "jdoe"
    assert klass.view(second)["me"] == {"name": "jdoe"}
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["jdoe"]
    other = klass.session(hub_user="kroe")
    send(other, "join", room=klass.room.code, name="", anonymous=False)
    assert me(other).name == "kroe" and me(other) != me(first)
    assert klass.session(hub_user="jdoe").receive({"type": "hello", "token": "", "room": ""}) is None


def test_a_browser_token_cannot_claim_a_hub_user(klass: Klass) -> None:
    hub = klass.session(hub_user="jdoe")
    send(hub, "join", room=klass.room.code, name="", anonymous=False)
    forger = klass.session()  # a browser on the light page, sending a hub user's token as its own
    reply = forger.receive({"type": "hello", "token": HUB_PREFIX + "jdoe", "room": klass.room.code})
    assert reply is not None and reply["code"] == "token-invalid"
    assert forger.participant is None and forger.token is None
    reply = send(forger, "join", room=klass.room.code, name="jdoe", anonymous=False)
    assert reply["code"] == "token-missing" and forger.participant is None
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["jdoe"]


def test_actions_need_a_joined_room(klass: Klass) -> None:
    session = klass.session()
    session.receive({"type": "hello", "token": new_token(), "room": klass.room.code})
    for kind, fields in (("vote", {"poll": klass.poll_id("motion-main-pre"), "option": "For"}),
                         ("answer", {"prompt": "opening-claim", "text": "x"}),
                         ("score", {"speech": 1, "values": {}, "comment": ""})):
        reply = send(session, kind, **fields)
        assert reply["code"] == "not-joined" and reply["message"] == "Join the room first."


def test_malformed_messages_are_answered_with_their_id_when_it_is_usable(klass: Klass) -> None:
    ann = klass.student("Ann")
    assert ann.receive({"type": "vote", "id": 7, "poll": "1", "option": "For"}) == {
        "type": "error", "id": 7, "code": "message-field-type",
        "message": "In a vote message, poll has the wrong type."}
    assert ann.receive({"type": "vote", "id": -1, "poll": 1, "option": "For"})["id"] is None
    assert ann.receive("vote")["code"] == "message-shape"
    assert ann.receive({"type": "shout", "id": 3})["code"] == "message-type"
    assert ann.receive({"type": "vote", "id": 4, "poll": 1, "option": "For", "extra": 1})["code"] == (
        "message-fields")


def test_a_store_failure_is_not_saved_and_says_so(klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(klass.store, "cast_vote", broken)
    reply = send(ann, "vote", poll=pid, option="For")
    assert reply["type"] == "error" and reply["code"] == "not-saved" and reply["message"] == NOT_SAVED
    monkeypatch.undo()
    assert klass.store.votes(pid) == {}


# -- votes --------------------------------------------------------------------------------------------

def test_vote_change_and_reveal(klass: Klass) -> None:
    ann, ben = klass.student("Ann"), klass.student("Ben")
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")
    [poll] = klass.view(ann)["polls"]
    assert poll == {"id": pid, "question": klass.store.poll(pid).question,
                    "options": ["For", "Against", "Undecided"], "state": "open",
                    "state_text": STATE_TEXT["open"], "mine": None, "section": None, "results": None}
    assert send(ann, "vote", poll=pid, option="For")["message"] == "Vote saved: For."
    assert send(ann, "vote", poll=pid, option="Against")["type"] == "ack"  # a change of mind
    assert send(ben, "vote", poll=pid, option="For")["type"] == "ack"
    assert klass.store.votes(pid) == {me(ann).id: "Against", me(ben).id: "For"}
    assert klass.view(ann)["polls"][0]["mine"] == "Against"  # own vote only
    assert klass.view(ben)["polls"][0]["mine"] == "For"
    assert all(klass.view(s)["polls"][0]["results"] is None for s in (ann, ben))  # no tally yet
    klass.poll("motion-main-pre", "closed")
    assert klass.view(ann)["polls"][0]["results"] is None
    assert klass.view(ann)["polls"][0]["state_text"] == STATE_TEXT["closed"]
    klass.poll("motion-main-pre", "revealed")
    shown = klass.view(ben)["polls"][0]
    assert shown["state"] == "revealed" and shown["mine"] == "For"
    assert shown["results"] == {"total": 2, "rows": [{"option": "For", "count": 1, "percent": 50},
                                                     {"option": "Against", "count": 1, "percent": 50},
                                                     {"option": "Undecided", "count": 0, "percent": 0}]}


def test_vote_on_a_closed_poll_is_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")
    klass.poll("motion-main-pre", "closed")
    reply = send(ann, "vote", poll=pid, option="For")
    assert reply["code"] == "poll-closed" and "not open" in reply["message"]
    klass.poll("motion-main-pre", "revealed")
    assert send(ann, "vote", poll=pid, option="For")["code"] == "poll-closed"
    assert klass.store.votes(pid) == {}


def test_a_forged_option_is_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")
    for forged in ("Evil<script>", "for", "For ", "", "Agree"):
        reply = send(ann, "vote", poll=pid, option=forged)
        assert reply["code"] == "vote-option", forged
    assert klass.store.votes(pid) == {}


def test_a_draft_poll_never_appears_in_any_view(klass: Klass) -> None:
    ann = klass.student("Ann")
    drafts = {p.id for p in klass.store.polls(klass.room.id)}
    for phase in ("join", "pre-vote", "reading", "sides", "debate", "scoring", "post-vote", "results"):
        klass.phase(phase)
        view = klass.view(ann)
        assert not {p["id"] for p in view["polls"]} & drafts, phase
        assert '"draft"' not in repr(view).replace("'", '"')
    reply = send(ann, "vote", poll=klass.poll_id("motion-main-pre"), option="For")
    assert reply["code"] == "poll-not-shown" and klass.store.votes(klass.poll_id("motion-main-pre")) == {}


def test_a_poll_of_another_room_is_refused(klass: Klass) -> None:
    from debate_kit.rooms import create_lesson_room

    ann = klass.student("Ann")
    other, other_key = create_lesson_room(klass.store, klass.lesson, "Period 4")
    foreign = next(p.id for p in klass.store.polls(other.id) if p.key == "motion-main-pre")
    klass.store.set_poll_state(foreign, other_key, "open")
    reply = send(ann, "vote", poll=foreign, option="For")
    assert reply["code"] == "poll-not-shown" and klass.store.votes(foreign) == {}
    assert send(ann, "vote", poll=10**6, option="For")["code"] == "poll-unknown"


def test_polls_shown_follow_the_phase(klass: Klass) -> None:
    ann = klass.student("Ann")
    pre, post = klass.poll("motion-main-pre", "open"), klass.poll("motion-main-post", "open")
    section = klass.poll("repeat-history", "open")
    for phase, shown in (("pre-vote", [pre]), ("reading", [section]), ("post-vote", [post]),
                         ("sides", []), ("join", [])):
        klass.phase(phase)
        assert [p["id"] for p in klass.view(ann)["polls"]] == shown, phase
    klass.phase("reading")
    assert klass.view(ann)["polls"][0]["section"] == "opening"
    assert send(ann, "vote", poll=section, option="Agree")["type"] == "ack"
    assert klass.view(ann)["polls"][0]["mine"] == "Agree"


def test_a_vote_on_an_open_poll_the_phase_does_not_show_is_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    pre, post = klass.poll("motion-main-pre", "open"), klass.poll("motion-main-post", "open")
    section = klass.poll("repeat-history", "open")
    for phase, refused in (("join", [pre, post, section]), ("pre-vote", [post, section]),
                           ("reading", [pre, post]), ("sides", [pre, post, section]),
                           ("post-vote", [pre, section]), ("results", [pre, post, section])):
        klass.phase(phase)
        for poll in refused:
            reply = send(ann, "vote", poll=poll, option="For" if poll != section else "Agree")
            assert reply["code"] == "poll-not-shown" and "not shown" in reply["message"], (phase, poll)
    assert klass.store.votes(pre) == klass.store.votes(post) == klass.store.votes(section) == {}
    klass.phase("post-vote")
    assert send(ann, "vote", poll=post, option="Against")["type"] == "ack"


@pytest.mark.parametrize("poll", [2**63, 2**63 - 1, 10**30, -1], ids=repr)
def test_a_poll_id_beyond_a_database_integer_is_refused_with_a_message(klass: Klass, poll: int) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    reply = send(ann, "vote", poll=poll, option="For")
    assert reply["type"] == "error" and reply["code"] == "poll-unknown", reply
    assert reply["message"] in ("There is no such poll: reload the page.", "This poll does not exist.")
    reply = send(ann, "score", speech=poll, values={"clash": 3}, comment="")
    assert reply["type"] == "error" and reply["code"] in ("speech-unknown", "not-scorable"), reply


# -- answers ------------------------------------------------------------------------------------------

def test_answers_are_saved_shown_and_kept_across_a_reload(klass: Klass) -> None:
    token = new_token()
    ann = klass.student("Ann", token)
    klass.phase("reading")
    reply = send(ann, "answer", prompt="opening-claim", text="  A new pole.\r\nOf the world.  ")
    assert reply == {"type": "ack", "id": reply["id"], "message": "Answer saved."}
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["A new pole.\nOf the world."]
    assert klass.view(ann)["reading"] == {"lesson": klass.lesson.id, "read_only": False,
                                          "answers": {"opening-claim": "A new pole.\nOf the world."}}
    again = klass.session()
    again.receive({"type": "hello", "token": token, "room": klass.room.code})
    assert klass.view(again)["reading"]["answers"] == {"opening-claim": "A new pole.\nOf the world."}
    ben = klass.student("Ben")
    assert klass.view(ben)["reading"]["answers"] == {}  # nobody else's answers


def test_an_answer_to_an_unknown_prompt_is_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("reading")
    for prompt in ("no-such-prompt", "../opening-claim", ""):
        reply = send(ann, "answer", prompt=prompt, text="Hello")
        assert reply["code"] == "prompt-unknown" and "not part of this lesson" in reply["message"]
    assert klass.store.answers(klass.room.id) == []


def test_an_answer_when_the_lesson_cannot_be_loaded_is_refused(klass: Klass) -> None:
    session = StudentSession(klass.store, lambda _id: None)
    session.receive({"type": "hello", "token": new_token(), "room": ""})
    send(session, "join", room=klass.room.code, name="Ann", anonymous=False)
    assert send(session, "answer", prompt="opening-claim", text="x")["code"] == "prompt-unknown"
    assert klass.store.answers(klass.room.id) == []


def test_an_oversize_answer_is_refused_and_nothing_stored(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("reading")
    reply = send(ann, "answer", prompt="opening-claim", text="x" * 5001)
    assert reply["code"] == "answer-too-long"
    assert reply["message"] == ("Your answer is 5,001 characters long; the limit is 5,000. "
                                "Please shorten it.")
    assert klass.store.answers(klass.room.id) == [] and ann.answers == {}
    assert send(ann, "answer", prompt="opening-claim", text="x" * 5000)["type"] == "ack"
    assert send(ann, "answer", prompt="opening-claim", text="bell\x07")["code"] == "answer-control"
    assert [len(a.text) for a in klass.store.answers(klass.room.id)] == [5000]


def test_answers_only_while_reading_and_kept_read_only_after(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    early = send(ann, "answer", prompt="opening-claim", text="Too early")
    assert (early["code"], early["message"]) == ("reading-not-open", READING_NOT_YET)
    klass.phase("reading")
    assert send(ann, "answer", prompt="opening-claim", text="Mine.")["type"] == "ack"
    for phase in ("sides", "debate", "scoring", "post-vote", "results"):
        klass.phase(phase)
        late = send(ann, "answer", prompt="opening-claim", text="Changed")
        assert (late["code"], late["message"]) == ("reading-not-open", READING_OVER)
        assert klass.view(ann)["reading"] == {"lesson": klass.lesson.id, "read_only": True,
                                              "answers": {"opening-claim": "Mine."}}, phase
    klass.phase("reading")  # the teacher reopens the reading: answers can change again
    assert klass.view(ann)["reading"]["read_only"] is False
    assert send(ann, "answer", prompt="opening-claim", text="Changed")["type"] == "ack"
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["Changed"]


def test_answers_in_a_closed_room_are_refused(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.store.set_closed(klass.room.id, klass.key, True)
    assert send(ann, "answer", prompt="opening-claim", text="x")["code"] == "room-closed"
    assert klass.store.answers(klass.room.id) == []


# -- scoring ------------------------------------------------------------------------------------------

NAMES = ("Ann", "Ben", "Cy", "Dee", "Eve", "Fay")


def scoring_round(klass: Klass) -> dict[str, StudentSession]:
    """Four debaters in one debate, Eve judging and Fay in the audience; scoring open."""
    people = {name: klass.student(name) for name in NAMES}
    ids = [str(me(s).id) for s in people.values()]
    locks = {str(me(people["Eve"]).id): "judge", str(me(people["Fay"]).id): "audience"}
    assignment = assign_sides(ids, SeatPlan(1, 2, 1), seed=3, locks=locks)
    round_ = klass.store.save_round(klass.room.id, klass.key, assignment, PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    klass.phase("scoring")
    klass.store.set_scoring(round_.id, klass.key, True)
    return people


def marks(klass: Klass, value: int, **overrides: int) -> dict[str, int]:
    return {c: overrides.get(c, value) for c in klass.room.rubric_criteria}


def test_a_judge_scores_and_edits(klass: Klass) -> None:
    people = scoring_round(klass)
    eve = people["Eve"]
    scoring = klass.view(eve)["scoring"]
    assert scoring["open"] and scoring["text"].startswith("Score each rebuttal")
    first, second = (s["id"] for s in scoring["speeches"])
    reply = send(eve, "score", speech=first, values=marks(klass, 4, delivery=2), comment="Good")
    assert reply["type"] == "ack"
    assert reply["message"] == "Score saved. You can change it until scoring closes."
    speeches = klass.view(eve)["scoring"]["speeches"]
    assert speeches[0]["mine"] == {"values": marks(klass, 4, delivery=2), "comment": "Good"}
    assert speeches[1]["mine"] is None  # marks belong to one speech: switching never carries them
    send(eve, "score", speech=first, values=marks(klass, 4, delivery=5), comment="Better")
    speeches = klass.view(eve)["scoring"]["speeches"]
    assert speeches[0]["mine"] == {"values": marks(klass, 4, delivery=5), "comment": "Better"}
    assert len(klass.store.scores(first)) == 1 and klass.store.scores(second) == []
    assert all(s["mine"] is None for s in klass.view(people["Fay"])["scoring"]["speeches"])


def test_debaters_have_nothing_to_score_and_forging_is_refused(klass: Klass) -> None:
    people = scoring_round(klass)
    speeches = klass.store.speeches(klass.store.rounds(klass.room.id)[0].id)
    for name in ("Ann", "Ben", "Cy", "Dee"):
        scoring = klass.view(people[name])["scoring"]
        assert scoring["speeches"] == [] and scoring["open"] is False
        assert scoring["text"] == SAME_DEBATE, (name, scoring["text"])
        for speech in speeches:
            reply = send(people[name], "score", speech=speech.id, values=marks(klass, 5), comment="")
            assert reply["code"] in ("own-speech", "score-own-team", "score-same-debate"), reply
    assert all(klass.store.scores(s.id) == [] for s in speeches)


def test_forged_scores_are_refused(klass: Klass) -> None:
    people = scoring_round(klass)
    eve = people["Eve"]
    speech = klass.view(eve)["scoring"]["speeches"][0]["id"]
    reply = send(eve, "score", speech=speech, values=marks(klass, 3, clash=99), comment="")
    assert reply["code"] == "score-out-of-range"
    assert reply["message"] == "clash: scores go from 1 to 5; you gave 99."
    for values in (marks(klass, 0), {"clash": 3}, {**marks(klass, 3), "charm": 3}, marks(klass, 3, clash="3"),
                   marks(klass, 3, clash=3.5), marks(klass, 3, clash=True), []):
        reply = send(eve, "score", speech=speech, values=values, comment="")  # type: ignore[arg-type]
        assert reply["type"] == "error", values
    assert klass.store.scores(speech) == []


def test_closed_scoring_is_refused_and_shown_closed(klass: Klass) -> None:
    people = scoring_round(klass)
    round_ = klass.store.rounds(klass.room.id)[0]
    klass.store.set_scoring(round_.id, klass.key, False)
    scoring = klass.view(people["Fay"])["scoring"]
    assert scoring["open"] is False and scoring["text"] == "Scoring is closed."
    assert len(scoring["speeches"]) == 2
    reply = send(people["Fay"], "score", speech=scoring["speeches"][0]["id"], values=marks(klass, 3),
                 comment="")
    assert reply["code"] == "scoring-closed" and klass.store.scores(scoring["speeches"][0]["id"]) == []


# -- phases -------------------------------------------------------------------------------------------

def test_phases_drive_the_view(klass: Klass) -> None:
    ann = klass.student("Ann")
    parts = ("notice", "polls", "reading", "seat", "scoring", "results", "speech")
    expected = {"join": {"notice"}, "pre-vote": {"notice"}, "reading": {"reading"},
                "sides": {"seat", "reading"}, "debate": {"seat", "reading"},
                "scoring": {"seat", "scoring", "reading"}, "post-vote": {"notice", "reading"},
                "results": {"results", "reading"}}  # the essay and own answers stay after reading
    for phase, shown in expected.items():
        klass.phase(phase)
        view = klass.view(ann)
        assert view["stage"] == "room" and view["room"]["phase"] == phase
        assert {p for p in parts if view[p]} == shown, (phase, view)
    klass.phase("pre-vote")
    assert klass.view(ann)["notice"] == VOTE_HINT


def test_a_closed_room_shows_a_notice_and_nothing_else(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("pre-vote")
    pid = klass.poll("motion-main-pre", "open")
    klass.store.set_closed(klass.room.id, klass.key, True)
    view = klass.view(ann)
    assert view["notice"] == CLOSED and view["room"]["closed"] is True
    assert view["polls"] == [] and view["seat"] is None and view["results"] is None
    assert send(ann, "vote", poll=pid, option="For")["code"] == "room-closed"
    late = klass.session()
    late.receive({"type": "hello", "token": new_token(), "room": ""})
    assert send(late, "join", room=klass.room.code, name="Zed", anonymous=False)["code"] == "room-closed"


def test_bidi_overrides_and_invisible_characters_never_reach_the_store_or_a_view(klass: Klass) -> None:
    rlo, zwsp, pdf = "\u202e", "\u200b", "\u202c"
    session = klass.session()
    session.receive({"type": "hello", "token": new_token(), "room": klass.room.code})
    reply = send(session, "join", room=klass.room.code, name=f"Ann{rlo}nimda{pdf}", anonymous=False)
    assert reply["type"] == "ack" and rlo not in reply["message"]
    assert me(session).name == "Annnimda" and klass.view(session)["me"] == {"name": "Annnimda"}
    klass.phase("reading")
    assert send(session, "answer", prompt="opening-claim", text=f"A {rlo}claim{zwsp}.")["type"] == "ack"
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["A claim."]
    assert klass.view(session)["reading"]["answers"] == {"opening-claim": "A claim."}
    people = {name: klass.student(name) for name in NAMES[1:]}
    eve = people["Eve"]
    people["Ann"] = session
    ids = [str(me(s).id) for s in people.values()]
    locks = {str(me(eve).id): "judge"}
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(ids, SeatPlan(1, 2, 1), seed=3,
                                                                           locks=locks), PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    klass.phase("scoring")
    klass.store.set_scoring(round_.id, klass.key, True)
    first = klass.view(eve)["scoring"]["speeches"][0]["id"]
    reply = send(eve, "score", speech=first, values=marks(klass, 4), comment=f"{rlo}Good{zwsp} point")
    assert reply["type"] == "ack"
    assert klass.store.scores(first)[0].comment == "Good point"
    assert klass.view(eve)["scoring"]["speeches"][0]["mine"]["comment"] == "Good point"
