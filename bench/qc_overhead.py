"""What page QC costs and what it does to OCR: OCR alone against QC + OCR, page by page, in one run.

    .venv/bin/python bench/qc_overhead.py [--rounds R] [--corpus DIR] [--json] [--check]

Issue targets: with QC on, OCR CER on the corpus does not get worse (CER ratio B/A <= 1.0), and
QC adds at most 10 % to per-page processing time (time ratio B/A <= 1.10).

Pages: the non-blank pages of ``<repo>/../shared/corpus/cjk-rendered`` (manifest ``blank:
false``), each against its ``*.gt.txt``. For every page, two paths, as the app runs them:

* A, OCR only: ``recognize_page(PageOcrRequest(...))``, what ``lantai ocr`` does. It opens the
  page, guesses its quarter turn (OSD only when the page looks turned), estimates the skew on
  the scaled copy, and recognises it.
* B, QC + OCR: ``process_page(PageWork(...))``, what the station's processing does. It opens
  the page, runs every DA/T 31 check (``check_page``, OSD again only when the page looks
  turned), looks for a separator barcode, then recognises with QC's rotation and skew: it
  does not estimate them a second time.

So B does not simply add QC to A: it replaces A's own orientation and skew estimates by QC's.
Three more figures, each a median over the rounds, show which side of that trade dominates:
``qc ms``, ``check_page`` + ``detect_separator`` on the page already decoded (the QC-only
cost); ``prep A`` and ``prep B``, each path with an engine that reads nothing, i.e. all but
tesseract's recognition (decode, turn and skew finding or QC, scaling, levelling, temp file).
A's or B's time minus its prep is what tesseract took on the page that path gave it.

Single process; tesseract single-threaded (``OMP_THREAD_LIMIT=1``, set before the first run).
A and B are interleaved over ``--rounds`` rounds, which of the two goes first alternating
every round so neither always meets a cold cache; per page the median is reported. Totals:
time ratio = sum of B medians / sum of A medians; CER = edits / reference characters over all
pages (whitespace ignored, ``app.ocr.quality``), ratio B/A.

Exit status is 0 whatever the figures (it is a benchmark); ``--check`` makes it 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere: the app package is in the repo
    sys.path.insert(0, str(REPO))

from app.catalog.archival_code import ArchivalCodeTemplate  # noqa: E402
from app.config import DEFAULT_TEMPLATE, ImageRules  # noqa: E402
from app.imaging.decode import open_page  # noqa: E402
from app.imaging.probe import probe  # noqa: E402
from app.ocr.engine import OcrPage  # noqa: E402
from app.ocr.prepare import PageOcrRequest, recognize_image, recognize_page  # noqa: E402
from app.ocr.quality import edit_distance  # noqa: E402
from app.ocr.tesseract import limit_tesseract_threads  # noqa: E402
from app.pagework import PageWork, process_page  # noqa: E402
from app.qc.page import check_page  # noqa: E402
from app.qc.separators import detect_separator  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
LANGUAGES = "chi_sim+eng"
TARGET_TIME_RATIO = 1.10
TARGET_CER_RATIO = 1.0


@dataclass(frozen=True)
class BenchPage:
    image: Path
    truth: str  # the printed text

    @property
    def name(self) -> str:
        return self.image.name


def corpus_pages(corpus: Path) -> list[BenchPage]:
    """The non-blank pages of ``corpus/cjk-rendered`` with their ground truth, in manifest order."""
    folder = corpus / "cjk-rendered"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [BenchPage(folder / entry["file"], (folder / entry["gt"]).read_text(encoding="utf-8"))
            for entry in manifest if not entry.get("blank")]


class _ReadsNothing:
    """An engine that returns no words: a path timed with it is all but the recognition."""

    name = "none"

    def recognize(self, image: Path, *, languages: str, dpi: int | None) -> OcrPage:
        return OcrPage(0, 0, [], engine=self.name, languages=languages)


def _prepare_b(work: PageWork) -> None:
    """``process_page`` with recognition left out; keep in step with app/pagework.py."""
    image = open_page(work.image, work.frame)
    qc = check_page(image, work.info, work.rules)
    detect_separator(image, ArchivalCodeTemplate(work.archival_code_template))
    rotation = qc.rotation if work.rules.auto_rotate else work.info.exif_rotation
    recognize_image(image, dpi=work.info.dpi[0] if work.info.dpi else None, rotation=rotation,
                    skew=qc.skew_deg, languages=work.languages, engine=_ReadsNothing())


def _timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _median_ms(run: Callable[[], object], rounds: int) -> float:
    return statistics.median(_timed(run)[0] for _ in range(rounds)) * 1000


def _no_space(text: str) -> str:
    return "".join(text.split())


@dataclass
class PageFigures:
    page: str
    chars: int  # reference characters, whitespace ignored
    ocr_only_s: float  # A, median over the rounds
    qc_ocr_s: float  # B, median
    qc_ms: float  # check_page + detect_separator on the decoded page, median
    prep_ocr_only_ms: float  # A without recognition, median
    prep_qc_ocr_ms: float  # B without recognition, median
    edits_ocr_only: int  # edit distance of A's text to the truth (last round; OCR is deterministic)
    edits_qc_ocr: int
    rotation_ocr_only: int  # the turn and skew each path read the page at
    rotation_qc_ocr: int
    skew_ocr_only: float
    skew_qc_ocr: float
    ocr_only_runs: list[float] = field(default_factory=list)
    qc_ocr_runs: list[float] = field(default_factory=list)

    @property
    def time_ratio(self) -> float:
        return _ratio(self.qc_ocr_s, self.ocr_only_s)

    @property
    def cer_ocr_only(self) -> float:
        return _ratio(self.edits_ocr_only, self.chars)

    @property
    def cer_qc_ocr(self) -> float:
        return _ratio(self.edits_qc_ocr, self.chars)


@dataclass
class Report:
    rounds: int
    pages: list[PageFigures]

    def _total(self, name: str) -> float:
        return sum(getattr(p, name) for p in self.pages)

    @property
    def ocr_only_s(self) -> float:
        return self._total("ocr_only_s")

    @property
    def qc_ocr_s(self) -> float:
        return self._total("qc_ocr_s")

    @property
    def time_ratio(self) -> float:
        return _ratio(self.qc_ocr_s, self.ocr_only_s)

    @property
    def cer_ocr_only(self) -> float:
        return _ratio(self._total("edits_ocr_only"), self._total("chars"))

    @property
    def cer_qc_ocr(self) -> float:
        return _ratio(self._total("edits_qc_ocr"), self._total("chars"))

    @property
    def cer_ratio(self) -> float:
        # Both perfect is "not worse": 1.0, not 0/0.
        if self.cer_ocr_only == 0:
            return 1.0 if self.cer_qc_ocr == 0 else math.inf
        return _ratio(self.cer_qc_ocr, self.cer_ocr_only)

    @property
    def qc_ms(self) -> float:
        """Mean per page."""
        return self._total("qc_ms") / len(self.pages)

    @property
    def prep_ocr_only_ms(self) -> float:
        return self._total("prep_ocr_only_ms") / len(self.pages)

    @property
    def prep_qc_ocr_ms(self) -> float:
        return self._total("prep_qc_ocr_ms") / len(self.pages)

    @property
    def pass_time(self) -> bool:
        return self.time_ratio <= TARGET_TIME_RATIO

    @property
    def pass_cer(self) -> bool:
        return self.cer_ratio <= TARGET_CER_RATIO

    @property
    def passed(self) -> bool:
        return self.pass_time and self.pass_cer

    def as_dict(self) -> dict:
        """Plain data for ``--json``; NaN and infinity become null."""
        pages = [dict(asdict(p), time_ratio=p.time_ratio, cer_ocr_only=p.cer_ocr_only,
                      cer_qc_ocr=p.cer_qc_ocr) for p in self.pages]
        totals = {name: getattr(self, name) for name in (
            "ocr_only_s", "qc_ocr_s", "time_ratio", "cer_ocr_only", "cer_qc_ocr", "cer_ratio", "qc_ms",
            "prep_ocr_only_ms", "prep_qc_ocr_ms", "pass_time", "pass_cer", "passed")}
        targets = {"time_ratio": TARGET_TIME_RATIO, "cer_ratio": TARGET_CER_RATIO}
        return _finite({"rounds": self.rounds, "pages": pages, "totals": totals, "targets": targets})


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def page_work(image: Path, rules: ImageRules = ImageRules()) -> tuple[PageOcrRequest, PageWork]:
    """Path A's request and path B's work for a one-page file, from the same probed facts."""
    info = probe(image)[0]
    dpi = info.dpi[0] if info.dpi else None
    request = PageOcrRequest(image=image, dpi=dpi, rotation=info.exif_rotation, languages=LANGUAGES)
    work = PageWork(image=image, frame=0, info=info, languages=LANGUAGES, rules=rules,
                    archival_code_template=DEFAULT_TEMPLATE)
    return request, work


def measure_page(page: BenchPage, rounds: int) -> PageFigures:
    """A and B interleaved ``rounds`` times on one page, then the QC-only and prep costs."""
    request, work = page_work(page.image)
    run_a = lambda: recognize_page(request)  # noqa: E731
    run_b = lambda: process_page(work).ocr  # noqa: E731
    runs_a, runs_b = [], []
    for round_ in range(rounds):
        pair = [(runs_a, run_a), (runs_b, run_b)]
        for runs, run in pair if round_ % 2 == 0 else pair[::-1]:
            runs.append(_timed(run))

    image = open_page(page.image, 0)  # decoded once, as process_page has it for QC
    template = ArchivalCodeTemplate(DEFAULT_TEMPLATE)
    qc_ms = _median_ms(lambda: (check_page(image, work.info, work.rules), detect_separator(image, template)),
                       rounds)
    prep_a_ms = _median_ms(lambda: recognize_page(request, engine=_ReadsNothing()), rounds)
    prep_b_ms = _median_ms(lambda: _prepare_b(work), rounds)

    ocr_a: OcrPage = runs_a[-1][1]
    ocr_b: OcrPage = runs_b[-1][1]
    truth = _no_space(page.truth)
    return PageFigures(
        page=page.name, chars=len(truth),
        ocr_only_s=statistics.median(t for t, _ in runs_a), qc_ocr_s=statistics.median(t for t, _ in runs_b),
        qc_ms=qc_ms, prep_ocr_only_ms=prep_a_ms, prep_qc_ocr_ms=prep_b_ms,
        edits_ocr_only=edit_distance(_no_space(ocr_a.text), truth),
        edits_qc_ocr=edit_distance(_no_space(ocr_b.text), truth),
        rotation_ocr_only=ocr_a.rotation, rotation_qc_ocr=ocr_b.rotation,
        skew_ocr_only=ocr_a.skew, skew_qc_ocr=ocr_b.skew,
        ocr_only_runs=[t for t, _ in runs_a], qc_ocr_runs=[t for t, _ in runs_b],
    )


def run_benchmark(pages: Sequence[BenchPage], *, rounds: int = 3,
                  progress: Callable[[str], None] = lambda line: None) -> Report:
    # pytesseract starts tesseract with this process's environment: one thread, as in the workers.
    limit_tesseract_threads()
    figures = []
    for page in pages:
        figures.append(measure_page(page, rounds))
        progress(f"{page.name}: A {figures[-1].ocr_only_s:.2f} s, B {figures[-1].qc_ocr_s:.2f} s")
    return Report(rounds, figures)


def format_report(report: Report) -> str:
    lines = [
        f"{len(report.pages)} pages, median of {report.rounds} interleaved round(s); "
        "A = OCR only (recognize_page), B = QC + OCR (process_page)",
        "prep = the path without tesseract's recognition; qc = check_page + detect_separator, page decoded;",
        "total: times summed, prep and qc the mean per page, CER over all characters",
        "",
        f"{'page':<15} {'A s':>6} {'B s':>6} {'B/A':>5} {'prep A':>7} {'prep B':>7} {'qc ms':>6} "
        f"{'CER A':>6} {'CER B':>6} {'turn A/B':>8} {'skew A/B':>11}",
    ]
    for p in report.pages:
        lines.append(
            f"{p.page:<15} {p.ocr_only_s:>6.2f} {p.qc_ocr_s:>6.2f} {p.time_ratio:>5.2f} "
            f"{p.prep_ocr_only_ms:>7.0f} {p.prep_qc_ocr_ms:>7.0f} {p.qc_ms:>6.0f} "
            f"{p.cer_ocr_only:>6.2%} {p.cer_qc_ocr:>6.2%} {p.rotation_ocr_only:>4}/{p.rotation_qc_ocr:<3} "
            f"{p.skew_ocr_only:>5.2f}/{p.skew_qc_ocr:<5.2f}"
        )
    lines.append(
        f"{'total':<15} {report.ocr_only_s:>6.2f} {report.qc_ocr_s:>6.2f} "
        f"{report.time_ratio:>5.2f} {report.prep_ocr_only_ms:>7.0f} {report.prep_qc_ocr_ms:>7.0f} "
        f"{report.qc_ms:>6.0f} {report.cer_ocr_only:>6.2%} {report.cer_qc_ocr:>6.2%}"
    )
    verdict = {True: "PASS", False: "MISS"}
    lines += [
        "",
        f"time B/A: {report.time_ratio:.3f}  (target <= {TARGET_TIME_RATIO:.2f})  {verdict[report.pass_time]}",
        f"CER  B/A: {report.cer_ratio:.3f}  (target <= {TARGET_CER_RATIO:.2f}; A {report.cer_ocr_only:.2%}, "
        f"B {report.cer_qc_ocr:.2%})  {verdict[report.pass_cer]}",
        f"QC alone: {report.qc_ms:.0f} ms/page (mean); prep A {report.prep_ocr_only_ms:.0f} ms, "
        f"prep B {report.prep_qc_ocr_ms:.0f} ms/page: B's extra before tesseract "
        f"{report.prep_qc_ocr_ms - report.prep_ocr_only_ms:+.0f} ms/page",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"the shared corpus (default: {DEFAULT_CORPUS})")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    progress = (lambda line: print(line, file=sys.stderr, flush=True))
    report = run_benchmark(corpus_pages(args.corpus), rounds=args.rounds, progress=progress)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 1 if args.check and not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())
