"""The record schema of DESIGN.md as pyarrow schemas, derived from :class:`Document`.

``DOCS_SCHEMA`` is the docs parquet (every page, kept or dropped);
``RELEASE_SCHEMA`` is the same without ``drop_reason``; ``DEDUP_SCHEMA`` is
what the dedup stage writes for every kept doc.

>>> DOCS_SCHEMA.field("published_at").type
TimestampType(timestamp[us, tz=UTC])
>>> RELEASE_COLUMNS[-1], DOCS_COLUMNS[-1]
('credit', 'drop_reason')
"""

from __future__ import annotations

import types
import typing
from datetime import datetime

import pyarrow as pa

from vicorpus.document import COLUMNS, DROP_REASONS, Document  # noqa: F401 - DROP_REASONS re-exported

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")
_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64(), datetime: UTC_TIMESTAMP,
          list[str]: pa.list_(pa.string())}


def _arrow_type(annotation) -> pa.DataType:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]  # X | None
    return _ARROW[annotation]


_HINTS = typing.get_type_hints(Document)
DOCS_FIELDS = [pa.field(name, _arrow_type(_HINTS[name]), nullable=name != "id") for name in COLUMNS]
RELEASE_FIELDS = [f for f in DOCS_FIELDS if f.name != "drop_reason"]

RELEASE_SCHEMA = pa.schema(RELEASE_FIELDS)
DOCS_SCHEMA = pa.schema(DOCS_FIELDS)
RELEASE_COLUMNS = [f.name for f in RELEASE_FIELDS]
DOCS_COLUMNS = [f.name for f in DOCS_FIELDS]

DEDUP_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("dedup_cluster", pa.string()),
        pa.field("dedup_cluster_size", pa.int64()),
        pa.field("keep", pa.bool_()),
    ]
)


def empty_row() -> dict:
    """A docs row with every column present and null (stages fill what they know).

    >>> row = empty_row(); row["id"], row["duplicate_urls"], len(row) == len(DOCS_COLUMNS)
    (None, [], True)
    """
    row = {name: None for name in DOCS_COLUMNS}
    row["duplicate_urls"] = []
    return row
