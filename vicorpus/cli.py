"""The `vicorpus` command line: one command per stage, plus demo, run, sources, verify.

User mistakes (bad config, unknown source, unwritable workdir) end in one line
on stderr and exit code 2; failures in exit code 1. Set VICORPUS_DEBUG=1 to
see the traceback of a failure.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import logging
import os
import re
import shutil
import signal
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from vicorpus import __version__
from vicorpus.config import (
    DedupSettings,
    ExtractSettings,
    PipelineConfig,
    ReleaseSettings,
    list_sources,
    load_pipeline,
    load_source,
)
from vicorpus.errors import UsageError
from vicorpus.progress import console
from vicorpus.workdir import prepare_workdir

app = typer.Typer(
    help="Build Vietnamese corpora from public government news: crawl, extract, dedup, release, publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Options shared by several commands, defined once.
WORKDIR = typer.Option(None, "--workdir", "-w", help="Working directory of the run (crawl creates it; "
                       "extract, dedup and release default to the --config file's workdir).")
CONFIG = typer.Option(None, "--config", "-c",
                      help="Take settings from a pipeline YAML; options given here win over it.")
EXECUTOR = typer.Option(None, help="local or ray (default: the --config file's, else local).")
PROGRESS = typer.Option(True, "--progress/--no-progress", help="Show progress bars on stderr.")


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--since must be a date like 2026-01-31, not {value!r}") from None


@app.command()
def demo(
    workdir: Path = typer.Option(Path("vicorpus-demo"), "--workdir", "-w",
                                 help="Where the demo writes (a previous demo there is replaced)."),
    progress: bool = PROGRESS,
) -> None:
    """Run the whole pipeline offline on the bundled sample site.

    Example: vicorpus demo --workdir /tmp/vicorpus-demo
    """
    from vicorpus.demo import run_demo

    run_demo(workdir, progress=progress)


@app.command()
def crawl(
    source: list[str] = typer.Argument(..., help="Source names (configs/sources/NAME.yaml) or YAML paths."),
    workdir: Optional[Path] = WORKDIR,
    max_pages: Optional[int] = typer.Option(None, min=1, help="Stop each source after N pages."),
    max_time: Optional[float] = typer.Option(None, min=1, help="Stop each source after S seconds."),
    since: Optional[str] = typer.Option(None, help="Skip sitemap/feed items older than this date (YYYY-MM-DD)."),
    frontier: Optional[str] = typer.Option(
        None, help="Share one Redis queue and seen-set with other crawler processes: "
                   "redis://HOST:PORT/DB[?crawl=ID&idle=S&lease=S] (README: Shared frontier)."),
    processes: Optional[int] = typer.Option(None, min=1, help="Crawl processes at once (default: one per CPU)."),
    max_requests: Optional[int] = typer.Option(None, min=1, help="Requests in flight over all sources (default 32)."),
    progress: bool = PROGRESS,
) -> None:
    """Crawl sources politely into WARC files, all sources at once (resumable, incremental).

    Example: vicorpus crawl baochinhphu vietnamplus --workdir work --max-pages 500 --since 2026-01-01
    """
    from vicorpus.pipeline import crawl_stage, load_sources

    if workdir is None:
        raise UsageError("crawl needs --workdir DIR (where the WARC files and the crawl state go)")
    if frontier and not all(importlib.util.find_spec(name) for name in ("redis", "scrapy_redis")):
        raise UsageError("--frontier needs the Redis client: pip install 'vicorpus[distributed]'")
    sources = load_sources(source)
    wd = prepare_workdir(workdir)
    report = crawl_stage(sources, wd, progress=progress, max_pages=max_pages, max_time=max_time,
                         since=_date(since), frontier=frontier, processes=processes, max_requests=max_requests)
    _print_counts("crawl", report.get("totals", report))
    _exit_if_failed(crawl_failure(report))


@app.command()
def extract(
    workdir: Optional[Path] = WORKDIR,
    workers: Optional[int] = typer.Option(None, min=1, help="Worker processes; they share every WARC "
                                          "by record ranges (default: the config's, else 1)."),
    executor: Optional[str] = EXECUTOR,
    config: Optional[Path] = CONFIG,
    progress: bool = PROGRESS,
) -> None:
    """Extract, normalize, filter, redact and segment every archived page into docs parquet.

    Example: vicorpus extract --workdir work --workers 2
    """
    from vicorpus.pipeline import extract_stage

    cfg = _config_for(workdir, config)
    updates = {"executor": _executor(executor, cfg.extract.executor)}
    if workers is not None:
        updates["workers"] = workers
    cfg.extract = ExtractSettings(**{**cfg.extract.model_dump(), **updates})
    wd = prepare_workdir(cfg.workdir, must_exist=True)
    console.print(f"extract: executor {cfg.extract.executor}, {cfg.extract.workers} "
                  f"worker{'s' if cfg.extract.workers > 1 else ''}")
    summary = extract_stage(wd, cfg, progress)
    _print_extract(summary)
    _exit_if_failed(extract_failure(summary))


@app.command()
def dedup(
    workdir: Optional[Path] = WORKDIR,
    threshold: Optional[float] = typer.Option(None, min=0.01, max=1.0, help="Jaccard threshold (default 0.7)."),
    executor: Optional[str] = EXECUTOR,
    workers: Optional[int] = typer.Option(None, min=1, help="Parallel work units (default: one per CPU); "
                                          "the outputs do not depend on it."),
    previous: Optional[Path] = typer.Option(None, help="A previous release to deduplicate against."),
    config: Optional[Path] = CONFIG,
    progress: bool = PROGRESS,
) -> None:
    """Find exact and near-duplicates (MinHash LSH) among kept docs.

    Example: vicorpus dedup --workdir work --threshold 0.7
    """
    from vicorpus.pipeline import dedup_stage

    cfg = _config_for(workdir, config)
    updates = {"executor": _executor(executor, cfg.dedup.executor)}
    if threshold is not None:
        updates["threshold"] = threshold
    if previous is not None:
        updates["previous"] = previous
    if workers is not None:
        updates["workers"] = workers
    cfg.dedup = DedupSettings(**{**cfg.dedup.model_dump(), **updates})
    _print_counts("dedup", dedup_stage(prepare_workdir(cfg.workdir, must_exist=True), cfg, progress))


@app.command()
def release(
    workdir: Optional[Path] = WORKDIR,
    version: Optional[str] = typer.Option(None, help="Semantic version X.Y.Z of the new release "
                                          "(required without --config)."),
    out: Optional[Path] = typer.Option(None, help="Releases directory; the release goes to OUT/VERSION "
                                       "(required without --config)."),
    previous: Optional[Path] = typer.Option(None, help="The previous release, for the changelog."),
    config: Optional[Path] = CONFIG,
    progress: bool = PROGRESS,
) -> None:
    """Write an immutable, versioned dataset release with card, Croissant, changelog and report.

    Example: vicorpus release --workdir work --version 0.2.0 --out releases --previous releases/0.1.0
    """
    from vicorpus.pipeline import release_stage

    if config is None and (version is None or out is None):
        raise UsageError("release needs --version and --out (or --config PIPELINE.yaml with a release: section)")
    if version is not None and not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise UsageError(f"--version must be X.Y.Z (e.g. 0.2.0), not {version!r}")
    cfg = _config_for(workdir, config)
    given = {k: v for k, v in (("version", version), ("out", out), ("previous", previous)) if v is not None}
    try:
        cfg.release = ReleaseSettings(**{**cfg.release.model_dump(), **given})
    except Exception as exc:  # pydantic's message, first line only
        raise UsageError(f"bad release options: {str(exc).splitlines()[-2].strip()}") from None
    path = release_stage(prepare_workdir(cfg.workdir, must_exist=True), cfg, progress)
    console.print(f"release written: {path}")


@app.command()
def publish(
    release_dir: Path = typer.Argument(..., metavar="RELEASE", help="A release directory RELEASES/X.Y.Z."),
    repo_id: str = typer.Option(..., help="Dataset repo OWNER/NAME."),
    endpoint: Optional[str] = typer.Option(None, help="Hub URL (default: $HF_ENDPOINT or huggingface.co)."),
    token: Optional[str] = typer.Option(None, help="Token (default: $HF_TOKEN or the saved login)."),
    private: bool = typer.Option(False, help="Create the repo as private."),
    dry_run: bool = typer.Option(False, help="Say what would be uploaded, upload nothing."),
    progress: bool = PROGRESS,
) -> None:
    """Upload a release to a Hugging Face dataset repo, tagged vX.Y.Z (idempotent).

    Example: vicorpus publish releases/0.1.0 --repo-id vicorpus/vi-gov-news --private
    """
    from corpus_cards import publish_release
    from corpus_cards.publish import PublishError

    if not release_dir.is_dir():
        raise UsageError(f"release not found: {release_dir}")
    try:
        result = publish_release(release_dir, repo_id, endpoint=endpoint, token=token,
                                 private=private, dry_run=dry_run, progress=progress)
    except PublishError as exc:  # the Hub failed or is unreachable: one line, exit 1
        print(f"vicorpus: failed: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    _print_published(result)
    console.print_json(json.dumps(result, default=str, ensure_ascii=False))


def _print_published(result: dict) -> None:
    what = {"dry-run": "would upload", "published": "published",
            "already published": "already published"}[result["status"]]
    console.print(f"{what}: {result['repo_id']} {result['tag']} ({result['files']} files, "
                  f"{result['bytes']} bytes) commit {result['commit'] or '-'} {result['repo_url']}",
                  soft_wrap=True)


@app.command()
def run(
    pipeline: Path = typer.Argument(..., metavar="PIPELINE.yaml", help="A pipeline file."),
    progress: bool = PROGRESS,
) -> None:
    """Run crawl, extract, dedup and release (and publish, with a publish: section) from one file.

    Example: vicorpus run configs/pipelines/demo.yaml
    """
    from corpus_cards.publish import PublishError
    from vicorpus.pipeline import run_pipeline

    try:
        result = run_pipeline(load_pipeline(pipeline), progress=progress)
    except PublishError as exc:  # the release is written; the Hub failed: one line, exit 1
        print(f"vicorpus: failed: publish: {exc} (the release is written; run `vicorpus publish` again)",
              file=sys.stderr)
        raise typer.Exit(1) from None
    _print_extract(result.extract)
    if result.release is not None:
        console.print(f"release written: {result.release}")
    if result.publish is not None:
        _print_published(result.publish)
    _exit_if_failed(extract_failure(result.extract))


@app.command()
def sources(
    workdir: Optional[Path] = WORKDIR,
) -> None:
    """List configured sources, their status and their last crawl (in --workdir, if given).
    A YAML that does not load is named with its problem after the table (exit 2).

    Example: vicorpus sources --workdir work
    """
    table = Table(title="configured sources")
    for column in ("name", "title", "status", "discovery", "last crawl"):
        table.add_column(column, overflow="fold")
    configured, broken = [], []
    for path in list_sources():
        try:
            configured.append(load_source(path))
        except UsageError as exc:  # one bad file must not hide the others
            broken.append(str(exc))
    crawled = _crawled_sources(workdir) if workdir is not None else {}
    names = {src.name for src in configured}
    # Sources crawled from a YAML path (not in configs/sources) are listed too.
    extra = [src for name, src in sorted(crawled.items()) if name not in names]
    for src in configured + extra:
        discovery = ", ".join(k for k, v in (("sitemaps", src.sitemaps), ("feeds", src.feeds),
                                             ("listing", src.start_urls)) if v)
        table.add_row(src.name, src.title, src.status, discovery, _last_crawl(workdir, src.name))
    console.print(table)
    if workdir is not None and not workdir.is_dir():  # a typo, or a crawl not started yet
        console.print(f"no workdir at {workdir}: nothing was crawled there")
    if broken:
        for problem in broken:
            print(f"vicorpus: error: {problem}", file=sys.stderr)
        raise typer.Exit(2)


@app.command()
def verify(
    release_dir: Path = typer.Argument(..., metavar="RELEASE", help="A release directory."),
) -> None:
    """Re-check a release: checksums, card metadata, row counts and schema.

    Example: vicorpus verify releases/0.1.0
    """
    from corpus_cards import verify_release

    if not release_dir.is_dir():
        raise UsageError(f"release not found: {release_dir}")
    problems = verify_release(release_dir)
    if problems:
        for problem in problems:
            console.print(f"[red]problem:[/] {problem}")
        raise typer.Exit(1)
    console.print(f"[green]ok[/]: {release_dir} verified")


def _crawled_sources(workdir: Path) -> dict:
    """Source configs a workdir was crawled with (crawl/sources/NAME.json snapshots)."""
    from vicorpus.config import SourceConfig

    found = {}
    for path in sorted((workdir / "crawl" / "sources").glob("*.json")):
        try:
            src = SourceConfig(**json.loads(path.read_text(encoding="utf-8")))
        except Exception:  # a snapshot from another version: not worth failing the listing
            continue
        found[src.name] = src
    return found


def _last_crawl(workdir: Optional[Path], name: str) -> str:
    """One line: the last crawl of ``name`` in ``workdir`` (finished, interrupted or never).

    A crawl killed before its report leaves a live snapshot not marked final.
    """
    if workdir is None:
        return "never"
    report_path = workdir / "crawl" / "report.json"
    live_path = workdir / "crawl" / "runs" / f"{name}.json"
    try:
        live = json.loads(live_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        live = None
    report = {}
    if report_path.is_file():
        report = json.loads(report_path.read_text(encoding="utf-8"))
    if live is not None and not live.get("final") and (
            not report_path.is_file() or live_path.stat().st_mtime >= report_path.stat().st_mtime):
        when = datetime.fromtimestamp(live_path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
        return (f"interrupted {when}: {live.get('fetched', 0)} fetched, "
                f"{live.get('archived', 0)} archived, {live.get('errors', 0)} errors (run again to resume)")
    last = report.get("sources", {}).get(name)
    if not last:
        return "never"
    text = (f"finished {report.get('finished_at', '')[:19]}: {last.get('fetched', 0)} fetched, "
            f"{last.get('archived', 0)} archived, {last.get('not_modified', 0)} not modified, "
            f"{last.get('errors', 0)} errors")
    if last.get("stopped_by"):
        text += f", stopped by {last['stopped_by']}"
    return text


def _executor(option: Optional[str], configured: str) -> str:
    if option is not None and option not in ("local", "ray"):
        raise UsageError(f"--executor must be local or ray, not {option!r}")
    return option or configured


def _config_for(workdir: Optional[Path], config: Optional[Path]) -> PipelineConfig:
    """The pipeline settings of a stage command: the --config file's, with --workdir winning."""
    if config is not None:
        cfg = load_pipeline(config)
        if workdir is not None:
            cfg.workdir = workdir
        return cfg
    if workdir is None:
        raise UsageError("--workdir is required (or --config PIPELINE.yaml, whose workdir is used)")
    return PipelineConfig(workdir=workdir, sources=["(from workdir)"])


