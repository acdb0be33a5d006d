"""How OCR words become text: CJK runs stay unbroken.

Tesseract separates Chinese characters into many small "words"; joining them with spaces
would make a search for 档案工作 miss. A space is kept only where both neighbours are
non-CJK (between two Latin words or numbers). The PDF text layer and the search index both
use this one rule, so what a viewer extracts is exactly what Lantai indexed.
"""

from __future__ import annotations

from collections.abc import Iterable

# Ranges whose characters are written without spaces between them.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。〔〕…)
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x3190, 0x31FF),
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms (，：；（）)
    (0x20000, 0x3FFFF),  # extensions B and later
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def join_words(words: Iterable[str]) -> str:
    """Join the words of one line, with a space only between two non-CJK neighbours."""
    text = ""
    for word in words:
        if not word:
            continue
        if text and not is_cjk(text[-1]) and not is_cjk(word[0]):
            text += " "
        text += word
    return text
