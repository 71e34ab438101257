"""vicorpus: a Vietnamese-language corpus builder.

The package holds what every stage shares: the :class:`Document` record, the
config models, the record schema, the workdir layout and the pipeline runner.
It imports no stage at module level; only :mod:`vicorpus.cli` and
:mod:`vicorpus.pipeline` reach the stages (crawler, normalize, dedup,
corpus_cards), and the stages meet only through files in the workdir.
"""

__version__ = "0.1.0"

# Bumped when the text a release holds could change for the same input:
# extraction, normalization, filters, PII or dedup policy.
PIPELINE_VERSION = "0.1.0"

from vicorpus.document import Document  # noqa: E402

__all__ = ["Document", "PIPELINE_VERSION", "__version__"]
