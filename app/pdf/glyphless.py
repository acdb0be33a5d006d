"""The invisible font of the text layer: Tesseract's glyphless font, as Tesseract embeds it.

A Type0 font with Identity-H encoding over a CIDFontType2 whose every CID draws glyph 1 (an
empty glyph) and advances half the font size (/DW 500). A code in the content stream is a
UTF-16 code unit and the ToUnicode CMap maps it to itself, so text extraction returns exactly
the characters Lantai wrote: no glyph-to-Unicode guessing (an embedded CJK font sends shared
glyphs to compatibility ideographs, e.g. 力 to U+F98A) and a font of 572 bytes instead of a
16 MB unsubsetted Noto CJK.

Characters outside the BMP (CJK extensions B and later) cannot be a single 2-byte code as
themselves. Each distinct one gets a CID from the surrogate range D800-DFFF, which no BMP
character uses, and the ToUnicode CMap maps that CID to the character's surrogate pair; so
extraction returns the real character. After 2048 distinct such characters in one document
the rest are written as U+FFFD.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

GLYPHLESS_TTF = Path(__file__).with_name("glyphless.ttf")
ADVANCE = 0.5  # glyph advance as a fraction of the font size (/DW 500)

_SURROGATES = range(0xD800, 0xE000)
_REPLACEMENT = 0xFFFD
_CMAP_BLOCK = 100  # a CMap begin...end block may hold at most 100 entries


class GlyphlessFont:
    """One shared font object per document; ``encode`` turns text into its CIDs."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self._doc = doc
        self._wide_cids: dict[str, int] = {}
        self.xref, cid_font, cid_to_gid, descriptor, font_file, self._to_unicode = (
            doc.get_new_xref() for _ in range(6)
        )
        doc.update_object(
            self.xref,
            "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H"
            f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {self._to_unicode} 0 R >>",
        )
        doc.update_object(
            cid_font,
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {descriptor} 0 R /CIDToGIDMap {cid_to_gid} 0 R"
            f" /DW {round(ADVANCE * 1000)} >>",
        )
        doc.update_object(cid_to_gid, "<< >>")
        doc.update_stream(cid_to_gid, b"\x00\x01" * 0x10000)
        # Flags 5 = FixedPitch + Symbolic; Descent must be negative, hence -1.
        doc.update_object(
            descriptor,
            "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5"
            " /FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent -1"
            f" /CapHeight 1000 /StemV 80 /FontFile2 {font_file} 0 R >>",
        )
        ttf = GLYPHLESS_TTF.read_bytes()
        doc.update_object(font_file, f"<< /Length1 {len(ttf)} >>")
        doc.update_stream(font_file, ttf)
        doc.update_object(self._to_unicode, "<< >>")

    def encode(self, text: str) -> list[int]:
        """The CIDs that show ``text``, one per character."""
        return [self._cid(char) for char in text]

    def finish(self) -> None:
        """Write the ToUnicode CMap; call once after the last ``encode``."""
        self._doc.update_stream(self._to_unicode, to_unicode_cmap(self._wide_cids).encode())

    def _cid(self, char: str) -> int:
        code = ord(char)
        if code in _SURROGATES:  # a lone surrogate is not a character
            return _REPLACEMENT
        if code < 0x10000:
            return code
        if char not in self._wide_cids:
            if len(self._wide_cids) == len(_SURROGATES):
                return _REPLACEMENT
            self._wide_cids[char] = _SURROGATES[len(self._wide_cids)]
        return self._wide_cids[char]


def to_unicode_cmap(wide_cids: dict[str, int]) -> str:
    """CID -> the same UTF-16 code unit for the BMP, plus the CIDs lent to wider characters."""
    # A bfrange may vary only in its last byte, so one range per high byte.
    ranges = [
        f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>"
        for high in range(0x100)
        if high << 8 not in _SURROGATES
    ]
    chars = [
        f"<{cid:04X}> <{char.encode('utf-16-be').hex().upper()}>"
        for char, cid in wide_cids.items()
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<0000> <FFFF>",
            "endcodespacerange",
            *_blocks("bfrange", ranges),
            *_blocks("bfchar", chars),
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _blocks(kind: str, entries: list[str]) -> list[str]:
    lines: list[str] = []
    for start in range(0, len(entries), _CMAP_BLOCK):
        chunk = entries[start : start + _CMAP_BLOCK]
        lines += [f"{len(chunk)} begin{kind}", *chunk, f"end{kind}"]
    return lines
