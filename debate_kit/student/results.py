"""The results a phone shows, explained: the swing in the debate's side names, scores out of the maximum,
and the student's own summary (their votes, their answers, the feedback on their own speech).

Pure functions over a :class:`RoomSnapshot`. Feedback never names who gave it: each speaker sees the
mean marks and the comments written to them, sorted by text (not by scorer).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from debate_kit.core.lesson_model import Lesson
from debate_kit.core.scoring import summarize_speech
from debate_kit.core.swing import (
    MOTION_OPTIONS,
    RULE_TEXT,
    motion_swing,
    option_label,
    voters_text,
    winner_text,
)
from debate_kit.rooms import motion_poll_keys, motions_of
from debate_kit.store import Poll, Speech
from debate_kit.student.snapshot import RoomSnapshot

NOT_YET = "The results are not shown yet."
FEEDBACK_LATER = "Your feedback comes when your teacher shows the results."


def criteria(snap: RoomSnapshot, lesson: Lesson | None) -> list[dict[str, str]]:
    """The rubric's criteria with the lesson's labels and help (plain labels without the lesson)."""
    known = {c.id: c for c in lesson.rubric.criteria} if lesson is not None else {}
    return [{"id": c, "label": known[c].label if c in known else c.replace("-", " ").capitalize(),
             "help": known[c].help if c in known else ""} for c in snap.room.rubric_criteria]


def out_of(mean: float | None, top: int, n: int | None = None) -> str:
    """``"Average 16.0 out of 20 (5 scores)"``, or why there is none."""
    if mean is None:
        return "No scores yet."
    scores = "" if n is None else f" ({n} {'score' if n == 1 else 'scores'})"
    return f"Average {mean:.1f} out of {top}{scores}"


def _motion_polls(snap: RoomSnapshot) -> list[tuple[Poll | None, Poll | None]]:
    by_key = {p.key: p for p in snap.polls}
    return [(by_key.get(pre), by_key.get(post))
            for pre, post in (motion_poll_keys(m) for m in motions_of(list(snap.polls)))]


def swings(snap: RoomSnapshot) -> list[dict[str, Any]]:
    """Each motion's swing once its after-vote is revealed, with the texts that explain it."""
    found = []
    for pre, post in _motion_polls(snap):
        if pre is None or post is None or post.state != "revealed":
            continue
        before = {str(k): v for k, v in snap.votes.get(pre.id, {}).items()}
        after = {str(k): v for k, v in snap.votes.get(post.id, {}).items()}
        swing = motion_swing(before, after)
        found.append({"motion": post.question, "before": swing.before, "after": swing.after,
                      "change": swing.change, "winner": swing.winner,
                      "voters_before": swing.voters_before, "voters_after": swing.voters_after,
                      "labels": {o: option_label(o) for o in MOTION_OPTIONS},
                      "winner_text": winner_text(swing), "voters_text": voters_text(swing),
                      "rule": RULE_TEXT})
    return found


def _my_votes(snap: RoomSnapshot, me: int) -> list[dict[str, Any]]:
    rows = []
    for pre, post in _motion_polls(snap):
        if pre is None and post is None:
            continue
        before = snap.votes.get(pre.id, {}).get(me) if pre else None
        after = snap.votes.get(post.id, {}).get(me) if post else None
        shown = [option_label(v) if v else "no vote" for v in (before, after)]
        if before and after:
            moved = "you kept your view." if before == after else "you changed your mind."
        else:
            moved = "you voted only once." if before or after else "you did not vote."
        rows.append({"motion": (post or pre).question, "before": before, "after": after,  # type: ignore[union-attr]
                     "text": f"Before the debate: {shown[0]}. After it: {shown[1]}. So {moved}"})
    return rows


def _my_answers(answers: Mapping[str, str], lesson: Lesson | None) -> list[dict[str, str]]:
    prompts = [(p.id, p.text) for s in lesson.sections for p in s.prompts] if lesson else []
    known = {pid for pid, _ in prompts}
    prompts += [(pid, pid) for pid in sorted(answers) if pid not in known]
    return [{"prompt": pid, "question": text, "answer": answers[pid]} for pid, text in prompts
            if answers.get(pid)]


def _score(snap: RoomSnapshot, speech: Speech, crits: list[dict[str, str]]) -> dict[str, Any]:
    """A speech's mean total out of the maximum (``max``: the rubric's top mark times the criteria)."""
    sheets = [r.values for r in snap.scores.get(speech.id, ())]
    summary = summarize_speech(sheets, [c["id"] for c in crits]) if sheets else None
    mean, n = (summary.mean, summary.scorers) if summary else (None, 0)
    top = snap.room.rubric_max * len(crits)
    return {"n": n, "mean": None if mean is None else round(mean, 1), "max": top,
            "text": out_of(mean, top, n), "by_criterion": summary.by_criterion if summary else {}}


def _feedback(snap: RoomSnapshot, me: int, crits: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The feedback on ``me``'s own speeches: mean marks out of the maximum and the comments."""
    top, found = snap.room.rubric_max, []
    for speech in (s for s in snap.speeches if s.speaker_id == me):
        score = _score(snap, speech, crits)
        per = score.pop("by_criterion")
        rows = [{"id": c["id"], "label": c["label"], "max": top,
                 "mean": round(per[c["id"]], 1) if c["id"] in per else None,
                 "text": f"{c['label']}: {per[c['id']]:.1f} out of {top}" if c["id"] in per
                 else f"{c['label']}: no marks yet"} for c in crits]
        comments = sorted(r.comment.strip() for r in snap.scores.get(speech.id, ()) if r.comment.strip())
        found.append({"label": speech.label, **score, "criteria": rows, "comments": comments})
    return found


def results_view(snap: RoomSnapshot, lesson: Lesson | None, me: int | None = None,
                 answers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The swing of each motion, each speech's mean out of the maximum, and ``me``'s own summary."""
    shown, crits, speeches = swings(snap), criteria(snap, lesson), []
    for speech in snap.speeches:
        score = _score(snap, speech, crits)
        del score["by_criterion"]
        who = snap.names.get(speech.speaker_id or -1, "no speaker")
        speeches.append({"label": f"{speech.label}, debate {speech.debate} ({who})", **score})
    released = bool(shown) or not motions_of(list(snap.polls))
    view: dict[str, Any] = {"swings": shown, "speeches": speeches, "text": "" if shown else NOT_YET}
    if me is not None:
        feedback = _feedback(snap, me, crits) if released else []
        later = FEEDBACK_LATER if not released and any(s.speaker_id == me for s in snap.speeches) else ""
        view["mine"] = {"votes": _my_votes(snap, me), "answers": _my_answers(answers or {}, lesson),
                        "feedback": feedback, "feedback_text": later}
    return view
