"""The Lua scripts of the shared frontier: each runs atomically in Redis.

Every script states its contract: the keys and arguments it takes, what it
returns and the invariant it keeps. Key names are ``NS:<name>`` with ``NS`` =
``vicorpus:<crawl>:<source>`` (crawler.redis_frontier.spec.FrontierSpec.namespace).
"""

SEEDING_DONE = "done"  # the value of NS:seeded once every start request is queued

POP_AND_MARK = """
local data = redis.call('RPOP', KEYS[1])
if data then
  redis.call('LPUSH', KEYS[3], data)
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
end
return data
"""
"""Take the next request.

KEYS: NS:requests, NS:busy:<worker>, NS:taken:<worker>. ARGV: lease (ms).
Returns the request's bytes, or nil when the queue is empty.
Invariant: pop, copy into the worker's taken list and mark the worker busy happen
in one step, so nobody sees the queue empty and this worker idle while it holds a
request, and a worker killed while holding requests leaves them for the others.
"""

CLAIM_SEEDING = """
local seeder = redis.call('GET', KEYS[1])
local claimed = 0
if not seeder then
  if ARGV[4] ~= '1' then claimed = 1 end
elseif seeder ~= ARGV[5] and seeder ~= ARGV[1]
    and redis.call('EXISTS', ARGV[3] .. ':busy:' .. seeder) == 0 then
  claimed = 2
end
if claimed > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  redis.call('SET', KEYS[1], ARGV[1])
end
return claimed
"""
"""Claim the seeding of the crawl (the start URLs, sitemaps and feeds).

KEYS: NS:seeded, NS:busy:<worker>. ARGV: worker, lease (ms), NS, '1' to take over
only (an idle worker must not seed afresh a crawl another just finished), and
:data:`SEEDING_DONE`.
Returns 1 if nobody had claimed it, 2 if the claimant died before it finished (its
busy mark is gone), 0 if seeding is done or another live worker is at it.
Invariant: a claimant is marked busy while it seeds, so nobody finds the crawl
finished meanwhile.
"""

REPLACE_TAKEN = """
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('LPUSH', KEYS[1], ARGV[2])
"""
"""A retry or redirect replaces the request it continues in the worker's taken list.

KEYS: NS:taken:<worker>. ARGV: the original request's bytes, the follow-up's bytes.
Invariant: a kill mid-redirect hands back the redirect target (already in the
seen-set, it would otherwise be lost), not the original.
"""

REQUEUE_IF_DEAD = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local n = 0
while redis.call('RPOPLPUSH', KEYS[1], KEYS[3]) do n = n + 1 end
return n
"""
"""Give a worker's taken requests back to the queue, unless that worker is alive.

KEYS: NS:taken:<worker>, NS:busy:<worker> (pass a key that does not exist to
requeue one's own), NS:requests. Returns how many requests went back.
Invariant: a live worker's requests are never taken from it.
"""
