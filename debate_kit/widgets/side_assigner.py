"""SideAssigner (teacher): plan debates, preview the seats, swap by hand and publish the round.

Its defaults are the core's :data:`DEFAULT_PLAN`: one debate, two a side, everyone else a judge, so
every student has a job; "Everyone else: watch" makes the others audience.

The seating itself is :func:`debate_kit.core.sides.assign_sides`. Every control's value is checked
again here and in the store: the class list comes from the store, never from the dropdowns' options;
the plan, times, seed, locks and pairs are checked by the core; saving needs the teacher key.
"""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.core.formats import PRESETS, DebateFormat, with_times
from debate_kit.core.sides import DEFAULT_PLAN, OTHERS, ROLES, Assignment, SeatPlan, assign_sides, swap_seats
from debate_kit.rounds import ROLE_TEXT
from debate_kit.widgets._html import esc, table
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession

MAX_SEED = 2**31 - 1
OTHERS_TEXT = {"judge": "judge a debate", "audience": "watch (audience)"}


def _control(widget: Any, css: str) -> Any:
    widget.add_class(css)
    widget.style.description_width = "initial"
    return widget


def _button(label: str, css: str, tooltip: str, style: str = "") -> w.Button:
    button = w.Button(description=label, tooltip=tooltip, button_style=style)
    button.add_class(css)
    return button


