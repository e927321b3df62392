"""Reading ``lesson.yaml``: title, the essay's origin, motions, polls, rubric and glossary."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import Node

from debate_kit.core.lesson_model import (
    AGREE_OPTIONS,
    DEFAULT_RUBRIC,
    Criterion,
    GlossaryTerm,
    KeyClaim,
    Motion,
    PollSpec,
    Rubric,
)
from debate_kit.core.lesson_parse import Fields, Report, YamlDoc, compose
from debate_kit.core.lesson_sections import Ids
from debate_kit.core.vocabulary import LESSON_POLL_KINDS as POLL_KINDS

LESSON_FILE = "lesson.yaml"
LESSON_KEYS = ("id", "title", "essay", "motions", "polls", "rubric", "glossary", "evaluative_words",
               "claims")
ESSAY_KEYS = ("title", "origin", "written")


@dataclass(frozen=True)
class LessonHead:
    """What ``lesson.yaml`` holds."""

    id: str
    title: str
    essay_title: str
    essay_origin: str
    essay_written: str
    motions: tuple[Motion, ...]
    polls: tuple[PollSpec, ...]
    rubric: Rubric
    glossary: tuple[GlossaryTerm, ...]
    id_line: int | None
    evaluative_words: tuple[str, ...] = ()
    #: The key claims to check, each with the line of its quote (for problems found later).
    claims: tuple[tuple[KeyClaim, int | None], ...] = ()


def read_lesson_yaml(text: str, section_ids: list[str], ids: Ids, report: Report) -> LessonHead | None:
    """Read ``lesson.yaml``; polls are checked against ``section_ids``."""
    known = len(report.problems)
    doc, node = compose(text, LESSON_FILE, 0, report)
    if node is None:
        if not text.strip():
            report.add(LESSON_FILE, None, "the file is empty")
        elif len(report.problems) == known:  # valid YAML, but only comments
            report.add(LESSON_FILE, None, "the file has only comments: the lesson's settings are missing")
        return None
    fields = Fields(doc, node, "the lesson", LESSON_KEYS)
    lesson_id, title = fields.ident(), fields.text("title")
    essay_title = origin = written = None
    if "essay" in fields.values:
        essay = Fields(doc, fields.values["essay"], "the essay", ESSAY_KEYS)
        if essay.ok:
            essay_title, origin, written = (essay.text(key) for key in ESSAY_KEYS)
    elif fields.ok:
        fields.problem(None, "the lesson has no 'essay:' part (title, origin, written)")
    motions = [_motion(doc, item, ids) for item in fields.items("motions", required=True)]
    polls = [_poll(doc, item, section_ids, ids) for item in fields.items("polls")]
    rubric = _rubric(doc, fields.values["rubric"]) if "rubric" in fields.values else DEFAULT_RUBRIC
    glossary = _glossary(doc, fields.items("glossary"))
    evaluative_words = tuple(value for value, _ in fields.strings("evaluative_words"))
    claims = [_claim(doc, item, section_ids) for item in fields.items("claims")]
    good_claims = tuple(c for c in claims if c is not None)
    good_motions = tuple(m for m in motions if m is not None)
    good_polls = tuple(p for p in polls if p is not None)
    if (
        lesson_id is None
        or title is None
        or essay_title is None
        or origin is None
        or written is None
        or rubric is None
        or glossary is None
        or len(good_motions) != len(motions)
        or len(good_polls) != len(polls)
        or len(good_claims) != len(claims)
    ):
        return None
    return LessonHead(
        lesson_id,
        title,
        essay_title,
        origin,
        written,
        good_motions,
        good_polls,
        rubric,
        glossary,
        fields.line("id"),
        evaluative_words,
        good_claims,
    )


def _motion(doc: YamlDoc, node: Node, ids: Ids) -> Motion | None:
    fields = Fields(doc, node, "motion", ("id", "text"))
    motion_id, text = fields.ident(), fields.text("text")
    if motion_id is not None:
        ids.claim("motion", motion_id, f"{doc.file}:{fields.line('id')}", fields)
    return Motion(motion_id, text) if motion_id and text else None


def _poll(doc: YamlDoc, node: Node, section_ids: list[str], ids: Ids) -> PollSpec | None:
    fields = Fields(doc, node, "poll", ("id", "section", "kind", "question", "options"))
    poll_id, question = fields.ident(), fields.text("question")
    section = fields.text("section", required=False)
    kind = fields.text("kind")
    if poll_id is not None:
        ids.claim("poll", poll_id, f"{doc.file}:{fields.line('id')}", fields)
    if section is not None and section not in section_ids:
        fields.problem(
            "section",
            f"{fields.what} is shown with section '{section}', which does "
            f"not exist (sections: {', '.join(section_ids) or 'none yet'})",
        )
    options = tuple(value for value, _ in fields.strings("options"))
    if kind is not None and kind not in POLL_KINDS:
        fields.problem("kind", f"{fields.what} has kind '{kind}'; use agree or choice")
        kind = None
    elif kind == "agree":
        if options:
            fields.problem(
                "options",
                f"{fields.what} is an agree poll: it uses the 5-point scale, so remove its options",
            )
        options = AGREE_OPTIONS
    elif kind == "choice":
        if len(options) < 2:
            fields.problem(
                "options" if options else None,
                f"{fields.what} is a choice poll: give it at least 2 options",
            )
        elif len(set(options)) < len(options):
            fields.problem("options", f"{fields.what} has the same option twice")
    if not (poll_id and question and kind) or (section is not None and section not in section_ids):
        return None
    return PollSpec(poll_id, section, kind, question, options)


def _rubric(doc: YamlDoc, node: Node) -> Rubric | None:
    fields = Fields(doc, node, "the rubric", ("min", "max", "criteria"))
    low, high = fields.integer("min"), fields.integer("max")
    if low is not None and high is not None and low >= high:
        fields.problem("max", f"the rubric's max ({high}) should be more than its min ({low})")
    criteria: list[Criterion] = []
    seen: set[str] = set()
    items = fields.items("criteria", required=True)
    for item in items:
        criterion = Fields(doc, item, "criterion", ("id", "label", "help", "cards"))
        criterion_id, label = criterion.ident(), criterion.text("label")
        cards = (criterion.text("cards", False) or "false").lower()
        if cards not in ("true", "false"):
            criterion.problem("cards", f"'cards' in {criterion.what} should be true or false, not '{cards}'")
        if criterion_id in seen:
            criterion.problem("id", f"the criterion id '{criterion_id}' is used twice")
        if criterion_id and label:
            seen.add(criterion_id)
            criteria.append(Criterion(criterion_id, label, criterion.text("help", False) or "",
                                      cards=cards == "true"))
    if low is None or high is None or low >= high or len(criteria) != len(items):
        return None
    return Rubric(low, high, tuple(criteria))


def _glossary(doc: YamlDoc, items: list[Node]) -> tuple[GlossaryTerm, ...] | None:
    terms: list[GlossaryTerm] = []
    ok = True
    for item in items:
        fields = Fields(doc, item, "glossary entry", ("term", "definition"))
        term, definition = fields.text("term"), fields.text("definition")
        if term and any(t.term.lower() == term.lower() for t in terms):
            fields.problem("term", f"the glossary has '{term}' twice")
        if term and definition:
            terms.append(GlossaryTerm(term, definition))
        else:
            ok = False
    return tuple(terms) if ok else None


def _claim(doc: YamlDoc, node: Node, section_ids: list[str]) -> tuple[KeyClaim, int | None] | None:
    """A key claim: its section (which must exist), its quote and why it matters (both required)."""
    fields = Fields(doc, node, "claim", ("section", "quote", "why"))
    section, quote, why = fields.text("section"), fields.text("quote"), fields.text("why")
    if section is not None and section not in section_ids:
        fields.problem("section", f"the claim is in section '{section}', which does not exist "
                       f"(sections: {', '.join(section_ids) or 'none yet'})")
        return None
    if section and quote and why:
        return KeyClaim(section, " ".join(quote.split()), " ".join(why.split())), fields.line("quote")
    return None
