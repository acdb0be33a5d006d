"""Bad input and oversized pages: refused with a message for the operator, inputs untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from app.imaging import limits
from app.imaging.decode import open_page
from app.imaging.errors import PageTooLarge, UnreadableFile
from app.imaging.pdfsource import extract_pdf_page_image
from app.imaging.probe import probe

from imaging_samples import page_image, sha256

REPO = Path(__file__).resolve().parents[2]


def test_zero_byte_file(tmp_path):
    path = tmp_path / "scan-0001.jpg"
    path.touch()
    for read in (probe, open_page):
        with pytest.raises(UnreadableFile, match="empty") as refused:
            read(path)
        assert str(path) in str(refused.value) and "rescan" in str(refused.value)


def test_text_file_named_jpg(tmp_path):
    path = tmp_path / "scan-0002.jpg"
    path.write_text("档号 Z109-WS·2011-Y-BGS-0001\n")
    with pytest.raises(UnreadableFile, match="not a page image") as refused:
        probe(path)
    assert str(path) in str(refused.value) and "export" in str(refused.value)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="does not exist"):
        probe(tmp_path / "gone.tif")


def test_jpeg_cut_short_in_its_data(tmp_path):
    whole = tmp_path / "whole.jpg"
    page_image("RGB", (800, 1000)).save(whole, quality=95)
    cut = tmp_path / "scan-0003.jpg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert probe(cut)[0].width == 800  # the headers are intact
    with pytest.raises(UnreadableFile, match="damaged or cut short") as refused:
        open_page(cut)
    assert str(cut) in str(refused.value) and "Copy the file again" in str(refused.value)


def test_jpeg_cut_short_in_its_headers(tmp_path):
    whole = tmp_path / "whole.jpg"
    page_image("RGB").save(whole)
    cut = tmp_path / "scan-0004.jpg"
    cut.write_bytes(whole.read_bytes()[:100])
    with pytest.raises(UnreadableFile, match="damaged or cut short"):
        probe(cut)


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "scan-0005.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "secret")
        doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")
    for read in (probe, open_page, extract_pdf_page_image):
        with pytest.raises(UnreadableFile, match="password-protected") as refused:
            read(path, 0) if read is extract_pdf_page_image else read(path)
        assert str(path) in str(refused.value) and "without a password" in str(refused.value)


def test_enormous_page_is_within_the_limit(scan):
    path = scan("scans/stress/enormous.pdf")
    [info] = probe(path)
    assert (info.width, info.height, info.dpi) == (9000, 9000, (300.0, 300.0))
    assert open_page(path).size == (9000, 9000)


def test_huge_page_refused_with_size_and_limit(scan):
    path = scan("scans/stress/hugemono.pdf")
    for read in (probe, open_page, extract_pdf_page_image):
        with pytest.raises(PageTooLarge) as refused:
            read(path, 0) if read is extract_pdf_page_image else read(path)
        message = str(refused.value)
        assert "35000 x 35000 pixels" in message and "limit of 250 megapixels" in message
        assert str(path) in message


def test_huge_page_refused_before_decoding(scan):
    """Peak resident memory, in a fresh process so that it is these calls' alone."""
    huge, enormous = scan("scans/stress/hugemono.pdf"), scan("scans/stress/enormous.pdf")
    script = f"""
import json
from pathlib import Path
from app.imaging.decode import open_page
from app.imaging.errors import PageTooLarge
from app.imaging.probe import probe

def peak():
    # VmHWM starts afresh at exec; ru_maxrss would inherit the test runner's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024

baseline = peak()
for read in (probe, open_page):
    for path, limit in (({str(huge)!r}, None), ({str(enormous)!r}, 80_000_000)):
        try:
            read(Path(path), max_pixels=limit)
        except PageTooLarge:
            pass
refused = peak()
open_page(Path({str(enormous)!r}))
print(json.dumps([baseline, refused, peak()]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    baseline, refused, decoded = json.loads(result.stdout)
    # Decoding hugemono would take 1.2 GB as MuPDF's 8-bit samples, enormous 243 MB.
    assert refused - baseline < 50e6
    assert decoded - baseline > 200e6  # the measure does see a decode


def test_limit_set_per_call_or_by_module_setting(tmp_path, monkeypatch):
    path = tmp_path / "page.png"
    page_image("L", (300, 400)).save(path)
    with pytest.raises(PageTooLarge, match="300 x 400 pixels"):
        open_page(path, max_pixels=100_000)
    monkeypatch.setattr(limits, "MAX_PIXELS", 100_000)
    with pytest.raises(PageTooLarge):
        probe(path)
    assert open_page(path, max_pixels=120_000).size == (300, 400)


def test_inputs_are_never_modified(scan, tmp_path):
    paths = [
        scan("scans/ccitt.pdf"),
        scan("scans/cardinal.pdf"),
        scan("cjk-photos/rapidocr_img_exif_orientation.jpg"),
        scan("scans/baiona_alpha.png"),
    ]
    tiff = tmp_path / "batch.tif"
    page_image("1").save(tiff, compression="group4", save_all=True, append_images=[page_image("1")])
    paths.append(tiff)
    before = {path: (sha256(path), path.stat().st_mtime_ns) for path in paths}
    for path in paths:
        for info in probe(path):
            open_page(path, info.index)
            if path.suffix == ".pdf":
                extract_pdf_page_image(path, info.index)
    assert {path: (sha256(path), path.stat().st_mtime_ns) for path in paths} == before
