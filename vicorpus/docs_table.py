"""Reading the docs parquet the same way in every later stage.

A page crawled twice (it changed) has a row in two docs files; the row with
the latest ``fetched_at`` is the one that counts. Dedup and release both read
through :func:`read_docs`, so they always agree on which rows exist.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from vicorpus.schema import DOCS_SCHEMA
from vicorpus.workdir import Workdir


def read_docs(workdir: Workdir, kept_only: bool = False, columns: list[str] | None = None) -> pa.Table:
    """All docs rows of a workdir, one per id (latest fetch wins), sorted by id.

    >>> import tempfile
    >>> read_docs(Workdir(Path(tempfile.mkdtemp()))).num_rows
    0
    """
    files = workdir.docs_files()
    if not files:
        table = DOCS_SCHEMA.empty_table()
    else:
        table = pa.concat_tables(pq.read_table(f, schema=DOCS_SCHEMA) for f in files)
    if table.num_rows:
        # Latest fetch per id: sort by (id, fetched_at desc, warc_file desc) and keep the first.
        table = table.sort_by([("id", "ascending"), ("fetched_at", "descending"),
                               ("warc_file", "descending")])
        ids = table.column("id").to_pylist()
        first = [i for i in range(len(ids)) if i == 0 or ids[i] != ids[i - 1]]
        table = table.take(pa.array(first, type=pa.int64()))
    if kept_only:
        table = table.filter(pc.is_null(table.column("drop_reason")))
    if columns is not None:
        table = table.select(columns)
    return table


