"""Page operations from the window, with undo and redo (a QUndoStack).

Every request (do, undo, redo) goes into one queue and runs on the "pages" worker, one at a
time, in the order the operator pressed the keys. An operation is built on the worker from
the catalog as it is then, so quick presses each see the result of the one before. The stack
only records history (texts for the menu, the bound of 100): its index moves once the catalog
has taken the change, so an operation or undo the catalog refuses (the item was committed
meanwhile) leaves the history as it was, and the operator reads why in the status bar.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from app.catalog.page_ops import PageOperation, PageOpRefused
from app.ui.workers import WorkerPool
from app.workspace import Workspace

UNDO_LIMIT = 100


class PageCommand(QUndoCommand):
    """One applied operation in the history; the controller does its work, not the stack."""

    def __init__(self, operation: PageOperation, text: str):
        super().__init__(text)
        self.operation = operation

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


class PageOperations(QObject):
    changed = Signal(object)  # the operation applied, reverted or re-applied
    refused = Signal(str)  # why an operation or an undo was not done

    def __init__(self, workspace: Workspace, workers: WorkerPool, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace, self.workers = workspace, workers
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self._queue: deque[tuple[str, object]] = deque()
        self._busy = False

    @property
    def busy(self) -> bool:
        """Work queued or running: the window's picture of the pages may be about to change."""
        return self._busy or bool(self._queue)

    def do(self, build: Callable[[Session], PageOperation], text: str) -> None:
        self._queue.append(("do", (build, text)))
        self._next()

    def undo(self) -> None:
        self._queue.append(("undo", None))
        self._next()

    def redo(self) -> None:
        self._queue.append(("redo", None))
        self._next()

    def _next(self) -> None:
        while self._queue and not self._busy:
            kind, payload = self._queue.popleft()
            if kind == "do":
                build, text = payload
                self._run(lambda: self.workspace.apply_page_op(build),
                          lambda operation: self.stack.push(PageCommand(operation, text)))
            elif kind == "undo" and self.stack.canUndo():
                command = self.stack.command(self.stack.index() - 1)
                self._run(lambda: self.workspace.revert_page_op(command.operation),
                          lambda _operation: self.stack.undo())
            elif kind == "redo" and self.stack.canRedo():
                command = self.stack.command(self.stack.index())
                self._run(lambda: self.workspace.reapply_page_op(command.operation),
                          lambda _operation: self.stack.redo())

    def _run(self, job: Callable[[], PageOperation], on_done: Callable[[PageOperation], None]) -> None:
        self._busy = True

        def refusable() -> PageOperation | PageOpRefused:
            try:
                return job()
            except PageOpRefused as refusal:  # the operator's request, not a fault: no traceback
                return refusal

        def done(outcome: PageOperation | PageOpRefused) -> None:
            self._busy = False
            if isinstance(outcome, PageOpRefused):
                self.refused.emit(str(outcome))
            else:
                on_done(outcome)
                self.changed.emit(outcome)
            self._next()

        def failed(error: Exception) -> None:
            self._busy = False
            self.refused.emit(self.tr("page operation failed: %1; see the log").replace("%1", repr(error)))
            self._next()

        self.workers.run("pages", refusable, done, failed)
