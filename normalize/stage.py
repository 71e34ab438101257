"""The extract stage: WORKDIR/warc/*.warc[.gz] -> WORKDIR/docs/<warc-stem>.parquet.

One docs row per archived response with status < 300 or >= 400, kept or dropped
(``drop_reason``), in WARC order. The work runs in phases, each a set of pure
functions over units of work (normalize/stage_work.py) that the executor (local
processes or Ray) runs; this module plans them and keeps the books:

1. index every WARC into record ranges (normalize/warc_reader.py), so workers share
   one big WARC as well as many small ones;
2. extract the pages of each range -> ``WORKDIR/extract/pages/<stem>/<range>-<key>.parquet``;
3. learn each source's template from all its pages (normalize/templates.py);
4. finish each range (template stripped, LID, filters, PII, segmentation), then write
   the WARC's docs parquet (through a temp file and os.replace) and its ``.done`` marker.

Ranges are fixed by the index, not by the worker count, and results are assembled
in range order, so any worker count and either executor write the same bytes.
A pages file's name carries the hash of what it depends on (the pipeline and tool
versions, the WARC range, the source's extract rules); a marker holds the hash of
everything its docs file depends on (plus the settings, the source configs and the
part of each template the shard's pages meet). A changed input redoes exactly the
files it affects, and the summary says why.

A record whose processing raises becomes a row with ``drop_reason`` ``error:<Type>``
(message in the log and the marker); a WARC that cannot be read to its end keeps the
rows read and gets no marker, so the next run tries it again. The summary counts
both; the CLI exits 1 when either happened.

>>> import tempfile
>>> from vicorpus.workdir import prepare_workdir
>>> summary = run_extract(prepare_workdir(tempfile.mkdtemp()), ExtractSettings(), progress=False)
Traceback (most recent call last):
...
vicorpus.errors.UsageError: no WARC directory in the workdir: ... (run crawl first)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import vicorpus
from vicorpus.config import ExtractSettings, SourceConfig, configs_dir, load_source, parse_source
from vicorpus.errors import UsageError
from vicorpus.executors import open_executor
from vicorpus.locking import WorkdirLock
from vicorpus.progress import stage_progress
from vicorpus.schema import DOCS_SCHEMA
from vicorpus.workdir import Workdir, warc_stem

from normalize.index_cache import cached_index, index_task, index_tasks, largest_first
from normalize.stage_work import (arrow_without_pandas, finish_task, load_segmenter_once, pages_task, read_table,
                                  warm_segmenter)
from normalize.templates import Template, chrome_samples, learn_template, title_affixes
from normalize.warc_reader import RANGE_RESPONSES, WarcIndex
from normalize.work_files import WorkFiles, write_json

log = logging.getLogger(__name__)
TOOLS = ("trafilatura", "htmldate", "underthesea", "lxml")
# Settings that decide where work runs, not what a row holds.
EXECUTION_SETTINGS = ("workers", "executor", "ray_address")
# Rows per row group of a docs file (cut at range boundaries): about 50 MB of rows in memory at most.
ROW_GROUP_ROWS = 8192
# The pages columns template learning reads.
_EVIDENCE = ["template_unit", "drop_reason", "is_article", "title_key", "line_keys", "title_like", "head_title"]
# A source whose not_article drops have an article's shape for more than this share of its
# fetched pages gets a warning (and at least MIN_SHAPED such drops, so one odd page is no alarm).
SHAPED_DROP_SHARE = 0.3
MIN_SHAPED = 3


def _hash(value) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def versions() -> dict[str, str]:
    """The pipeline version and the versions of the tools whose output lands in a row."""
    found = {"pipeline": vicorpus.PIPELINE_VERSION, "vicorpus": vicorpus.__version__}
    for tool in TOOLS:
        try:
            found[tool] = version(tool)
        except PackageNotFoundError:
            found[tool] = "absent"
    return found


def row_settings(settings: ExtractSettings) -> dict:
    """The settings that change rows (not the workers or the executor)."""
    return {k: v for k, v in settings.model_dump(mode="json").items() if k not in EXECUTION_SETTINGS}


# -- the driver --------------------------------------------------------------------------

@dataclass(eq=False)
class _Shard:
    """One WARC on its way through the phases."""

    warc: Path
    index: WarcIndex
    ranges: list[dict] = field(default_factory=list)  # {"range", "source", "pages_key", "pages"}
    errors: list[str] = field(default_factory=list)  # why it could not be read to its end
    failures: list[dict] = field(default_factory=list)  # records that raised
    marker: dict = field(default_factory=dict)  # what its docs file depends on

    @property
    def stem(self) -> str:
        return warc_stem(self.warc)


def _snapshots(workdir: Workdir) -> dict[str, SourceConfig]:
    """The source configs of the latest crawl (crawl/sources/NAME.json), checked like a YAML file."""
    found = {}
    for path in sorted((workdir.crawl / "sources").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            raise UsageError(f"{path}: not valid JSON") from None
        source = parse_source(data, path)
        found[source.name] = source
    return found


def _with_current_rules(snapshots: dict[str, SourceConfig]) -> tuple[dict[str, SourceConfig], list[str]]:
    """The configs extract applies, and a line per source whose YAML was edited since its crawl.

    A YAML (configs/sources/NAME.yaml) whose crawl keys (:data:`vicorpus.config.CRAWL_KEYS`)
    still equal the crawled config's applies as it is now: its extraction rules, licence and
    attribution need no new crawl. One whose crawl keys changed waits for the next crawl; the
    crawled config applies meanwhile (what the WARC files record).
    """
    configs, lines = dict(snapshots), []
    for name, crawled in sorted(snapshots.items()):
        path = configs_dir() / "sources" / f"{name}.yaml"
        try:
            current = load_source(path) if path.is_file() else None
        except UsageError:
            current = None  # a broken YAML is said when it is next loaded
        if current is None or current.sha256() == crawled.sha256():
            continue
        if current.crawl_part() == crawled.crawl_part():
            configs[name] = current
            lines.append(f"{path} edited since the crawl of {name}: its extraction rules, licence and attribution "
                         "apply now")
        else:
            lines.append(f"{path} differs from the config {name} was crawled with in what a crawl fetches; extract "
                         "used the crawled one: run `vicorpus crawl` again to apply the edit")
    return configs, lines


def _source_of(shard: _Shard, warcinfo: int, snapshots: dict[str, SourceConfig]) -> tuple[SourceConfig | None, str | None]:
    """The source config that applies to a range, and its hash: the latest crawl's config of
    that source when the workdir has one, else the one the WARC recorded."""
    if warcinfo < 0:
        return None, None
    info = shard.index.warcinfos[warcinfo]
    name = info.fields.get("vicorpus-source")
    if name in snapshots:
        return snapshots[name], snapshots[name].sha256()
    raw = info.fields.get("vicorpus-source-config")
    if not raw:
        return None, None
    where = f"{shard.warc}: warcinfo record at offset {info.offset}: vicorpus-source-config"
    try:
        data = json.loads(raw)
    except ValueError:
        raise UsageError(f"{where}: not valid JSON") from None
    source = parse_source(data, where)
    return source, info.fields.get("vicorpus-config-sha256") or source.sha256()


def _gather(part: dict, switched_off: set[str]) -> None:
    """What template learning takes from one pages file, read as soon as the file is written (while
    the workers extract the next ranges): per source, the line keys and <title> affixes its pages
    show (the part of a template they meet) and its article pages."""
    meets: dict[str, tuple[set, set]] = {}
    articles: dict[str, list[dict]] = defaultdict(list)
    for page in read_table(part["pages"], columns=_EVIDENCE).to_pylist():
        unit = page["template_unit"]
        if unit in switched_off or page["line_keys"] is None:
            continue
        keys, affixes = meets.setdefault(unit, (set(), set()))
        keys.update(page["line_keys"])
        affixes.update(title_affixes(page["head_title"]))
        if page["drop_reason"] is None and page["is_article"]:
            articles[unit].append(page)
    part["meets"], part["articles"] = meets, articles


def _learn(shards: list[_Shard]) -> tuple[dict[str, Template], dict]:
    """Templates of every source from all its pages (in WARC order: the first page of a title is the
    one counted); the effective part each shard meets."""
    learning: dict[str, list[dict]] = defaultdict(list)
    meets: dict[str, dict[str, tuple[set, set]]] = defaultdict(dict)  # stem -> unit -> (line keys, title affixes)
    for shard in shards:
        for part in shard.ranges:
            for unit, (keys, affixes) in part.pop("meets").items():
                shard_keys, shard_affixes = meets[shard.stem].setdefault(unit, (set(), set()))
                shard_keys |= keys
                shard_affixes |= affixes
            for unit, pages in part.pop("articles").items():
                learning[unit] += pages
    templates = {unit: learn_template(unit, pages) for unit, pages in sorted(learning.items())}
    effective = {stem: {unit: _hash(templates[unit].effective(keys, affixes))
                        for unit, (keys, affixes) in sorted(units.items()) if unit in templates}
                 for stem, units in meets.items()}
    return templates, effective


def _samples(templates: dict[str, Template], shards: list[_Shard]) -> dict[str, list[str]]:
    """A few chrome lines of each template, as they read on the first pages that show them."""
    samples: dict[str, list[str]] = {}
    wanted = {unit for unit, t in templates.items() if t.chrome}
    for shard in shards:
        for part in shard.ranges:
            if not wanted:
                return samples
            table = read_table(part["pages"], columns=["template_unit", "text"]).to_pylist()
            for unit in sorted(wanted & {r["template_unit"] for r in table}):
                samples[unit] = chrome_samples(templates[unit], [r["text"] for r in table
                                                                 if r["template_unit"] == unit])
                wanted.discard(unit)
    return samples


def _changes(old: dict, new: dict) -> list[str]:
    """Why a marker no longer holds: the parts of it that differ, named for people."""
    if not old:
        return ["new"]
    why = []
    if old.get("versions") != new["versions"]:
        why.append("pipeline version")
    changed = sorted(k for k in set(old.get("settings", {})) | set(new["settings"])
                     if old.get("settings", {}).get(k) != new["settings"].get(k))
    if changed:
        why.append("settings changed: " + ", ".join(changed))
    for what, label in (("sources", "source config"), ("templates", "template")):
        names = sorted(k for k in set(old.get(what, {})) | set(new[what])
                       if old.get(what, {}).get(k) != new[what].get(k))
        why += [f"{label} of {name} changed" for name in names]
    if old.get("pages") != new["pages"] and not why:
        why.append("pages re-extracted")
    return why or ["marker out of date"]


def run_extract(workdir: Workdir, settings: ExtractSettings, *, progress: bool = True) -> dict:
    """Extract every WARC of the workdir whose docs are missing or out of date; return a summary.
    One extract at a time per workdir: another one is refused while this one runs.

    Summary keys: warc_files, processed (shards written this run), skipped_done,
    redone ({why: shards}), rows, kept, dropped_by_reason (this run's shards),
    kept_uncertain_page_type, record_errors, errors (WARC files not read to the end),
    templates (per source: pages learned from, chrome lines, title affixes), warnings.
    """
    if not isinstance(settings, ExtractSettings):
        raise UsageError(f"settings must be ExtractSettings, not {type(settings).__name__}")
    if not workdir.warc.is_dir():
        raise UsageError(f"no WARC directory in the workdir: {workdir.warc} (run crawl first)")
    with WorkdirLock(workdir.extract / "extract.lock", activity="extract"):
        return _run_extract(workdir, settings, progress)


def _run_extract(workdir: Workdir, settings: ExtractSettings, progress: bool) -> dict:
    arrow_without_pandas()
    files = WorkFiles(workdir)
    snapshots, edited = _with_current_rules(_snapshots(workdir))
    warcs = workdir.warc_files()
    unfinished = sorted(p.name for p in workdir.warc.glob("*.open"))
    if unfinished and not warcs:
        raise UsageError(f"{len(unfinished)} unfinished WARC file(s) in {workdir.warc} ({unfinished[0]}...) from an "
                         "interrupted crawl: run `vicorpus crawl` again to close them, then extract")
    workdir.docs.mkdir(parents=True, exist_ok=True)
    forked = preload_pages(settings)
    summary: dict = {"warc_files": len(warcs), "processed": 0, "skipped_done": 0, "redone": {}, "rows": 0,
                     "kept": 0, "dropped_by_reason": {}, "kept_uncertain_page_type": 0, "record_errors": 0,
                     "errors": [], "templates": {}, "warnings": []}
    # The driver loads what finishing needs while the workers extract pages, then forks the
    # workers anew to finish them (ex.refork); the progress bar has no thread of its own so that
    # the fork stays safe.
    meanwhile = (lambda pages: _preload_finish(settings, warm_with=pages)) if forked else None
    with open_executor(settings.executor, workers=settings.workers, ray_address=settings.ray_address) as ex, \
            stage_progress(progress, refresh_thread=False) as bar:
        shards = _index(ex, warcs, files, bar)
        _plan_pages(shards, files, snapshots)
        switched_off = {part["source"].name for shard in shards for part in shard.ranges
                        if part["source"] is not None and not part["source"].extract.learn_template}
        _extract_pages(ex, shards, switched_off, bar, meanwhile)
        templates, effective = _learn(shards)
        templates_sha = _write_templates(files, templates, shards)
        summary["templates"] = {unit: {"pages": t.pages, "chrome_lines": len(t.chrome),
                                       "tail_markers": len(t.tail_markers),
                                       "title_affixes": list(t.title_prefixes) + list(t.title_suffixes)}
                                for unit, t in templates.items() if t.chrome or t.title_suffixes or t.title_prefixes}
        todo = _plan_finish(shards, files, settings, effective, summary)
        if forked and todo:
            _preload_finish(settings)  # (done already unless no range needed its pages extracted)
            ex.refork()
        per_source = _finish(ex, todo, files, templates_sha, settings, summary, bar)
    for shard in shards:  # counts of the shards not redone, from their markers
        if shard not in todo:
            for unit, counts in shard.marker.get("per_source", {}).items():
                per_source[unit].update(counts)
    for shard in shards:
        for problem in shard.errors:
            summary["errors"].append({"warc_file": shard.warc.name, "error": problem})
    summary["warnings"] = _warnings(per_source) + [
        f"{name}: unfinished (an interrupted crawl), not extracted; run `vicorpus crawl` again to close it"
        for name in unfinished] + edited
    summary["dropped_by_reason"] = dict(sorted(summary["dropped_by_reason"].items()))
    return summary


def preload_pages(settings: ExtractSettings) -> bool:
    """Import the extractor (trafilatura, lxml, htmldate: about 0.3 s) when local workers are to
    be forked, so that they start with it (once here instead of once per worker); whether they are.

    ``vicorpus extract`` calls it while the WARCs are being indexed aside
    (:func:`vicorpus.pipeline.extract_stage`), so the import costs no time of its own.
    """
    forked = settings.executor == "local" and settings.workers > 1
    if forked:
        import normalize.extract  # noqa: F401
    return forked


def _preload_finish(settings: ExtractSettings, warm_with: Path | None = None) -> None:
    """Load what finishing a page needs (the segmenter, the filters), for the workers forked to
    finish pages (:meth:`LocalExecutor.refork`); ``warm_with``: a pages file whose texts warm the
    segmenter's caches for all of them (:func:`warm_segmenter`)."""
    import normalize.lid  # noqa: F401
    import normalize.pii  # noqa: F401
    import normalize.quality  # noqa: F401

    if settings.segment:
        load_segmenter_once()
        if warm_with is not None:
            warm_segmenter(warm_with)


def _index(ex, warcs: list[Path], files: WorkFiles, bar) -> list[_Shard]:
    """Shards of every WARC, indexing those whose cached index is missing or stale (an index
    written aside before the stage started, :func:`normalize.index_cache.indexing_ahead`, is
    read, not redone)."""
    indexes: dict[Path, WarcIndex | None] = {warc: cached_index(files, warc) for warc in warcs}  # None: to index
    todo = largest_first([warc for warc, index in indexes.items() if index is None])
    if todo:
        task = bar.add_task("index WARCs", total=len(todo))
        for i, entry in ex.map(index_task, index_tasks(todo, files)):
            indexes[todo[i]] = WarcIndex.from_json(entry["index"])
            bar.advance(task)
    shards = []
    for warc, index in indexes.items():
        shard = _Shard(warc, index)
        for problem in shard.index.problems():
            shard.errors.append(problem)
            log.warning("%s: %s", warc.name, problem)
        shards.append(shard)
    return shards


def _plan_pages(shards: list[_Shard], files: WorkFiles, snapshots: dict[str, SourceConfig]) -> None:
    tools = versions()
    for shard in shards:
        for number, rng in enumerate(shard.index.ranges):
            source, config_sha = _source_of(shard, rng.warcinfo, snapshots)
            key = _hash({"versions": tools, "warc_file": shard.warc.name, "size": shard.index.size,
                         "range": [rng.start, rng.end], "source": source.name if source else None,
                         "rules": source.extract.model_dump(mode="json") if source else None})
            path = files.pages_dir(shard.stem) / f"{number:05d}-{key[:16]}.parquet"
            shard.ranges.append({"range": rng, "source": source, "config_sha256": config_sha,
                                 "pages_key": key, "pages": path})


def _size(part: dict) -> tuple[int, int]:
    """Sort key of a range's task: full ranges in WARC order, then the short ones (the end of each
    WARC), largest first, so a phase ends with small tasks and no worker waits long for the other."""
    responses = part["range"].responses
    return (0, 0) if responses >= RANGE_RESPONSES else (1, -responses)


def _extract_pages(ex, shards: list[_Shard], switched_off: set[str], bar, meanwhile=None) -> None:
    """Extract the pages of every range not extracted yet; ``meanwhile()`` is called once, when
    the first range is in, so the driver's own preparation runs while the workers extract."""
    jobs = []
    for shard in shards:
        for part in shard.ranges:
            if part["pages"].exists():  # extracted by an earlier run
                _gather(part, switched_off)
            else:
                jobs.append((shard, part))
    jobs.sort(key=lambda job: _size(job[1]))
    if jobs:
        task = bar.add_task("extract pages", total=sum(part["range"].responses for _, part in jobs))
        tasks = [(str(shard.warc), part["range"].start, part["range"].end,
                  part["source"].model_dump(mode="json") if part["source"] else None, str(part["pages"]))
                 for shard, part in jobs]
        for i, result in ex.map(pages_task, tasks):
            if meanwhile is not None:
                meanwhile(jobs[i][1]["pages"])
                meanwhile = None
            shard, part = jobs[i]
            if result["read_error"]:
                problem = f"unreadable from the range at offset {part['range'].start}: {result['read_error']}"
                shard.errors.append(problem)
                log.warning("%s: %s", shard.warc.name, problem)
                part["pages"] = Path(result["path"])
            _gather(part, switched_off)
            bar.advance(task, part["range"].responses)
    for shard in shards:  # pages files of older settings or pipeline versions
        keep = {part["pages"].name for part in shard.ranges}
        folder = shard.ranges[0]["pages"].parent if shard.ranges else None
        for path in folder.glob("*.parquet*") if folder else ():
            if path.name not in keep:
                path.unlink()


def _write_templates(files: WorkFiles, templates: dict[str, Template], shards: list[_Shard]) -> str:
    samples = _samples(templates, shards)
    data = {"templates": {unit: t.to_json() for unit, t in templates.items()},
            "samples": {unit: samples.get(unit, []) for unit in templates}}
    sha = _hash(data["templates"])
    try:
        previous = json.loads(files.templates.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    if previous.get("templates") != data["templates"]:
        write_json(files.templates, data)
        for unit, t in templates.items():
            if t.chrome or t.title_prefixes or t.title_suffixes:
                log.info("template of %s (%d pages): %d chrome lines, e.g. %s; title affixes %s", unit,
                         t.pages, len(t.chrome), samples.get(unit, [])[:3], t.title_prefixes + t.title_suffixes)
    return sha


def _plan_finish(shards: list[_Shard], files: WorkFiles, settings: ExtractSettings, effective: dict,
                 summary: dict) -> list[_Shard]:
    todo = []
    tools, wanted = versions(), row_settings(settings)
    for shard in shards:
        sources = {part["source"].name: part["config_sha256"] for part in shard.ranges if part["source"]}
        shard.marker = {"warc_file": shard.warc.name, "versions": tools, "settings": wanted,
                        "sources": dict(sorted(sources.items())),
                        "templates": effective.get(shard.stem, {}),
                        "pages": [part["pages_key"] for part in shard.ranges]}
        key = _hash(shard.marker)
        try:
            old = json.loads(files.marker(shard.stem).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if not shard.errors and old.get("key") == key and files.docs(shard.stem).exists():
            summary["skipped_done"] += 1
            shard.marker = old
            continue
        shard.marker["key"] = key
        for why in ([] if not old else _changes(old, shard.marker)):
            summary["redone"][why] = summary["redone"].get(why, 0) + 1
        if old:
            log.info("%s: redone (%s)", shard.warc.name, "; ".join(_changes(old, shard.marker)))
        todo.append(shard)
    return todo


def _finish(ex, todo: list[_Shard], files: WorkFiles, templates_sha: str, settings: ExtractSettings,
            summary: dict, bar) -> dict[str, Counter]:
    """Finish every range of the shards to redo (a range finished by a killed run is not redone).

    Each shard's docs file grows while its ranges finish (:class:`_DocsFile`), and is closed
    with its marker as soon as its last range is in.
    """
    per_source: dict[str, Counter] = defaultdict(Counter)
    settings_json = settings.model_dump_json()
    docs: dict[str, _DocsFile] = {}
    results: dict[str, dict[int, dict]] = defaultdict(dict)
    work: list[tuple[tuple, tuple]] = []  # ((shard, number, part), finish_task's arguments)
    for shard in todo:
        outs = [files.rows_dir(shard.stem) / f"{number:05d}-{shard.marker['key'][:16]}.parquet"
                for number in range(len(shard.ranges))]
        docs[shard.stem] = _DocsFile(files.docs(shard.stem), outs)
        for number, (part, out) in enumerate(zip(shard.ranges, outs)):
            try:  # finished by an earlier run with the same inputs
                results[shard.stem][number] = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
                continue
            except (OSError, ValueError):
                pass
            source = part["source"]
            provenance = {source.name: {"licence": source.licence, "attribution": source.attribution,
                                        "config_sha256": part["config_sha256"]}} if source else {}
            work.append(((shard, number, part),
                         (str(part["pages"]), str(files.templates), templates_sha, provenance, settings_json, str(out))))
    work.sort(key=lambda item: _size(item[0][2]))
    jobs, tasks = [job for job, _ in work], [task for _, task in work]
    remaining = Counter(shard.stem for shard, _, _ in jobs)
    try:
        for shard in todo:
            for number in sorted(results[shard.stem]):
                docs[shard.stem].add(number)
            if not remaining[shard.stem]:  # nothing left to finish (or nothing readable at all)
                _close(shard, files, docs.pop(shard.stem), results.pop(shard.stem, {}), summary, per_source)
        task = bar.add_task("finish pages", total=sum(part["range"].responses for _, _, part in jobs)) if jobs else None
        for i, result in ex.map(finish_task, tasks):
            shard, number, part = jobs[i]
            results[shard.stem][number] = result
            docs[shard.stem].add(number)
            bar.advance(task, part["range"].responses)
            remaining[shard.stem] -= 1
            if remaining[shard.stem] == 0:
                _close(shard, files, docs.pop(shard.stem), results.pop(shard.stem), summary, per_source)
    finally:
        for unfinished in docs.values():  # a failure or an interrupt: no half-written docs file
            unfinished.abandon()
    return per_source


class _DocsFile:
    """A WARC's docs parquet, written while its ranges finish.

    The rows file of range k is read as soon as ranges 0..k are all in, so the driver
    assembles during the finish phase instead of after it. Ranges go in WARC order,
    whatever order they finish in, and a row group is cut at the first range boundary
    after ``ROW_GROUP_ROWS`` rows (a WARC of fewer rows is one row group), so the bytes
    depend on neither the worker count nor the executor, and a big WARC's rows are never
    all in memory. Written to a temp file, renamed by :meth:`close`.
    """

    def __init__(self, path: Path, outs: list[Path]):
        self.path, self.outs = path, outs
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self._ready: set[int] = set()
        self._next = 0
        self._buffer: list[pa.Table] = []
        self._buffered_rows = 0
        self._writer: pq.ParquetWriter | None = None

    def add(self, number: int) -> None:
        """Range ``number`` is finished (its rows file is written)."""
        self._ready.add(number)
        while self._next in self._ready:
            self._buffer.append(read_table(self.outs[self._next]))
            self._buffered_rows += self._buffer[-1].num_rows
            self._next += 1
            if self._buffered_rows >= ROW_GROUP_ROWS:
                self._flush()

    def _flush(self) -> None:
        table = pa.concat_tables(self._buffer).cast(DOCS_SCHEMA) if self._buffer else DOCS_SCHEMA.empty_table()
        self._buffer, self._buffered_rows = [], 0
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.tmp, DOCS_SCHEMA)
        elif not table.num_rows:
            return
        self._writer.write_table(table)

    def close(self, even_empty: bool) -> None:
        """Rename the file into place. A WARC none of whose ranges could be read gets a (0-row)
        docs file only when ``even_empty``."""
        if self._buffer or (even_empty and self._writer is None):
            self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            os.replace(self.tmp, self.path)

    def abandon(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.tmp.unlink(missing_ok=True)


def _rows_of(path: Path) -> dict[str, str]:
    """{id: url} of a docs file (empty when there is none or it cannot be read)."""
    try:
        table = read_table(path, columns=["id", "url"])
    except (OSError, pa.ArrowException):
        return {}
    return dict(zip(table.column("id").to_pylist(), table.column("url").to_pylist()))


def _close(shard: _Shard, files: WorkFiles, docs: _DocsFile, results: dict[int, dict], summary: dict,
           per_source: dict[str, Counter]) -> None:
    """The WARC's docs file into place, then (if it was read to the end) its marker; the counts."""
    before = _rows_of(files.docs(shard.stem)) if shard.errors else {}
    docs.close(even_empty=not shard.errors)
    gone = sorted(url for doc_id, url in before.items() if doc_id not in _rows_of(files.docs(shard.stem)))
    if gone:  # extracted from bytes that have since been damaged: say which, never quietly
        shard.errors.append(f"{len(gone)} row{'s' if len(gone) != 1 else ''} extracted before "
                            f"{'are' if len(gone) != 1 else 'is'} gone with the damage ({', '.join(gone[:3])}"
                            f"{', ...' if len(gone) > 3 else ''}); restore the WARC file to keep "
                            f"{'them' if len(gone) != 1 else 'it'}")
    reasons: Counter = Counter()
    counts = {"rows": 0, "kept": 0, "kept_uncertain_page_type": 0}
    shard_sources: dict[str, Counter] = defaultdict(Counter)
    for number in sorted(results):
        result = results[number]
        counts["rows"] += result["rows"]
        counts["kept"] += result["kept"]
        counts["kept_uncertain_page_type"] += len(result["uncertain"])
        reasons.update(result["dropped_by_reason"])
        for unit, c in result["per_source"].items():
            shard_sources[unit].update(c)
        for failure in result["failures"]:
            log.warning("%s at offset %s (%s): %s", failure["warc_file"], failure["offset"],
                        failure["url"], failure["error"])
        shard.failures += result["failures"]
        for url in result["uncertain"]:
            log.info("kept with an uncertain page type: %s", url)
    shard.marker.update(counts, dropped_by_reason=dict(sorted(reasons.items())),
                        per_source={u: dict(sorted(c.items())) for u, c in sorted(shard_sources.items())},
                        record_errors=sorted(shard.failures, key=lambda f: (f["offset"], f["error"])))
    if not shard.errors:
        write_json(files.marker(shard.stem), shard.marker)
    else:
        files.marker(shard.stem).unlink(missing_ok=True)
    for path in files.rows_dir(shard.stem).glob("*") if files.rows_dir(shard.stem).is_dir() else ():
        path.unlink()
    summary["processed"] += 1
    summary["rows"] += counts["rows"]
    summary["kept"] += counts["kept"]
    summary["kept_uncertain_page_type"] += counts["kept_uncertain_page_type"]
    summary["record_errors"] += len(shard.failures)
    for reason, n in reasons.items():
        summary["dropped_by_reason"][reason] = summary["dropped_by_reason"].get(reason, 0) + n
    for unit, c in shard_sources.items():
        per_source[unit].update(c)


def _warnings(per_source: dict[str, Counter]) -> list[str]:
    """One line per source whose articles look dropped as non-articles."""
    lines = []
    for unit, counts in sorted(per_source.items()):
        shaped, fetched = counts.get("not_article_shaped", 0), counts.get("fetched", 0)
        if shaped >= MIN_SHAPED and shaped > SHAPED_DROP_SHARE * fetched:
            lines.append(f"source {unit}: {shaped} of its {fetched} fetched pages ({100 * shaped / fetched:.0f}%) "
                         "were dropped as not_article although they have a headline and several paragraphs; "
                         "check its pages (vicorpus release report: dropped samples) or its article_url_pattern")
    return lines
