from __future__ import annotations

from app.ocr.quality import character_error_rate, edit_distance


def test_edit_distance_counts_single_edits() -> None:
    assert edit_distance("档案工作", "档案工作") == 0
    assert edit_distance("档案工作", "档按工作") == 1
    assert edit_distance("档案工作", "档案作") == 1
    assert edit_distance("", "abc") == 3


def test_cer_ignores_all_whitespace() -> None:
    assert character_error_rate("档案 工作\n", "档案工作") == 0.0
    assert character_error_rate("The Linn", "TheLinn") == 0.0


def test_cer_is_per_reference_character() -> None:
    assert character_error_rate("档按工作", "档案工作") == 0.25
    assert character_error_rate("", "档案") == 1.0


def test_cer_of_empty_reference() -> None:
    assert character_error_rate("", " \n") == 0.0
    assert character_error_rate("噪", "") == 1.0
