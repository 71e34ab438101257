"""verify_release: re-check a release directory; an empty list means it is intact."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from huggingface_hub import DatasetCard

from corpus_cards.card import validate_card
from corpus_cards.release import CHECKSUMS, sha256_file
from vicorpus.schema import RELEASE_SCHEMA


def check_checksums(root: Path) -> list[str]:
    """Every listed file present with its sha256, and no unlisted file."""
    listing = root / CHECKSUMS
    if not listing.is_file():
        return [f"{CHECKSUMS} is missing"]
    problems, listed = [], set()
    for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            problems.append(f"{CHECKSUMS} line {number} is malformed")
            continue
        listed.add(name)
        path = root / name
        if not path.is_file():
            problems.append(f"{name}: listed but missing")
        elif sha256_file(path) != digest:
            problems.append(f"{name}: sha256 mismatch")
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel != CHECKSUMS and rel not in listed:
            problems.append(f"{rel}: not listed in {CHECKSUMS}")
    return problems


def verify_release(path: Path) -> list[str]:
    """Checksums, card metadata, parquet row counts vs the card, and the schema.

    >>> verify_release(Path("/nonexistent"))
    ['/nonexistent is not a release directory']
    """
    root = Path(path)
    if not root.is_dir():
        return [f"{root} is not a release directory"]
    problems = check_checksums(root)
    readme = root / "README.md"
    if not readme.is_file():
        return problems + ["README.md is missing"]
    problems += validate_card(readme, root)
    shards = sorted((root / "data").glob("*.parquet"))
    if not shards:
        return problems + ["no parquet shards under data/"]
    rows = 0
    for shard in shards:
        try:
            schema = pq.read_schema(shard)
            rows += pq.ParquetFile(shard).metadata.num_rows
        except Exception as exc:  # noqa: BLE001 - a broken shard is a finding, not a crash
            problems.append(f"{shard.relative_to(root)}: unreadable parquet ({exc})")
            continue
        if not schema.remove_metadata().equals(RELEASE_SCHEMA):
            problems.append(f"{shard.relative_to(root)}: columns/types differ from the release schema")
    try:
        infos = DatasetCard.load(readme).data.to_dict().get("dataset_info") or []
    except Exception:  # noqa: BLE001 - reported by validate_card already
        infos = []
    default = next((i for i in infos if i.get("config_name", "default") == "default"), None)
    expected = sum(s.get("num_examples", 0) for s in (default or {}).get("splits", []))
    if default is None or expected != rows:
        problems.append(f"card says {expected} rows, shards hold {rows}")
    return problems
