"""Config models: one YAML file per source, one per pipeline.

Every model rejects unknown keys; errors name the file and the key, so a typo
in a source file is one clear line, not a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vicorpus.errors import UsageError
from vicorpus.patterns import CssSelector, Regex


class StrictModel(BaseModel):
    # defer_build: a model's validator is built when it first validates, so a command builds only
    # the models it uses (building all of them at import took 60 ms of every command's start-up)
    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)


class ExtractRules(StrictModel):
    """Per-source extraction overrides (kept in the config, not in code)."""

    # Regex on the URL with named groups y m d and optional H M S (2-digit y allowed),
    # e.g. baochinhphu's '-102(?P<y>\d{2})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})'.
    date_from_url: Regex | None = None
    # Paragraphs matching any of these regexes are boilerplate on this site.
    drop_paragraph_patterns: list[Regex] = Field(default_factory=list)
    # CSS selector of the lead/sapo when trafilatura misses it.
    lead_selector: CssSelector | None = None
    # Learn this source's template from its pages and strip it (normalize/templates.py). Off for
    # a source whose pages are documents of one form (decrees share their clauses on purpose).
    learn_template: bool = True


# The source keys a crawl reads to choose what it fetches.
CRAWL_KEYS = frozenset({"name", "start_urls", "allowed_domains", "sitemaps", "feeds", "article_url_pattern",
                        "deny_url_patterns", "allow_private_network", "successor_domains", "example_article_urls",
                        "max_depth"})


class SourceConfig(StrictModel):
    """One site to crawl (``configs/sources/NAME.yaml``).

    >>> SourceConfig(name="demo", title="Cổng thông tin mẫu",
    ...     start_urls=["http://127.0.0.1:8000/"], allowed_domains=["127.0.0.1"],
    ...     licence="Ghi rõ nguồn khi phát hành lại", attribution="Nguồn: mẫu").name
    'demo'
    """

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    title: str
    start_urls: list[str] = Field(min_length=1)
    allowed_domains: list[str] = Field(min_length=1)
    sitemaps: list[str] = Field(default_factory=list)
    feeds: list[str] = Field(default_factory=list)
    article_url_pattern: Regex | None = None
    deny_url_patterns: list[Regex] = Field(default_factory=list)
    licence: str
    attribution: str
    allow_private_network: bool = False
    # Beyond DESIGN.md: what a researcher needs to keep a source list honest.
    url: str | None = None  # home page shown in the card
    status: Literal["active", "redirects", "archived", "gone", "unverified"] = "active"
    notes: str | None = None
    successor_domains: list[str] = Field(default_factory=list)
    example_article_urls: list[str] = Field(default_factory=list)
    max_depth: int | None = Field(default=None, ge=0)
    extract: ExtractRules = Field(default_factory=ExtractRules)

    @field_validator("start_urls", "sitemaps", "feeds")
    @classmethod
    def _http_only(cls, value: list[str]) -> list[str]:
        for url in value:
            if not re.match(r"^https?://", url):
                raise ValueError(f"only http(s) URLs are crawled, not {url!r}")
        return value

    @model_validator(mode="after")
    def _inside_the_site(self) -> "SourceConfig":
        """Every URL the crawl starts from is on an allowed domain (the crawler would skip it
        silently), and every example article matches ``article_url_pattern``."""
        from vicorpus.urls import host_allowed

        domains = self.allowed_domains + self.successor_domains
        for key in ("start_urls", "sitemaps", "feeds"):
            for number, url in enumerate(getattr(self, key)):
                host = re.sub(r"^https?://([^/?#]*@)?", "", url).split("/")[0].split("?")[0].split(":")[0]
                if not host_allowed(host, domains):
                    raise ValueError(f"{key}[{number}] {url} is outside allowed_domains {self.allowed_domains}")
        if self.article_url_pattern:
            for url in self.example_article_urls:
                if not re.search(self.article_url_pattern, url):
                    raise ValueError(f"article_url_pattern {self.article_url_pattern!r} does not match "
                                     f"the example article {url}")
        return self

    def crawl_part(self) -> dict:
        """The keys that decide what a crawl fetches (CRAWL_KEYS); the others (extraction rules,
        licence, attribution, title, notes) can change without a new crawl."""
        return {key: value for key, value in self.model_dump(mode="json").items() if key in CRAWL_KEYS}

    def sha256(self) -> str:
        """Hash of the config as loaded: recorded in WARC files and in every row."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class CrawlSettings(StrictModel):
    max_pages: int | None = Field(default=None, ge=1)
    max_time: float | None = Field(default=None, gt=0)
    since: date | None = None
    frontier: str | None = None
    processes: int | None = Field(default=None, ge=1)   # crawl processes at once (default: one per CPU)
    max_requests: int | None = Field(default=None, ge=1)  # requests in flight over the whole crawl (32)


