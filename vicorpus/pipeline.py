"""The pipeline runner: crawl -> extract -> dedup -> release (-> publish), one stage at a time.

Only this module and the CLI import the stages. Each stage reads only the
previous stage's files in the workdir, so running the stages one by one from
the CLI gives the same release as :func:`run_pipeline`. Each stage picks its
executor (local processes or Ray) from its settings; the stages themselves are
functions over units of work and import neither Ray nor this module.

>>> PipelineResult(workdir=Workdir(Path("work"))).publish is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vicorpus.config import PipelineConfig, SourceConfig, load_source
from vicorpus.workdir import Workdir, prepare_workdir


@dataclass
class PipelineResult:
    """What a whole run did, stage by stage."""

    workdir: Workdir
    crawl: dict[str, Any] = field(default_factory=dict)
    extract: dict[str, Any] = field(default_factory=dict)
    dedup: dict[str, Any] = field(default_factory=dict)
    release: Path | None = None
    publish: dict[str, Any] | None = None  # what `publish:` did, when the pipeline file has one


def load_sources(names: list[str]) -> list[SourceConfig]:
    """Load every source first, so a typo fails before any page is fetched."""
    sources = [load_source(name) for name in names]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            from vicorpus.errors import UsageError

            raise UsageError(f"source '{source.name}' is listed twice")
        seen.add(source.name)
    return sources


def crawl_stage(sources: list[SourceConfig], workdir: Workdir, config: PipelineConfig | None = None,
                progress: bool = True, **options: Any) -> dict[str, Any]:
    from crawler import run_crawl

    settings = config.crawl.model_dump() if config else {}
    settings.update({k: v for k, v in options.items() if v is not None})
    return run_crawl(sources, workdir, progress=progress, **settings)


def extract_stage(workdir: Workdir, config: PipelineConfig, progress: bool = True) -> dict[str, Any]:
    """Extract with the configured executor: local processes or Ray tasks over WARC record ranges.

    Local workers start indexing the WARCs while this process imports the stage and the
    extractor they are forked with (about half a second on one core).
    """
    from normalize.index_cache import indexing_ahead
    from vicorpus.imports import collector_paused

    settings = config.extract
    with indexing_ahead(workdir, settings.workers if settings.executor == "local" else 1), collector_paused():
        from normalize.stage import preload_pages, run_extract

        preload_pages(settings)
    return run_extract(workdir, settings, progress=progress)


def dedup_stage(workdir: Workdir, config: PipelineConfig, progress: bool = True) -> dict[str, Any]:
    """Dedup with the configured executor: local, or Ray tasks with the band-keyed MinHash shuffle."""
    from dedup.stage import run_dedup  # maps its work units on the configured executor

    return run_dedup(workdir, config.dedup, progress=progress)


def release_stage(workdir: Workdir, config: PipelineConfig, progress: bool = True) -> Path:
    from corpus_cards import build_release

    return build_release(workdir, config.release, progress=progress)


def publish_stage(release: Path, config: PipelineConfig, progress: bool = True) -> dict[str, Any]:
    """``vicorpus publish`` of the new release with the pipeline file's ``publish:`` settings.

    The token comes from $HF_TOKEN or the saved login, never from the pipeline file.
    """
    from corpus_cards import publish_release

    settings = config.publish
    return publish_release(release, settings.repo_id, endpoint=settings.endpoint, private=settings.private,
                           progress=progress)


def run_pipeline(config: PipelineConfig, progress: bool = True,
                 sources: list[SourceConfig] | None = None) -> PipelineResult:
    """Run every stage of ``config`` in order and return what each did.

    ``sources`` overrides ``config.sources`` (the demo passes its live-port copy).
    Records that failed in extract are rows with a reason; the run goes on and
    ``result.extract`` counts them (the CLI then exits 1). A WARC file extract could not
    read to its end stops the run after extract (``result.release`` is None).
    """
    from corpus_cards.release import check_release_target

    sources = sources if sources is not None else load_sources(config.sources)
    check_release_target(config.release)  # a version already released is said now, not after the crawl
    workdir = prepare_workdir(config.workdir)
    result = PipelineResult(workdir=workdir)
    result.crawl = crawl_stage(sources, workdir, config, progress=progress)
    result.extract = extract_stage(workdir, config, progress=progress)
    if result.extract.get("errors"):  # a WARC not read to its end: no release may quietly lack its pages
        return result
    result.dedup = dedup_stage(workdir, config, progress=progress)
    result.release = release_stage(workdir, config, progress=progress)
    if config.publish is not None:
        result.publish = publish_stage(result.release, config, progress=progress)
    return result
