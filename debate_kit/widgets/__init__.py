"""Live classroom widgets: views of the store, fed by its change feed (one kernel per page view).

Public surface: the three apps and the widgets they are made of. Teacher-only widgets (console,
side assigner, room panel with its QR code) are imported on first use, so a student's kernel never
loads segno or anything else it does not need.
"""

from __future__ import annotations

from typing import Any

from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.join import JoinView
from debate_kit.widgets.lesson_app import LessonApp
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.live_vote import LiveVote
from debate_kit.widgets.rebuttal_scorer import RebuttalScorer
from debate_kit.widgets.score_results import ScoreResults
from debate_kit.widgets.seat_view import SeatView
from debate_kit.widgets.session import ClassSession
from debate_kit.widgets.student_app import StudentApp
from debate_kit.widgets.swing_view import SwingView

_TEACHER = {
    "AnswersView": "answers_view",
    "ConsoleTabs": "console_tabs",
    "ExportButton": "export_button",
    "PhaseBar": "phase_bar",
    "PollControls": "poll_controls",
    "RoomPanel": "room_panel",
    "SideAssigner": "side_assigner",
    "SpeechTimer": "speech_timer",
    "TeacherConsole": "teacher_console",
    "TimerPanel": "speech_timer",
}

__all__ = [
    "ClassSession", "DeviceIdentity", "JoinView", "LessonApp", "LessonPage", "LiveVote",
    "RebuttalScorer", "ScoreResults", "SeatView", "StudentApp", "SwingView", *sorted(_TEACHER),
]


def __getattr__(name: str) -> Any:
    if name in _TEACHER:
        import importlib

        module = importlib.import_module(f"debate_kit.widgets.{_TEACHER[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'debate_kit.widgets' has no attribute {name!r}")
