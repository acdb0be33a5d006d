"""Metadata in Info and XMP; the output file appears atomically or not at all."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pymupdf
import pytest

from app.pdf import PdfMetadata, PdfPage, write_searchable_pdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
METADATA = PdfMetadata(
    title="扬州市档案局 2023 年工作总结 <草稿> & 附件",
    author="市档案局办公室",
    subject="年度工作报告",
    keywords="档案; 年度报告; \"兰台\"",
    archival_code="J001-WS·2023-Y-0042",
)


def test_metadata_goes_to_info_and_xmp(cjk_jpeg, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300))], out, METADATA)
    with pymupdf.open(out) as doc:
        info = doc.metadata
        assert (info["title"], info["author"], info["subject"], info["keywords"], info["creator"]) == (
            METADATA.title, METADATA.author, METADATA.subject, METADATA.keywords, "Lantai",
        )
        info_xref = int(doc.xref_get_key(-1, "Info")[1].split()[0])
        assert doc.xref_get_key(info_xref, "ArchivalCode")[1] == METADATA.archival_code
        xmp = doc.get_xml_metadata()
    description = ET.fromstring(xmp.split("?>", 1)[1].rsplit("<?xpacket", 1)[0]).find(".//rdf:Description", NS)
    assert description.find("dc:title/rdf:Alt/rdf:li", NS).text == METADATA.title
    assert description.find("dc:creator/rdf:Seq/rdf:li", NS).text == METADATA.author
    assert description.find("dc:description/rdf:Alt/rdf:li", NS).text == METADATA.subject
    assert description.find("pdf:Keywords", NS).text == METADATA.keywords
    assert description.find("dc:identifier", NS).text == METADATA.archival_code
    assert description.find("xmp:CreatorTool", NS).text == "Lantai"


def test_control_characters_cannot_break_the_xmp(cjk_jpeg, tmp_path: Path) -> None:
    out = tmp_path / "odd.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300))], out, PdfMetadata(title="a\x00b\x1bc]]>"))
    with pymupdf.open(out) as doc:
        xmp = doc.get_xml_metadata()
    root = ET.fromstring(xmp.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    assert root.find(".//dc:title/rdf:Alt/rdf:li", NS).text == "abc]]>"


def test_a_failed_write_leaves_the_previous_file_alone(cjk_jpeg, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300))], out)
    before = out.read_bytes()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image at all")
    with pytest.raises(Exception):
        write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300)), PdfPage(broken, (300, 300))], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.jpg", "report.pdf"]


def test_a_write_cut_short_leaves_no_partial_file(cjk_jpeg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_halfway(doc: pymupdf.Document, filename, **options) -> None:
        Path(filename).write_bytes(b"%PDF-1.7\n% half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pymupdf.Document, "save", fail_halfway)
    out = tmp_path / "report.pdf"
    with pytest.raises(OSError, match="disk full"):
        write_searchable_pdf([PdfPage(cjk_jpeg.image, (300, 300))], out)
    assert list(tmp_path.iterdir()) == []