def crawl_failure(report: dict) -> Optional[str]:
    """One line naming the sources a crawl failed for, or None: a crawl process that died, or a
    source whose every request failed (nothing answered: the site is down or unreachable).

    >>> crawl_failure({"failed": {}, "sources": {"tinhxanh": {"errors": 2, "by_status": {},
    ...     "not_fetched_by_reason": {"http_error:DownloadConnectionRefusedError": 2}}}})
    'crawl: tinhxanh: no page answered, 2 errors (http_error:DownloadConnectionRefusedError 2)'
    """
    failed = report.get("failed") or {}
    parts = [f"{name}: {why}" for name, why in sorted(failed.items())]
    for name, snap in sorted((report.get("sources") or {}).items()):
        if name not in failed and snap.get("errors") and not snap.get("by_status"):
            reasons = ", ".join(f"{k} {n}" for k, n in sorted(snap.get("not_fetched_by_reason", {}).items())
                                if k.startswith("http_error"))
            errors = snap["errors"]
            parts.append(f"{name}: no page answered, {errors} error{'s' if errors != 1 else ''} ({reasons})")
    return f"crawl: {'; '.join(parts)}" if parts else None


def extract_failure(summary: dict) -> Optional[str]:
    """One line saying what extract could not do, or None when every record went through.

    >>> extract_failure({"record_errors": 2, "dropped_by_reason": {"error:ValueError": 2, "too_short": 5},
    ...                  "errors": [{"warc_file": "a.warc.gz", "error": "damaged: bytes 10-90 skipped (...)"},
    ...                             {"warc_file": "a.warc.gz", "error": "damaged: bytes 200-300 skipped (...)"}],
    ...                  "rows": 40})
    'extract: 2 records failed (error:ValueError 2), 1 WARC file not read whole (a.warc.gz: damaged: bytes 10-90 skipped (...), damaged: bytes 200-300 skipped (...)); the other 38 rows were written'
    """
    records, problems = summary.get("record_errors", 0), summary.get("errors", [])
    if not records and not problems:
        return None
    parts = []
    if records:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(summary.get("dropped_by_reason", {}).items())
                          if k.startswith("error:"))
        parts.append(f"{records} record{'s' if records != 1 else ''} failed ({kinds})")
    if problems:
        by_file: dict[str, list[str]] = {}
        for problem in problems:
            by_file.setdefault(problem["warc_file"], []).append(problem["error"])
        named = "; ".join(f"{name}: {', '.join(errors)}" for name, errors in by_file.items())
        parts.append(f"{len(by_file)} WARC file{'s' if len(by_file) != 1 else ''} not read whole ({named})")
    written = summary.get("rows", 0) - records
    return f"extract: {', '.join(parts)}; the other {written} rows were written"


