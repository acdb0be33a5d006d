"""OCR throughput: ``lantai ocr`` against bare tesseract and OCRmyPDF, on the same pages, in one run.

    .venv/bin/python bench/ocr_throughput.py [--repeat K] [--rounds R] [--jobs N] [--json] [--check]

Pages: the non-blank pages of ``<repo>/../shared/corpus/cjk-rendered`` (manifest ``blank:
false``; ``--corpus`` to point elsewhere), copied ``--repeat`` times under distinct names so
that every contender has enough pages to keep all cores busy.

Contenders, each over ALL the pages, ``--jobs`` (default: every core) at a time:

* ``tesseract-txt`` / ``tesseract-tsv``: the issue's reference, bare ``tesseract IMG OUT -l
  chi_sim+eng txt|tsv`` with ``OMP_THREAD_LIMIT=1``, one process per page, ``--jobs`` processes
  at once (a thread pool of ``subprocess.run``). Default settings (psm 3, Otsu thresholding):
  Lantai's engine runs psm 6 with ``-c thresholding_method=2`` (Sauvola) and scales 300 dpi
  pages to 200 dpi first (app/ocr/tesseract.py, app/ocr/prepare.py), so the reference is
  "what tesseract alone costs", not "Lantai's recognition without Lantai". ``txt`` is the
  cheapest fair reference; ``tsv`` (text + boxes) is what Lantai actually needs for its PDF
  text layer. Both are measured; the ratio is taken against the faster of the two.
* ``lantai``: ONE ``lantai ocr PAGES... -o OUT.pdf -l chi_sim+eng -j N`` subprocess (it
  parallelises internally, one page per core), wall time from start to exit, PDF written.
* ``ocrmypdf``: ``ocrmypdf -l chi_sim+eng --jobs N --output-type pdf IN.pdf OUT.pdf``, exactly
  the issue's flags. OCRmyPDF takes one input file, so IN.pdf is made once, before timing, with
  img2pdf (OCRmyPDF's own dependency), which embeds the images as they are (JPEG and PNG
  data untouched, the LZW TIFF re-packed losslessly as Flate). Lantai and tesseract read the
  image files themselves.

The contenders are interleaved ``--rounds`` times (their order rotating every round) and the
median wall time of each is reported: the machines are shared and noisy, and the targets are
ratios measured in the same run.

Peak memory: the largest sum of RSS over the contender's whole process tree (the lantai or
ocrmypdf process and all its descendants; for bare tesseract, all tesseract processes this
script has running at once), sampled every 50 ms with psutil. ``getrusage(RUSAGE_CHILDREN)``
would only give the largest single process, and inherits the maximum across contenders. RSS
counts pages shared between processes once per process, so the figure is an upper bound.

Also reported, for reading disturbed runs: CPU seconds per page (user + system of every
process the contender ran, from ``getrusage(RUSAGE_CHILDREN)`` around it), the same ratios
computed from them, and the 1-minute load average around each run.

Exit status is 0 whatever the figures (it is a benchmark); ``--check`` makes it 1 when a
target is missed or a contender failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
LANGUAGES = "chi_sim+eng"
MIN_PAGES = 10  # default --repeat gives at least this many pages
TARGET_VS_TESSERACT = 0.95
TARGET_VS_OCRMYPDF = 1.5
SAMPLE_INTERVAL = 0.05


# --------------------------------------------------------------------------- pages


def corpus_pages(corpus: Path) -> list[Path]:
    """The non-blank pages of ``corpus/cjk-rendered``, in manifest order."""
    folder = corpus / "cjk-rendered"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [folder / entry["file"] for entry in manifest if not entry.get("blank")]


def default_repeat(page_count: int) -> int:
    return max(1, math.ceil(MIN_PAGES / max(1, page_count)))


def stage_pages(pages: Sequence[Path], repeat: int, folder: Path) -> list[Path]:
    """Copy ``pages`` ``repeat`` times into ``folder`` under distinct names; the copies, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    for k in range(repeat):
        for page in pages:
            target = folder / f"r{k:02d}-{page.name}"
            shutil.copyfile(page, target)
            staged.append(target)
    return staged


