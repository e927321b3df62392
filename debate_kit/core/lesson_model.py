"""A lesson as plain, frozen data: the essay in sections, prompts, counter-readings, motions, polls.

The objects are built by :mod:`debate_kit.core.lesson_check` from the files described in
``readings/README.md``; nothing here reads files or validates. Glossary:

- *section*: a piece of the essay, word for word, with discussion prompts;
- *counter-reading*: a short dated text, with numbered sources, that answers one or more sections;
- *motion*: the statement the class votes on before and after the debate;
- *poll*: a quick question shown with a section (an agree scale or a choice).
"""

from __future__ import annotations

from dataclasses import dataclass

from debate_kit.core.errors import NotFound

AGREE_OPTIONS = ("Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree")


@dataclass(frozen=True)
class Source:
    """A source a counter-reading cites as ``[id]``.

    ``date`` is the publication date, YYYY-MM-DD, or "undated" for a page that shows none; then
    ``accessed`` says when it was read (it is "" for a dated source that does not give it).
    """

    id: str
    outlet: str
    title: str
    date: str
    url: str
    accessed: str = ""


@dataclass(frozen=True)
class Prompt:
    """A question about a section; ``kind`` is one of :data:`debate_kit.core.vocabulary.PROMPT_KINDS`."""

    id: str
    kind: str
    text: str


@dataclass(frozen=True)
class Section:
    """One piece of the essay, in reading order (``order`` is the file's NN)."""

    id: str
    title: str
    order: int
    text: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class CounterReading:
    """A dated, sourced text answering the sections named in ``sections``.

    ``written`` is when it was written; ``checked`` is the day its facts were last checked against
    its sources (YYYY-MM-DD), so a teacher knows which date the facts run to.
    """

    id: str
    title: str
    sections: tuple[str, ...]
    written: str
    body: str
    sources: tuple[Source, ...]
    checked: str = ""


@dataclass(frozen=True)
class Motion:
    """A statement voted on before and after the debate."""

    id: str
    text: str


@dataclass(frozen=True)
class PollSpec:
    """A poll: ``kind`` "agree" (options are :data:`AGREE_OPTIONS`) or "choice".

    ``section`` is the section it is shown with, or None for a poll about the whole essay.
    """

    id: str
    section: str | None
    kind: str
    question: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Criterion:
    """One thing a speech is scored on."""

    id: str
    label: str
    help: str
    #: Its box shows the cards a speech cited (``cards: true`` in lesson.yaml; ``evidence`` always does).
    cards: bool = False


@dataclass(frozen=True)
class Rubric:
    """Scores go from ``min`` to ``max`` (whole numbers) on each criterion."""

    min: int
    max: int
    criteria: tuple[Criterion, ...]


DEFAULT_RUBRIC = Rubric(
    min=1,
    max=5,
    criteria=(
        Criterion("clash", "Clash and responsiveness", "Answers what the other side actually said."),
        Criterion("evidence", "Evidence", "Uses dated, sourced facts."),
        Criterion("reasoning", "Reasoning", "Shows why the evidence supports the point."),
        Criterion("delivery", "Delivery", "Clear, audible, within time."),
    ),
)


@dataclass(frozen=True)
class GlossaryTerm:
    """A word students may not know, with a short definition."""

    term: str
    definition: str


@dataclass(frozen=True)
class KeyClaim:
    """One of the essay's key claims for students to build evidence cards on: the section it is in, its
    words copied exactly from the essay, and why it matters (neutral, in the kit's voice)."""

    section: str
    quote: str
    why: str


@dataclass(frozen=True)
class Lesson:
    """A whole lesson: the essay in sections and everything the apps show around it."""

    id: str
    title: str
    essay_title: str
    essay_origin: str
    essay_written: str
    sections: tuple[Section, ...]
    counter_readings: tuple[CounterReading, ...]
    motions: tuple[Motion, ...]
    polls: tuple[PollSpec, ...]
    rubric: Rubric
    glossary: tuple[GlossaryTerm, ...]
    teacher_guide: str
    evaluative_words: tuple[str, ...] = ()  # added to the default list of lesson_style
    claims: tuple[KeyClaim, ...] = ()  # the essay's key claims to check (optional)

    def readings_for(self, section_id: str) -> tuple[CounterReading, ...]:
        """The counter-readings that answer this section (empty if none or unknown)."""
        return tuple(r for r in self.counter_readings if section_id in r.sections)

    def section(self, section_id: str) -> Section:
        """The section with this id; raises :class:`NotFound` if there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise NotFound("section-not-found", f"This lesson has no section '{section_id}'.")

    def poll(self, poll_id: str) -> PollSpec:
        """The poll with this id; raises :class:`NotFound` if there is none."""
        for poll in self.polls:
            if poll.id == poll_id:
                return poll
        raise NotFound("poll-not-found", f"This lesson has no poll '{poll_id}'.")
