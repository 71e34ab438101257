"""Takedowns and removals: ``configs/exclusions.yaml``, honoured by every release.

    exclusions:
      - url: https://baochinhphu.vn/bai-viet-102230101.htm
        reason: yêu cầu gỡ bỏ thông tin cá nhân
        date: 2026-03-01
      - url_pattern: '/tag/'
        reason: trang thẻ, không phải bài viết
        date: 2026-03-01

Each entry names exactly one of ``url``, ``id``, ``url_pattern`` (regex,
searched) or ``source``. A URL matches a doc's own URL or any of its
``duplicate_urls``: a takedown of an article removes every copy of it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vicorpus.config import configs_dir, describe_error, read_yaml
from vicorpus.errors import UsageError
from vicorpus.patterns import Regex


class Exclusion(BaseModel):
    """One removal rule with its reason and date.

    >>> Exclusion(id="abc", reason="takedown", date="2026-01-02").kind
    'id'
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str | None = None
    id: str | None = None
    url_pattern: Regex | None = None
    source: str | None = None
    reason: str = Field(min_length=1)
    date: date

    @model_validator(mode="after")
    def _exactly_one_target(self) -> "Exclusion":
        given = [k for k in ("url", "id", "url_pattern", "source") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of url, id, url_pattern, source")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("url", "id", "url_pattern", "source") if getattr(self, k) is not None)

    @property
    def target(self) -> str:
        return getattr(self, self.kind)

    def matches(self, row: dict) -> bool:
        """Whether a release row (id, url, source, duplicate_urls) is covered by this rule."""
        urls = [row.get("url") or ""] + list(row.get("duplicate_urls") or [])
        if self.kind == "id":
            return row.get("id") == self.id
        if self.kind == "source":
            return row.get("source") == self.source
        if self.kind == "url":
            return self.url in urls
        pattern = re.compile(self.url_pattern)
        return any(pattern.search(u) for u in urls)


class ExclusionList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exclusions: list[Exclusion] = Field(default_factory=list)


def default_exclusions_path() -> Path:
    return configs_dir() / "exclusions.yaml"


def load_exclusions(path: Path | None) -> list[Exclusion]:
    """Read an exclusions file; ``None`` means configs/exclusions.yaml when present.

    >>> load_exclusions(Path("/nonexistent/exclusions.yaml"))
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: config file not found: /nonexistent/exclusions.yaml
    """
    if path is None:
        path = default_exclusions_path()
        if not path.is_file():
            return []
    data = read_yaml(Path(path))
    try:
        return ExclusionList(**data).exclusions
    except ValidationError as exc:
        raise UsageError(describe_error(exc, path)) from None


def first_match(rules: list[Exclusion], row: dict) -> Exclusion | None:
    """The first rule covering ``row`` (file order), or None."""
    return next((rule for rule in rules if rule.matches(row)), None)
