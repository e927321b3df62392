"""The teacher's results page (``notebooks/results.ipynb``): swing, polls, scores, participation, files.

Teacher-only: it imports pandas and openpyxl, so the student path never imports this package.

- :mod:`.records`: one room's store records, read once (the only I/O);
- :mod:`.tables`: pure functions records -> pandas DataFrames (one per table, fixed columns);
- :mod:`.render`: pure functions records/tables -> HTML (CSS bars, every typed text escaped);
- :mod:`.downloads`: CSV per table and an Excel workbook, as ``data:`` links;
- :mod:`.app`: :class:`ResultsApp`, the widget with the teacher-key gate.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the export imports .records without Jupyter
    import ipywidgets as w

__all__ = ["results_app"]
log = logging.getLogger("debate_kit.results")


def results_app(query: str = "", *, room: str | None = None, teacher_key: str | None = None) -> w.Widget:
    """The results page for ``?room=CODE`` (or ``room=``), unlocked by the room's teacher key.

    In Voila the key comes from the browser's localStorage, as for the teacher console. In JupyterLab
    pass it directly: ``results_app(room="K7QF", teacher_key="...")``. Never raises: problems are shown.
    """
    import ipywidgets as w

    from debate_kit import apps, config
    from debate_kit.results.app import ResultsApp

    store = apps._store()
    if isinstance(store, w.HTML):
        return store
    code = room if room is not None else apps._params(query).get("room", "")
    try:
        return ResultsApp(store, code, teacher_key=teacher_key,
                          load_lesson=apps.lesson_loader(config.readings_dir()))
    except Exception:
        log.exception("debate_kit: results page failed")
        return apps._error("Something went wrong while opening the results.")
