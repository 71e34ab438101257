"""normalize_text against VI_NORMALIZE.md: shared cases, self-encoded round trips,
text that must not change, idempotence, and a property test of the tone rule."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from normalize import normalize_text
from normalize.legacy import decode_tcvn3, decode_vni, encode_vni
from normalize.mojibake import repair_mojibake, whatwg_cp1252_decode
from normalize.text import matching_text
from normalize.text_syllables import strip_tone
from normalize.tones import traditional_tone_marks

DATA = Path(__file__).parent / "data" / "normalize"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def _sentences(vn3_only: bool = False) -> list[str]:
    out = []
    for line in (DATA / "sentences.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        is_vn3 = line.startswith("VN3: ")
        if vn3_only and not is_vn3:
            continue
        out.append(line.removeprefix("VN3: "))
    return out


SENTENCES = _sentences()
VN3_SENTENCES = _sentences(vn3_only=True)


def check(inp: str, expected: str) -> None:
    out = normalize_text(inp)
    assert out == expected
    assert normalize_text(out) == out, "not idempotent"


# ---------------------------------------------------------------- shared cases
def _shared_cases(shared_dir):
    path = shared_dir / "data" / "vi_normalize_cases.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_shared_cases(shared_dir):
    cases = _shared_cases(shared_dir)
    assert len(cases) >= 30
    failed = [c["id"] for c in cases if normalize_text(c["input"]) != c["expected"]
              or normalize_text(c["expected"]) != c["expected"]]
    assert failed == []


# ---------------------------------------------------------------- encoders
def to_mojibake_cp1252(s: str) -> str:
    return whatwg_cp1252_decode(s.encode("utf-8"))


def to_mojibake_latin1(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def to_cp1258_combining(s: str) -> str:
    """Base letter (with its circumflex/breve/horn) + a separate combining tone mark."""
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + tone)
    return "".join(out)


def to_tcvn3(s: str) -> str:
    data = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=s.encode("utf-8"),
                          capture_output=True, check=True).stdout
    return whatwg_cp1252_decode(data)


needs_iconv = pytest.mark.skipif(shutil.which("iconv") is None,
                                 reason="glibc iconv (TCVN5712-1) is not installed")


@pytest.mark.parametrize("encode", [lambda s: unicodedata.normalize("NFD", s),
                                    to_cp1258_combining, to_mojibake_cp1252, to_mojibake_latin1,
                                    encode_vni],
                         ids=["nfd", "cp1258", "mojibake_cp1252", "mojibake_latin1", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip(encode, sentence):
    encoded = encode(sentence)
    assert encoded != sentence
    check(encoded, sentence)


@needs_iconv
@pytest.mark.parametrize("sentence", VN3_SENTENCES)
def test_round_trip_tcvn3(sentence):
    encoded = to_tcvn3(sentence)
    assert encoded != sentence
    check(encoded, sentence)


@needs_iconv
def test_tcvn3_table_matches_glibc_for_every_letter():
    letters = "ĂÂÊÔƠƯĐ" + "".join(
        c for c in map(chr, range(0x00E0, 0x1EFA))
        if unicodedata.category(c) == "Ll" and (c in "đăâêôơư" or strip_tone(c)[1] == 1
                                                 or c in "àáãèéìíòóõùúý")
        and strip_tone(c)[0] in "aăâeêioôơuưy")
    for letter in letters:
        assert decode_tcvn3(to_tcvn3(letter)) == letter, letter


def test_vni_known_spellings():
    # Hand-written VNI (windows-1252 view) as it appears on VNI-Times pages.
    assert decode_vni("Vieät Nam") == "Việt Nam"
    assert decode_vni("Thuû töôùng Chính phuû") == "Thủ tướng Chính phủ"
    assert decode_vni("ñaåy maïnh, naêm 2026, tænh, hoäi nghò, Chuû tòch") == \
        "đẩy mạnh, năm 2026, tỉnh, hội nghị, Chủ tịch"
    assert decode_vni("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM") == \
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert decode_vni("ÑAÛNG, TRÖÔØNG, AÁN ÑOÄ, thaéng, löïc, yù, tuyeån, hieåu, Myõ, kyû, Tî") == \
        "ĐẢNG, TRƯỜNG, ẤN ĐỘ, thắng, lực, ý, tuyển, hiểu, Mỹ, kỷ, Tỵ"
    assert encode_vni("Đà Nẵng, ỵ") == "Ñaø Naüng, î"


def test_legacy_is_decoded_per_line():
    title = "Hội nghị tổng kết công tác năm 2025 của Bộ Tài chính"
    vni = "Chieàu 20/5, Boä tröôûng Boä Taøi chính chuû trì hoäi nghò."
    tcvn = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    text = f"{title}\n\n{vni}\n{tcvn}\n\nNguồn: Báo Chính phủ"
    check(text, f"{title}\n\nChiều 20/5, Bộ trưởng Bộ Tài chính chủ trì hội nghị.\n"
                "Cộng hòa xã hội chủ nghĩa Việt Nam\n\nNguồn: Báo Chính phủ")


def test_vni_line_with_many_english_names_is_still_decoded():
    check("Boä tröôûng cho bieát Microsoft, Google, Amazon, Apple, Meta, Nvidia, Intel seõ ñaàu tö",
          "Bộ trưởng cho biết Microsoft, Google, Amazon, Apple, Meta, Nvidia, Intel sẽ đầu tư")


@needs_iconv
def test_legacy_evidence_is_weighed_per_paragraph():
    # The header line alone proves nothing ("Sè"/"Soá" are syllables too, "Q§" is a code):
    # its paragraph is clearly legacy, so it is decoded with it. A Unicode line of
    # windows-1252 letters in the same paragraph stays as written.
    header = ["Số: 215/QĐ-UBND", "Quảng Trị, ngày 9 tháng 10 năm 2026"]
    for encode in (encode_vni, to_tcvn3):
        check("\n".join(encode(line) for line in header) + "\nTây Ninh, Phú Yên và Cà Mau",
              "\n".join(header) + "\nTây Ninh, Phú Yên và Cà Mau")


@pytest.mark.parametrize("heading", ["Thông báo", "Ông Tô Lâm"])
def test_a_unicode_heading_over_a_legacy_line_is_not_decoded_with_it(heading):
    # One newline apart, so one paragraph: the VNI line is decoded, but "Thông" read as VNI
    # would be "Thơng", which no Vietnamese syllable is (ơ never closes with -ng).
    body = "Sáng nay, Sở Y tế tỉnh Đồng Nai ban hành công văn hướng dẫn phòng chống sốt xuất huyết."
    check(f"{heading}\n{encode_vni(body)}", f"{heading}\n{body}")


@pytest.mark.parametrize("line, expected", [
    ("ÐT: (024) 3825 1234 - Fax: (024) 3825 5678", "ĐT: (024) 3825 1234 - Fax: (024) 3825 5678"),
    ("Ðịa chỉ: 12 Lý Thường Kiệt, Hà Nội\nÐT: 0243.825.1234", "Địa chỉ: 12 Lý Thường Kiệt, Hà Nội\nĐT: 0243.825.1234"),
])
def test_an_eth_abbreviation_is_not_taken_for_tcvn3(line, expected):
    """"ÐT" (điện thoại) read as TCVN3 is "éT": a syllable in no writer's case, so no evidence
    of a legacy line; the eth is a D with stroke (step 3)."""
    assert normalize_text(line) == expected


def test_a_correct_line_beside_a_mojibake_line_is_left_as_written():
    # "XÃ”" and "XÃ<NBSP>HỘI" are correct capitals that look like mojibake pairs: only the
    # broken line is repaired, not every line of a text that holds mojibake somewhere.
    title = "TỌA ĐÀM “ĐỔI MỚI Ở XÃ” VÀ CỘNG HÒA XÃ\u00a0HỘI"
    body = "Sáng 14/5, Sở Nội vụ tỉnh Bắc Ninh tổ chức tọa đàm về chính quyền hai cấp."
    assert repair_mojibake(f"{title}\n\n{to_mojibake_cp1252(body)}") == f"{title}\n\n{body}"


@pytest.mark.parametrize("sentence", [
    "Đoàn bác sĩ của tổ chức Ärzte ohne Grenzen làm việc tại bệnh viện tỉnh Điện Biên.",
    "Ngân hàng Nhà nước yêu cầu «ổn định tỷ giá» và «kiểm soát lạm phát» trong quý IV.",
])
def test_repaired_text_is_not_taken_for_a_lost_byte(sentence):
    # "Ä" and "á»" repaired from whole sequences are letters, not a sequence short of a byte.
    check(to_mojibake_cp1252(sentence), sentence)


def test_vni_capitals_before_a_closing_quote_are_vni_not_mojibake():
    # VNI "Ä"/"Å" (the marks of Ộ, Ổ) before ” read as UTF-8 lead bytes: the line is VNI.
    for sentence in ("Khai mạc tuần phim “ẤN ĐỘ” tại Hà Nội và Đà Nẵng",
                     "Hội chợ «VĂN HÓA PHỐ CỔ» thu hút đông đảo người dân"):
        check(encode_vni(sentence), sentence)


def test_invisible_characters_do_not_hide_a_legacy_line():
    vni = encode_vni("Chiều 20/5, Bộ trưởng Bộ Nông nghiệp chủ trì hội nghị trực tuyến.")
    check("\ufeff" + vni.replace(" ", " \u200b", 2), "Chiều 20/5, Bộ trưởng Bộ Nông nghiệp chủ trì hội nghị trực tuyến.")


def test_decomposed_text_read_as_windows_1252_is_repaired():
    sentence = "Thường trực Ủy ban nhân dân huyện kiểm tra đê điều trước mùa lũ."
    check(to_mojibake_cp1252(unicodedata.normalize("NFD", sentence)), sentence)


def test_tcvn3_uy_capital_typed_with_lowercase_mark():
    # TCVN3 has no toned capitals: "Ủy ban" was typed U + ỷ.
    check(to_tcvn3("Uỷ ban nhân dân xã quyết định hỗ trợ lương thực"),
          "Ủy ban nhân dân xã quyết định hỗ trợ lương thực")


# ---------------------------------------------------------------- new-style input
NEW_STYLE = {
    "Sở Văn hoá và Thể thao tỉnh Thanh Hoá tổ chức lễ hội hoa đào; thuỷ triều dâng cao.":
        "Sở Văn hóa và Thể thao tỉnh Thanh Hóa tổ chức lễ hội hoa đào; thủy triều dâng cao.",
    "Bệnh viện khuyến cáo giữ gìn sức khoẻ, tuỳ thể trạng mà chọn bài tập; luỹ kế 120 ca.":
        "Bệnh viện khuyến cáo giữ gìn sức khỏe, tùy thể trạng mà chọn bài tập; lũy kế 120 ca.",
    "UỶ BAN KIỂM TRA TRUNG ƯƠNG: KỶ LUẬT CÁN BỘ VI PHẠM VỀ THUỶ LỢI, ĐÊ ĐIỀU VÀ HOẠ PHẨM":
        "ỦY BAN KIỂM TRA TRUNG ƯƠNG: KỶ LUẬT CÁN BỘ VI PHẠM VỀ THỦY LỢI, ĐÊ ĐIỀU VÀ HỌA PHẨM",
    "Toà án huỷ bản án sơ thẩm, giao hồ sơ cho Viện kiểm sát; vụ việc đe doạ an ninh.":
        "Tòa án hủy bản án sơ thẩm, giao hồ sơ cho Viện kiểm sát; vụ việc đe dọa an ninh.",
}


@pytest.mark.parametrize("new_style", NEW_STYLE)
@pytest.mark.parametrize("encode", [lambda s: s, lambda s: unicodedata.normalize("NFD", s),
                                    to_cp1258_combining, to_mojibake_cp1252, encode_vni],
                         ids=["unicode", "nfd", "cp1258", "mojibake", "vni"])
def test_new_style_marks_become_traditional(new_style, encode):
    check(encode(new_style), NEW_STYLE[new_style])


# ---------------------------------------------------------------- must not change
UNCHANGED = [
    "Theo Tân Hoa Xã, Yonhap và AFP",
    "Tân Hoa Xã",
    "Cà Mau, Bà Nà, Ô tô, Cô Tô",
    "ĐỀ ÁN “CHỢ QUÊ” GÓP PHẦN NÂNG CAO THU NHẬP",
    "MÙA ĐÔNG “KHÔ” KÉO DÀI, NÔNG DÂN LO LẮNG",
    "NÔNG THÔN MỚI CẤP XÃ” — BÀI 2: “XÃ” VÀ “BẢN”",
    "Các hãng Goa, Toyota, Boeing, Joe Biden và Guy Ritchie; Hoa Kỳ, Huawei, Zoé, Chloé",
    "Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 và Quyết định 1234/QĐ-TTg.",
    "Tổng kinh phí 1.234,5 tỷ đồng, tăng 12,5% so với năm 2025; ngày 01/01/2026.",
    "Xem https://baochinhphu.vn/tin-moi.htm?id=12&p=3#top hoặc thư gopy.duthao@chinhphu.vn.",
    "Café Müller, São Paulo, José Mourinho, Ålesund, Œuvre, naïve",
    "Naïve café — “quoted” text and résumé, façade, Zoë",
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, KGVX (3b).",
    "Diện tích 12.500 m², nhiệt độ 28,5°C, 2×600 MW, giá 5.000 ₫…",
    "Phó Thủ tướng nói: “Phải lấy người dân làm trung tâm” — ‘nói đi đôi với làm’.",
    "Hòa Bình, Thụy Sĩ, Ủy ban, khỏe, xòe, quý, giữa, ngoài, khuya, khuỷu, thuở, Huế",
    "hoàn toán hoàng hoặc khoảng thoát khuyến quyết Nguyễn Huỳnh tuyệt quỹ Quy già xoáy ngoèo",
    "Đoạn 1.\n\nĐoạn 2, dòng một\ndòng hai.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_correct_text_is_byte_identical(text):
    assert normalize_text(text) == text


@pytest.mark.parametrize("text", SENTENCES + list(NEW_STYLE.values()))
def test_correct_sentences_are_byte_identical(text):
    assert normalize_text(text) == text


# ---------------------------------------------------------------- cleanup rules
def test_invisible_spaces_fullwidth_and_eth():
    check("\ufeffÐà Nẵng\u200b và Ɖiện Biên\u00a0\u00a0có\u2009mưa\u00adlớn\ufffd ＡＢ１２（３）\x07",
          "Đà Nẵng và Điện Biên có mưalớn AB12(3)")


def test_deleting_invisible_between_letter_and_mark_composes():
    check("Ha\u200b\u0300 Nội", "Hà Nội")


def test_paragraphs_and_line_breaks():
    check("\r\n \tDòng đầu  \r\nDòng hai\r\n\r\n\u3000\r\n\r\nĐoạn sau\t\n\n",
          "Dòng đầu\nDòng hai\n\nĐoạn sau")


def test_rejects_non_str():
    with pytest.raises(TypeError):
        normalize_text(b"bytes")  # type: ignore[arg-type]


def test_empty_and_blank():
    assert normalize_text("") == ""
    assert normalize_text(" \n\u00a0\n\t") == ""


# ---------------------------------------------------------------- matching_text
def test_matching_text():
    assert matching_text("Thủ tướng:  “Phải lấy DÂN làm gốc…”\n\nThanh Hoá!") == \
        "thủ tướng phải lấy dân làm gốc thanh hóa"
    assert matching_text("Thá»§ tÆ°á»›ng") == matching_text("THỦ TƯỚNG") == "thủ tướng"


# ---------------------------------------------------------------- tone property
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
          "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["oa", "oe", "uy", "oan", "oang", "oac", "oat", "oen", "uyn", "uynh", "uyt", "uyên",
          "oai", "oay", "oeo", "uya", "uyu", "ua", "uơ", "uê", "ia", "ưa", "a", "o", "y"]


def _with_mark(rhyme: str, pos: int, mark: str) -> str:
    letters = list(rhyme)
    letters[pos] = unicodedata.normalize("NFC", letters[pos] + mark)
    return "".join(letters)


def test_tone_rule_never_changes_letters_or_loses_a_mark():
    rng = random.Random(5712)
    seen = 0
    for onset, rhyme, mark in itertools.product(ONSETS, RHYMES, TONES):
        for pos in range(len(rhyme)):
            if not rhyme[pos] in "aăâeêioôơuưy":
                continue
            word = onset + _with_mark(rhyme, pos, mark)
            word = rng.choice([str.lower, str.upper, str.title])(word)
            out = traditional_tone_marks(word)
            seen += 1
            assert strip_tone(out)[0] == strip_tone(word)[0], (word, out)
            assert strip_tone(out)[1] == 1, (word, out)
            assert traditional_tone_marks(out) == out
            assert normalize_text(word) == out
            is_open_pair = rhyme in ("oa", "oe", "uy") and pos == 1
            if is_open_pair:  # mark moved to the first vowel
                assert unicodedata.normalize("NFD", out[len(onset)])[-1] == mark, (word, out)
            else:
                assert out == word, (word, out)
    assert seen > 3000


def test_tone_rule_inside_sentences_keeps_everything_else():
    rng = random.Random(1993)
    words = [w for s in SENTENCES for w in s.split()]
    for _ in range(200):
        sentence = " ".join(rng.choice(words) for _ in range(12))
        out = normalize_text(sentence)
        assert out == sentence  # traditional text: nothing to do
        moved = sentence.replace("hòa", "hoà").replace("thủy", "thuỷ").replace("khỏe", "khoẻ")
        assert normalize_text(moved) == sentence


@pytest.mark.parametrize("sentence", [
    "Giá cà phê xuất khẩu tăng mạnh, đạt mức cao nhất trong 10 năm qua.",
    "Đường dây nóng của Sở Xây dựng tiếp nhận phản ánh của người dân 24/7.",
    "Ủy ban nhân dân tỉnh Đắk Lắk ban hành Quyết định 2150/QĐ-UBND ngày 3/11/2026.",
])
def test_text_read_as_windows_1252_twice_is_repaired_in_one_call(sentence):
    # Each layer turns one character into two or three; one call must undo both layers,
    # or a second normalization would change the text again.
    check(to_mojibake_cp1252(to_mojibake_cp1252(sentence)), sentence)


def test_a_capital_before_a_closing_guillemet_survives_a_repaired_line():
    # "XÃ»" is "XÃ" + "»", which reads like the UTF-8 of "û": a weak pair, left alone
    # once the broken line around it is repaired.
    sentence = "Các địa phương ưu tiên xây «NHÀ Ở XÃ» hội cho công nhân khu công nghiệp."
    check(to_mojibake_cp1252(sentence), sentence)


@pytest.mark.parametrize("sentence", ["Các đại biểu đã họp bàn về nhiều vấn đề của tỉnh.",
                                      "Bộ trưởng điều chuyển người về địa phương học tập."])
@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_mojibake_whose_lost_bytes_became_replacement_characters_is_repaired(sentence, errors):
    """UTF-8 read as windows-1252 by a decoder that replaced (or dropped) the five bytes it has
    no character for: "há»\\ufffdp" is "họp" (not "hờp": a p final takes only sắc or nặng), and
    between "vờ" and "về" the more common syllable wins."""
    assert normalize_text(sentence.encode("utf-8").decode("cp1252", errors=errors)) == sentence
