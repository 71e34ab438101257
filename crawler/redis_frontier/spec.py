"""The ``--frontier`` value (``redis://HOST:PORT/DB?crawl=ID&idle=S&lease=S``) and the settings it implies."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import redis

from vicorpus.errors import UsageError

SCHEMES = ("redis", "rediss", "unix")
DEFAULT_CRAWL_ID = "default"
DEFAULT_IDLE_SECONDS = 5.0
DEFAULT_LEASE_SECONDS = 30.0  # how long a busy mark outlives a process that stopped refreshing it
_CRAWL_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class FrontierSpec:
    """A parsed ``--frontier`` value.

    ``crawl`` names the crawl (default ``default``), ``idle`` is how long the queue must stay
    empty with nobody busy before the processes stop, ``lease`` how long a silent (killed)
    process keeps its requests before the others take them back.

    >>> spec = FrontierSpec.parse("redis://:secret@10.0.0.5:6379/2?crawl=jan-2026&idle=3")
    >>> spec.redis_url, spec.crawl_id, spec.idle_seconds, spec.display
    ('redis://:secret@10.0.0.5:6379/2', 'jan-2026', 3.0, 'redis://10.0.0.5:6379/2?crawl=jan-2026')
    >>> FrontierSpec.parse("http://10.0.0.5/")
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: --frontier must be a redis://HOST:PORT/DB URL, not 'http://10.0.0.5/'
    """

    redis_url: str
    crawl_id: str = DEFAULT_CRAWL_ID
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    display: str = ""
    lease_seconds: float = DEFAULT_LEASE_SECONDS

    @classmethod
    def parse(cls, value: str) -> "FrontierSpec":
        bad = UsageError(f"--frontier must be a redis://HOST:PORT/DB URL, not {value!r}")
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            raise bad from None
        if parts.scheme not in SCHEMES or (parts.scheme != "unix" and not parts.hostname):
            raise bad
        if parts.scheme != "unix" and parts.path not in ("", "/") \
                and not re.fullmatch(r"/\d{1,2}", parts.path):
            raise UsageError(f"--frontier database must be a number (redis://HOST:PORT/0), not {parts.path!r}")
        crawl_id, seconds = DEFAULT_CRAWL_ID, {"idle": DEFAULT_IDLE_SECONDS, "lease": DEFAULT_LEASE_SECONDS}
        for key, val in parse_qsl(parts.query, keep_blank_values=True):
            if key == "crawl":
                if not _CRAWL_ID.match(val):
                    raise UsageError(f"--frontier crawl id must be letters, digits, '.', '_' or '-', not {val!r}")
                crawl_id = val
            elif key in seconds:
                try:
                    seconds[key] = float(val)
                except ValueError:
                    seconds[key] = -1.0
                low = 2.0 if key == "lease" else 0.0  # a lease must outlast a few heartbeats
                if not low < seconds[key] <= 3600:
                    raise UsageError(f"--frontier {key} must be seconds in ({low:g}, 3600], not {val!r}")
            else:
                raise UsageError(f"--frontier: unknown option {key!r} (known: crawl, idle, lease)")
        redis_url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
        if port:
            netloc += f":{port}"
        shown = urlunsplit((parts.scheme, netloc, parts.path, f"crawl={crawl_id}", ""))
        return cls(redis_url=redis_url, crawl_id=crawl_id, idle_seconds=seconds["idle"], display=shown,
                   lease_seconds=seconds["lease"])

    def namespace(self, source: str) -> str:
        """Key prefix of one source in this crawl.

        >>> FrontierSpec("redis://h:6379/0").namespace("demo-site")
        'vicorpus:default:demo-site'
        """
        return f"vicorpus:{self.crawl_id}:{source}"

    def check(self) -> None:
        """Ping the server once; a one-line UsageError when it cannot be reached."""
        try:
            client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=3, socket_timeout=5)
            client.ping()
            client.close()
        except (redis.RedisError, OSError, ValueError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise UsageError(f"cannot use frontier {self.display}: {first}") from None


def frontier_settings(spec: FrontierSpec, source: str, base: dict | None = None) -> dict:
    """Scrapy settings that put one source's crawl on the shared frontier (merged into ``base``'s
    middleware dicts, so the crawler's own middlewares stay)."""
    ns = spec.namespace(source)
    spider_mw = {**(base or {}).get("SPIDER_MIDDLEWARES", {}), "crawler.redis_frontier.scheduler.FrontierAckMiddleware": 10}
    return {
        "SCHEDULER": "crawler.redis_frontier.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",  # breadth-first, like the local crawl
        "SCHEDULER_QUEUE_KEY": f"{ns}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{ns}:seen",
        "SCHEDULER_PERSIST": True,          # keys go only on a clean finish (see SharedScheduler.close)
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,   # never block the reactor in BRPOP
        "REDIS_URL": spec.redis_url,
        "REDIS_PARAMS": {"socket_timeout": 10, "socket_connect_timeout": 5, "retry_on_timeout": True},
        "VICORPUS_FRONTIER": {**asdict(spec), "namespace": ns},
        "SPIDER_MIDDLEWARES": spider_mw,
    }
