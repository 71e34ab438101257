"""Release versions: X.Y.Z, strictly increasing, with a documented bump rule.

The rule (also written into every card):

* **major** — the text a row holds could differ for the same page: a changed
  ``PIPELINE_VERSION`` (extraction, normalization, filters, PII), dedup policy
  (method, threshold, shingles, permutations) or release schema;
* **minor** — new data under the same policy (new crawl, new source, removals);
* **patch** — fixes to metadata/card only.

A release whose policy differs from ``--previous`` without a major bump is
refused: a user pinning ``1.*`` must never get differently processed text.
"""

from __future__ import annotations

import hashlib
import json

from vicorpus.errors import UsageError
from vicorpus.schema import RELEASE_SCHEMA

BUMP_RULE = (
    "new data under the same policy = minor; a changed PIPELINE_VERSION, normalization, "
    "filters, PII or dedup policy, or release schema = major; card/metadata fixes = patch"
)


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``; anything else is a UsageError.

    >>> parse_version("0.10.2")
    (0, 10, 2)
    >>> parse_version("00.3.0")  # SemVer: "00.3.0" and "0.3.0" would be two releases of one version
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: version must be X.Y.Z (digits, no leading zeros), not '00.3.0'
    """
    parts = str(text).split(".")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() and (p == "0" or not p.startswith("0")) for p in parts):
        raise UsageError(f"version must be X.Y.Z (digits, no leading zeros), not {text!r}")
    return tuple(int(p) for p in parts)  # type: ignore[return-value]


def schema_fingerprint() -> str:
    """Hash of the release schema: column names and types, in order."""
    blob = json.dumps([[f.name, str(f.type)] for f in RELEASE_SCHEMA])
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def policy_changes(old: dict, new: dict) -> list[str]:
    """Human lines naming what differs between two policy dicts (stats.json ``policy``).

    >>> policy_changes({"pipeline_versions": ["0.1.0"]}, {"pipeline_versions": ["0.2.0"]})
    ["pipeline_versions: ['0.1.0'] -> ['0.2.0']"]
    """
    lines = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            lines.append(f"{key}: {old.get(key)!r} -> {new.get(key)!r}")
    return lines


def check_version(version: str, previous: str | None, changed_policy: list[str]) -> None:
    """Refuse a version not above ``previous``, or a policy change without a major bump.

    >>> check_version("0.2.0", "0.1.0", [])
    >>> check_version("0.1.0", "0.1.0", [])
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: version 0.1.0 must be greater than the previous release 0.1.0
    """
    new = parse_version(version)
    if previous is None:
        return
    old = parse_version(previous)
    if new <= old:
        raise UsageError(f"version {version} must be greater than the previous release {previous}")
    if changed_policy and new[0] == old[0]:
        raise UsageError(
            f"processing policy changed since {previous} ({'; '.join(changed_policy)}): "
            f"bump the major version (rule: {BUMP_RULE})"
        )