class SideAssigner(w.VBox):
    """Plan → Preview → (swap) → Publish. ``assignment`` is the previewed seating."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.assignment: Assignment | None = None
        self.round_id: int | None = None
        self.locks: dict[str, str] = {}
        self.pairs: set[tuple[str, str]] = set()
        c = _control
        plan = DEFAULT_PLAN
        self.debates = c(w.BoundedIntText(plan.debates, min=1, max=50, description="Debates"),
                         "dk-assign-debates")
        self.team_size = c(w.BoundedIntText(plan.team_size, min=1, max=5, description="Team size"),
                           "dk-assign-team-size")
        self.judges = c(w.BoundedIntText(plan.judges_per_debate, min=0, max=5,
                                         description="Judges per debate"), "dk-assign-judges")
        self.others = c(w.Dropdown(options=[(OTHERS_TEXT[o], o) for o in OTHERS], value=plan.others,
                                   description="Everyone else"), "dk-assign-others")
        self.preset = c(w.Dropdown(options=[(f.name, k) for k, f in PRESETS.items()],
                                   value="classroom", description="Format"), "dk-assign-format")
        self.speech_minutes = c(w.BoundedFloatText(3.0, min=0.5, max=20, step=0.5,
                                                   description="Speech minutes"), "dk-assign-speech-minutes")
        self.rebuttal_minutes = c(w.BoundedFloatText(2.0, min=0.5, max=20, step=0.5,
                                                     description="Rebuttal minutes"),
                                  "dk-assign-rebuttal-minutes")
        self.seed = c(w.IntText(random.SystemRandom().randrange(1, 100_000), description="Seed"),
                      "dk-assign-seed")
        self.lock_who = c(w.Dropdown(description="Lock student"), "dk-assign-lock-student")
        self.lock_role = c(w.Dropdown(options=ROLES, description="to role"), "dk-assign-lock-role")
        self.apart_a = c(w.Dropdown(description="Keep apart"), "dk-assign-apart-a")
        self.apart_b = c(w.Dropdown(description="and"), "dk-assign-apart-b")
        self.swap_a = c(w.Dropdown(description="Swap"), "dk-assign-swap-a")
        self.swap_b = c(w.Dropdown(description="with"), "dk-assign-swap-b")
        self.new_seed = _button("New seed", "dk-assign-new-seed", "Pick a new random seed")
        self.lock_add = _button("Add lock", "dk-assign-lock-add", "Lock this student to this role")
        self.apart_add = _button("Add pair", "dk-assign-apart-add", "Keep these two in different teams")
        self.clear = _button("Clear locks and pairs", "dk-assign-clear", "Remove all locks and pairs")
        self.preview_button = _button("Preview", "dk-assign-preview", "Show the seating", "info")
        self.swap = _button("Swap", "dk-assign-swap", "Exchange these two students' seats")
        self.publish = _button("Publish", "dk-assign-publish", "Show the sides to the class", "success")
        self.constraints = w.HTML()
        self.preview = w.HTML()
        self.status = StatusLine()
        self.preset.observe(self._preset_changed, "value")
        for button, handler in ((self.new_seed, self._new_seed), (self.lock_add, self._add_lock),
                                (self.apart_add, self._add_pair), (self.clear, self._clear),
                                (self.preview_button, self._preview), (self.swap, self._swap),
                                (self.publish, self._publish)):
            button.on_click(handler)
        super().__init__([
            w.HBox([self.debates, self.team_size, self.judges, self.others]),
            w.HBox([self.preset, self.speech_minutes, self.rebuttal_minutes]),
            w.HBox([self.seed, self.new_seed]),
            w.HBox([self.lock_who, self.lock_role, self.lock_add]),
            w.HBox([self.apart_a, self.apart_b, self.apart_add]),
            w.HBox([self.clear]), self.constraints,
            w.HBox([self.preview_button, self.publish]), self.preview,
            w.HBox([self.swap_a, self.swap_b, self.swap]), self.status,
        ])
        self.add_class("dk-assign")
        self.refresh()

    # -- reading ------------------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        return {str(pid): name for pid, name in self.session.names().items()}

    def refresh(self) -> None:
        names = self._names()
        options = sorted(((n, pid) for pid, n in names.items()), key=lambda o: o[0].lower())
        for dropdown in (self.lock_who, self.apart_a, self.apart_b, self.swap_a, self.swap_b):
            if list(dropdown.options) != options:
                keep = dropdown.value
                dropdown.options = options
                if options:
                    dropdown.value = keep if keep in names else options[0][1]
        locks = [f"{esc(names.get(p, '?'))} → {esc(r)}" for p, r in sorted(self.locks.items())]
        pairs = [f"{esc(names.get(a, '?'))} ≠ {esc(names.get(b, '?'))}" for a, b in sorted(self.pairs)]
        self.constraints.value = (
            f"<div>Locks: {', '.join(locks) or 'none'}. Keep apart: {', '.join(pairs) or 'none'}. "
            f"{len(names)} in the room.</div>"
        )

    def _format(self) -> DebateFormat:
        preset = PRESETS.get(self.preset.value)  # type: ignore[arg-type]
        if preset is None:
            raise InvalidInput("format-unknown", "Choose one of the formats in the list.")
        return with_times(preset, self.speech_minutes.value, self.rebuttal_minutes.value)

    def _seed(self) -> int:
        seed = self.seed.value
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise InvalidInput("seed-invalid", f"The seed is a whole number from 0 to {MAX_SEED}.")
        return seed

    def _require_teacher(self) -> None:
        if not self.session.is_teacher:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")

    def _member(self, pid: object) -> str:
        if not isinstance(pid, str) or pid not in self._names():
            raise InvalidInput("sides-unknown-participant", "Choose a student who is in the room.")
        return pid

    # -- handlers -----------------------------------------------------------------------------------
    @guarded
    def _preset_changed(self, _change: Any) -> None:
        preset = PRESETS.get(self.preset.value)  # type: ignore[arg-type]
        if preset is not None:
            self.speech_minutes.value = preset.speech_minutes
            self.rebuttal_minutes.value = preset.rebuttal_minutes
            self.team_size.value = preset.speakers_per_side

    @guarded
    def _new_seed(self, _button: Any = None) -> None:
        self.seed.value = random.SystemRandom().randrange(1, 100_000)

    @guarded
    def _add_lock(self, _button: Any = None) -> None:
        self._require_teacher()
        pid = self._member(self.lock_who.value)
        if self.lock_role.value not in ROLES:
            raise InvalidInput("sides-unknown-role", "Choose a role from the list.")
        self.locks[pid] = str(self.lock_role.value)
        self.refresh()

    @guarded
    def _add_pair(self, _button: Any = None) -> None:
        self._require_teacher()
        a, b = self._member(self.apart_a.value), self._member(self.apart_b.value)
        if a == b:
            raise InvalidInput("sides-bad-pair", "Choose two different students.")
        self.pairs.add((min(a, b), max(a, b)))
        self.refresh()

    @guarded
    def _clear(self, _button: Any = None) -> None:
        self.locks.clear()
        self.pairs.clear()
        self.refresh()

    @guarded
    def _preview(self, _button: Any = None) -> None:
        self._require_teacher()
        names = self._names()
        plan = SeatPlan(self.debates.value, self.team_size.value, self.judges.value, self.others.value)
        self._format()
        self.assignment = assign_sides(
            sorted(names), plan, seed=self._seed(), history=self.session.store.side_history(
                self.session.room.id), locks={p: r for p, r in self.locks.items() if p in names},
            keep_apart=[pair for pair in self.pairs if set(pair) <= set(names)], names=names,
        )
        self.round_id = None
        self._show()
        self.status.info("Preview only: students see nothing until you publish.")

    @guarded
    def _swap(self, _button: Any = None) -> None:
        self._require_teacher()
        if self.assignment is None:
            raise InvalidInput("sides-no-preview", "Make a preview first.")
        a, b = self._member(self.swap_a.value), self._member(self.swap_b.value)
        self.assignment = swap_seats(self.assignment, a, b)
        self._show()
        self.status.info("Swapped. Publish to show the change to the class.")

    @guarded
    def _publish(self, _button: Any = None) -> None:
        self._require_teacher()
        if self.assignment is None:
            raise InvalidInput("sides-no-preview", "Make a preview first.")
        store, key, room_id = self.session.store, self.session.teacher_key, self.session.room.id
        if self.round_id is not None:
            store.replace_seats(self.round_id, key, self.assignment)
        else:
            self.round_id = store.save_round(room_id, key, self.assignment, self._format()).id
        store.publish_round(self.round_id, key)
        self.status.ok("Published: every student now sees their side and role.")

    def _show(self) -> None:
        assert self.assignment is not None
        names = self._names()
        rows = [
            (s.debate or "", ROLE_TEXT.get(s.role, s.role), s.speaker or "", names.get(s.participant, "?"))
            for s in self.assignment.seats
        ]
        warnings = "".join(f"<li>{esc(x)}</li>" for x in self.assignment.warnings)
        self.preview.value = (
            f"<div>Seed {self.assignment.seed}</div>"
            + table(("Debate", "Role", "Speaker", "Name"), rows, css="dk-assign-table")
            + (f"<ul class='dk-warnings'>{warnings}</ul>" if warnings else "")
        )
