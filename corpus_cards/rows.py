"""Which rows a release holds: kept docs that dedup kept, minus exclusions.

The docs parquet (every page) and dedup parquet (every kept doc) meet here;
everything a card, changelog or report says about counts comes from the
:class:`ReleaseRows` built by :func:`assemble_rows`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus_cards.exclusions import Exclusion, first_match
from vicorpus.docs_table import read_docs
from vicorpus.errors import UsageError
from vicorpus.schema import DEDUP_SCHEMA, RELEASE_COLUMNS, RELEASE_SCHEMA
from vicorpus.workdir import Workdir


@dataclass
class ReleaseRows:
    """The release table plus what was left out on the way, for stats and report."""

    table: pa.Table  # RELEASE_SCHEMA, sorted by id
    docs: pa.Table  # every docs row (latest fetch per id), DOCS_SCHEMA
    dedup: pa.Table  # DEDUP_SCHEMA
    excluded: list[dict] = field(default_factory=list)  # {id,url,source,title,reason,date,rule}
    dedup_removed: list[dict] = field(default_factory=list)  # {id,url,source,title,dedup_cluster}


def _cluster_urls(ids: list[str], urls: list[str], clusters: list[str | None]) -> dict[str, list[str]]:
    members: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, url, cluster in zip(ids, urls, clusters):
        if cluster is not None:
            members[cluster].append((doc_id, url))
    others = {}
    for cluster, pairs in members.items():
        for doc_id, url in pairs:
            others[doc_id] = sorted({u for i, u in pairs if i != doc_id and u and u != url})
    return others


def assemble_rows(workdir: Workdir, exclusions: list[Exclusion]) -> ReleaseRows:
    """Build the release rows of a workdir (docs + dedup must be there).

    >>> import tempfile, pathlib
    >>> assemble_rows(Workdir(pathlib.Path(tempfile.mkdtemp())), [])
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: no dedup results in ... run `vicorpus dedup` first
    """
    if not workdir.dedup_file.is_file():
        raise UsageError(f"no dedup results in {workdir.dedup}: run `vicorpus dedup` first")
    docs = read_docs(workdir)
    dedup = pq.read_table(workdir.dedup_file, schema=DEDUP_SCHEMA)
    kept = docs.filter(pc.is_null(docs.column("drop_reason")))
    by_id = {doc_id: i for i, doc_id in enumerate(dedup.column("id").to_pylist())}
    kept_ids = kept.column("id").to_pylist()
    missing = [doc_id for doc_id in kept_ids if doc_id not in by_id]
    if missing:
        raise UsageError(f"{len(missing)} kept docs (e.g. {missing[0]}) are not in "
                         f"{workdir.dedup_file}: re-run `vicorpus dedup`")
    take = pa.array([by_id[doc_id] for doc_id in kept_ids], type=pa.int64())
    matched = dedup.take(take)
    clusters = matched.column("dedup_cluster").to_pylist()
    sizes = matched.column("dedup_cluster_size").to_pylist()
    keep = matched.column("keep").to_pylist()
    urls = kept.column("url").to_pylist()
    others = _cluster_urls(kept_ids, urls, clusters)

    kept = kept.set_column(kept.schema.get_field_index("dedup_cluster"), "dedup_cluster",
                           pa.array(clusters, type=pa.string()))
    kept = kept.set_column(kept.schema.get_field_index("dedup_cluster_size"), "dedup_cluster_size",
                           pa.array(sizes, type=pa.int64()))
    kept = kept.set_column(kept.schema.get_field_index("duplicate_urls"), "duplicate_urls",
                           pa.array([others.get(i, []) for i in kept_ids], type=pa.list_(pa.string())))

    sources = kept.column("source").to_pylist()
    titles = kept.column("title").to_pylist()
    selected, excluded, removed = [], [], []
    for row_index, doc_id in enumerate(kept_ids):
        brief = {"id": doc_id, "url": urls[row_index], "source": sources[row_index],
                 "title": titles[row_index], "dedup_cluster": clusters[row_index]}
        if not keep[row_index]:
            removed.append(brief)
            continue
        rule = first_match(exclusions, {**brief, "duplicate_urls": others.get(doc_id, [])})
        if rule is not None:
            excluded.append({**brief, "reason": rule.reason, "date": rule.date.isoformat(),
                             "rule": f"{rule.kind}: {rule.target}"})
            continue
        selected.append(row_index)
    table = kept.take(pa.array(selected, type=pa.int64())).select(RELEASE_COLUMNS)
    table = table.cast(RELEASE_SCHEMA).sort_by("id").combine_chunks()
    return ReleaseRows(table=table, docs=docs, dedup=dedup, excluded=excluded, dedup_removed=removed)
