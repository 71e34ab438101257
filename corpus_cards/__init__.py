"""Release building: parquet shards, dataset card, Croissant, changelog, report, publishing."""

from corpus_cards.release import build_release
from corpus_cards.verify import verify_release
from corpus_cards.publish import publish_release

__all__ = ["build_release", "verify_release", "publish_release"]