def images_to_pdf(images: Sequence[Path], out: Path) -> Path:
    """One multi-page PDF with the images embedded as they are (img2pdf: no re-encoding loss)."""
    import img2pdf

    out.write_bytes(img2pdf.convert([str(p) for p in images]))
    return out


# --------------------------------------------------------------------------- measuring


class TreeMemorySampler:
    """Peak of the summed RSS of a process tree, sampled on a thread.

    ``root`` is a pid whose tree (itself and descendants) is measured; ``None`` measures the
    descendants of this process (not this process itself), e.g. a pool of subprocesses.
    """

    def __init__(self, root: int | None = None, interval: float = SAMPLE_INTERVAL) -> None:
        self.root = root
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list:
        if self.root is None:
            return psutil.Process().children(recursive=True)
        root = psutil.Process(self.root)
        return [root, *root.children(recursive=True)]

    def sample(self) -> None:
        total = 0
        try:
            processes = self._tree()
        except psutil.Error:
            return
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass  # ended between listing and reading
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def peak_mb(self) -> float | None:
        return self.peak / 2**20 if self.peak else None


@dataclass
class Measurement:
    contender: str
    pages: int
    wall: float
    peak_mb: float | None
    ok: bool = True
    error: str = ""
    chars: int = 0  # recognised non-space characters: a contender that reads nothing is no winner
    cpu: float = 0.0  # user + system seconds of every process it ran (getrusage of waited children)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after the run

    @property
    def pages_per_min(self) -> float:
        return self.pages / self.wall * 60 if self.ok and self.wall > 0 else 0.0


class ChildCpu:
    """User + system CPU seconds of the child processes that end (and are waited for) inside it.

    Descendants count too, once their own parent has waited for them: lantai's and OCRmyPDF's
    workers and their tesseracts. Less disturbed than wall time by other load on the machine.
    """

    def __enter__(self) -> ChildCpu:
        self.load_before = os.getloadavg()[0]
        self._start = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.seconds = (end.ru_utime - self._start.ru_utime) + (end.ru_stime - self._start.ru_stime)
        self.load = (self.load_before, os.getloadavg()[0])


def _child_env(**extra: str) -> dict[str, str]:
    # Lantai and OCRmyPDF pick their own tesseract thread policy: do not impose ours.
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    env.update(extra)
    return env


def _run_tree(contender: str, pages: int, command: list[str], *, env: dict[str, str],
              cwd: Path | None = None) -> tuple[Measurement, str]:
    """Run ``command`` to its end; wall time and peak tree memory. Returns its stderr too."""
    with ChildCpu() as cpu:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                   cwd=cwd, text=True, errors="replace")
        with TreeMemorySampler(process.pid) as sampler:
            _, stderr = process.communicate()
        wall = time.perf_counter() - start
    ok = process.returncode == 0
    error = "" if ok else f"exit {process.returncode}: {stderr.strip()[-500:]}"
    measurement = Measurement(contender, pages, wall, sampler.peak_mb, ok, error, cpu=cpu.seconds, load=cpu.load)
    return measurement, stderr


def _pdf_pages_and_chars(pdf: Path) -> tuple[int, int]:
    import pymupdf  # a Lantai dependency

    with pymupdf.open(pdf) as document:
        text = "".join(page.get_text() for page in document)
        return document.page_count, sum(not c.isspace() for c in text)


def _tsv_chars(tsv: str) -> int:
    chars = 0
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) >= 12 and fields[0] == "5":
            chars += sum(not c.isspace() for c in fields[11])
    return chars


