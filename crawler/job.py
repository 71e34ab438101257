"""What the parent hands the crawl children: sources, limits, workdir, who crawls what (one JSON file)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from vicorpus.config import SourceConfig
from vicorpus.groups import DisjointSets
from vicorpus.urls import host_allowed


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
    max_processes: int | None = None      # crawl processes at once (None: one per CPU, at most one per source)
    max_requests: int = 32                # requests in flight at once over the whole crawl

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
        if self.max_processes is not None and self.max_processes < 1:
            raise ValueError(f"max_processes must be >= 1 (or None for one per CPU), got {self.max_processes}")
        if self.max_requests < 1:
            raise ValueError(f"max_requests must be >= 1, got {self.max_requests}")
        if self.since is not None:
            date.fromisoformat(self.since)

    @property
    def since_date(self) -> date | None:
        return date.fromisoformat(self.since) if self.since else None


def plan_processes(sources: list[SourceConfig], limits: CrawlLimits) -> tuple[list[list[int]], list[int]]:
    """Which sources each crawl process runs, and how many requests it may have in flight.

    Sources that share a host (one domain of one inside another's) run in the same
    process, so one host gate paces all requests to that host. The groups are packed
    into at most ``max_processes`` processes (never more than ``max_requests``), and
    ``max_requests`` is shared out by the number of sources.

    >>> from vicorpus.config import SourceConfig
    >>> def src(name, domain):
    ...     return SourceConfig(name=name, title=name, start_urls=[f"https://{domain}/"], allowed_domains=[domain],
    ...                         licence="l", attribution="a")
    >>> plan_processes([src("a", "a.vn"), src("b", "tin.a.vn"), src("c", "c.vn")], CrawlLimits(max_processes=2, max_requests=9))
    ([[0, 1], [2]], [6, 3])
    """
    groups = DisjointSets(len(sources))
    domains = [[d.lower().split(":")[0].rstrip(".") for d in s.allowed_domains + s.successor_domains] for s in sources]
    for i in range(len(sources)):
        for j in range(i):
            if any(host_allowed(a, domains[j]) for a in domains[i]) \
                    or any(host_allowed(b, domains[i]) for b in domains[j]):
                groups.join(i, j)
    components: dict[int, list[int]] = {}
    for i in range(len(sources)):
        components.setdefault(groups.root(i), []).append(i)
    wanted = limits.max_processes or os.cpu_count() or 1
    count = max(1, min(wanted, len(components), limits.max_requests))
    groups: list[list[int]] = [[] for _ in range(count)]
    for component in sorted(components.values(), key=len, reverse=True):  # largest first, into the smallest
        min(groups, key=len).extend(component)
    groups = [sorted(g) for g in groups if g]
    caps = [max(1, limits.max_requests * len(g) // len(sources)) for g in groups]
    for k in range(limits.max_requests - sum(caps)):  # what rounding left over
        caps[k % len(caps)] += 1
    while sum(caps) > limits.max_requests:  # every process got at least one
        caps[caps.index(max(caps))] -= 1
    return groups, caps


@dataclass
class CrawlJob:
    workdir: str
    sources: list[dict]
    limits: CrawlLimits = field(default_factory=CrawlLimits)
    progress_interval: float = 0.25
    groups: list[list[int]] = field(default_factory=list)  # source indices per crawl process
    request_caps: list[int] = field(default_factory=list)  # requests in flight per crawl process

    def source_configs(self) -> list[SourceConfig]:
        return [SourceConfig(**data) for data in self.sources]

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "CrawlJob":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["limits"] = CrawlLimits(**data.get("limits", {}))
        return cls(**data)