def _exit_if_failed(line: Optional[str]) -> None:
    if line:
        print(f"vicorpus: failed: {line}", file=sys.stderr)
        raise typer.Exit(1)


def _print_extract(summary: dict) -> None:
    """The extract summary table, then what a user must look at: redone shards, templates, warnings."""
    if not summary:
        return
    _print_counts("extract", {k: v for k, v in summary.items() if k != "redone"})
    for why, n in sorted(summary.get("redone", {}).items()):
        console.print(f"extract: redone {n} WARC file{'s' if n != 1 else ''}: {why}", soft_wrap=True)
    for unit, t in sorted(summary.get("templates", {}).items()):
        affixes = f", title affixes {t['title_affixes']}" if t["title_affixes"] else ""
        console.print(f"extract: template of {unit}: {t['chrome_lines']} chrome lines learned from "
                      f"{t['pages']} pages{affixes}", soft_wrap=True)
    for line in summary.get("warnings", []):
        console.print(f"[yellow]warning:[/] {line}", soft_wrap=True)


def _print_counts(stage: str, counts: dict) -> None:
    table = Table(title=f"{stage}: summary")
    table.add_column("what")
    table.add_column("count", justify="right", overflow="fold")
    for key, value in counts.items():
        if isinstance(value, (int, float, str)):
            table.add_row(str(key), str(value))
        elif isinstance(value, dict) and all(isinstance(v, (int, float)) for v in value.values()):
            for sub, n in value.items():
                table.add_row(f"{key}: {sub}", str(n))
    console.print(table)


