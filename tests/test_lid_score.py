"""Vietnamese language score: Vietnamese, English, diacritic-stripped, mixed."""

from __future__ import annotations

import pytest

from normalize.lid import has_vietnamese_diacritic, is_vietnamese_syllable, language_score

VI = ("Sáng 12/1, tại trụ sở Chính phủ, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 12 năm 2025. "
      "Theo Nghị định 13/2023/NĐ-CP, các cơ quan, tổ chức phải bảo vệ dữ liệu cá nhân của người dân; "
      "khuyến khích doanh nghiệp nghiên cứu, ứng dụng khoa học công nghệ và chuyển đổi số quốc gia.")
EN = ("On January 12, the Prime Minister chaired the government's regular meeting for December 2025. "
      "Under Decree 13/2023, agencies and organisations must protect citizens' personal data.")
STRIPPED = ("Sang 12/1, tai tru so Chinh phu, Thu tuong chu tri phien hop Chinh phu thuong ky thang 12 nam 2025. "
            "Theo Nghi dinh 13/2023/ND-CP, cac co quan, to chuc phai bao ve du lieu ca nhan cua nguoi dan.")


def test_vietnamese_scores_high():
    assert language_score(VI) >= 0.9


def test_english_scores_low():
    assert language_score(EN) < 0.1


def test_stripped_vietnamese_scores_low():
    assert language_score(STRIPPED) < 0.1


def test_mixed_is_between():
    mixed = VI + " " + EN
    score = language_score(mixed)
    assert language_score(EN) < score < language_score(VI)
    assert score >= 0.5  # a Vietnamese article quoting English is still Vietnamese


def test_empty_and_numbers():
    assert language_score("") == 0.0
    assert language_score("12/01/2026 1.234.567") == 0.0


@pytest.mark.parametrize("word", ["nghiêng", "quốc", "giữa", "khuya", "huých", "thuở", "gì", "Nguyễn", "xoong", "oanh"])
def test_valid_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["government", "street", "nuoc", "viet", "mat", "các̀", "kan", "ghu"])
def test_invalid_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_diacritic_detection():
    assert has_vietnamese_diacritic("đi") and has_vietnamese_diacritic("mà") and not has_vietnamese_diacritic("ma")
