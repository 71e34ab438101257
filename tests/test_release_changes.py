"""Changelog against --previous, and exclusions (takedowns) honoured and explained."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "release"))
from factory import default_rows, doc_row, make_workdir  # noqa: E402

from corpus_cards import build_release  # noqa: E402
from corpus_cards.exclusions import load_exclusions  # noqa: E402
from vicorpus.config import ReleaseSettings  # noqa: E402
from vicorpus.errors import UsageError  # noqa: E402


def build(tmp: Path, workdir, version, **kw) -> Path:
    return build_release(workdir, ReleaseSettings(version=version, out=tmp / "releases", **kw),
                         progress=False)


def released(release: Path) -> dict[str, dict]:
    return {r["id"]: r for r in pq.read_table(release / "data").to_pylist()}


def write_exclusions(path: Path, entries: list[dict]) -> Path:
    import yaml
    path.write_text(yaml.safe_dump({"exclusions": entries}, allow_unicode=True), encoding="utf-8")
    return path


def by_index(rows, index):
    return next(r for r in rows if r["url"].endswith(f"-10223{index:06d}.htm") and "tin-tuc-" in r["url"])


def test_changelog_against_previous(tmp_path):
    first = build(tmp_path, make_workdir(tmp_path / "w1"), "0.1.0")
    rows = default_rows()
    gone = by_index(rows, 5)
    gone["drop_reason"] = "too_short"  # re-extracted with a stricter filter
    edited = by_index(rows, 7)
    edited["text"] = edited["text"] + "\n\nCập nhật: Bộ Tài chính đã ban hành Thông tư 40/2021/TT-BTC."
    import hashlib
    edited["text_sha256"] = hashlib.sha256(edited["text"].encode()).hexdigest()
    taken_down = by_index(rows, 8)
    new_docs = [doc_row(20, "mic"), doc_row(21, "baochinhphu")]
    exclusions = write_exclusions(tmp_path / "excl.yaml", [
        {"url": taken_down["url"], "reason": "yêu cầu gỡ bỏ dữ liệu cá nhân", "date": "2026-03-01"}])
    second = build(tmp_path, make_workdir(tmp_path / "w2", rows + new_docs), "0.2.0",
                   previous=first, exclusions=exclusions)
    changes = json.loads((second / "changes.json").read_text(encoding="utf-8"))
    assert changes["previous"] == "0.1.0"
    assert changes["added"] == sorted(d["id"] for d in new_docs)
    removed = {r["id"]: r["reason"] for r in changes["removed"]}
    assert removed == {gone["id"]: "dropped: too_short",
                       taken_down["id"]: f"excluded: yêu cầu gỡ bỏ dữ liệu cá nhân "
                                         f"(url: {taken_down['url']}, 2026-03-01)"}
    assert changes["changed"] == [edited["id"]]
    assert changes["counts"] == {"previous": 12, "current": 12}
    per = changes["per_source"]
    assert sum(v["added"] for v in per.values()) == 2 and sum(v["removed"] for v in per.values()) == 2
    text = (second / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "2 added, 2 removed, 1 changed" in text
    assert "yêu cầu gỡ bỏ dữ liệu cá nhân" in text and taken_down["url"] in text
    assert set(released(second)) == (set(released(first)) - set(removed)) | set(changes["added"])


def test_first_release_changelog(tmp_path):
    release = build(tmp_path, make_workdir(tmp_path / "w"), "0.1.0")
    assert "First release" in (release / "CHANGELOG.md").read_text(encoding="utf-8")
    changes = json.loads((release / "changes.json").read_text(encoding="utf-8"))
    assert changes["previous"] is None and len(changes["added"]) == 12


def test_exclusions_by_id_pattern_source_and_duplicate_url(tmp_path):
    rows = default_rows()
    one = by_index(rows, 4)
    exclusions = write_exclusions(tmp_path / "excl.yaml", [
        {"id": one["id"], "reason": "takedown", "date": "2026-01-02"},
        {"url_pattern": r"tin-tuc-0010-", "reason": "bài đã bị gỡ", "date": "2026-01-03"},
        # A copy's URL removes the released keeper of its cluster.
        {"url": "https://mic.gov.vn/tin-tuc/sao-chep-10223000002.htm", "reason": "bản quyền",
         "date": "2026-01-04"},
    ])
    release = build(tmp_path, make_workdir(tmp_path / "w", rows), "0.1.0", exclusions=exclusions)
    kept = released(release)
    assert one["id"] not in kept
    assert not any("tin-tuc-0010-" in r["url"] for r in kept.values())
    assert not any(r["dedup_cluster_size"] == 3 for r in kept.values())
    stats = json.loads((release / "stats.json").read_text(encoding="utf-8"))
    assert stats["stages"]["excluded"] == 3 and stats["drop_reasons"]["excluded"] == 3
    assert {e["reason"] for e in stats["excluded"]} == {"takedown", "bài đã bị gỡ", "bản quyền"}
    assert len(kept) == 9

    by_source = write_exclusions(tmp_path / "src.yaml", [
        {"source": "mic", "reason": "nguồn rút lại quyền", "date": "2026-02-01"}])
    release = build(tmp_path, make_workdir(tmp_path / "w2", rows), "0.2.0", exclusions=by_source)
    assert {r["source"] for r in released(release).values()} == {"baochinhphu"}


@pytest.mark.parametrize("entry, message", [
    ({"url": "https://a.vn/x", "id": "abc", "reason": "r", "date": "2026-01-01"}, "exactly one"),
    ({"url": "https://a.vn/x", "date": "2026-01-01"}, "reason"),
    ({"url": "https://a.vn/x", "reason": "r", "date": "2026-01-01", "note": "?"}, "note"),
    ({"url_pattern": "([", "reason": "r", "date": "2026-01-01"}, "regular expression|url_pattern"),
    ({"source": "mic", "reason": "r", "date": "hôm qua"}, "date"),
])
def test_bad_exclusions_are_usage_errors(tmp_path, entry, message):
    path = write_exclusions(tmp_path / "excl.yaml", [entry])
    with pytest.raises(UsageError, match=message):
        load_exclusions(path)


def test_repo_exclusions_file_is_valid():
    repo_file = Path(__file__).resolve().parent.parent / "configs" / "exclusions.yaml"
    assert isinstance(load_exclusions(repo_file), list)
