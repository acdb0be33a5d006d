"""GUI-thread stalls of the operator window while its station processes a batch, in one run.

    .venv/bin/python bench/ui_responsiveness.py [--pages N] [--idle S] [--step-ms MS] [--why] [--json] [--check]

Issue target: while a 100-page batch is processed, the 99th percentile of the GUI thread's
stalls stays under 30 ms.

A real ``MainWindow`` with its ``StationThread`` (OCR worker processes and all), on a fresh
data directory whose profile watches one folder, as ``app.ui.app.run`` starts it (garbage
collected on the GUI thread). Qt's platform is offscreen unless ``QT_QPA_PLATFORM`` says
otherwise (run under ``xvfb-run`` with ``QT_QPA_PLATFORM=xcb`` to include real painting).

A ``QTimer`` on the GUI thread fires every 10 ms; each tick's lateness (the interval measured
minus 10 ms) is a stall: the time the window could not answer a key. Meanwhile the window
refreshes its inbox every 2 s, as it does, and a simulated operator presses "next item"
every ``--step-ms`` (wrapping round), so the item's detail, page image and thumbnails load.

Phases, each measured alone:

* ``idle``: the window open, station watching, inbox empty: the reference.
* ``batch``: ``--pages`` page files, strips of four printed lines cropped from
  ``<repo>/../shared/corpus/cjk-rendered/seedA-003.png`` at 300 dpi (as tests/conftest.py's
  ``make_strips`` does; each different), are put into the watched folder by a helper thread
  (written under a hidden name, then renamed, as scanners do), ``--interval`` s apart
  (0: all at once). One file is one item (the default grouping). Measured until every item
  is ready or failed; pages/min is pages over the time from the first file to the last item.
* ``after``: the station idle again, the inbox full, the operator still stepping: what the
  window's own work costs with many items, apart from the CPU the OCR takes.

Figures: p50, p99 and max lateness in ms, and each phase's p99 against the idle one.
``--why`` also samples the GUI thread's Python stack (``sys._current_frames``, every 5 ms)
whenever it is more than 20 ms late, and lists where it was: the stalls' causes. A thread
holding the GIL shows as the GUI thread waiting at whatever line it last ran.

Exit status is 0 whatever the figures (it is a benchmark); ``--check`` makes it 1 when the
target is missed or the batch did not finish.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere: the app package is in the repo
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.processing import Progress  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.workers import collect_garbage_on_gui_thread  # noqa: E402
from app.workspace import Workspace  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
HEARTBEAT_MS = 10
TARGET_P99_MS = 30.0
# Text rows of cjk-rendered/seedA-003.png (300 dpi), as tests/conftest.py crops them.
STRIP_TOP, STRIP_HEIGHT = 240, 320
STALL_SAMPLE_S, STALL_THRESHOLD_MS = 0.005, 20.0
STALL_PLACES = 12  # listed by --why


# --------------------------------------------------------------------------- pages


def make_pages(corpus: Path, folder: Path, count: int) -> list[Path]:
    """``count`` page files of four printed lines each, named page-001.jpg…; each is numbered
    in its margin, so none is a duplicate of another however many there are."""
    source = Image.open(corpus / "cjk-rendered" / "seedA-003.png")
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for number in range(count):
        # five bands of text, shifted a little on each round
        top = STRIP_TOP + (number % 5) * STRIP_HEIGHT + (number // 5) % 100 * 11
        strip = source.crop((0, top, source.width, top + STRIP_HEIGHT))
        ImageDraw.Draw(strip).text((20, STRIP_HEIGHT - 20), str(number + 1), fill="black")
        path = folder / f"page-{number + 1:03d}.jpg"
        strip.save(path, dpi=(300, 300), quality=92)
        pages.append(path)
    return pages


def deliver(pages: Sequence[Path], folder: Path, interval: float) -> threading.Thread:
    """Put ``pages`` into ``folder`` from a thread of its own, as a scanner would."""

    def run() -> None:
        for page in pages:
            partial = folder / f".{page.name}.part"
            partial.write_bytes(page.read_bytes())
            partial.rename(folder / page.name)
            if interval:
                time.sleep(interval)

    thread = threading.Thread(target=run, name="bench-scanner", daemon=True)
    thread.start()
    return thread


# --------------------------------------------------------------------------- measuring


class Heartbeat:
    """A 10 ms timer on the GUI thread; each tick's lateness in ms, for the phase being recorded."""

    def __init__(self) -> None:
        self.timer = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer, timeout=self._tick)
        self.last = time.perf_counter()
        self.lateness: list[float] | None = None

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.lateness is not None:
            self.lateness.append(max(0.0, (now - self.last) * 1000 - HEARTBEAT_MS))
        self.last = now

    def record(self) -> list[float]:
        self.lateness = []
        return self.lateness


