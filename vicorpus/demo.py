"""`vicorpus demo`: the whole pipeline, offline, on the bundled sample site."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from rich.table import Table

from vicorpus.config import configs_dir, load_pipeline, load_source
from vicorpus.demo_server import DemoSite
from vicorpus.errors import UsageError
from vicorpus.pipeline import PipelineResult, run_pipeline
from vicorpus.progress import console

DEMO_MARKER = ".vicorpus-demo"


def prepare_demo_workdir(path: Path) -> Path:
    """Use ``path`` for the demo; a previous demo run there is cleared, anything else refused."""
    path = path.expanduser().resolve()
    if path.exists() and any(path.iterdir()):
        if not (path / DEMO_MARKER).exists():
            raise UsageError(f"{path} is not empty and was not made by `vicorpus demo`; "
                             "choose another --workdir")
        shutil.rmtree(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / DEMO_MARKER).write_text("made by vicorpus demo; safe to delete\n")
    except OSError as exc:
        raise UsageError(f"cannot use workdir {path}: {exc.strerror}") from None
    return path


def run_demo(workdir: Path, progress: bool = True) -> dict[str, Any]:
    """Serve the sample site, run configs/pipelines/demo.yaml on it, load the release."""
    workdir = prepare_demo_workdir(workdir)
    config = load_pipeline(configs_dir() / "pipelines" / "demo.yaml")
    config.workdir = workdir
    config.release.out = workdir / "releases"
    with DemoSite() as site:
        console.print(f"[bold]vicorpus demo[/]: sample site at {site.base_url}/, workdir {workdir}")
        sources = []
        for name in config.sources:
            live = workdir / "sources" / f"{name}.yaml"
            live.parent.mkdir(exist_ok=True)
            original = load_source(name).model_dump(mode="json")
            live.write_text(site.rewrite(yaml.safe_dump(original, allow_unicode=True)),
                            encoding="utf-8")
            sources.append(load_source(live))
        result = run_pipeline(config, progress=progress, sources=sources)
    summary = summarize(result)
    console.print(summary_table(summary))
    return summary


def summarize(result: PipelineResult) -> dict[str, Any]:
    """Counts for the closing table, read back from the stages' own files."""
    import datasets

    from vicorpus.docs_table import read_docs

    docs = read_docs(result.workdir)
    reasons = Counter(r for r in docs.column("drop_reason").to_pylist() if r is not None)
    kept = docs.num_rows - sum(reasons.values())
    report = json.loads(result.workdir.crawl_report.read_text()) if result.workdir.crawl_report.exists() else {}
    dedup = pq_read(result.workdir.dedup_file)
    multi = {c for c, n in zip(dedup["dedup_cluster"], dedup["dedup_cluster_size"]) if n > 1}
    release = result.release
    loaded = datasets.load_dataset(str(release), split="train",
                                   cache_dir=str(result.workdir.root / "hf-cache"))
    return {
        "pages_fetched": report.get("totals", {}).get("fetched", docs.num_rows),
        "not_fetched": Counter(i.get("reason", "?").split(":")[0] for i in report.get("not_fetched", [])),
        "docs": docs.num_rows,
        "kept": kept,
        "dropped": dict(sorted(reasons.items())),
        "duplicate_clusters": len(multi),
        "duplicates_removed": sum(1 for k in dedup["keep"] if not k),
        "rows_released": loaded.num_rows,
        "columns": loaded.column_names,
        "release": str(release),
        "card": str(release / "README.md"),
        "report": str(release / "report.html"),
    }


def pq_read(path: Path) -> dict[str, list]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pydict()


def summary_table(summary: dict[str, Any]) -> Table:
    table = Table(title="vicorpus demo: summary", show_header=True)
    table.add_column("what")
    table.add_column("count / where", justify="right", overflow="fold")  # a path wraps, never cut
    table.add_row("pages fetched", str(summary["pages_fetched"]))
    for reason, count in sorted(summary["not_fetched"].items()):
        table.add_row(f"  never fetched: {reason}", str(count))
    table.add_row("pages extracted", str(summary["docs"]))
    table.add_row("kept", str(summary["kept"]))
    for reason, count in summary["dropped"].items():
        table.add_row(f"  dropped: {reason}", str(count))
    table.add_row("duplicate clusters", str(summary["duplicate_clusters"]))
    table.add_row("duplicates removed", str(summary["duplicates_removed"]))
    table.add_row("rows released (load_dataset)", str(summary["rows_released"]))
    table.add_row("release", summary["release"])
    table.add_row("dataset card", summary["card"])
    table.add_row("curator report", summary["report"])
    return table
