"""Per-source counts of one crawl, and the report built from them.

Every component that decides about a URL (robots, SSRF guard, offsite guard,
size limit, trap bounds) tells the source's :class:`SourceLedger`, so the report
says for each page never fetched why not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Enough to audit a crawl; counts stay exact beyond it.
MAX_LISTED_PER_REASON = 1000


@dataclass
class SourceLedger:
    """Counts for one source.

    >>> ledger = SourceLedger("demo"); ledger.refuse("http://x/a", "robots"); ledger.snapshot()["not_fetched_by_reason"]
    {'robots': 1}
    """

    source: str
    fetched: int = 0          # responses received (any status), robots.txt excluded
    archived: int = 0         # response records written to WARC (new + changed)
    new: int = 0              # archived, and never archived before
    changed: int = 0          # archived again: the body differs from the last archived copy
    not_modified: int = 0     # 304 on a conditional request: nothing new to archive
    unchanged: int = 0        # 200 with the same body hash as last time: not archived again
    resumed: int = 0          # fetched earlier in this round: not requested, links read from the WARC
    errors: int = 0           # network errors, timeouts, HTTP >= 400
    bytes: int = 0            # payload bytes archived (as received)
    queued: int = 0           # requests scheduled and not finished yet
    left_for_next_run: int = 0  # URLs found and not fetched when the run stopped (--max-time, ...)
    by_status: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)
    not_fetched: list = field(default_factory=list)
    stopped_by: str | None = None
    retries: int = 0          # retries scheduled (429/503/5xx, timeouts, connection errors)
    retry_wait_seconds: float = 0.0  # total wait asked of those retries (Retry-After or backoff)
    retry_after_capped: int = 0      # Retry-After values above the cap (waited the cap instead)
    crawl_delay: dict = field(default_factory=dict)  # host -> robots.txt Crawl-delay applied
    max_rss_mb: float | None = None  # peak memory of the crawl process (set when the spider closes)
    round: int | None = None         # the crawl round of this run (crawler/state.py)
    round_continued: bool = False    # this run continued a round an earlier run left unfinished
    round_finished: bool = False     # the round ended here: the next run re-crawls
    _listed: Counter = field(default_factory=Counter)
    _refused: set = field(default_factory=set)

    def refuse(self, url: str, reason: str, detail: str | None = None) -> None:
        """A URL that will not be fetched (reason from DESIGN.md's drop_reason list).

        A URL linked from many pages is refused many times: it is counted once per reason.
        """
        if (url, reason) in self._refused:
            return
        self._refused.add((url, reason))
        self.reasons[reason] += 1
        head = reason.split(":")[0]
        if self._listed[head] < MAX_LISTED_PER_REASON:
            self._listed[head] += 1
            item = {"url": url, "source": self.source, "reason": reason}
            if detail:
                item["detail"] = detail
            self.not_fetched.append(item)

    def withdraw(self, url: str, reason: str) -> None:
        """``url`` is fetched after all (refused for its depth on one path, then found on a
        shorter one): it is no longer counted or listed as not fetched.

        >>> ledger = SourceLedger("demo"); ledger.refuse("http://x/a", "excluded:max_depth")
        >>> ledger.withdraw("http://x/a", "excluded:max_depth"); ledger.snapshot()["not_fetched_by_reason"], ledger.not_fetched
        ({}, [])
        """
        if (url, reason) not in self._refused:
            return
        self._refused.discard((url, reason))
        self.reasons[reason] -= 1
        if not self.reasons[reason]:
            del self.reasons[reason]
        listed = [item for item in self.not_fetched if item["url"] == url and item["reason"] == reason]
        for item in listed:
            self.not_fetched.remove(item)
            self._listed[reason.split(":")[0]] -= 1

    def snapshot(self) -> dict:
        return {
            "fetched": self.fetched,
            "archived": self.archived,
            "new": self.new,
            "changed": self.changed,
            "not_modified": self.not_modified,
            "unchanged": self.unchanged,
            "resumed": self.resumed,
            "errors": self.errors,
            "bytes": self.bytes,
            "queued": self.queued,
            "left_for_next_run": self.left_for_next_run,
            "by_status": {str(k): v for k, v in sorted(self.by_status.items())},
            "not_fetched_by_reason": dict(sorted(self.reasons.items())),
            "encodings": dict(sorted(self.encodings.items())),
            "stopped_by": self.stopped_by,
            "retries": self.retries,
            "retry_wait_seconds": round(self.retry_wait_seconds, 3),
            "retry_after_capped": self.retry_after_capped,
            "crawl_delay": dict(sorted(self.crawl_delay.items())),
            "max_rss_mb": self.max_rss_mb,
            "round": self.round,
            "round_continued": self.round_continued,
            "round_finished": self.round_finished,
        }


def merge_totals(per_source: dict[str, dict]) -> dict:
    """Sum the per-source snapshots into ``totals``."""
    counted = ("fetched", "archived", "new", "changed", "not_modified", "unchanged", "resumed", "errors", "bytes",
               "left_for_next_run")
    totals: dict = {key: 0 for key in counted}
    totals.update(by_status=Counter(), not_fetched_by_reason=Counter())
    for snap in per_source.values():
        for key in counted:
            totals[key] += snap.get(key, 0)
        totals["by_status"].update(snap.get("by_status", {}))
        totals["not_fetched_by_reason"].update(snap.get("not_fetched_by_reason", {}))
    totals["by_status"] = dict(sorted(totals["by_status"].items()))
    totals["not_fetched_by_reason"] = dict(sorted(totals["not_fetched_by_reason"].items()))
    return totals
