"""Work off the GUI thread: named thread pools whose results come back as signals.

Catalog reads, image decoding and commits each get their own pool, so a long commit never
holds up the inbox refresh or a page image. A ``Channel`` tags each job with a revision: a
result that a newer request has overtaken (the operator moved on) is dropped, not shown.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from itertools import count

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger("lantai.ui")


class _Job(QRunnable):
    def __init__(self, ticket: int, job: Callable[[], object], finished: Signal):
        super().__init__()
        self.ticket, self.job, self.finished = ticket, job, finished

    def run(self) -> None:
        try:
            result, error = self.job(), None
        except Exception as exc:  # reported on the GUI thread, where someone can act on it
            log.exception("background job failed")
            result, error = None, exc
        self.finished.emit(self.ticket, result, error)


class WorkerPool(QObject):
    """Thread pools by name; callbacks run on the thread that owns this object (the GUI's)."""

    _finished = Signal(int, object, object)

    def __init__(self, sizes: dict[str, int], parent: QObject | None = None):
        super().__init__(parent)
        self._pools = {}
        for name, size in sizes.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(size)
            self._pools[name] = pool
        self._tickets = count(1)
        self._callbacks: dict[int, tuple[Callable, Callable | None]] = {}
        self._finished.connect(self._deliver)

    def run(self, pool: str, job: Callable[[], object], on_result: Callable[[object], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        ticket = next(self._tickets)
        self._callbacks[ticket] = (on_result, on_error)
        self._pools[pool].start(_Job(ticket, job, self._finished))

    def channel(self, pool: str) -> Channel:
        return Channel(self, pool)

    def shutdown(self) -> None:
        """Drop queued jobs and wait for running ones, before the objects they report to go."""
        for pool in self._pools.values():
            pool.clear()
        for pool in self._pools.values():
            pool.waitForDone()
        self._callbacks.clear()

    def _deliver(self, ticket: int, result: object, error: object) -> None:
        on_result, on_error = self._callbacks.pop(ticket, (None, None))
        if error is None and on_result is not None:
            on_result(result)
        elif error is not None and on_error is not None:
            on_error(error)


class Channel:
    """Jobs whose results only count while no newer request has been made."""

    def __init__(self, workers: WorkerPool, pool: str):
        self.workers, self.pool = workers, pool
        self.revision = 0

    def renew(self) -> None:
        """Every result of a job started before this is dropped."""
        self.revision += 1

    def run(self, job: Callable[[], object], on_result: Callable[[object], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        revision = self.revision

        def current(callback):
            return lambda value: callback(value) if revision == self.revision else None

        self.workers.run(self.pool, job, current(on_result), on_error and current(on_error))

    def latest(self, job: Callable[[], object], on_result: Callable[[object], None],
               on_error: Callable[[Exception], None] | None = None) -> None:
        """Run ``job`` and forget every earlier one."""
        self.renew()
        self.run(job, on_result, on_error)


# Ticks between collections of the older generations. With a batch of 100 items in the
# inbox, collecting everything took 150-190 ms (165,000 objects, nearly all of them the
# libraries' modules and classes); once those are frozen, a young generation takes about 1 ms
# (16 ms at worst with OCR on both cores) and the rest still 20-120 ms. Objects that survive
# a young collection are rarely garbage, so the full one runs every five minutes: a cycle that
# reached the oldest generation waits that long to be freed, and the stall stays rare.
MIDDLE_EVERY = 10
FULL_EVERY = 300


def collect_garbage_on_gui_thread(parent: QObject, interval_ms: int = 1000) -> QTimer:
    """Python's cyclic collector runs on whichever thread happens to allocate; a widget freed
    by it on a worker thread crashes Qt. So automatic collection is off and this timer
    collects on the GUI thread instead.

    What is alive now (the modules, classes and functions of every library imported) lives as
    long as the process: it is frozen, moved where no collection looks at it again, after one
    last full collection so that no garbage is frozen with it."""
    gc.disable()
    gc.collect()
    gc.freeze()
    ticks = count(1)

    def collect() -> None:
        tick = next(ticks)
        gc.collect(2 if tick % FULL_EVERY == 0 else 1 if tick % MIDDLE_EVERY == 0 else 0)

    timer = QTimer(parent, interval=interval_ms, timeout=collect)
    timer.start()
    return timer