def tool(name: str) -> str:
    """The console script next to this interpreter (the venv's), else the one on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found next to {sys.executable} or on PATH")
    return found


def run_tesseract(images: Sequence[Path], out_dir: Path, fmt: str, jobs: int) -> Measurement:
    """Bare tesseract, default settings, one single-threaded process per page, ``jobs`` at once."""
    contender = f"tesseract-{fmt}"
    out_dir.mkdir(parents=True, exist_ok=True)
    env = _child_env(OMP_THREAD_LIMIT="1")
    binary = shutil.which("tesseract") or "tesseract"

    def one(index_image: tuple[int, Path]) -> subprocess.CompletedProcess:
        index, image = index_image
        return subprocess.run([binary, str(image), str(out_dir / f"{index:04d}"), "-l", LANGUAGES, fmt],
                              capture_output=True, text=True, errors="replace", env=env)

    with ChildCpu() as cpu:
        start = time.perf_counter()
        with TreeMemorySampler(None) as sampler, ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(one, enumerate(images)))
        wall = time.perf_counter() - start

    failed = [r for r in results if r.returncode != 0]
    outputs = [out_dir / f"{i:04d}.{fmt}" for i in range(len(images))]
    missing = [p.name for p in outputs if not p.is_file()]
    error = ""
    if failed:
        error = f"{len(failed)} page(s) failed: {failed[0].stderr.strip()[-300:]}"
    elif missing:
        error = f"no output for {', '.join(missing)}"
    measurement = Measurement(contender, len(images), wall, sampler.peak_mb, not error, error,
                              cpu=cpu.seconds, load=cpu.load)
    if measurement.ok:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in outputs]
        measurement.chars = sum(_tsv_chars(t) if fmt == "tsv" else sum(not c.isspace() for c in t)
                                for t in texts)
    return measurement


def run_lantai(images: Sequence[Path], out_pdf: Path, jobs: int) -> Measurement:
    """ONE ``lantai ocr`` over all pages, as a subprocess; start to exit."""
    command = [tool("lantai"), "ocr", *map(str, images), "-o", str(out_pdf), "-l", LANGUAGES,
               "-j", str(jobs)]
    measurement, _ = _run_tree("lantai", len(images), command, env=_child_env(), cwd=REPO)
    return _check_pdf(measurement, out_pdf, len(images))


def run_ocrmypdf(in_pdf: Path, out_pdf: Path, pages: int, jobs: int) -> Measurement:
    """The issue's command line, exactly: ``ocrmypdf -l chi_sim+eng --jobs N --output-type pdf``."""
    command = [tool("ocrmypdf"), "-l", LANGUAGES, "--jobs", str(jobs), "--output-type", "pdf",
               str(in_pdf), str(out_pdf)]
    measurement, _ = _run_tree("ocrmypdf", pages, command, env=_child_env())
    return _check_pdf(measurement, out_pdf, pages)


def _check_pdf(measurement: Measurement, pdf: Path, pages: int) -> Measurement:
    if not measurement.ok:
        return measurement
    if not pdf.is_file():
        measurement.ok, measurement.error = False, f"{pdf.name} was not written"
        return measurement
    count, measurement.chars = _pdf_pages_and_chars(pdf)
    if count != pages:
        measurement.ok, measurement.error = False, f"{pdf.name} has {count} page(s), expected {pages}"
    return measurement


# --------------------------------------------------------------------------- the run


@dataclass
class Summary:
    contender: str
    pages: int
    wall: float  # median over the rounds that succeeded
    pages_per_min: float
    peak_mb: float | None  # largest over the rounds
    chars: int
    ok: bool
    error: str = ""
    walls: list[float] = field(default_factory=list)
    cpu_per_page: float = math.nan  # median over the rounds, user + system seconds


