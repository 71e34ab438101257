"""underthesea's word-segmentation model, read from the installed package at load time.

The model (CRF feature templates, syllable dictionary, CRFsuite weights) ships in
the underthesea wheel under ``pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727``.
vicorpus never copies it: :func:`load_model` reads those files, checks their sha256
(and that of the Python sources whose behaviour normalize/segment_crf.py and
normalize/segment_tokens.py reproduce) against the versions we verified, and parses
the CRFsuite file (the "lCRF" container with two CQDB string tables, as
underthesea_core's loader reads it).

>>> model = load_model()
>>> model.labels, len(model.templates), model.weights["T[0]"]["nghiệp"][1] > 0
(['B-W', 'I-W'], 43, True)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
from dataclasses import dataclass, field
from pathlib import Path

MODEL_DIR = "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727"

# sha256 of the files whose content decides underthesea.word_tokenize's output, as
# shipped in underthesea 9.5.0 (paths relative to the underthesea package). Another
# content means another model or another algorithm: segment.py then calls underthesea.
VERIFIED_SHA256 = {
    MODEL_DIR + "/features.bin": "cf93263c7c7973bf50122b0be76a394443ff61be00c1368713dee1b7d5b8a435",
    MODEL_DIR + "/dictionary.bin": "ec8c62b3881c6682c18959988e1fe08800cc835777778845bded470ca02745d9",
    MODEL_DIR + "/models.bin": "c3a64c64349f1d73304f89babacaa8f8cd6078b1ec1a1b2c104e9e411ac1d2c3",
    "pipeline/text_normalize/tn_rules_2023_07_14.bin": "a8ef96ef9837f6a377154fdfc970b9b88351d39f9353fa693d53ab49798817f9",
    "pipeline/text_normalize/token_normalize.py": "e3dfaccc016417d181260234db2573f2c2c349e403e6566d9f35022633d9c50e",
    "pipeline/text_normalize/character_normalize.py": "f10727cca09ec90c88abaaa6b697ad3a1205ab783066ad0b59fa31ecdaa792d1",
    "pipeline/text_normalize/text_normalizer.py": "f35f6d22e7b1c4f916bc0f832222496ff3993be4f31d34dee2c8fed4565b4c2d",
    "pipeline/word_tokenize/__init__.py": "65b26025dfd44e2e1ddb03b98b1a25a26fe703596b22730e0c16f79a7f0fbb5d",
    "pipeline/word_tokenize/regex_tokenize.py": "5cb4fdc04fc806ac51842d9ec96834e9647262361bf865bacc164e96dc898a76",
    "models/fast_crf_sequence_tagger.py": "2f7dba214c3e4ea31221a328e759c5a11deff902c9768581a061e8a4a28d8762",
}


class ModelMismatch(RuntimeError):
    """The installed underthesea is not the one whose model this module reproduces."""


@dataclass
class CRFModel:
    """What the tagger needs: labels, templates, weights per (template, value)."""

    labels: list[str]
    templates: list[str]
    dictionary: set[str]  # lower-cased words and compounds ("thị trường")
    # transition[a][b]: weight of label a followed by label b
    transition: list[list[float]]
    # weights[template][value] = per-label weights of the attribute "template=value"
    weights: dict[str, dict[str, tuple[float, ...]]] = field(default_factory=dict)


def underthesea_dir() -> Path:
    import underthesea

    return Path(underthesea.__file__).resolve().parent


def file_digests(root: Path) -> dict[str, str]:
    """sha256 of each file of VERIFIED_SHA256 under ``root`` ("" when missing)."""
    out = {}
    for rel in VERIFIED_SHA256:
        path = root / rel
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return out


def check_digests(root: Path) -> None:
    """Raise ModelMismatch naming the first file whose content is not the verified one."""
    for rel, digest in file_digests(root).items():
        if digest != VERIFIED_SHA256[rel]:
            raise ModelMismatch(f"{rel} differs from the verified underthesea 9.5.0 file "
                                f"(sha256 {digest[:12] or 'missing'})")


def _cqdb_strings(data: bytes, start: int, count: int) -> list[str]:
    """Strings of a CQDB table in id order, read as underthesea_core's loader does.

    The loader walks the backward links (id -> entry offset), skips empty slots
    and interns each string in order; the interned index is the id the model's
    features use, so a duplicate or a gap would shift ids exactly as it does there.
    """
    if data[start:start + 4] != b"CQDB":
        raise ModelMismatch("CRFsuite string table without CQDB magic")
    bwd_size, bwd_offset = struct.unpack_from("<II", data, start + 16)
    links = struct.unpack_from(f"<{min(count, bwd_size)}I", data, start + bwd_offset)
    seen: dict[str, int] = {}
    for link in links:
        if link == 0:
            continue
        at = start + link + 8
        ksize = int.from_bytes(data[at - 4:at], "little")
        key = data[at:at + ksize]
        end = key.find(b"\0")
        seen.setdefault((key if end < 0 else key[:end]).decode("utf-8", "replace"), len(seen))
    return list(seen)


def parse_crfsuite(data: bytes):
    """(labels, attributes, state weights, transition weights) of a CRFsuite model file.

    State weights come as an (attributes x labels) array and a mask of the attributes
    that have any. Weights of magnitude <= 1e-10 are dropped and a repeated
    (attribute, label) keeps its last weight, as underthesea_core's
    CRFModel.set_state_weight does.
    """
    import numpy as np

    if data[:4] != b"lCRF":
        raise ModelMismatch("not a CRFsuite model file")
    (_size, _type, _version, n_features, n_labels, n_attrs,
     off_features, off_labels, off_attrs) = struct.unpack_from("<I4sIIIIIII", data, 4)
    labels = _cqdb_strings(data, off_labels, n_labels)
    attrs = _cqdb_strings(data, off_attrs, n_attrs)
    if data[off_features:off_features + 4] != b"FEAT":
        raise ModelMismatch("CRFsuite features chunk without FEAT magic")
    chunk_count = struct.unpack_from("<I", data, off_features + 8)[0]
    count = chunk_count or n_features
    feats = np.frombuffer(data, dtype=np.dtype([("kind", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                          count=count, offset=off_features + 12)
    transition = {(int(f["src"]), int(f["dst"])): float(f["w"]) for f in feats[feats["kind"] == 1]}
    state_feats = feats[feats["kind"] == 0]
    # the last write of each (attribute, label) wins; a tiny last write removes it
    keys = state_feats["src"].astype(np.uint64) << np.uint64(32) | state_feats["dst"].astype(np.uint64)
    _, last_from_end = np.unique(keys[::-1], return_index=True)
    last = state_feats[len(keys) - 1 - last_from_end]
    last = last[(np.abs(last["w"]) > 1e-10) & (last["src"] < len(attrs)) & (last["dst"] < len(labels))]
    state = np.zeros((len(attrs), len(labels)))
    state[last["src"], last["dst"]] = last["w"]
    present = np.zeros(len(attrs), dtype=bool)
    present[last["src"]] = True
    return labels, attrs, (state, present), transition


def load_model(root: Path | None = None, verify: bool = True) -> CRFModel:
    """Read underthesea's word-segmentation model from its installed files.

    Raises ModelMismatch when ``verify`` and a file differs from the verified version.
    A verified model is parsed once per machine: the result is kept in the user's cache
    (:func:`cache_path`), read back in a tenth of the time on every later start-up.
    """
    root = root or underthesea_dir()
    if not verify:
        return _parse_model(root)
    check_digests(root)
    cache = cache_path()
    try:
        model = pickle.loads(cache.read_bytes())
        if isinstance(model, CRFModel):
            return model
    except Exception:  # noqa: BLE001 - no cache yet, or a damaged one: parse the files again
        pass
    model = _parse_model(root)
    _write_cache(cache, model)
    return model


def cache_path() -> Path:
    """Where the parsed verified model is kept: ``$VICORPUS_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/vicorpus`` or ``~/.cache/vicorpus``. The name carries a digest of the
    verified files and of this module's source, so a change of either never reads an old copy."""
    root = os.environ.get("VICORPUS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "vicorpus")
    key = hashlib.sha256(repr(sorted(VERIFIED_SHA256.items())).encode() + Path(__file__).read_bytes())
    return Path(root) / f"segment-model-{key.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, model: CRFModel) -> None:
    """Best effort: a read-only home or a full disk only costs the parse next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # atomic: concurrent workers never read half a file
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _parse_model(root: Path) -> CRFModel:
    model_dir = root / MODEL_DIR
    # joblib wrote plain pickles (no numpy arrays); the C unpickler reads them 5x faster
    # than joblib.load, and their content was just checked.
    templates = list(pickle.loads((model_dir / "features.bin").read_bytes()))
    dictionary = pickle.loads((model_dir / "dictionary.bin").read_bytes())
    labels, attrs, (state, present), transition = parse_crfsuite((model_dir / "models.bin").read_bytes())
    n = len(labels)
    weights: dict[str, dict[str, tuple[float, ...]]] = {t: {} for t in templates}
    indices = present.nonzero()[0]
    for attr, row in zip(indices.tolist(), state[indices].tolist()):
        name, sep, value = attrs[attr].partition("=")
        if sep and name in weights:
            weights[name][value] = tuple(row)
    matrix = [[transition.get((a, b), 0.0) for b in range(n)] for a in range(n)]
    return CRFModel(labels=labels, templates=templates, dictionary=dictionary,
                    transition=matrix, weights=weights)
