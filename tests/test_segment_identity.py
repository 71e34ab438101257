"""The fast segmenter returns underthesea.word_tokenize(sentence, format="text"), string for string.

Sentences: a third of tests/data/segment/sentences.txt (our own news-like texts and
their variants: ALL CAPS, NFD, emoji, stray punctuation...; the whole file is
checked by ``python -m bench.segment_bench --identity-only``), the demo site's
articles, the shared real pages and seeds (read from ../shared, skipped when
absent), seeded fuzz and bad input.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
from pathlib import Path

import pytest
from underthesea import word_tokenize

from conftest import REPO, SHARED, TESTS_DATA
from normalize import segment_model
from normalize.extract import extract_article
from normalize.segment import Segmenter, keep_written_tokens
from normalize.segment_crf import FastTagger
from normalize.segment_tokens import ChunkTokenizer

DATA = TESTS_DATA / "segment"


def _fuzz():
    spec = importlib.util.spec_from_file_location("segment_fuzz", DATA / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fast() -> Segmenter:
    seg = Segmenter("fast")
    assert seg.engine == "fast", "the installed underthesea is not the verified one"
    return seg


@pytest.fixture(scope="module")
def reference() -> Segmenter:
    return Segmenter("underthesea")


def sentences_of(texts, segmenter) -> list[str]:
    """Sentences as segment_text cuts them: per line, underthesea.sent_tokenize."""
    return [s for text in texts for line in text.split("\n") if line.strip()
            for s in (segmenter.sent_tokenize(line) or [line])]


def mismatches(sentences, fast) -> list[tuple[str, str, str]]:
    out = []
    for s in sentences:
        expected, got = word_tokenize(s, format="text"), fast.word_tokenize(s)
        if expected != got:
            out.append((s, expected, got))
    return out


def test_own_sentences(fast):
    lines = (DATA / "sentences.txt").read_text(encoding="utf-8").split("\n")
    sentences = [s for s in lines if s]
    assert len(sentences) >= 5000
    sample = sentences[::3]
    assert mismatches(sample, fast)[:3] == []


def _demo_texts() -> list[str]:
    pages = sorted((REPO / "vicorpus" / "demo_site").rglob("*.htm"))
    texts = []
    for page in pages:
        article = extract_article(page.read_bytes(), f"http://127.0.0.1:8000/{page.name}")
        if article and article.get("text"):
            texts.append(article["title"] + "\n" + article["text"])
    return texts


def test_demo_site_articles(fast, reference):
    texts = _demo_texts()
    sentences = sentences_of(texts, fast)
    assert len(texts) >= 10 and len(sentences) >= 150
    assert mismatches(sentences, fast)[:3] == []
    # whole texts through segment_text: sentence splitting and written tokens kept too
    for text in texts[:6]:
        assert fast.segment_text(text) == reference.segment_text(text)


def test_shared_pages_and_seeds(fast, reference, shared_dir):
    folder = shared_dir / "data" / "pages"
    texts = []
    for entry in json.loads((folder / "pages.json").read_text(encoding="utf-8")):
        raw = (folder / entry["file"]).read_bytes()
        raw = gzip.decompress(raw) if entry["file"].endswith(".gz") else raw
        article = extract_article(raw, entry["url"])
        if article and article.get("text"):
            texts.append(article["title"] + "\n" + article["text"])
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "data" / "seeds").glob("*.txt"))]
    sentences = sentences_of(texts, fast)
    assert len(sentences) >= 300
    assert mismatches(sentences, fast)[:3] == []
    for text in texts[:4]:
        assert fast.segment_text(text) == reference.segment_text(text)


def test_fuzzed_sentences(fast):
    sentences = _fuzz().fuzz_sentences(400, seed=19)
    assert mismatches(sentences, fast)[:3] == []


BAD = {
    "empty": "", "blank": " \t ", "newline": "\n", "one letter": "a",
    "1 MB of one token": "nghiêng" * 150_000, "1 MB of digits": "7" * 1_000_000,
    "control characters": "Hà\x00Nội\x07 \x1b[31m đỏ \x7f\x85\u2028 xong\x1f",
    "other scripts": "北京市 Москва ΟΔΟΣ ΣΑΣ ภาษาไทย ١٢٣ 😀👍🏽 \ua7cb\ua7dc ƛ ɤ \U00010d50",
    "lone surrogate": "Hà Nội \ud800 x", "only punctuation": "?!…--»«", "reserved words": "BOS EOS \x00BOS I-W",
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_never_crashes_and_matches(fast, name):
    text = BAD[name]
    got = fast.word_tokenize(text)
    try:
        expected = word_tokenize(text, format="text")
    except BaseException:  # noqa: BLE001 - underthesea may raise (a Rust panic is a BaseException)
        return
    assert got == expected
    assert isinstance(fast.segment_text(text), str)


def test_fast_tags_equal_the_float_for_float_path(fast):
    lines = (DATA / "sentences.txt").read_text(encoding="utf-8").split("\n")
    for s in lines[1::50]:
        tokens = fast.tokenizer.tokenize(s)
        assert fast.tagger.tags(tokens) == fast.tagger.exact_tags(tokens), s


def test_caches_are_bounded(fast):
    tagger = FastTagger(fast.tagger.model, max_slots=300, max_parts=200)
    tokenizer = ChunkTokenizer(max_entries=150)
    sentences = _fuzz().fuzz_sentences(300, seed=5)
    for s in sentences:
        tagger.tags(tokenizer.tokenize(s))
    assert len(tagger._slots) <= 300 and len(tagger._tokens) <= 200 and len(tagger._pairs) <= 200
    assert len(tokenizer._inside) <= 150 and len(tokenizer._at_end) <= 150
    big = "x" * 100_000
    tagger.tags(tokenizer.tokenize(f"{big} {big}"))
    assert big not in tokenizer._inside and big not in tagger._tokens  # long tokens are not kept


def test_changed_model_falls_back_to_underthesea(monkeypatch, caplog):
    rel = segment_model.MODEL_DIR + "/models.bin"
    monkeypatch.setitem(segment_model.VERIFIED_SHA256, rel, "0" * 64)
    with caplog.at_level(logging.WARNING, logger="normalize.segment"):
        seg = Segmenter("fast")
    assert seg.engine == "underthesea"
    assert "models.bin differs" in caplog.text
    s = "Theo Nghị định 13/2023/NĐ-CP, UBND TP.HCM yêu cầu các sở triển khai."
    assert seg.word_tokenize(s) == word_tokenize(s, format="text")


def test_keep_written_tokens_on_fast_output(fast):
    s = "Căn cứ Nghị định 13/2023/NĐ-CP và Quyết định 2345/QĐ-UBND, PGS.TS. Lê Văn A (TP.HCM) cho biết..."
    out = keep_written_tokens(" ".join(s.split()), fast.word_tokenize(s))
    assert "13/2023/NĐ-CP" in out and "2345/QĐ-UBND" in out and "PGS.TS." in out
    assert out.replace("_", " ").replace(" ", "") == s.replace(" ", "")


def test_feature_values_equal_underthesea_core_featurizer(fast):
    """Every feature string, not only those the model weighs (most are not in the model)."""
    from underthesea_core import CRFFeaturizer

    model = fast.tagger.model
    rust = CRFFeaturizer(model.templates, set(model.dictionary))
    lines = (DATA / "sentences.txt").read_text(encoding="utf-8").split("\n")
    sentences = lines[2::40] + _fuzz().fuzz_sentences(150, seed=23) + [
        "Mã số 0000000000007 và -00000000000000002147483648, +0, 2147483647, 2147483648 " + "9" * 40,
        "ΟΔΟΣ ΣΑΣ Σ ƛ ɤ \ua7cb \ua7dc İstanbul ǅ ß ﬁ Ⅻ ⓐ Ⓐ 𝟘 \U00010d50 \U00016ea0"]
    for s in sentences:
        tokens = fast.tokenizer.tokenize(s)
        ours = [[f"{t}={v}" for t, v in row] for row in fast.tagger.attributes(tokens)]
        assert ours == rust.process([[[t] for t in tokens]])[0], s


def test_parsed_model_is_cached_and_a_damaged_cache_is_parsed_again(monkeypatch, tmp_path):
    monkeypatch.setenv("VICORPUS_CACHE_DIR", str(tmp_path / "cache"))
    cache = segment_model.cache_path()
    assert cache.parent == tmp_path / "cache" and not cache.exists()
    parsed = segment_model.load_model()
    assert cache.is_file() and list(cache.parent.iterdir()) == [cache]  # no temp file left
    assert segment_model.load_model() == parsed  # read back from the cache
    cache.write_bytes(cache.read_bytes()[:1000])  # a copy cut short (disk full, killed writer)
    assert segment_model.load_model() == parsed
    assert segment_model.load_model(verify=False) == parsed


def test_cache_is_not_read_for_a_changed_model(monkeypatch, tmp_path):
    monkeypatch.setenv("VICORPUS_CACHE_DIR", str(tmp_path))
    before = segment_model.cache_path()
    monkeypatch.setitem(segment_model.VERIFIED_SHA256, segment_model.MODEL_DIR + "/models.bin", "0" * 64)
    assert segment_model.cache_path() != before  # another verified set is another file
    with pytest.raises(segment_model.ModelMismatch):
        segment_model.load_model()


def test_unwritable_cache_dir_still_loads(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("VICORPUS_CACHE_DIR", str(blocker / "cache"))
    assert segment_model.load_model().labels == ["B-W", "I-W"]
    assert list(tmp_path.iterdir()) == [blocker]
