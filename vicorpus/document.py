"""The one record that flows through every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Document:
    """A page on its way to the corpus.

    ``metadata`` holds the record-schema columns known so far (url, source,
    title, published_at, ...); ``provenance`` is append-only: each stage adds
    one entry saying what it did and with which version.

    >>> doc = Document(id="a1", text="Thủ tướng chủ trì phiên họp.")
    >>> doc.add_provenance("extract", "0.1.0", extractor="trafilatura")
    >>> doc.provenance[0]["stage"]
    'extract'
    """

    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    provenance: list[dict[str, Any]] = field(default_factory=list)

    def add_provenance(self, stage: str, version: str, **details: Any) -> None:
        """Record that ``stage`` (at ``version``) touched this document."""
        self.provenance.append({"stage": stage, "version": version, **details})
