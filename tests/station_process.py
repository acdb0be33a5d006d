"""The headless station (``lantai station --json``) as a real child process, for the tests that
drive it from outside: its JSON lines are read as they come."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path


class StationProcess:
    """``argv`` (a ``station --json`` command line) started with ``popen``'s options."""

    def __init__(self, argv: list[str | Path], **popen):
        self.process = subprocess.Popen([str(arg) for arg in argv], stdout=subprocess.PIPE, text=True,
                                        encoding="utf-8", **popen)
        self.lines: list[str] = []  # everything the station printed, for failure reports
        self.events: list[dict] = []  # the events waited through, then at stop() all the others
        self._unread: queue.Queue[dict] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            self._unread.put(json.loads(line))  # every line is one JSON object

    def wait_for(self, predicate: Callable[[dict], bool], timeout: float = 120) -> dict:
        """The first event from here on for which ``predicate`` holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self._unread.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, (f"station exited with {self.process.returncode}:\n"
                                                     + "".join(self.lines))
                continue
            self.events.append(event)
            if predicate(event):
                return event
        raise AssertionError(f"no matching station event within {timeout} s:\n" + "".join(self.lines))

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit status, once every line is read."""
        self.process.send_signal(signal.SIGTERM)
        returncode = self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        while not self._unread.empty():
            self.events.append(self._unread.get())
        return returncode

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind."""
        self.process.kill()
        self.process.wait(timeout=30)