class ExtractSettings(StrictModel):
    workers: int = Field(default=1, ge=1)
    executor: Literal["local", "ray"] = "local"
    min_syllables: int = Field(default=60, ge=0)
    min_sentences: int = Field(default=2, ge=0)
    min_language_score: float = Field(default=0.5, ge=0, le=1)
    max_symbol_ratio: float = Field(default=0.25, ge=0, le=1)
    max_duplicate_line_ratio: float = Field(default=0.3, ge=0, le=1)
    # Share of paragraphs that are site chrome ("Tin liên quan", share bars) left in the text.
    max_boilerplate_ratio: float = Field(default=0.3, ge=0, le=1)
    redact_pii: bool = True
    # Word segmentation (underthesea) of kept docs; off leaves text_segmented/n_words empty.
    segment: bool = True
    # executor ray: cluster address (None: $RAY_ADDRESS, else a local Ray with `workers` CPUs).
    ray_address: str | None = None


class DedupSettings(StrictModel):
    threshold: float = Field(default=0.7, gt=0, le=1)
    num_perm: int = Field(default=128, ge=16, le=1024)
    shingle_size: int = Field(default=3, ge=1, le=10)
    executor: Literal["local", "ray"] = "local"
    # Parallel work units (local processes or Ray tasks); None: one per CPU. Outputs do not depend on it.
    workers: int | None = Field(default=None, ge=1)
    # executor ray: cluster address (None: $RAY_ADDRESS, else a local Ray on all CPUs).
    ray_address: str | None = None
    # A previous release: its dedup_index/ is loaded so new docs are matched against it.
    previous: Path | None = None


class ReleaseSettings(StrictModel):
    version: str = Field(default="0.1.0", pattern=r"^\d+\.\d+\.\d+$")
    out: Path = Path("releases")
    previous: Path | None = None
    shard_size_mb: int = Field(default=256, ge=1)
    exclusions: Path | None = None
    name: str = "vicorpus"


class PublishSettings(StrictModel):
    repo_id: str
    endpoint: str | None = None
    private: bool = False


class PipelineConfig(StrictModel):
    """A whole run from one file (``configs/pipelines/NAME.yaml``)."""

    workdir: Path
    sources: list[str] = Field(min_length=1)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    dedup: DedupSettings = Field(default_factory=DedupSettings)
    release: ReleaseSettings = Field(default_factory=ReleaseSettings)
    publish: PublishSettings | None = None


def configs_dir() -> Path:
    """Where ``sources/`` and ``pipelines/`` live.

    ``$VICORPUS_CONFIGS`` wins; then the checkout's ``configs/``; then the copy
    shipped inside the wheel.
    """
    if os.environ.get("VICORPUS_CONFIGS"):
        return Path(os.environ["VICORPUS_CONFIGS"])
    checkout = Path(__file__).resolve().parent.parent / "configs"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "_configs"


def describe_error(error: ValidationError, path: Path | str) -> str:
    """One line for the first problem of a config file: the file, the key, what is wrong.

    >>> try:
    ...     SourceConfig(name="x", title="X", start_urls=["https://x.vn/"], allowed_domains=["x.vn"],
    ...                  licence="l", attribution="a", deny_url_patterns=["/tag/", "[0-9"])
    ... except ValidationError as exc:
    ...     print(describe_error(exc, "x.yaml"))
    x.yaml: key 'deny_url_patterns.1': bad regular expression '[0-9': unterminated character set at position 0
    """
    errors = error.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    unknown = [".".join(str(part) for part in e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    if first["type"] == "extra_forbidden":
        return f"{path}: unknown key '{where}'"
    if first["type"] == "missing":
        # a misspelt required key is both missing and unknown: name the spelling found too
        parent = where.rpartition(".")[0]
        found = next((u for u in unknown if u.rpartition(".")[0] == parent), None)
        return f"{path}: missing key '{where}'" + (f" (unknown key '{found}' found: a typo?)" if found else "")
    message = first["msg"].removeprefix("Value error, ")
    if not first["loc"]:  # a check across keys: its message names them
        return f"{path}: {message}"
    return f"{path}: key '{where}': {message}"


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping, turning every problem into a one-line UsageError."""
    if not path.is_file():
        raise UsageError(f"config file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise UsageError(f"{path}: not valid YAML{line}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of keys at the top level")
    return data


def load_source(name_or_path: str | Path) -> SourceConfig:
    """Load a source by name (``configs/sources/NAME.yaml``) or by path.

    >>> load_source("no-such-source")
    Traceback (most recent call last):
    ...
    vicorpus.errors.UsageError: unknown source 'no-such-source' (see `vicorpus sources`)
    """
    text = str(name_or_path)
    path = Path(text)
    if not (text.endswith((".yaml", ".yml")) or path.is_file()):
        path = configs_dir() / "sources" / f"{text}.yaml"
        if not path.is_file():
            raise UsageError(f"unknown source '{text}' (see `vicorpus sources`)")
    return parse_source(read_yaml(path), path)


def parse_source(data: dict, where: Path | str) -> SourceConfig:
    """A SourceConfig from loaded data; any problem is one UsageError line naming ``where``."""
    try:
        return SourceConfig(**data)
    except ValidationError as exc:
        raise UsageError(describe_error(exc, where)) from None


def list_sources() -> list[Path]:
    """All source config files, sorted by name."""
    return sorted((configs_dir() / "sources").glob("*.yaml"))


def load_pipeline(path: str | Path) -> PipelineConfig:
    """Load a pipeline file; its sources are checked when the run starts."""
    path = Path(path)
    data = read_yaml(path)
    try:
        return PipelineConfig(**data)
    except ValidationError as exc:
        raise UsageError(describe_error(exc, path)) from None
