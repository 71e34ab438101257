"""CHANGELOG.md and changes.json against ``--previous``.

A doc is *added* when its id is new, *removed* when its id is gone (with why:
an exclusion rule, a drop reason, merged into a duplicate cluster, or not in
this workdir), *changed* when its released text hash differs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_cards.escaping import md, md_code, md_link
from corpus_cards.rows import ReleaseRows
from corpus_cards.stats import read_json
from vicorpus.errors import UsageError

_COLUMNS = ["id", "source", "url", "title", "text_sha256"]


def read_previous(path: Path) -> dict:
    """Version, policy and (id -> row brief) of an earlier release directory."""
    path = Path(path)
    stats = read_json(path / "stats.json")
    shards = sorted((path / "data").glob("*.parquet"))
    if stats is None or not shards:
        raise UsageError(f"previous release not found or incomplete: {path}")
    table = pa.concat_tables(pq.read_table(s, columns=_COLUMNS) for s in shards)
    rows = {r["id"]: r for r in table.to_pylist()}
    return {"path": path, "version": stats.get("version", path.name),
            "policy": stats.get("policy", {}), "rows": rows}


def compute_changes(previous: dict, rows: ReleaseRows, policy_lines: list[str]) -> dict:
    """The changes.json dict: ids added/removed/changed, per source, with removal reasons."""
    new = {r["id"]: r for r in rows.table.select(_COLUMNS).to_pylist()}
    old = previous["rows"]
    why: dict[str, str] = {}
    for item in rows.excluded:
        why[item["id"]] = f"excluded: {item['reason']} ({item['rule']}, {item['date']})"
    for item in rows.dedup_removed:
        why.setdefault(item["id"], f"near-duplicate of cluster {item['dedup_cluster']}")
    for doc_id, reason in zip(rows.docs.column("id").to_pylist(),
                              rows.docs.column("drop_reason").to_pylist()):
        if reason is not None:
            why.setdefault(doc_id, f"dropped: {reason}")
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(i for i in set(new) & set(old) if new[i]["text_sha256"] != old[i]["text_sha256"])
    per_source: dict[str, Counter] = {}
    for kind, ids, table in (("added", added, new), ("removed", removed, old), ("changed", changed, new)):
        for doc_id in ids:
            per_source.setdefault(table[doc_id]["source"], Counter())[kind] += 1
    return {
        "previous": previous["version"],
        "added": added,
        "removed": [{"id": i, "url": old[i]["url"], "source": old[i]["source"],
                     "reason": why.get(i, "not in this workdir")} for i in removed],
        "changed": changed,
        "per_source": {s: {k: c[k] for k in ("added", "removed", "changed")}
                       for s, c in sorted(per_source.items())},
        "policy_changes": policy_lines,
        "counts": {"previous": len(old), "current": len(new)},
    }


def changelog_markdown(version: str, changes: dict | None, excluded: list[dict]) -> str:
    """CHANGELOG.md text (a first release says so)."""
    out = [f"# Changelog: {md(version)}", ""]
    if changes is None:
        out += ["First release: no previous release was given.", "",
                f"Excluded by configs/exclusions.yaml: {len(excluded)} docs.", ""]
        out += [f"- {md_link(e['url'], e['url'])} ({md(e['source'])}): {md(e['reason'])}, "
                f"{md(e['date'])}" for e in excluded]
        return "\n".join(out) + "\n"
    c = changes
    out += [f"Against {md(c['previous'])}: {c['counts']['previous']} -> {c['counts']['current']} "
            f"docs; {len(c['added'])} added, {len(c['removed'])} removed, "
            f"{len(c['changed'])} changed. Ids are in changes.json.", "",
            "## Policy changes", ""]
    out += [f"- {md_code(line)}" for line in c["policy_changes"]] or ["None."]
    out += ["", "## Per source", "", "| source | added | removed | changed |", "|---|---|---|---|"]
    out += [f"| {md(s)} | {v['added']} | {v['removed']} | {v['changed']} |"
            for s, v in c["per_source"].items()]
    out += ["", "## Removed docs and why", ""]
    out += [f"- {md_link(r['url'], r['url'])} ({md(r['source'])}): {md(r['reason'])}"
            for r in c["removed"]] or ["None."]
    return "\n".join(out) + "\n"
