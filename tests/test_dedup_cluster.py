"""find_duplicates: each variant type, determinism, bad input, the shared labelled sample."""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from itertools import combinations
from pathlib import Path

import pytest

from dedup import find_duplicates
from dedup.canon import body_lines, fix_tone_placement, matching_tokens

sys.path.insert(0, str(Path(__file__).parent / "data" / "dedup"))
from synth import TOPICS, article, labelled_set, variants  # noqa: E402


@pytest.fixture(scope="module")
def family():
    rng = random.Random(3)
    original = article("giải ngân", rng)
    return original, variants(original, rng)


@pytest.mark.parametrize("variant", ["boilerplate", "tone", "nfd", "edit", "caption", "para_drop", "lead70", "combo"])
def test_each_variant_joins_its_original(family, variant):
    original, copies = family
    clusters = find_duplicates([("orig", original), ("copy", copies[variant])])
    assert clusters["orig"] == clusters["copy"] == "copy"  # cluster id = smallest id


def test_same_topic_different_articles_stay_apart():
    rng = random.Random(11)
    docs = [(f"a{i}", article(topic, rng)) for topic in sorted(TOPICS) for i in range(6)]
    docs = [(f"{doc_id}-{k}", text) for k, (doc_id, text) in enumerate(docs)]
    clusters = find_duplicates(docs)
    assert len(set(clusters.values())) == len(docs)


def test_tone_marks_are_kept_but_placement_unified():
    assert fix_tone_placement("hoà") == "hòa" and fix_tone_placement("thuỷ") == "thủy"
    assert matching_tokens("Ma, má, mà và mả.")[:4] == ["ma", "má", "mà", "và"]
    assert matching_tokens(unicodedata.normalize("NFD", "Khánh Hoà")) == ["khánh", "hòa"]


def test_body_lines_drop_site_chrome():
    text = ("Trang chủ | Tin tức | Liên hệ\nLượt xem: 120\n"
            "Sở Tài chính vừa công bố giá đất mới áp dụng từ ngày 1/1/2026 trên địa bàn tỉnh.\n"
            "Ghi rõ nguồn khi phát hành lại thông tin.")
    assert body_lines(text) == ["Sở Tài chính vừa công bố giá đất mới áp dụng từ ngày 1/1/2026 trên địa bàn tỉnh."]


def test_deterministic_with_shuffled_input():
    rows = labelled_set(40, seed=5)
    docs = [(r["id"], r["text"]) for r in rows]
    first = find_duplicates(docs)
    random.Random(1).shuffle(docs)
    assert find_duplicates(docs) == first
    assert find_duplicates(reversed(docs)) == first


def test_bad_input_is_handled():
    huge = ("Hội nghị đã thảo luận nhiều nội dung quan trọng về phát triển kinh tế - xã hội. " * 70_000)[:5_000_000]
    docs = [("empty", ""), ("blank", "  \n\n "), ("empty2", ""), ("huge", huge),
            ("en", "The ministry announced a new policy on public investment disbursement today."),
            ("zh", "政府今天宣布了新的公共投资政策。"), ("digits", "2026 2027 2028"), ("none", None)]
    clusters = find_duplicates(docs)
    assert set(clusters) == {d[0] for d in docs}
    assert clusters["empty"] == "empty" and clusters["empty2"] == "empty2"  # no words: never merged
    with pytest.raises(ValueError, match="duplicate document id"):
        find_duplicates([("x", "a"), ("x", "b")])
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates([("x", "a")], threshold=1.5)


def _f1(rows, clusters):
    tp = fp = fn = 0
    for a, b in combinations(rows, 2):
        same, pred = a["cluster"] == b["cluster"], clusters[a["id"]] == clusters[b["id"]]
        tp, fp, fn = tp + (same and pred), fp + (pred and not same), fn + (same and not pred)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * precision * recall / max(precision + recall, 1e-9), fp


def test_neardup_sample_f1(shared_dir):
    path = shared_dir / "data" / "neardup_sample.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    f1, wrong = _f1(rows, find_duplicates((r["id"], r["text"]) for r in rows))
    assert f1 >= 0.95
    assert wrong == 0


def test_generated_set_f1():
    rows = labelled_set(120, seed=9)
    f1, wrong = _f1(rows, find_duplicates((r["id"], r["text"]) for r in rows))
    assert f1 >= 0.95 and wrong == 0
