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


def _reference_keep_written_tokens(original: str, segmented: str) -> str:
    """The character-by-character walk keep_written_tokens was first written as (the spec)."""
    from normalize.segment import DETACHABLE

    out, i, j, token_start = [], 0, 0, 0
    while j < len(segmented):
        a, b = (original[i] if i < len(original) else ""), segmented[j]
        if a == b:
            if a == " ":
                token_start = i + 1
            out.append(b)
            i, j = i + 1, j + 1
        elif b == "_" and a == " ":
            token_start = i + 1
            out.append("_")
            i, j = i + 1, j + 1
        elif b in " _" and a and a != " ":
            end = original.find(" ", i)
            end = len(original) if end < 0 else end
            lead, rest = original[token_start:i], original[i:end]
            if all(c in DETACHABLE for c in lead) or all(c in DETACHABLE for c in rest):
                out.append(" ")
            j += 1
        else:
            return segmented
    return "".join(out) if i == len(original) else segmented


def test_keep_written_tokens_equals_the_character_walk():
    import random

    rng = random.Random(19)
    cases = []
    for alphabet in ("ab _.,-/()\"'<>1é", "ab .,-/()\"'1é–"):
        for _ in range(20000):
            original = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            if rng.random() < 0.7:
                original = " ".join(original.split())
            seg = list(original)
            for _ in range(rng.randint(0, 5)):
                seg.insert(rng.randint(0, len(seg)), rng.choice(" _"))
            seg = [("_" if c == " " and rng.random() < 0.3 else c) for c in seg]
            if seg and rng.random() < 0.05:
                seg[rng.randrange(len(seg))] = rng.choice(alphabet)
            cases.append((original, "".join(seg)))
    for original, seg in cases:
        assert keep_written_tokens(original, seg) == _reference_keep_written_tokens(original, seg), (original, seg)


def test_count_words_equals_counting_tokens_one_by_one():
    import random
    import re

    punct_only = re.compile(r"^[\W_]+$")
    rng = random.Random(7)
    alphabet = ["a", "é", "1", "_", ".", ",", " ", "\t", "\n", "\u3000", "-", "😀", "北", "\u0301", "<"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert count_words(text) == sum(1 for t in text.split() if not punct_only.match(t)), repr(text)
