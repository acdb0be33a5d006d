"""Document metadata, written twice: the Info dictionary (what most viewers show) and an XMP
packet (what archival tools and PDF/A read). The archival code goes to Info /ArchivalCode and
to XMP dc:identifier, the Dublin Core element meant for a formal identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

import pymupdf

# XML 1.0 forbids these control characters even when escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class PdfMetadata:
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    archival_code: str = ""
    creator: str = "Lantai"


def write_metadata(doc: pymupdf.Document, metadata: PdfMetadata, now: datetime | None = None) -> None:
    """Set Info and XMP metadata of ``doc`` from ``metadata``, both stamped with ``now``."""
    now = (now or datetime.now()).astimezone()
    pdf_date = _pdf_date(now)
    doc.set_metadata(
        {
            "title": metadata.title,
            "author": metadata.author,
            "subject": metadata.subject,
            "keywords": metadata.keywords,
            "creator": metadata.creator,
            "producer": _producer(),
            "creationDate": pdf_date,
            "modDate": pdf_date,
        }
    )
    if metadata.archival_code:
        kind, info = doc.xref_get_key(-1, "Info")
        if kind != "xref":
            raise RuntimeError("set_metadata left no Info dictionary")
        info_xref = int(info.split()[0])
        doc.xref_set_key(info_xref, "ArchivalCode", pymupdf.get_pdf_str(metadata.archival_code))
    # A new MuPDF document carries a stray /Info inside its catalog; the real one is the trailer's.
    doc.xref_set_key(doc.pdf_catalog(), "Info", "null")
    doc.set_xml_metadata(xmp_packet(metadata, now))


def xmp_packet(metadata: PdfMetadata, now: datetime) -> str:
    stamp = now.isoformat(timespec="seconds")
    properties = [
        _alt("dc:title", metadata.title),
        _seq("dc:creator", metadata.author),
        _alt("dc:description", metadata.subject),
        _simple("dc:identifier", metadata.archival_code),
        _simple("pdf:Keywords", metadata.keywords),
        _simple("pdf:Producer", _producer()),
        _simple("xmp:CreatorTool", metadata.creator),
        _simple("xmp:CreateDate", stamp),
        _simple("xmp:ModifyDate", stamp),
        _simple("xmp:MetadataDate", stamp),
    ]
    body = "\n".join(p for p in properties if p)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
{body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xml(value: str) -> str:
    return escape(_XML_ILLEGAL.sub("", value))


def _simple(name: str, value: str) -> str:
    return f"   <{name}>{_xml(value)}</{name}>" if value else ""


def _alt(name: str, value: str) -> str:
    if not value:
        return ""
    return f'   <{name}><rdf:Alt><rdf:li xml:lang="x-default">{_xml(value)}</rdf:li></rdf:Alt></{name}>'


def _seq(name: str, value: str) -> str:
    return f"   <{name}><rdf:Seq><rdf:li>{_xml(value)}</rdf:li></rdf:Seq></{name}>" if value else ""


def _pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def _producer() -> str:
    return f"PyMuPDF {pymupdf.VersionBind}"
