"""vicorpus: a Vietnamese-language corpus builder.

This package holds what the stages share: the :class:`~vicorpus.document.Document`
record and the parquet schemas derived from it (:mod:`vicorpus.schema`), the config
models, the workdir layout, the executors that run stage work, the pipeline runner
and the CLI. Only :mod:`vicorpus.cli` and :mod:`vicorpus.pipeline` reach the stages
(crawler, normalize, dedup, corpus_cards), which meet through files in the workdir.

>>> from vicorpus import Document
>>> Document(id="a1").as_row()["drop_reason"] is None
True
"""

__version__ = "0.2.0"

# Bumped when the text a release holds could change for the same input:
# extraction, normalization, filters, PII or dedup policy.
PIPELINE_VERSION = "0.12.19"

from vicorpus.document import Document  # noqa: E402

__all__ = ["Document", "PIPELINE_VERSION", "__version__"]