@dataclass
class Report:
    pages: int
    source_pages: int
    repeat: int
    rounds: int
    jobs: int
    cpus: int
    summaries: list[Summary]
    vs_tesseract: float  # lantai pages/min over the faster bare tesseract's
    tesseract_reference: str
    vs_ocrmypdf: float
    pass_tesseract: bool
    pass_ocrmypdf: bool
    measurements: list[Measurement]
    # The same ratios from CPU seconds per page instead of wall time: informational, less
    # disturbed by other load, but blind to idle cores (a contender that leaves a core waiting).
    vs_tesseract_cpu: float = math.nan
    vs_ocrmypdf_cpu: float = math.nan

    def as_dict(self) -> dict:
        """Plain data for ``--json``; NaN (a contender that failed) becomes null."""
        data = _no_nan(asdict(self))
        data["measurements"] = [_no_nan(dict(asdict(m), pages_per_min=m.pages_per_min))
                                for m in self.measurements]
        data["targets"] = {"vs_tesseract": TARGET_VS_TESSERACT, "vs_ocrmypdf": TARGET_VS_OCRMYPDF}
        return data

    @property
    def passed(self) -> bool:
        return self.pass_tesseract and self.pass_ocrmypdf and all(s.ok for s in self.summaries)


def _no_nan(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_nan(v) for v in value]
    return value


def summarize(measurements: Sequence[Measurement]) -> list[Summary]:
    summaries = []
    for name in dict.fromkeys(m.contender for m in measurements):
        runs = [m for m in measurements if m.contender == name]
        good = [m for m in runs if m.ok]
        pages = runs[0].pages
        if not good:
            summaries.append(Summary(name, pages, math.nan, 0.0, None, 0, False, runs[0].error))
            continue
        wall = statistics.median(m.wall for m in good)
        peaks = [m.peak_mb for m in good if m.peak_mb is not None]
        error = "" if len(good) == len(runs) else next(m.error for m in runs if not m.ok)
        summaries.append(Summary(name, pages, wall, pages / wall * 60, max(peaks) if peaks else None,
                                 good[-1].chars, len(good) == len(runs), error, [m.wall for m in runs],
                                 statistics.median(m.cpu for m in good) / pages))
    return summaries


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan  # NaN > 0 is False too


def run_benchmark(images: Sequence[Path], work: Path, *, rounds: int = 1, jobs: int | None = None,
                  formats: Sequence[str] = ("txt", "tsv"), source_pages: int | None = None,
                  repeat: int = 1, progress: Callable[[str], None] = lambda line: None) -> Report:
    """Measure every contender ``rounds`` times over ``images``; ``work`` receives all output."""
    jobs = jobs or os.cpu_count() or 1
    in_pdf = images_to_pdf(images, work / "input.pdf")  # before timing: not part of any contender
    contenders: list[tuple[str, Callable[[Path], Measurement]]] = [
        *((f"tesseract-{fmt}", lambda out, fmt=fmt: run_tesseract(images, out, fmt, jobs)) for fmt in formats),
        ("lantai", lambda out: run_lantai(images, out / "lantai.pdf", jobs)),
        ("ocrmypdf", lambda out: run_ocrmypdf(in_pdf, out / "ocrmypdf.pdf", len(images), jobs)),
    ]
    measurements = []
    for round_ in range(rounds):
        shift = round_ % len(contenders)  # rotate the order so no contender always goes first
        for name, run in contenders[shift:] + contenders[:shift]:
            out = work / f"round{round_}" / name
            out.mkdir(parents=True, exist_ok=True)
            measurement = run(out)
            measurements.append(measurement)
            status = "ok" if measurement.ok else f"FAILED: {measurement.error}"
            progress(f"round {round_ + 1}/{rounds} {name}: {measurement.wall:.1f} s {status}")

    summaries = summarize(measurements)
    by_name = {s.contender: s for s in summaries}
    tesseracts = [s for s in summaries if s.contender.startswith("tesseract-") and s.ok]
    reference = max(tesseracts, key=lambda s: s.pages_per_min) if tesseracts else None
    lantai = by_name["lantai"].pages_per_min
    vs_tesseract = _ratio(lantai, reference.pages_per_min if reference else 0.0)
    vs_ocrmypdf = _ratio(lantai, by_name["ocrmypdf"].pages_per_min)
    lantai_cpu = by_name["lantai"].cpu_per_page
    vs_tesseract_cpu = _ratio(reference.cpu_per_page, lantai_cpu) if reference else math.nan
    vs_ocrmypdf_cpu = _ratio(by_name["ocrmypdf"].cpu_per_page, lantai_cpu)
    return Report(
        pages=len(images), source_pages=source_pages or len(images), repeat=repeat, rounds=rounds,
        jobs=jobs, cpus=os.cpu_count() or 1, summaries=summaries, vs_tesseract=vs_tesseract,
        tesseract_reference=reference.contender if reference else "", vs_ocrmypdf=vs_ocrmypdf,
        pass_tesseract=vs_tesseract >= TARGET_VS_TESSERACT,
        pass_ocrmypdf=vs_ocrmypdf >= TARGET_VS_OCRMYPDF, measurements=measurements,
        vs_tesseract_cpu=vs_tesseract_cpu, vs_ocrmypdf_cpu=vs_ocrmypdf_cpu,
    )