def version_callback(value: bool) -> None:
    if value:
        print(f"vicorpus {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """vicorpus: Vietnamese corpus builder."""


def _interrupted() -> None:
    print("vicorpus: interrupted (work done so far is kept; run the same command again to resume)", file=sys.stderr)
    sys.exit(130)


class _StderrThatOutlivesItsReader:
    """sys.stderr for a command whose reader may go away: the same Ctrl-C that stops a crawl
    also kills a ``| tee`` reading its messages. The first write to the broken pipe points
    file descriptor 2 at /dev/null instead of raising, so the command still stops its work
    cleanly and writes its report."""

    def __init__(self, stream):
        self._stream = stream

    def _silence(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._silence()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._silence()

    def __getattr__(self, name):  # isatty, fileno, encoding... as the real stream
        return getattr(self._stream, name)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


def disk_full_line(exc: BaseException, workdir: str | None = None) -> str | None:
    """One line for a full disk, naming the file (or the workdir) and the space left; None for
    any other error. What was written before stays: the same command goes on from there.

    >>> import errno, tempfile
    >>> line = disk_full_line(OSError(errno.ENOSPC, "No space left on device", "/data/work/docs/a.parquet"))
    >>> line.startswith("no space left on device writing /data/work/docs/a.parquet")
    True
    >>> disk_full_line(ValueError("x")) is None
    True
    """
    message = str(exc)
    if not (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) and "No space left on device" not in message:
        return None
    where = getattr(exc, "filename", None) or workdir
    line = f"no space left on device writing {where}" if where else "no space left on device"
    probe = Path(where or ".")
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        line += f" ({shutil.disk_usage(probe).free / 2**20:.0f} MiB free there)"
    except OSError:
        pass
    return line + "; free some space and run the same command again (what is written is kept)"


def _option_value(argv: list[str], name: str) -> str | None:
    for k, arg in enumerate(argv):
        if arg == name and k + 1 < len(argv):
            return argv[k + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def main() -> None:
    """Console entry point: turn user mistakes into one line and exit 2."""
    sys.stderr = _StderrThatOutlivesItsReader(sys.stderr)
    logging.basicConfig(format="vicorpus: %(levelname)s: %(message)s", level=logging.WARNING)
    # trafilatura warns "discarding data: URL" for a page it finds no text in; the page's row
    # already says why (its drop_reason), with nothing to act on in the warning.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    # SIGTERM (systemd, `timeout`, `docker stop`) stops a command as Ctrl-C does: the crawl
    # closes its WARC files and writes its report, every stage keeps what it has done.
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = app(standalone_mode=False)
    except UsageError as exc:
        print(f"vicorpus: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except typer.Exit as exc:
        if exc.exit_code == 130:  # typer turns Ctrl-C into Exit(130)
            _interrupted()
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _interrupted()
    except Exception as exc:
        # Command-line usage errors (typer/click) know how to show themselves; exit 2.
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("VICORPUS_DEBUG"):
            raise
        full = disk_full_line(exc, _option_value(sys.argv, "--workdir"))
        if full:
            print(f"vicorpus: failed: {full}", file=sys.stderr)
            sys.exit(1)
        first_line = (str(exc).strip().splitlines() or [""])[0]
        print(f"vicorpus: failed: {type(exc).__name__}: {first_line} "
              "(set VICORPUS_DEBUG=1 for the traceback)", file=sys.stderr)
        sys.exit(1)
    if code == 130:  # typer turned Ctrl-C into an exit code
        _interrupted()
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
