"""stats.json: what happened to every page, from crawl to release.

Everything here is computed from the workdir files and the release rows, so
the card, the report and the changelog quote the same numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_cards.rows import ReleaseRows
from vicorpus.workdir import Workdir

LENGTH_BINS = [0, 100, 200, 400, 800, 1600, 3200, 6400, 12800]


def _month(value) -> str:
    return value.strftime("%Y-%m") if value is not None else "unknown"


def read_json(path: Path) -> dict | None:
    """A JSON file as a dict, or None when absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def length_histogram(lengths: list[int]) -> list[dict]:
    """Counts of ``n_syllables`` per bin ``[lo, hi)``; the last bin is open.

    >>> length_histogram([50, 150, 20000])[0]
    {'lo': 0, 'hi': 100, 'count': 1}
    """
    bins = []
    for lo, hi in zip(LENGTH_BINS, LENGTH_BINS[1:] + [None]):
        count = sum(1 for n in lengths if n >= lo and (hi is None or n < hi))
        bins.append({"lo": lo, "hi": hi, "count": count})
    return bins


def _quantiles(values: list[int]) -> dict:
    if not values:
        return {"min": None, "p50": None, "p90": None, "max": None, "mean": None}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"min": ordered[0], "p50": pick(0.5), "p90": pick(0.9), "max": ordered[-1],
            "mean": round(sum(ordered) / len(ordered), 1)}


def crawl_figures(workdir: Workdir) -> dict:
    """Fetched/not-fetched counts from crawl/report.json, or a note that it is missing."""
    report = read_json(workdir.crawl_report)
    if report is None:
        return {"report": "missing", "note": f"no crawl report at crawl/report.json; "
                "pages never fetched (robots, ssrf, ...) are not counted"}
    not_fetched = report.get("not_fetched") or []
    reasons = Counter(str(item.get("reason", "unknown")).split(":")[0] for item in not_fetched
                      if isinstance(item, dict))
    figures = {key: report[key] for key in ("by_status", "by_source", "bytes", "fetched", "pages",
                                            "started_at", "finished_at") if key in report}
    figures.update({"report": "present", "not_fetched": len(not_fetched),
                    "not_fetched_reasons": dict(sorted(reasons.items()))})
    return figures


# How a dedup run went, not what it decided: left out of stats.json so the same docs give the
# same release however the stage ran (time taken, executor, workers, resumed, shuffle sizes).
_RUN_FIGURES = ("seconds", "executor", "workers", "resumed", "shuffle")


def _dedup_outcome(summary: dict) -> dict:
    """The dedup summary without its run figures.

    >>> _dedup_outcome({"clusters": 3, "seconds": 0.18, "workers": 2})
    {'clusters': 3}
    """
    return {key: value for key, value in summary.items() if key not in _RUN_FIGURES}


def _docs_rows(workdir: Workdir) -> int:
    """Rows of every docs file, every fetch of a page counted (from the parquet footers)."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in workdir.docs_files())


def compute_stats(workdir: Workdir, rows: ReleaseRows, dedup_summary: dict | None) -> dict:
    """The stats.json dict (JSON-ready, keys sorted where they are data)."""
    docs, table = rows.docs, rows.table
    drop = Counter(r for r in docs.column("drop_reason").to_pylist() if r is not None)
    drop_by_kind = Counter()
    for reason, count in drop.items():
        drop_by_kind[reason.split(":")[0]] += count
    if rows.dedup_removed:
        drop["duplicate"] = len(rows.dedup_removed)
    if rows.excluded:
        drop["excluded"] = drop.get("excluded", 0) + len(rows.excluded)

    released_sources = Counter(table.column("source").to_pylist())
    docs_sources = Counter(docs.column("source").to_pylist())
    kept_mask = pc.is_null(docs.column("drop_reason"))
    kept_sources = Counter(docs.filter(kept_mask).column("source").to_pylist())
    removed_sources = Counter(r["source"] for r in rows.dedup_removed)
    excluded_sources = Counter(r["source"] for r in rows.excluded)
    per_source = {
        name: {"extracted": docs_sources[name], "kept": kept_sources[name],
               "deduplicated_away": removed_sources[name], "excluded": excluded_sources[name],
               "released": released_sources[name]}
        for name in sorted(set(docs_sources) | set(released_sources))
    }
    published = table.column("published_at").to_pylist()
    per_month = Counter(_month(v) for v in published)
    lengths = [n or 0 for n in table.column("n_syllables").to_pylist()]
    pii = [n or 0 for n in table.column("pii_redactions").to_pylist()]
    sizes = Counter()
    seen = set()
    for cluster, size in zip(rows.dedup.column("dedup_cluster").to_pylist(),
                             rows.dedup.column("dedup_cluster_size").to_pylist()):
        if cluster not in seen:
            seen.add(cluster)
            sizes[int(size or 1)] += 1
    crawl = crawl_figures(workdir)
    stages = {
        "crawl_fetched": docs.num_rows if crawl["report"] == "missing" else
        crawl.get("fetched", docs.num_rows),
        "crawl_not_fetched": crawl.get("not_fetched"),
        # A page fetched again (a later crawl) counts once, by its latest fetch.
        "earlier_fetches_superseded": _docs_rows(workdir) - docs.num_rows,
        "extracted": docs.num_rows,
        "kept_after_filters": int(pc.sum(kept_mask.cast("int64")).as_py() or 0),
        "deduplicated_away": len(rows.dedup_removed),
        "excluded": len(rows.excluded),
        "released": table.num_rows,
    }
    dates = [v for v in published if v is not None]
    fetched = [v for v in table.column("fetched_at").to_pylist() if v is not None]
    return {
        "stages": stages,
        "crawl": crawl,
        "per_source": per_source,
        "per_month": dict(sorted(per_month.items())),
        "drop_reasons": dict(sorted(drop.items())),
        "drop_reasons_by_kind": dict(sorted(drop_by_kind.items())),
        "dedup": {
            "clusters": len(seen),
            "multi_member_clusters": sum(c for s, c in sizes.items() if s > 1),
            "removed": len(rows.dedup_removed),
            "largest_cluster": max(sizes) if sizes else 0,
            "cluster_sizes": {str(s): c for s, c in sorted(sizes.items())},
            "summary": _dedup_outcome(dedup_summary) if dedup_summary is not None else "missing",
        },
        "pii": {"redactions": sum(pii), "docs_with_redactions": sum(1 for n in pii if n > 0)},
        "length": {"n_syllables": _quantiles(lengths),
                   "n_words": _quantiles([n or 0 for n in table.column("n_words").to_pylist()]),
                   "histogram": length_histogram(lengths)},
        "dates": {"published_min": min(dates).isoformat() if dates else None,
                  "published_max": max(dates).isoformat() if dates else None,
                  "fetched_min": min(fetched).isoformat() if fetched else None,
                  "fetched_max": max(fetched).isoformat() if fetched else None},
        "excluded": rows.excluded,
    }
