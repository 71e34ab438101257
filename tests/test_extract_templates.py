"""Extraction on our own government-site templates (tests/data/extract/pages.json):
a portal article with og/JSON-LD, two bulletin sub-site templates without metadata
(<br>- and <div>-separated bodies, free-text datelines, breadcrumbs, "Bài viết khác",
credit lines) and list pages of both. Each page is also served under a neutral URL
(no id, no section path): the verdict must not change."""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from normalize.extract import extract_article
from normalize.text import normalize_text
from vicorpus.timeutil import VIETNAM_TZ

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_text import norm  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "extract"
ENTRIES = json.loads((DATA / "pages.json").read_text(encoding="utf-8"))


def neutral_url(name: str) -> str:
    return f"http://127.0.0.1:8799/tin/{re.sub(r'[^a-z0-9]+', '-', Path(name).stem.lower())}.html"


@pytest.fixture(scope="module")
def extracted():
    out = {}
    for entry in ENTRIES:
        raw = (DATA / entry["file"]).read_bytes()
        out[entry["file"]] = (entry, extract_article(raw, entry["url"]), extract_article(raw, neutral_url(entry["file"])))
    return out


ARTICLES = [e["file"] for e in ENTRIES if e["is_article"]]
LISTS = [e["file"] for e in ENTRIES if not e["is_article"]]


@pytest.mark.parametrize("name", ARTICLES)
def test_article(extracted, name):
    entry, result, _ = extracted[name]
    assert result["is_article"], result["not_article_reason"]
    text = norm(result["text"])
    missing = [s for s in entry["must_contain"] if s not in text and norm(normalize_text(s)) not in text]
    assert not missing, f"missing article text: {missing}"
    leaked = [s for s in entry["must_not_contain"] if s in text]
    assert not leaked, f"boilerplate leaked: {leaked}"
    assert result["title"] == entry["title"]
    got = result["published_at"].astimezone(VIETNAM_TZ)
    if "T" in entry["published"]:  # the page shows a time: to the minute
        assert got.replace(second=0) == datetime.fromisoformat(entry["published"]).replace(second=0)
    else:
        assert got.date().isoformat() == entry["published"]
    assert result["credit"] == entry["credit"]
    assert result["text"].startswith(entry["must_contain"][0][:40]), "text does not start with the article"
    assert result["text"].count("\n\n") >= len(entry["must_contain"]) - 1, "paragraph breaks lost"
    if len(entry["must_contain"]) >= 4:  # a body of several paragraphs
        assert result["article_shape"] is True and result["page_type_confidence"] >= 0.9
    else:  # a two-paragraph item beside a teaser sidebar: kept, less sure
        assert result["article_shape"] is False and 0.5 <= result["page_type_confidence"] < 0.9
    assert entry["title"] in result["head_title"]


@pytest.mark.parametrize("name", LISTS)
def test_list_page(extracted, name):
    entry, result, _ = extracted[name]
    assert result["is_article"] is False
    expected = "home_page" if entry["url"].rstrip("/").count("/") == 2 else "list_page"
    assert result["not_article_reason"] == f"not_article:{expected}"
    assert result["published_at"] is None and result["article_shape"] is False
    assert result["title"] == entry["title"]
    assert not [s for s in entry["must_not_contain"] if s in norm(result["text"])]


@pytest.mark.parametrize("name", ARTICLES + LISTS)
def test_verdict_does_not_depend_on_the_url(extracted, name):
    entry, at_home, neutral = extracted[name]
    assert neutral["is_article"] is at_home["is_article"] is entry["is_article"], neutral["not_article_reason"]
    assert neutral["text"] == at_home["text"] and neutral["title"] == at_home["title"]


def test_bulletin_br_body_is_one_paragraph_per_line(extracted):
    _, result, _ = extracted["gov_bulletin_article_br.html"]
    paragraphs = result["text"].split("\n\n")
    assert len(paragraphs) == 6 and all("\n" not in p for p in paragraphs)
    assert paragraphs[-1].endswith("theo Nghị định số 90/2017/NĐ-CP của Chính phủ.")


