"""Extract on Ray: each WARC shard is one Ray task running :func:`extract_shard`.

The task is the very function the local process pool runs, so a shard writes the
same ``docs/<stem>.parquet`` bytes and the same ``.done`` marker; a killed Ray
run resumes by shard like a local one. Ray reuses worker processes, so
underthesea's model is loaded once per worker (``load_segmenter`` caches it).
Every node must see the workdir at the same path (a shared filesystem).

>>> # run_extract(workdir, ExtractSettings(executor="ray", workers=4))
"""

from __future__ import annotations

from typing import Iterator

from vicorpus.config import ExtractSettings
from vicorpus.executors.ray import connect_ray


def map_shards_on_ray(jobs: list[tuple], settings: ExtractSettings) -> Iterator[dict]:
    """Run ``extract_shard(*job)`` for every job as a Ray task; yield counts as shards finish."""
    if not jobs:
        return
    ray = connect_ray(settings.ray_address, num_cpus=settings.workers)
    from normalize.stage import extract_shard

    task = ray.remote(num_cpus=1, max_retries=2)(extract_shard)
    pending = [task.remote(*job) for job in jobs]
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        yield ray.get(done[0])
