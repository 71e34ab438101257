"""Smoke test of `python -m bench`: the workload builder and a tiny quick run of both sides.

No timing assertions: the machine is shared, numbers only go into bench/results/scale.md.
Without datatrove (pip install -e '.[bench]') the quick run covers our rows only and
checks that the report says the datatrove rows are missing.
"""

from __future__ import annotations

from collections import Counter

from bench.__main__ import QUICK, ROWS, main
from bench.workload import VARIANTS, build_workload, plan_pages
from normalize.warc_reader import read_warc
from vicorpus.urls import canonicalize_url


def test_workload_is_seeded_and_plants_every_kind_of_copy(tmp_path):
    work = build_workload(tmp_path / "w", n_pages=60, shards=3, seed=5, shared=None)
    assert work.pages == 60 and len(work.warc_files) == 3
    assert all(work.counts[v] >= 1 for v in VARIANTS), work.counts
    assert work.duplicate_pages == sum(work.counts[v] for v in VARIANTS)
    # every planted copy shares its cluster with an original page of the same story
    originals = {c for u, c in work.truth.items() if work.variant[u] == "original"}
    assert all(work.truth[u] in originals for u, v in work.variant.items() if v != "original")
    assert sum(1 for n in Counter(work.truth.values()).values() if n > 1) >= 5
    # the WARC shards hold exactly the planned pages, readable by our extract stage
    urls = [canonicalize_url(r.url) for f in work.warc_files for _, r in read_warc(f) if r is not None]
    assert sorted(urls) == sorted(work.truth)
    # same seed, same pages; another seed, other pages
    assert [p.body for p in plan_pages(60, 5, None)] == [p.body for p in plan_pages(60, 5, None)]
    assert [p.url for p in plan_pages(60, 5, None)] != [p.url for p in plan_pages(60, 6, None)]


def test_copies_differ_from_their_original_as_planted():
    by_cluster: dict[str, dict[str, bytes]] = {}
    for p in plan_pages(80, 3, None):
        by_cluster.setdefault(p.cluster, {})[p.variant] = p.body

    def pair(variant: str) -> dict[str, bytes]:
        return next(v for v in by_cluster.values() if "original" in v and variant in v)

    mirror = pair("mirror")  # the same page at another URL: only the URL bytes differ
    assert mirror["mirror"] != mirror["original"] and abs(len(mirror["mirror"]) - len(mirror["original"])) < 40
    assert any(mark.encode() in pair("tone")["tone"] for mark in ("uỷ", "hoà", "hoá", "thuỷ"))
    assert "(Còn nữa)".encode() in pair("truncated")["truncated"]
    assert any(c.encode() in pair("syndicated")["syndicated"] for c in ("(Theo TTXVN)", "Theo Báo Chính phủ", "(Theo Cổng TTĐT tỉnh)"))


def test_quick_bench_run_prints_the_stage_rows_and_f1(tmp_path):
    out = tmp_path / "scale.md"
    result = main(["--pages", "24", "--shards", "2", "--articles", "4", "--quick", "--out", str(out)],
                  log=lambda *_: None)
    labels = [r["label"] for r in result["rows"]]
    expected = [label for key, label in ROWS if key in QUICK and (result["datatrove"] or key.startswith("ours"))]
    assert labels == expected and len(expected) >= 2
    text = out.read_text(encoding="utf-8")
    for label in expected:
        assert f"| {label} | " in text
    assert all(r["docs"] > 0 and r["cpu_ms_doc"] > 0 and r["peak_rss_mib"] > 10 for r in result["rows"])
    # our dedup finds the planted copies of the tiny workload
    assert result["workload_f1"]["docs"] > 0 and result["workload_f1"]["ours"]["recall"] > 0.5
    assert any("generated" in name for name in result["labelled_f1"])
    if result["datatrove"]:
        assert "Ratios ours / datatrove" in text and "datatrove" in result["workload_f1"]
    else:
        assert "datatrove was not importable" in text


def test_real_markup_pages_carry_the_story_in_the_real_pages_chrome():
    """bench/real_markup.py: each of the repo's saved real article pages (tests/data/real_pages,
    in the repo, so no skip) takes a story in place of its own headline, lead and paragraphs; the
    rest of the page (menus, boxes, footer) stays, and our extractor finds the story in it."""
    from datetime import datetime, timezone

    from bench.real_markup import RealTemplate, annotated_pages
    from bench.workload import Story
    from normalize.extract import extract_article

    pages = annotated_pages(None)
    located = [(RealTemplate.locate(url, page, title, must), must) for url, page, title, must in pages]
    located = [(template, must) for template, must in located if template is not None]
    assert len(located) >= 0.9 * len(pages) >= 25  # nearly every page's body is located
    story = Story("c1", "Tỉnh Điện Biên khởi công 12 công trình thủy lợi phục vụ sản xuất vụ đông xuân",
                  "Sáng 3/2/2026, UBND tỉnh Điện Biên tổ chức lễ khởi công 12 công trình thủy lợi với tổng vốn 214 tỷ đồng.",
                  ["Các công trình gồm 7 hồ chứa và 5 tuyến kênh nội đồng tại huyện Mường Nhé và Nậm Pồ, "
                   "dự kiến hoàn thành trước mùa mưa năm 2027.",
                   "Theo Sở Nông nghiệp và Môi trường, khi đưa vào sử dụng, các công trình sẽ tưới cho khoảng "
                   "1.350 ha lúa và hoa màu, giúp hơn 4.000 hộ dân ổn định sản xuất.",
                   "Chủ tịch UBND tỉnh yêu cầu các nhà thầu bảo đảm chất lượng, an toàn lao động và giải ngân "
                   "đúng tiến độ theo Quyết định số 215/QĐ-UBND ngày 20/1/2026."],
                  "Minh Anh", datetime(2026, 2, 3, tzinfo=timezone.utc))
    found = 0
    for template, must in located:
        out = template.fill(story, story.paragraphs, f"{template.host}/dien-bien-khoi-cong.htm").decode("utf-8")
        assert all(f"<p>{p}</p>" in out for p in story.paragraphs) and story.title in out
        assert not any(s in out for s in must[1:]), template.url  # the real paragraphs are gone
        article = extract_article(out.encode("utf-8"), f"{template.host}/dien-bien-khoi-cong.htm")
        found += all(p in article["text"] for p in story.paragraphs)
    assert found >= 0.9 * len(located)
