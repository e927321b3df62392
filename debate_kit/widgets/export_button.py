"""ExportButton (teacher): the room's data as CSV files in one zip, offered as a download link.

The zip is built in memory from :meth:`Store.export_csv` (which leaves out hashed secrets) and given
to the browser as a ``data:`` link, so no file is left on the server.
"""

from __future__ import annotations

import base64
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.widgets._html import esc
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


def room_zip(session: ClassSession) -> bytes:
    """The room's tables as CSV files in a zip archive."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="debate-kit-export-") as tmp:
        paths = session.store.export_csv(session.room.id, Path(tmp))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, arcname=f"{session.room.code}/{path.name}")
    return buffer.getvalue()


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
        data = base64.b64encode(room_zip(self.session)).decode("ascii")
        name = f"room-{self.session.room.code}.zip"
        self.link.value = (
            f'<a class="dk-export-link" download="{esc(name)}" href="data:application/zip;base64,{data}">'
            f"Download {esc(name)}</a>"
        )
        self.status.ok("Your export is ready: click the link to save it.")
