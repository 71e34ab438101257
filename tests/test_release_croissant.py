"""croissant.json: mlcroissant validates it and reads the released rows back (offline)."""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data" / "release"))
from factory import default_rows, make_workdir  # noqa: E402

from corpus_cards import build_release, verify_release  # noqa: E402
from corpus_cards.card import validate_card  # noqa: E402
from vicorpus.config import ReleaseSettings  # noqa: E402

mlc = pytest.importorskip("mlcroissant", reason="mlcroissant is in the test extra: pip install -e '.[test]'")


def test_croissant_validates_and_loads_the_released_rows(tmp_path):
    release = build_release(make_workdir(tmp_path / "w"),
                            ReleaseSettings(version="0.1.0", out=tmp_path / "releases"), progress=False)
    dataset = mlc.Dataset(jsonld=release / "croissant.json")  # raises on validation errors
    loaded = {}
    for record in dataset.records(record_set="train"):
        value = lambda name: record[f"train/{name}"]  # noqa: E731
        decode = lambda v: v.decode("utf-8") if isinstance(v, bytes) else v  # noqa: E731
        loaded[decode(value("id"))] = (decode(value("title")), decode(value("text")))
    table = pq.read_table(release / "data").to_pylist()
    assert len(table) > 1 and loaded == {r["id"]: (r["title"], r["text"]) for r in table}
    assert validate_card(release / "README.md", release) == []
    assert verify_release(release) == []


HOSTILE_LICENCE = 'Ghi rõ nguồn "mic.gov.vn"\n---\nlicense: mit\n: [x] {y} # <script>alert(1)</script>'


def test_hostile_licence_cannot_break_the_card_header(tmp_path):
    from huggingface_hub import DatasetCard

    rows = default_rows()
    for row in rows:
        if row["source"] == rows[0]["source"]:
            row["licence"] = HOSTILE_LICENCE
    release = build_release(make_workdir(tmp_path / "w", rows),
                            ReleaseSettings(version="0.1.0", out=tmp_path / "releases"), progress=False)
    card = (release / "README.md").read_text(encoding="utf-8")
    header = DatasetCard(card).data.to_dict()
    assert header["license"] == "other"  # mixed licences: a table, not a Hub id
    assert header["language"] == ["vi"] and header["pretty_name"]
    assert validate_card(release / "README.md", release) == []
    assert verify_release(release) == []
