"""build_release: one immutable, versioned release directory from a workdir.

    RELEASES/<version>/README.md, data/train-*.parquet, croissant.json, CHANGELOG.md,
    changes.json, stats.json, report.html, [dedup_index/], CHECKSUMS.sha256 (last)

Written into a temporary directory inside ``out`` and renamed into place, so a
release either exists complete or not at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from corpus_cards.card import card_header, config_name, dump_header
from corpus_cards.changelog import changelog_markdown, compute_changes, read_previous
from corpus_cards.croissant import croissant_metadata
from corpus_cards.datasheet import datasheet
from corpus_cards.exclusions import load_exclusions
from corpus_cards.report import report_html
from corpus_cards.rows import ReleaseRows, assemble_rows
from corpus_cards.shards import WRITER_OPTIONS, write_shards
from corpus_cards.stats import compute_stats, read_json
from corpus_cards.versioning import check_version, parse_version, policy_changes, schema_fingerprint
from vicorpus.config import ReleaseSettings
from vicorpus.errors import UsageError
from vicorpus.progress import stage_progress
from vicorpus.workdir import Workdir

CHECKSUMS = "CHECKSUMS.sha256"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(root: Path) -> Path:
    """``sha256sum``-format lines for every file under ``root`` (sorted), written last."""
    lines = [f"{sha256_file(p)}  {p.relative_to(root).as_posix()}\n"
             for p in sorted(root.rglob("*")) if p.is_file() and p.name != CHECKSUMS]
    target = root / CHECKSUMS
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _newer_releases(out: Path, version: tuple[int, int, int]) -> list[str]:
    """Names of the releases in ``out`` (X.Y.Z directories) whose version is above ``version``."""
    found = []
    for child in out.iterdir() if out.is_dir() else []:
        try:
            if child.is_dir() and parse_version(child.name) > version:
                found.append(child.name)
        except UsageError:
            continue  # not a release directory
    return sorted(found, key=parse_version)


def _policy(table: pa.Table, dedup_summary: dict | None) -> dict:
    summary = dedup_summary or {}
    settings = summary.get("settings") if isinstance(summary.get("settings"), dict) else summary
    dedup = {k: settings[k] for k in ("method", "threshold", "num_perm", "shingle_size")
             if k in settings}
    return {
        "pipeline_versions": sorted({v for v in table.column("pipeline_version").to_pylist() if v}),
        "extractors": sorted({v for v in table.column("extractor").to_pylist() if v}),
        "schema": schema_fingerprint(),
        "dedup": dedup,
    }


def _sources(workdir: Workdir, table: pa.Table) -> list[dict]:
    """Per-source card rows: licence and attribution as the rows carry them, title and URL from the
    config snapshot when present, counts and dates from the rows."""
    snapshots = {}
    for path in sorted((workdir.crawl / "sources").glob("*.json")):
        data = read_json(path)
        if data and data.get("name"):
            snapshots[data["name"]] = data
    names = sorted(set(table.column("source").to_pylist()) | set(snapshots))
    out = []
    for name in names:
        part = table.filter(pc.equal(table.column("source"), name))
        snap = snapshots.get(name, {})
        first = part.slice(0, 1).to_pylist()[0] if part.num_rows else {}
        dates = [v for v in part.column("published_at").to_pylist() if v is not None]
        out.append({
            "name": name, "title": snap.get("title", name),
            "url": snap.get("url") or (snap.get("start_urls") or [None])[0],
            # what the rows carry first (extract applies a licence edited since the crawl)
            "licence": first.get("licence") or snap.get("licence"),
            "attribution": first.get("attribution") or snap.get("attribution"),
            "docs": part.num_rows, "num_bytes": part.nbytes,
            "date_min": min(dates).date().isoformat() if dates else None,
            "date_max": max(dates).date().isoformat() if dates else None,
        })
    return out


def _write_release(tmp: Path, *, settings: ReleaseSettings, workdir: Workdir, rows: ReleaseRows,
                   stats: dict, changes: dict | None, policy: dict, advance) -> None:
    shards = write_shards(rows.table, tmp / "data", settings.shard_size_mb)
    advance()
    sources = _sources(workdir, rows.table)
    shard_info = [{"path": p.relative_to(tmp).as_posix(), "sha256": sha256_file(p),
                   "size": p.stat().st_size} for p in shards]
    licences = [s["licence"] or "" for s in sources] or [""]
    header = card_header(
        pretty_name=f"{settings.name} {settings.version}", licences=licences,
        n_rows=rows.table.num_rows, num_bytes=rows.table.nbytes,
        download_size=sum(s["size"] for s in shard_info),
        per_source={s["name"]: {"num_examples": s["docs"], "num_bytes": s["num_bytes"]}
                    for s in sources if s["docs"]})
    writer = {"pyarrow": pa.__version__, "options": WRITER_OPTIONS}
    body = datasheet(name=settings.name, version=settings.version, stats=stats, sources=sources,
                     policy=policy, writer=writer, changes=changes)
    (tmp / "README.md").write_text(dump_header(header) + "\n" + body, encoding="utf-8")
    advance()
    description = (f"{settings.name} {settings.version}: Vietnamese text from public web pages of "
                   f"{', '.join(s['name'] for s in sources)}, one row per article.")
    croissant = croissant_metadata(
        name=settings.name, version=settings.version, description=description,
        license_text=header["license"] if header["license"] != "other" else
        "other: per-source terms, see README.md", shards=shard_info, sources=sources, stats=stats,
        date_published=(stats["dates"]["fetched_max"] or "")[:10] or None)
    _dump_json(tmp / "croissant.json", croissant)
    (tmp / "CHANGELOG.md").write_text(
        changelog_markdown(settings.version, changes, rows.excluded), encoding="utf-8")
    _dump_json(tmp / "changes.json", changes or {"previous": None, "added": rows.table.column("id")
                                                 .to_pylist(), "removed": [], "changed": []})
    _dump_json(tmp / "stats.json", {**stats, "writer": writer,
                                    "configs": [config_name(s["name"]) for s in sources]})
    (tmp / "report.html").write_text(report_html(name=settings.name, version=settings.version,
                                                 stats=stats, rows=rows), encoding="utf-8")
    index = workdir.dedup / "index"
    if index.is_dir():
        shutil.copytree(index, tmp / "dedup_index")
    advance()
    write_checksums(tmp)


def _dump_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str)
                    + "\n", encoding="utf-8")


def check_release_target(settings: ReleaseSettings) -> Path:
    """The release directory ``settings`` would write, or a UsageError when it may not be
    written: a malformed version, one already released, or one below a release in ``out``.
    ``vicorpus run`` asks this before it crawls.

    >>> import tempfile; out = Path(tempfile.mkdtemp()); (out / "0.2.0").mkdir()
    >>> check_release_target(ReleaseSettings(version="0.3.0", out=out)).name
    '0.3.0'
    >>> check_release_target(ReleaseSettings(version="0.1.5", out=out))
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: ... is newer than 0.1.5: a release's version must be greater than every release in ...
    """
    parse_version(settings.version)
    out = Path(settings.out)
    final = out / settings.version
    if final.exists():
        raise UsageError(f"release {final} already exists; releases are immutable, "
                         "choose a new version")
    if settings.previous is None:  # (with --previous, check_version says it against that one)
        newer = _newer_releases(out, parse_version(settings.version))
        if newer:
            raise UsageError(f"{out / newer[-1]} is newer than {settings.version}: a release's version must be "
                             f"greater than every release in {out}")
    return final


def build_release(workdir: Workdir, settings: ReleaseSettings, *, progress: bool = True) -> Path:
    """Write ``settings.out/settings.version`` from a deduplicated workdir and return its path.

    Releases are immutable: an existing version is refused before anything is read.

    >>> import tempfile; out = Path(tempfile.mkdtemp()); (out / "1.0.0").mkdir()
    >>> build_release(Workdir(out / "work"), ReleaseSettings(version="1.0.0", out=out))
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: release ... already exists; releases are immutable, choose a new version
    """
    final = check_release_target(settings)
    out = final.parent
    workdir.require_extracted("release")
    rows = assemble_rows(workdir, load_exclusions(settings.exclusions))
    if not rows.table.num_rows:  # a release is immutable: never spend a version on nothing
        raise UsageError(f"nothing to release: {workdir.root} has no kept documents (did the crawl, "
                         "extract and dedup run to the end?)")
    dedup_summary = read_json(workdir.dedup / "summary.json")
    policy = _policy(rows.table, dedup_summary)
    previous, changes = None, None
    if settings.previous is not None:
        previous = read_previous(settings.previous)
        lines = policy_changes(previous["policy"], policy)
        check_version(settings.version, previous["version"], lines)
        changes = compute_changes(previous, rows, lines)
    stats = {"name": settings.name, "version": settings.version,
             "previous": previous["version"] if previous else None, "policy": policy,
             **compute_stats(workdir, rows, dedup_summary)}
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create releases directory {out}: {exc.strerror}") from None
    tmp = Path(tempfile.mkdtemp(prefix=f".{settings.version}.partial-", dir=out))
    try:
        with stage_progress(progress) as bar:
            task = bar.add_task(f"release {settings.version}", total=3)
            _write_release(tmp, settings=settings, workdir=workdir, rows=rows, stats=stats,
                           changes=changes, policy=policy, advance=lambda: bar.advance(task))
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700
        try:
            os.rename(tmp, final)
        except OSError:
            raise UsageError(f"release {final} already exists (written concurrently)") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
