"""Word segmentation: compounds joined, paragraphs kept, legal numbers and placeholders whole."""

from __future__ import annotations

from normalize.segment import count_words, keep_written_tokens, segment_text

TEXT = ("Sáng 12/1, PGS.TS. Nguyễn Văn A phát biểu về Nghị định 13/2023/NĐ-CP. Hội nghị kết thúc lúc 11h30.\n\n"
        "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương triển khai, liên hệ <PHONE>.")


def test_segmented_keeps_paragraphs_and_numbers():
    out = segment_text(TEXT)
    assert out.count("\n\n") == 1
    assert "Chính_phủ" in out and "Thủ_tướng" in out
    assert "13/2023/NĐ-CP" in out and "<PHONE>" in out and "11h30" in out and "PGS.TS." in out
    assert out.replace("_", " ").split() != []
    # nothing lost: same letters in the same order
    assert "".join(out.replace("_", "").split()) == "".join(TEXT.split())


def test_word_count_bounded_by_syllables():
    out = segment_text(TEXT)
    assert 0 < count_words(out) <= len(TEXT.split())


def test_keep_written_tokens():
    assert keep_written_tokens("theo 13/2023/NĐ-CP.", "theo 13/2023 / NĐ-CP .") == "theo 13/2023/NĐ-CP ."
    assert keep_written_tokens("gọi <PHONE>.", "gọi <_PHONE > .") == "gọi <PHONE> ."
