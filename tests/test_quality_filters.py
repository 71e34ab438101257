"""Quality filters and their drop reasons."""

from __future__ import annotations

from vicorpus.config import ExtractSettings

from normalize.quality import boilerplate_ratio, count_sentences, duplicate_line_ratio, quality_reason

GOOD = ("Ngày 12/1, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch chuyển đổi số năm 2026. "
        "Phó Chủ tịch tỉnh yêu cầu các sở, ngành rà soát, cắt giảm thành phần hồ sơ thủ tục hành chính.\n\n"
        "Trong năm 2025, toàn tỉnh tiếp nhận hơn 215.000 hồ sơ trực tuyến, đạt tỷ lệ 68,5% tổng số hồ sơ. "
        "Nhiều thủ tục đã được thực hiện hoàn toàn trên môi trường điện tử, giúp người dân tiết kiệm thời gian.")
S = ExtractSettings(min_syllables=40)


def test_good_text_passes():
    assert quality_reason(GOOD, S) is None


def test_too_short():
    assert quality_reason("Chính phủ họp phiên thường kỳ.", S) == "too_short"


def test_few_sentences():
    one = " ".join(["Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch chuyển đổi số"] * 4)
    assert quality_reason(one + ".", S) == "low_quality:few_sentences"
    assert count_sentences("PGS.TS. Nguyễn Văn A phát biểu. Hội nghị kết thúc.") == 2


def test_symbol_ratio():
    table = "\n\n".join(["STT | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 ."] * 3)
    assert quality_reason(table, ExtractSettings(min_syllables=10, max_duplicate_line_ratio=1)) == \
        "low_quality:symbol_ratio"


def test_repeated_lines():
    repeated = GOOD + "\n\n" + "\n\n".join([GOOD.split("\n\n")[1]] * 3)
    assert duplicate_line_ratio(repeated) > 0.3
    assert quality_reason(repeated, S) == "low_quality:repeated_lines"


def test_boilerplate_share():
    lines = ["Chia sẻ bài viết.", "Tin liên quan.", "Xem thêm.", "Bản quyền thuộc Cổng thông tin."]
    text = GOOD + "\n\n" + "\n\n".join(lines)
    assert boilerplate_ratio(text) > 0.3
    assert quality_reason(text, S) == "low_quality:boilerplate"