def format_report(report: Report) -> str:
    lines = [
        f"{report.pages} pages ({report.source_pages} corpus pages x {report.repeat}), "
        f"{report.jobs} jobs on {report.cpus} cores, median of {report.rounds} round(s)",
        "",
        f"{'contender':<15} {'pages':>5} {'wall s':>8} {'pages/min':>10} {'peak MB':>8} {'cpu s/page':>10} "
        f"{'chars':>7}  wall per round (s)",
    ]
    for s in report.summaries:
        peak = f"{s.peak_mb:.0f}" if s.peak_mb is not None else "n/a"
        walls = " ".join(f"{w:.1f}" for w in s.walls)
        line = (f"{s.contender:<15} {s.pages:>5} {s.wall:>8.1f} {s.pages_per_min:>10.2f} {peak:>8} "
                f"{s.cpu_per_page:>10.2f} {s.chars:>7}  {walls}")
        if not s.ok:
            line += f"  FAILED: {s.error}"
        lines.append(line)
    verdict = {True: "PASS", False: "MISS"}
    loads = [m.load for m in report.measurements]
    if loads:
        lines += ["", f"1-min load average: {min(min(l) for l in loads):.1f} to {max(max(l) for l in loads):.1f} "
                      f"(our own runs make about {report.jobs}); above that, the figures are disturbed"]
    lines += [
        "",
        f"lantai / {report.tesseract_reference or 'tesseract'}: {report.vs_tesseract:.2f}  "
        f"(target >= {TARGET_VS_TESSERACT})  {verdict[report.pass_tesseract]}",
        f"lantai / ocrmypdf: {report.vs_ocrmypdf:.2f}  (target >= {TARGET_VS_OCRMYPDF})  "
        f"{verdict[report.pass_ocrmypdf]}",
        f"same ratios by CPU s/page (informational): {report.vs_tesseract_cpu:.2f} and {report.vs_ocrmypdf_cpu:.2f}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"the shared corpus (default: {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"copies of the page set (default: enough for >= {MIN_PAGES} pages)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds; medians are reported")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="parallel pages (default: one per core)")
    parser.add_argument("--tesseract-output", default="txt,tsv",
                        help="bare tesseract output formats to measure, comma-separated (default: txt,tsv)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the work folder here instead of a temp dir")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    pages = corpus_pages(args.corpus)
    repeat = args.repeat or default_repeat(len(pages))
    formats = [f.strip() for f in args.tesseract_output.split(",") if f.strip()]
    progress = (lambda line: print(line, file=sys.stderr, flush=True))
    with tempfile.TemporaryDirectory(prefix="lantai-bench-") as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        images = stage_pages(pages, repeat, work / "pages")
        report = run_benchmark(images, work, rounds=args.rounds, jobs=args.jobs, formats=formats,
                               source_pages=len(pages), repeat=repeat, progress=progress)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        print(format_report(report))
    return 1 if args.check and not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())
