"""Release building: parquet shards, dataset card, Croissant, changelog, report, publishing."""

from corpus_cards.release import build_release
from corpus_cards.verify import verify_release


def publish_release(*args, **kwargs):
    """Upload a release to a Hugging Face dataset repo (see :mod:`corpus_cards.publish`).

    Imported lazily so the release builder works without the publishing extras.
    """
    from corpus_cards.publish import publish_release as _publish

    return _publish(*args, **kwargs)


__all__ = ["build_release", "verify_release", "publish_release"]
