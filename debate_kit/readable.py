"""Readable tables a teacher can open in a spreadsheet: pure functions of one room's records.

Names, not ids; prompt and section text, not ids; one column per rubric criterion, not JSON in a cell.
The files (:mod:`debate_kit.export`) sit next to the raw tables, in a ``readable/`` folder:

- ``votes.csv``: name, motion, before, after, changed (the motion vote before and after the debate), and
  vote changes (how many times they changed their vote while the before or after poll was open);
- ``polls.csv``: name, section, question, choice (the other polls, each student's final choice), first
  choice and changes (how many times they changed it);
- ``answers.csv``: name, section, prompt, answer;
- ``scores.csv``: round, speech, speaker, side, scorer, one column per criterion, total, out of, comment;
- ``people.csv``: name, role, debate, speaker (their seat in the latest round), joined;
- ``reflections.csv``: name, motion, before, after, movement, why (what moved or kept them), mattered most;
- ``cards.csv``: name, claim, evidence, source, trust, helps, cited in (the speeches that cited the card).
"""

from __future__ import annotations

from debate_kit.core.reflection import MOVEMENTS
from debate_kit.core.swing import option_label
from debate_kit.results.records import POST, PRE, RoomRecords
from debate_kit.rounds import ordinal
from debate_kit.student.roles import slot_label

Table = tuple[list[str], list[list[object]]]
FOLDER = "readable"
ROLE_NAMES = {"proposition": "Proposition", "opposition": "Opposition", "judge": "Judge",
              "audience": "Audience"}


def changed(before: str | None, after: str | None) -> str:
    """How a student's vote went: ``yes``, ``no``, or that they voted only once."""
    if before is None:
        return "voted only after"
    if after is None:
        return "voted only before"
    return "yes" if before != after else "no"


def votes_table(rec: RoomRecords) -> Table:
    names, rows = rec.names(), []
    for motion in rec.motion_ids():
        pre, post = rec.poll_by_key(f"motion-{motion}{PRE}"), rec.poll_by_key(f"motion-{motion}{POST}")
        if pre is None or post is None:
            continue
        before, after = rec.votes(pre.id), rec.votes(post.id)
        changes = rec.vote_changes(pre.id)
        for person, n in rec.vote_changes(post.id).items():
            changes[person] = changes.get(person, 0) + n
        question = post.question.removeprefix("After the debate: ")
        for person in sorted(set(before) | set(after), key=lambda p: (names.get(p, ""), p)):
            b, a = before.get(person), after.get(person)
            rows.append([names.get(person, "?"), question, option_label(b) if b else "",
                         option_label(a) if a else "", changed(b, a), changes.get(person, 0)])
    return ["name", "motion", "before", "after", "changed", "vote changes"], rows


def polls_table(rec: RoomRecords) -> Table:
    names, rows = rec.names(), []
    for poll in (p for p in rec.polls if p.kind != "motion"):
        section = rec.sections.get(poll.section or "", poll.section or "")
        votes = {v.participant_id: v for v in rec.votes_by_poll.get(poll.id, ())}
        for person in sorted(votes, key=lambda p: (names.get(p, ""), p)):
            vote = votes[person]
            rows.append([names.get(person, "?"), section, poll.question, vote.choice, vote.first_choice,
                         vote.changes])
    return ["name", "section", "question", "choice", "first choice", "changes"], rows


def answers_table(rec: RoomRecords) -> Table:
    names = rec.names()
    order = {p: i for i, p in enumerate(rec.prompts)}
    answers = sorted((a for a in rec.answers if a.text.strip()), key=lambda a: (
        order.get(a.prompt, len(order)), a.prompt, names.get(a.participant_id, "")))
    rows: list[list[object]] = []
    for a in answers:
        section, prompt = rec.prompts.get(a.prompt, ("", a.prompt))
        rows.append([names.get(a.participant_id, "?"), section, prompt, a.text])
    return ["name", "section", "prompt", "answer"], rows


def scores_table(rec: RoomRecords) -> Table:
    names, criteria = rec.names(), rec.room.rubric_criteria
    top = len(criteria) * rec.room.rubric_max
    rows: list[list[object]] = []
    for round_ in rec.rounds:
        for speech in rec.speeches.get(round_.id, ()):
            speaker = names.get(speech.speaker_id, "") if speech.speaker_id is not None else ""
            for sheet in sorted(rec.scores.get(speech.id, ()), key=lambda s: names.get(s.scorer_id, "")):
                values = [sheet.values.get(c) for c in criteria]
                total = sum(v for v in values if v is not None) if None not in values else None
                rows.append([round_.number, speech.label, speaker, ROLE_NAMES.get(speech.side, speech.side),
                             names.get(sheet.scorer_id, "?"), *values, total, top, sheet.comment])
    header = ["round", "speech", "speaker", "side", "scorer",
              *(f"{rec.criterion_label(c)} ({rec.room.rubric_min}-{rec.room.rubric_max})" for c in criteria),
              "total", "out of", "comment"]
    return header, rows


def people_table(rec: RoomRecords) -> Table:
    seats = {}
    for round_ in rec.rounds:  # the latest round's seat counts
        for seat in rec.seats.get(round_.id, ()):
            seats[seat.participant_id] = seat
    rows: list[list[object]] = []
    for person in sorted(rec.participants, key=lambda p: p.name):
        seat = seats.get(person.id)
        role = ROLE_NAMES.get(seat.role, seat.role) if seat else ""
        debate = seat.debate if seat and seat.debate is not None else ""
        speaker = f"{ordinal(seat.speaker)} speaker" if seat and seat.speaker else ""
        rows.append([person.name, role, debate, speaker, person.created_at])
    return ["name", "role", "debate", "speaker", "joined"], rows


def reflections_table(rec: RoomRecords) -> Table:
    names = rec.names()
    questions = {p.id: p.question.removeprefix("After the debate: ") for p in rec.polls}
    rows: list[list[object]] = [
        [names.get(r.participant_id, "?"), questions.get(r.poll_id, ""), option_label(r.before),
         option_label(r.after), MOVEMENTS.get(r.movement, r.movement), r.why, r.mattered_label]
        for r in sorted(rec.reflections, key=lambda r: (r.poll_id, names.get(r.participant_id, "")))]
    return ["name", "motion", "before", "after", "movement", "why", "mattered most"], rows


def cards_table(rec: RoomRecords) -> Table:
    names = rec.names()
    where: dict[int, list[str]] = {}
    for tag in rec.tags:
        where.setdefault(tag.card_id, []).append(f"Debate {tag.debate}: {slot_label(tag.slot)}")
    rows: list[list[object]] = []
    for card in sorted(rec.cards, key=lambda c: (names.get(c.participant_id, ""), c.id)):
        f = card.fields
        rows.append([names.get(card.participant_id, "?"), f["claim"], f["evidence"],
                     ", ".join(p for p in (f["outlet"], f["date"], f["url"]) if p), f["trust"], f["helps"],
                     "; ".join(where.get(card.id, []))])
    return ["name", "claim", "evidence", "source", "trust", "helps", "cited in"], rows


def readable_tables(rec: RoomRecords) -> dict[str, Table]:
    """File name (without ``.csv``) -> (header, rows), in the order a teacher reads them."""
    return {"votes": votes_table(rec), "polls": polls_table(rec), "answers": answers_table(rec),
            "scores": scores_table(rec), "people": people_table(rec), "reflections": reflections_table(rec),
            "cards": cards_table(rec)}
