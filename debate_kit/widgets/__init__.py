"""Live classroom widgets: views of the store, fed by its change feed (one kernel per page view).

Public surface: the three apps and the widgets they are made of. Every widget is imported on first
use, so a student's kernel never loads segno (the teacher's QR code) or anything else it does not need.
"""

from __future__ import annotations

from typing import Any

#: Every public widget and the module it lives in. Nothing is imported until it is asked for, so a
#: student's kernel loads only what the student page uses (not the lesson app, not the teacher's tools).
_MODULES = {
    "ClassSession": "session",
    "DeviceIdentity": "identity",
    "JoinView": "join",
    "LessonApp": "lesson_app",
    "LessonPage": "lesson_page",
    "LiveVote": "live_vote",
    "ScoreResults": "score_results",
    "SeatView": "seat_view",
    "SwingView": "swing_view",
}
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
    "ScoreResults", "SeatView", "SwingView", *sorted(_TEACHER),
]


def __getattr__(name: str) -> Any:
    module_name = _MODULES.get(name) or _TEACHER.get(name)
    if module_name is not None:
        import importlib

        module = importlib.import_module(f"debate_kit.widgets.{module_name}")
        return getattr(module, name)
    raise AttributeError(f"module 'debate_kit.widgets' has no attribute {name!r}")
