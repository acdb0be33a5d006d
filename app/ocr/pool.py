"""Pages recognised in parallel: one worker process, and one tesseract, per core.

Workers are started with "spawn", never "fork": the GUI owns Qt threads, and forking a
process that has threads can copy a held lock into the child and hang it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import TypeVar

from app.ocr.engine import OcrPage
from app.ocr.prepare import PageOcrRequest, recognize_page
from app.ocr.tesseract import limit_tesseract_threads

T = TypeVar("T")
R = TypeVar("R")


class OcrPool:
    """A process pool that turns ``PageOcrRequest``s into ``OcrPage``s."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=limit_tesseract_threads,
        )

    def submit(self, request: PageOcrRequest) -> Future[OcrPage]:
        return self._executor.submit(recognize_page, request)

    def run(self, work: Callable[[T], R], request: T) -> Future[R]:
        """Any page-sized job (``work`` must be importable by the spawned workers)."""
        return self._executor.submit(work, request)

    def shutdown(self, cancel_pending: bool = True) -> None:
        """Stop the workers; pages not yet started are dropped unless told otherwise."""
        self._executor.shutdown(wait=True, cancel_futures=cancel_pending)

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.shutdown()