def test_extraction_bench_runs_on_the_fixtures(tmp_path, capsys):
    from bench import extraction

    assert extraction.main(["--shared", str(tmp_path), "--real", str(tmp_path), "--rounds", "1", "--no-write"]) == 0
    out = capsys.readouterr()
    strings = sum(len(e["must_contain"]) for e in ENTRIES)
    assert f"### fixtures: {len(ARTICLES)} articles, {len(LISTS)} list pages" in out.out
    assert f"| must_contain recall (articles) | " in out.out and f"1.000 ({strings}/{strings})" in out.out
    assert "skipped: shared: no" in out.err and "skipped: tune and heldout: no" in out.err


def test_a_text_block_below_the_teasers_does_not_make_a_list_an_article():
    promo = "".join(f"<p>Cổng thông tin điện tử tỉnh Bình An ra mắt ứng dụng trên điện thoại, giúp người dân tra cứu "
                    f"thủ tục hành chính, gửi phản ánh và nhận thông báo khẩn cấp, phần {i} của thông báo.</p>"
                    for i in range(5))
    page = (DATA / "gov_portal_list.html").read_text(encoding="utf-8").replace(
        '<footer class="site-footer">', f"<div>{promo}</div><footer>")
    page = re.sub(r'\s(?:class|id)="[^"]*"', "", page)  # and no class names to help
    result = extract_article(page, neutral_url("gov_portal_list.html"))
    assert result["is_article"] is False and result["not_article_reason"] == "not_article:list_page"


def test_an_article_reposted_under_edited_titles_is_not_learned_as_chrome():
    """A portal reposts one story in three sections, each time with its title edited and a
    sentence added: its paragraphs are on three pages of three titles, yet they are one
    article, not the site's template. The breadcrumb and the footer still are."""
    from normalize.templates import apply_template, learn_template, page_features

    crumb, footer = "Trang chủ | Thời sự", "Bản quyền © 2026 Cổng thông tin điện tử thành phố."
    story = ["Sáng 9/3, UBND thành phố khởi công xây dựng cầu Tứ Liên bắc qua sông Hồng, tổng mức đầu tư "
             "hơn 19.700 tỷ đồng theo Nghị quyết 27/NQ-HĐND.",
             "Cầu dài 4,8 km, rộng 43 m với 8 làn xe, dự kiến hoàn thành vào năm 2028, góp phần giảm tải "
             "cho cầu Nhật Tân và cầu Long Biên.",
             "Chủ tịch UBND thành phố yêu cầu chủ đầu tư bảo đảm chất lượng, an toàn lao động và vệ sinh "
             "môi trường trong suốt quá trình thi công.",
             "Dịp này, thành phố trao hỗ trợ cho các hộ dân phường Tứ Liên đã bàn giao mặt bằng sớm cho dự án."]
    copies = [("Khởi công cầu Tứ Liên", story),
              ("Hà Nội khởi công cầu Tứ Liên qua sông Hồng", story[:2] + ["Lễ khởi công được truyền hình trực tiếp."] + story[2:]),
              ("Khởi công xây dựng cầu Tứ Liên", [story[0].replace("hơn", "khoảng")] + story[1:])]
    others = [(f"Tin số {n}", [f"Ngày {n}/3, phường số {n} tổ chức hội nghị đối thoại với {n * 10} hộ kinh doanh "
                               "về thủ tục đăng ký thuế điện tử.",
                               f"Đã có {n * 7} kiến nghị được giải đáp trực tiếp tại hội nghị lần thứ {n}."])
              for n in range(1, 20)]
    pages = [page_features(title, "\n\n".join([crumb, *body, footer])) | {"head_title": title}
             for title, body in copies + others]
    template = learn_template("thanhpho", pages)
    text = "\n\n".join([crumb, *story, footer])
    _, stripped, _ = apply_template(template, "Khởi công cầu Tứ Liên", "Khởi công cầu Tứ Liên", text)
    assert stripped == "\n\n".join(story)
