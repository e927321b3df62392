"""A kernel manager that shuts down the kernels of closed and reloaded pages.

Voila starts one kernel per page view and, by default, never stops the kernel of a page that was
closed or reloaded (its shutdown beacon is refused; phones often send none), and jupyter_server's idle
culler never frees a kernel whose widgets update live. This manager records when each kernel's last
websocket closed and shuts it down after ``grace_seconds`` without a connection, whatever its activity.
A kernel whose page never connected is shut down after ``unconnected_seconds``.

Policy cases:
1. A kernel with an open websocket is never shut down.
2. A kernel whose last websocket closed ``grace_seconds`` ago is shut down (a phone that switches apps
   for less than that keeps its kernel).
3. A kernel that never had a websocket is shut down ``unconnected_seconds`` after it started.
"""

from __future__ import annotations

import asyncio
import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Float


class ReapingKernelManager(AsyncMappingKernelManager):
    grace_seconds = Float(
        120.0, config=True,
        help="Shut a kernel down this many seconds after its last page connection closed.",
    )
    unconnected_seconds = Float(
        120.0, config=True, help="Shut down a kernel whose page never connected after this many seconds."
    )
    reap_interval = Float(2.0, config=True, help="How often (seconds) to look for kernels to shut down.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._quiet_since: dict[str, float] = {}
        self._ever_connected: set[str] = set()
        self._reaper: PeriodicCallback | None = None
        self._reaping: set[str] = set()

    async def start_kernel(self, *args: object, **kwargs: object) -> str:
        kernel_id = await super().start_kernel(*args, **kwargs)
        self._quiet_since.setdefault(kernel_id, time.monotonic())
        if self._reaper is None:
            self._reaper = PeriodicCallback(self.reap, self.reap_interval * 1000)
            self._reaper.start()
        return kernel_id

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._ever_connected.add(kernel_id)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        self._quiet_since[kernel_id] = time.monotonic()

    def due_for_shutdown(self, now: float | None = None) -> list[str]:
        """Kernels with no connection for longer than their limit (policy cases 1 to 3)."""
        now = time.monotonic() if now is None else now
        due = []
        for kernel_id in list(self.list_kernel_ids()):
            if self._kernel_connections.get(kernel_id, 0) > 0 or kernel_id in self._reaping:
                continue
            limit = self.grace_seconds if kernel_id in self._ever_connected else self.unconnected_seconds
            if now - self._quiet_since.get(kernel_id, now) > limit:
                due.append(kernel_id)
        return due

    async def reap(self) -> None:
        """Shut down every kernel that is due, all at once: one by one, a class reloading together
        (each graceful shutdown waits for its kernel) left over 100 kernels behind for minutes."""
        due = self.due_for_shutdown()
        if due:
            await asyncio.gather(*(self._reap_one(kernel_id) for kernel_id in due))

    async def _reap_one(self, kernel_id: str) -> None:
        self._reaping.add(kernel_id)
        self.log.info("debate_kit: shutting down kernel of a closed page")
        try:
            await self.shutdown_kernel(kernel_id)
        except Exception:  # a kernel that died on its own: nothing for the teacher to do
            self.log.warning("debate_kit: a closed page's kernel had already stopped")
            self.log.debug("debate_kit: kernel shutdown failed", exc_info=True)
        finally:
            self._reaping.discard(kernel_id)
            self._quiet_since.pop(kernel_id, None)
            self._ever_connected.discard(kernel_id)
