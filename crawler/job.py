"""What the parent hands the crawl child: sources, limits, workdir (one JSON file)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from vicorpus.config import SourceConfig


@dataclass
class CrawlLimits:
    """Bounds and politeness knobs; the defaults are the polite production values.

    >>> CrawlLimits(max_pages=0)
    Traceback (most recent call last):
    ...
    ValueError: max_pages must be >= 1 (or None for no limit), got 0
    """

    max_pages: int | None = None          # per source, fetch attempts (robots.txt excluded)
    max_time: float | None = None         # per source, seconds
    since: str | None = None              # ISO date: sitemap/feed items older are skipped
    max_depth: int = 10                   # link hops from a start URL (a source may lower it)
    max_query_variants: int = 20          # distinct query strings per path: query-explosion bound
    max_template_urls: int = 200          # URLs per path shape with digits folded: calendar bound
    download_timeout: float = 20.0        # seconds; a slower page is dropped with reason timeout
    max_page_bytes: int = 10 * 1024 * 1024  # decompressed body limit (too_large)
    max_file_bytes: int = 1 << 30         # WARC rotation size
    retry_times: int = 3                  # retries after the first try
    retry_after_cap: float = 120.0        # never sleep longer than this for a Retry-After
    backoff_base: float = 1.0             # 1, 2, 4, ... seconds when no Retry-After
    backoff_cap: float = 60.0
    concurrent_per_domain: int = 2
    min_delay: float = 1.0                # public sites; private test sites use private_min_delay
    private_min_delay: float = 0.0
    politeness: bool = True               # False only for benchmarks of our own servers
    redirect_max: int = 5

    def __post_init__(self):
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"max_pages must be >= 1 (or None for no limit), got {self.max_pages}")
        if self.max_time is not None and self.max_time <= 0:
            raise ValueError(f"max_time must be > 0 seconds (or None), got {self.max_time}")
        if self.concurrent_per_domain > 2 and self.politeness:
            raise ValueError("concurrent_per_domain above 2 is only allowed with politeness off")
        if self.download_timeout <= 0 or self.download_timeout > 20 and self.politeness:
            raise ValueError(f"download_timeout must be in (0, 20] seconds, got {self.download_timeout}")
        for name in ("max_depth", "max_query_variants", "max_template_urls", "retry_times"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        if self.since is not None:
            date.fromisoformat(self.since)

    @property
    def since_date(self) -> date | None:
        return date.fromisoformat(self.since) if self.since else None


@dataclass
class CrawlJob:
    workdir: str
    sources: list[dict]
    limits: CrawlLimits = field(default_factory=CrawlLimits)
    progress_interval: float = 0.25

    def source_configs(self) -> list[SourceConfig]:
        return [SourceConfig(**data) for data in self.sources]

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "CrawlJob":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["limits"] = CrawlLimits(**data.get("limits", {}))
        return cls(**data)
