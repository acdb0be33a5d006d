"""Full-width punctuation back into Chinese text.

Tesseract's chi_sim model often reads the full-width ；！：，？ of Chinese print as their
ASCII forms, and the interpunct · (学而·问档) as . or `. A search for the printed text, and
the character error rate, count each one as wrong. Only marks in Chinese context are changed:
after a CJK character, or before one where no Latin letter or digit precedes (a line that
starts with the mark, 印发*;助力); the interpunct only between two CJK characters. So Latin
text keeps its ASCII.
"""

from __future__ import annotations

from dataclasses import replace

from app.ocr.engine import OcrWord
from app.ocr.text import is_cjk

_FULL_WIDTH = {";": "；", "!": "！", ":": "：", ",": "，", "?": "？"}
_INTERPUNCT_LOOKALIKES = {".", "`", "'"}
_INTERPUNCT = "·"


def _normalize_line(texts: list[str]) -> list[str]:
    """The line's word texts with their punctuation fixed; each mark maps to one mark."""
    chars = list("".join(texts))
    for k, char in enumerate(chars):
        after_cjk = k > 0 and is_cjk(chars[k - 1])
        before_cjk = k + 1 < len(chars) and is_cjk(chars[k + 1])
        after_latin = k > 0 and chars[k - 1].isascii() and chars[k - 1].isalnum()
        if char in _FULL_WIDTH and (after_cjk or (before_cjk and not after_latin)):
            chars[k] = _FULL_WIDTH[char]
        elif char in _INTERPUNCT_LOOKALIKES and after_cjk and before_cjk:
            chars[k] = _INTERPUNCT
    words, start = [], 0
    for text in texts:
        words.append("".join(chars[start : start + len(text)]))
        start += len(text)
    return words


def normalize_cjk_punctuation(words: list[OcrWord]) -> list[OcrWord]:
    """The words with ASCII punctuation in Chinese context made full-width; order kept."""
    by_line: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_line.setdefault(word.line, []).append(index)
    result = list(words)
    for indices in by_line.values():
        texts = _normalize_line([words[i].text for i in indices])
        for i, text in zip(indices, texts):
            if text != words[i].text:
                result[i] = replace(words[i], text=text)
    return result
