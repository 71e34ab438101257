"""Extraction targets on the shared annotated pages (read in place via shared_dir)."""

from __future__ import annotations

import gzip
import json
import re
import sys
import types
from datetime import datetime
from pathlib import Path

import pytest

from normalize.text import normalize_text

# normalize/__init__ imports normalize.stage, written concurrently by another engineer;
# until it lands, a stand-in lets the extraction module be imported on its own.
if not (Path(__file__).resolve().parent.parent / "normalize" / "stage.py").exists():
    sys.modules.setdefault("normalize.stage", types.SimpleNamespace(run_extract=None))

from normalize.extract import extract_article  # noqa: E402
from vicorpus.timeutil import VIETNAM_TZ  # noqa: E402

from conftest import SHARED  # noqa: E402  (same lookup as the shared_dir fixture)
from page_text import norm  # noqa: E402  (tests/, found the same way as conftest)

PAGES_JSON = SHARED / "data" / "pages" / "pages.json"
ENTRIES = json.loads(PAGES_JSON.read_text(encoding="utf-8")) if PAGES_JSON.is_file() else []


def _load(shared_dir: Path, entry: dict) -> bytes:
    raw = (shared_dir / "data" / "pages" / entry["file"]).read_bytes()
    return gzip.decompress(raw) if entry["file"].endswith(".gz") else raw


@pytest.fixture(scope="module")
def extracted(shared_dir):
    entries = json.loads((shared_dir / "data" / "pages" / "pages.json").read_text(encoding="utf-8"))
    return {e["file"]: (e, extract_article(_load(shared_dir, e), e["url"])) for e in entries}


_ARTICLES = [e["file"] for e in ENTRIES if e["is_article"]] or ["(shared pages absent)"]
_LISTS = [e["file"] for e in ENTRIES if not e["is_article"]] or ["(shared pages absent)"]


@pytest.mark.parametrize("name", _ARTICLES)
def test_article_text_title_date(extracted, name):
    entry, result = extracted[name]
    assert result is not None and result["is_article"], result and result["not_article_reason"]
    text = norm(result["text"])
    # The stored text follows the normalization policy (e.g. "Uỷ ban" -> "Ủy ban"),
    # so a string counts as found in its raw or its policy-normalized form.
    missing = [s for s in entry["must_contain"] if s not in text and norm(normalize_text(s)) not in text]
    assert not missing, f"missing article text: {missing}"
    leaked = [s for s in entry["must_not_contain"] if s in text]
    assert not leaked, f"boilerplate leaked: {leaked}"
    assert norm(result["title"]) == entry["title"]
    gold = datetime.fromisoformat(entry["published"])
    got = result["published_at"]
    assert got is not None and got.tzinfo is not None
    local = got.astimezone(VIETNAM_TZ)
    assert local.date().isoformat() == entry["published"][:10]
    if "T" in entry["published"]:  # the page shows a time: exact to the minute
        assert local.replace(second=0, tzinfo=None) == gold.replace(second=0, tzinfo=None)
    assert "\n\n" in result["text"], "paragraph breaks lost"
    assert result["encoding"] == "utf-8"
    assert result["extractor"].startswith("trafilatura-")


@pytest.mark.parametrize("name", _LISTS)
def test_list_page_flagged(extracted, name):
    entry, result = extracted[name]
    assert result is not None
    assert result["is_article"] is False
    assert result["not_article_reason"].startswith("not_article:")
    assert result["published_at"] is None
    assert norm(result["title"]) == entry["title"]


def test_pooled_targets(extracted):
    arts = [(e, r) for e, r in extracted.values() if e["is_article"]]
    found = sum(s in norm(r["text"]) for e, r in arts for s in e["must_contain"])
    total = sum(len(e["must_contain"]) for e, _ in arts)
    assert found / total >= 0.98
    leaked = sum(s in norm(r["text"]) for e, r in extracted.values() for s in e["must_not_contain"])
    strings = sum(len(e["must_not_contain"]) for e, _ in extracted.values())
    assert leaked / strings <= 0.02, f"{leaked}/{strings} boilerplate strings leaked"


@pytest.mark.parametrize("name", [e["file"] for e in ENTRIES] or ["(shared pages absent)"])
def test_verdict_holds_under_a_neutral_url(shared_dir, extracted, name):
    """The same bytes served by a local mirror (no id, no section path) get the same verdict."""
    entry, at_home = extracted[name]
    slug = re.sub(r"[^a-z0-9]+", "-", entry["file"].split("_", 2)[-1].split(".htm")[0].lower())
    neutral = extract_article(_load(shared_dir, entry), f"http://127.0.0.1:8799/tin/{slug}.html")
    assert neutral["is_article"] is at_home["is_article"] is entry["is_article"], neutral["not_article_reason"]
    assert norm(neutral["text"]) == norm(at_home["text"])
