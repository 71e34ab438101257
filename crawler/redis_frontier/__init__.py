"""A crawl frontier in Redis shared by several crawler processes (possibly on other machines).

    vicorpus crawl SOURCE --workdir W1 --frontier redis://HOST:6379/0?crawl=jan
    vicorpus crawl SOURCE --workdir W2 --frontier redis://HOST:6379/0?crawl=jan   # elsewhere

Built on scrapy-redis: its FIFO request queue and its RFPDupeFilter (an atomic
SADD of the request fingerprint) are the shared queue and seen-set, so each URL
is scheduled once across all processes. Our :class:`SharedScheduler` adds what
scrapy-redis leaves out:

- **seeding once**: the first process to claim ``…:seeded`` yields the start
  URLs, sitemaps and feeds, then sets it to ``done``; the others only consume the
  queue. Should the seeder die before ``done`` (its busy mark expired), the next
  process to start or to find the crawl idle seeds again (harmless: the seen-set
  drops what was already queued);
- **termination**: every process marks itself busy (``…:busy:<worker>``, with a
  TTL so a killed process does not hold the crawl forever) from the moment it
  pops a request until its engine is idle again, i.e. until the links found in
  the page are in the queue. A process stops when the queue is empty and no
  process is busy for ``idle`` seconds in a row; a clean finish removes the keys,
  a killed crawl keeps them and resumes from Redis;
- **no lost requests**: a popped request stays in ``…:taken:<worker>`` until its page
  has been parsed (and archived); when a worker's busy mark expires (killed) its taken
  requests go back to the queue, and a worker stopped early (``--max-time``) hands its
  unfinished ones back itself. A kill therefore costs a refetch, not a missing page;
- retries and redirects of a request stay in the process that took it (its clock
  times the backoff, its host gate the politeness); they still pass the seen-set.
  The follow-up replaces the original in the taken list, so a kill mid-redirect
  hands back the redirect target (already "seen", it would otherwise be lost);
- per-process accounting: a request counts as queued in the ledger and the
  local crawl state of the process that takes it, so state and WARCs stay per workdir.

Keys: ``vicorpus:<crawl>:<source>:{requests,seen,seeded,busy:<worker>,taken:<worker>}``.
Robots.txt, the SSRF guard and URL admission run in each process as usual.

The package: :mod:`.spec` (the ``--frontier`` value and the Scrapy settings it
implies), :mod:`.scripts` (the Lua scripts, each with its contract) and
:mod:`.scheduler` (the scheduler and the middleware that acknowledges pages).
"""

from crawler.redis_frontier.scheduler import FrontierAckMiddleware, SharedScheduler
from crawler.redis_frontier.spec import FrontierSpec, frontier_settings

__all__ = ["FrontierAckMiddleware", "FrontierSpec", "SharedScheduler", "frontier_settings"]