class StallSampler(threading.Thread):
    """While the GUI thread is late: where it is, and where every other thread that is not
    waiting is (its innermost frame in the app, and in all). The sampler is a Python thread
    too: when it wakes late itself, some thread held the GIL, and those others are suspects."""

    def __init__(self, heartbeat: Heartbeat) -> None:
        super().__init__(name="bench-stall-sampler", daemon=True)
        self.heartbeat = heartbeat
        self.gui_thread = threading.get_ident()
        self.places: Counter[str] = Counter()
        self.others: Counter[str] = Counter()
        self.gil_waits = 0  # samples taken late, after waiting for the GIL (or a CPU)
        self.samples = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        names = {}
        woke = time.perf_counter()
        while not self.stopping.wait(STALL_SAMPLE_S):
            now = time.perf_counter()
            late_self = (now - woke - STALL_SAMPLE_S) * 1000 > STALL_THRESHOLD_MS
            woke = now
            if (now - self.heartbeat.last) * 1000 <= HEARTBEAT_MS + STALL_THRESHOLD_MS:
                continue
            self.samples += 1
            self.gil_waits += late_self
            if len(names) != threading.active_count():
                names = {thread.ident: thread.name for thread in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                stack = traceback.extract_stack(frame)
                if ident == self.gui_thread:
                    self.places[_place(stack)] += 1
                elif ident != self.ident and not _waiting(stack):
                    self.others[f"{names.get(ident, ident)}: {_place(stack)}"] += 1

    def stop(self) -> None:
        self.stopping.set()
        self.join()


def _waiting(stack: traceback.StackSummary) -> bool:
    """A thread blocked in a lock, queue, sleep or select: not using the CPU nor the GIL."""
    innermost = Path(stack[-1].filename).name
    return innermost in ("threading.py", "queue.py", "selectors.py", "thread.py") or stack[-1].name in (
        "wait", "sleep", "get", "select", "poll", "_check_inotify_fd")


def _place(stack: traceback.StackSummary) -> str:
    def where(entry: traceback.FrameSummary) -> str:
        path = Path(entry.filename)
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else Path(*path.parts[-2:])
        return f"{shown}:{entry.lineno} {entry.name}"

    innermost = stack[-1]
    ours = next((entry for entry in reversed(stack) if Path(entry.filename).is_relative_to(REPO / "app")), None)
    if ours is None or ours is innermost:
        return where(innermost)
    return f"{where(ours)} -> {where(innermost)}"


def _percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass
class Phase:
    name: str
    seconds: float
    lateness: list[float] = field(repr=False)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at its start and end

    @property
    def beats(self) -> int:
        return len(self.lateness)

    @property
    def p50(self) -> float:
        return _percentile(self.lateness, 0.50)

    @property
    def p99(self) -> float:
        return _percentile(self.lateness, 0.99)

    @property
    def max(self) -> float:
        return max(self.lateness, default=0.0)

    def as_dict(self) -> dict:
        return {"name": self.name, "seconds": self.seconds, "beats": self.beats, "p50_ms": self.p50,
                "p99_ms": self.p99, "max_ms": self.max, "load": self.load}


@dataclass
class Report:
    pages: int
    platform: str
    step_ms: int
    interval: float
    phases: list[Phase]
    batch_seconds: float | None  # first file in to last item done; None if it did not finish
    items_done: int
    stalls: StallSampler | None

    def phase(self, name: str) -> Phase:
        return next(phase for phase in self.phases if phase.name == name)

    @property
    def pages_per_min(self) -> float | None:
        return self.pages / self.batch_seconds * 60 if self.batch_seconds else None

    @property
    def passed(self) -> bool:
        return self.batch_seconds is not None and self.phase("batch").p99 < TARGET_P99_MS

    def as_dict(self) -> dict:
        return {"pages": self.pages, "platform": self.platform, "step_ms": self.step_ms,
                "interval": self.interval, "phases": [phase.as_dict() for phase in self.phases],
                "batch_seconds": self.batch_seconds, "pages_per_min": self.pages_per_min,
                "items_done": self.items_done, "target_p99_ms": TARGET_P99_MS, "passed": self.passed,
                "stalls": self.stalls and {
                    "samples": self.stalls.samples, "gil_waits": self.stalls.gil_waits,
                    "gui_thread": dict(self.stalls.places.most_common(STALL_PLACES)),
                    "other_threads": dict(self.stalls.others.most_common(STALL_PLACES))}}


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until ``condition`` holds (looked at every 50 ms) or ``timeout`` s pass."""
    loop = QEventLoop()
    deadline = time.monotonic() + timeout

    def look() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    timer = QTimer(interval=50, timeout=look)
    timer.start()
    loop.exec()
    timer.stop()
    return condition()


def run_benchmark(pages: Sequence[Path], work: Path, *, idle_s: float = 10.0, step_ms: int = 1000,
                  interval: float = 0.0, timeout_s: float = 1800.0, why: bool = False,
                  progress: Callable[[str], None] = lambda line: None) -> Report:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    scans = work / "scans"
    scans.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.toml").write_text(f"[profiles.default]\nwatch = [{json.dumps(str(scans))}]\n",
                                        encoding="utf-8")
    workspace = Workspace.open(data)
    gc_timer = collect_garbage_on_gui_thread(app)
    window = MainWindow(workspace, QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat), run_station=True)
    finished: dict[int, float] = {}  # item id -> when it was ready or failed

    def station_progress(report: Progress) -> None:
        if report.kind in ("item_ready", "item_failed"):
            finished.setdefault(report.item_id, time.perf_counter())

    window.station.progress.connect(station_progress)

    def next_item() -> None:  # the operator's Ctrl+Down, back to the top after the last item
        inbox = window.inbox
        row = inbox.currentIndex().row()
        if inbox.inbox.items and row == len(inbox.inbox.items) - 1:
            inbox.setCurrentIndex(inbox.inbox.index(0, 0))
        else:
            window.registry.actions["item.next"].trigger()

    operator = QTimer(interval=step_ms, timeout=next_item)
    heartbeat = Heartbeat()
    sampler = StallSampler(heartbeat) if why else None
    phases: list[Phase] = []

    def measure(name: str, until: Callable[[], bool], timeout: float) -> bool:
        lateness = heartbeat.record()
        start, load = time.perf_counter(), os.getloadavg()[0]
        done = _wait(until, timeout)
        phases.append(Phase(name, time.perf_counter() - start, list(lateness), (load, os.getloadavg()[0])))
        progress(f"{name}: {phases[-1].seconds:.1f} s, p99 {phases[-1].p99:.1f} ms, max {phases[-1].max:.1f} ms")
        return done

    def elapsed(seconds: float) -> Callable[[], bool]:
        end = time.monotonic() + seconds
        return lambda: time.monotonic() >= end

    window.show()
    heartbeat.start()
    operator.start()
    if sampler:
        sampler.start()
    try:
        _wait(elapsed(2.0), 3.0)  # shown, painted, station started: not part of any phase
        measure("idle", elapsed(idle_s), idle_s + 1)
        dropped = time.perf_counter()
        deliver(pages, scans, interval)
        done = measure("batch", lambda: len(finished) >= len(pages), timeout_s)
        batch_seconds = max(finished.values()) - dropped if done else None
        measure("after", elapsed(idle_s), idle_s + 1)
    finally:
        if sampler:
            sampler.stop()
        operator.stop()
        heartbeat.timer.stop()
        window.close()
        gc_timer.stop()
        gc.unfreeze()  # as collect_garbage_on_gui_thread froze it
        gc.collect()
        gc.enable()
        workspace.catalog.close()
    return Report(len(pages), QApplication.platformName(), step_ms, interval, phases, batch_seconds,
                  len(finished), sampler)


def format_report(report: Report) -> str:
    idle = report.phase("idle")
    lines = [
        f"{report.pages} pages, one file one item; Qt platform {report.platform}; heartbeat every"
        f" {HEARTBEAT_MS} ms on the GUI thread; operator steps every {report.step_ms} ms; inbox refresh"
        f" every 2 s; files {report.interval:g} s apart",
        "",
        f"{'phase':<7} {'seconds':>8} {'beats':>6} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'p99/idle':>9}"
        f" {'load':>10}",
    ]
    for phase in report.phases:
        ratio = f"{phase.p99 / idle.p99:.2f}" if idle.p99 > 0 else "n/a"
        lines.append(f"{phase.name:<7} {phase.seconds:>8.1f} {phase.beats:>6} {phase.p50:>7.1f} {phase.p99:>7.1f}"
                     f" {phase.max:>7.1f} {ratio:>9} {phase.load[0]:>4.1f}-{phase.load[1]:<4.1f}")
    lines += ["", f"load: the 1-minute load average at the start and end of each phase, on {os.cpu_count()}"
                  " cores; the batch's own OCR makes about one per core, above that the machine is shared", ""]
    if report.batch_seconds is None:
        lines.append(f"batch: did NOT finish: {report.items_done} of {report.pages} items done")
    else:
        lines.append(f"batch: {report.pages} pages in {report.batch_seconds:.1f} s:"
                     f" {report.pages_per_min:.1f} pages/min")
    verdict = "PASS" if report.passed else "MISS"
    lines.append(f"p99 stall during the batch: {report.phase('batch').p99:.1f} ms  (target < {TARGET_P99_MS:.0f} ms)"
                 f"  {verdict}")
    if report.stalls:
        stalls = report.stalls
        lines += ["", f"{stalls.samples} samples (every {STALL_SAMPLE_S * 1000:.0f} ms, all phases) of the GUI"
                      f" thread more than {STALL_THRESHOLD_MS:.0f} ms late; in {stalls.gil_waits} of them the"
                      " sampler itself had waited as long for the GIL or a CPU.", "GUI thread at:"]
        lines += [f"{samples:>6}  {place}" for place, samples in stalls.places.most_common(STALL_PLACES)]
        lines += ["other threads busy at:"]
        lines += [f"{samples:>6}  {place}" for place, samples in stalls.others.most_common(STALL_PLACES)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"the shared corpus (default: {DEFAULT_CORPUS})")
    parser.add_argument("--pages", type=int, default=100, help="pages in the batch (default: 100)")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of each idle phase (default: 10)")
    parser.add_argument("--step-ms", type=int, default=1000, help="the operator's next item, every MS (default: 1000)")
    parser.add_argument("--interval", type=float, default=0.0,
                        help="seconds between files put into the folder (default: 0, all at once)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="give the batch up after S seconds")
    parser.add_argument("--why", action="store_true", help="sample the GUI thread's stack while it stalls")
    parser.add_argument("--keep", type=Path, default=None, help="keep the work folder here instead of a temp dir")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    progress = (lambda line: print(line, file=sys.stderr, flush=True))
    with tempfile.TemporaryDirectory(prefix="lantai-bench-") as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        pages = make_pages(args.corpus, work / "staged", args.pages)
        report = run_benchmark(pages, work, idle_s=args.idle, step_ms=args.step_ms, interval=args.interval,
                               timeout_s=args.timeout, why=args.why, progress=progress)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 1 if args.check and not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())
