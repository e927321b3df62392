"""ExportButton (teacher): the room's data as CSV files in one zip, offered as a download link.

The zip is built in memory by :func:`debate_kit.export.room_zip` (guarded cells, no secrets) and given
to the browser as a ``data:`` link, so no file is left on the server.
"""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.export import room_zip
from debate_kit.widgets._html import esc
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


class ExportButton(w.VBox):
    """Export → a link "Download room-K7QF.zip"."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.button = w.Button(description="Export CSV (zip)", tooltip="Download this room's data",
                               icon="download")
        self.button.add_class("dk-export")
        self.link = w.HTML()
        self.status = StatusLine()
        self.button.on_click(self._export)
        # The results page (teacher-only) reads this browser's teacher key, as this console does.
        results = w.HTML(f'<p><a href="results.ipynb?room={esc(session.room.code)}" target="_blank" '
                         'rel="noopener">'
                         "Open the results page (tables, charts, Excel and CSV downloads)</a></p>")
        super().__init__([self.button, self.link, self.status, results])
        self.add_class("dk-export-box")

    def refresh(self) -> None:
        """Nothing live here; the link is made on demand."""

    @guarded
    def _export(self, _button: Any = None) -> None:
        if not self.session.is_teacher:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        data = base64.b64encode(room_zip(self.session.store, self.session.room.id,
                                           self.session.room.code)).decode("ascii")
        name = f"room-{self.session.room.code}.zip"
        self.link.value = (
            f'<a class="dk-export-link" download="{esc(name)}" href="data:application/zip;base64,{data}">'
            f"Download {esc(name)}</a>"
        )
        self.status.ok("Your export is ready: click the link to save it.")
