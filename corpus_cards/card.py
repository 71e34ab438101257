"""The dataset card's YAML header and its offline validation.

The header is built as a dict and written with ``yaml.safe_dump`` (never by
string formatting), and :func:`validate_card` re-reads it with
huggingface_hub's own parser plus the Hub's metadata rules we can check
offline (licence ids, size buckets, language codes, configs, dataset_info).
"""

from __future__ import annotations

import re
from pathlib import Path

import datasets
import yaml
from huggingface_hub import DatasetCard

from corpus_cards.escaping import one_line
from vicorpus.schema import RELEASE_COLUMNS, RELEASE_SCHEMA

# Licence ids the Hub accepts that a news source's terms may plausibly map to.
HUB_LICENSES = {
    "apache-2.0", "mit", "cc0-1.0", "cc-by-2.0", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0",
    "cc-by-sa-4.0", "cc-by-nc-4.0", "cc-by-nc-sa-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-4.0",
    "odc-by", "odbl", "pddl", "gpl-3.0", "other", "unknown",
}
TASK_CATEGORIES = {"text-generation", "fill-mask", "text-classification", "translation"}
SIZE_BUCKETS = [
    (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
    (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"), (10**12, "100B<n<1T"),
]
LICENSE_NAME = "vicorpus-source-terms"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9\-\.]*$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SPDX_GUESS = {  # licence text as a site might publish it -> Hub id
    "cc by 4.0": "cc-by-4.0", "cc-by-4.0": "cc-by-4.0", "cc by-sa 4.0": "cc-by-sa-4.0",
    "cc-by-sa-4.0": "cc-by-sa-4.0", "cc0": "cc0-1.0", "cc0-1.0": "cc0-1.0",
}


def size_category(n: int) -> str:
    """The Hub's size bucket for ``n`` rows.

    >>> size_category(999), size_category(1000)
    ('n<1K', '1K<n<10K')
    """
    for limit, label in SIZE_BUCKETS:
        if n < limit:
            return label
    return "n>1T"


def license_id(licences: list[str]) -> str:
    """One Hub licence id when every source's terms name the same known licence, else other.

    >>> license_id(["CC BY 4.0", "cc-by-4.0"]), license_id(["Ghi rõ nguồn"])
    ('cc-by-4.0', 'other')
    """
    ids = {_SPDX_GUESS.get(one_line(text).lower()) for text in licences}
    return ids.pop() if len(ids) == 1 and None not in ids else "other"


def config_name(source: str) -> str:
    """A source's config name (``default`` is taken by the whole corpus)."""
    return f"source-{source}" if source == "default" else source


def features_yaml() -> list[dict]:
    return datasets.DatasetInfo(features=datasets.Features.from_arrow_schema(RELEASE_SCHEMA)) \
        ._to_yaml_dict()["features"]


def card_header(*, pretty_name: str, licences: list[str], n_rows: int, num_bytes: int,
                download_size: int, per_source: dict[str, dict]) -> dict:
    """The YAML header dict. ``per_source``: name -> {num_examples, num_bytes}.

    Per-source configs read every shard with a pyarrow filter on ``source``
    (rows stay sorted by id across one set of shards, as DESIGN.md lays out).
    """
    files = [{"split": "train", "path": "data/train-*"}]
    configs = [{"config_name": "default", "default": True, "data_files": files}]
    infos = [_info("default", n_rows, num_bytes, download_size)]
    for source, figures in sorted(per_source.items()):
        name = config_name(source)
        configs.append({"config_name": name, "data_files": files,
                        "filters": [["source", "==", source]]})
        infos.append(_info(name, figures["num_examples"], figures["num_bytes"], download_size))
    lic = license_id(licences)
    header = {
        "pretty_name": one_line(pretty_name, 120),
        "license": lic,
        "language": ["vi"],
        "multilinguality": ["monolingual"],
        "language_creators": ["found"],
        "annotations_creators": ["no-annotation"],
        "task_categories": ["text-generation", "fill-mask"],
        "task_ids": ["language-modeling", "masked-language-modeling"],
        "size_categories": [size_category(n_rows)],
        "source_datasets": ["original"],
        "tags": ["vietnamese", "news"],
        "configs": configs,
        "dataset_info": infos,
    }
    if lic == "other":
        # The per-source terms are tabulated in the card's "Sources" section.
        header["license_name"] = LICENSE_NAME
        header["license_link"] = "README.md"
    return header


def _info(name: str, n: int, num_bytes: int, download_size: int) -> dict:
    return {"config_name": name, "features": features_yaml(),
            "splits": [{"name": "train", "num_bytes": int(num_bytes), "num_examples": int(n)}],
            "download_size": int(download_size), "dataset_size": int(num_bytes)}


def dump_header(header: dict) -> str:
    """``---\\n<yaml>---\\n``; one-line strings and safe_dump keep hostile text inert."""
    body = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{body}---\n"


def validate_card(readme: Path | str, release_dir: Path | None = None) -> list[str]:
    """Problems with a card's metadata by the Hub's rules (offline); empty = ok.

    >>> validate_card("---\\nlicense: nope\\n---\\n# x\\n")[0]
    "license 'nope' is not a Hub licence id"
    """
    text = readme.read_text(encoding="utf-8") if isinstance(readme, Path) else readme
    if not text.startswith("---\n"):
        return ["card does not start with a YAML header"]
    try:
        data = DatasetCard(text).data.to_dict()
    except Exception as exc:  # noqa: BLE001 - any parse failure is a card problem
        return [f"card header does not parse: {one_line(exc, 200)}"]
    problems = []
    lic = data.get("license")
    if lic not in HUB_LICENSES:
        problems.append(f"license {lic!r} is not a Hub licence id")
    if lic == "other" and not (data.get("license_name") and data.get("license_link")):
        problems.append("license other needs license_name and license_link")
    if data.get("license_name") and not _SLUG.match(str(data["license_name"])):
        problems.append("license_name must be lowercase letters, digits and hyphens")
    langs = data.get("language")
    if not isinstance(langs, list) or not langs or not all(_LANG.match(str(x)) for x in langs):
        problems.append(f"language must be a list of ISO 639 codes, not {langs!r}")
    for task in data.get("task_categories") or []:
        if task not in TASK_CATEGORIES:
            problems.append(f"unknown task category {task!r}")
    if not one_line(data.get("pretty_name")):
        problems.append("pretty_name is empty")
    problems += _check_configs(data, release_dir)
    return problems


def _check_configs(data: dict, release_dir: Path | None) -> list[str]:
    problems = []
    configs = data.get("configs") or []
    infos = {i.get("config_name", "default"): i for i in data.get("dataset_info") or []
             if isinstance(i, dict)}
    names = [c.get("config_name") for c in configs]
    if names.count("default") != 1 or len(set(names)) != len(names):
        problems.append(f"configs must name 'default' once and be unique: {names}")
    for config in configs:
        name = config.get("config_name")
        info = infos.get(name)
        if info is None:
            problems.append(f"config {name!r} has no dataset_info")
            continue
        columns = [f.get("name") for f in info.get("features") or []]
        if columns != RELEASE_COLUMNS:
            problems.append(f"config {name!r}: features {columns} differ from the release schema")
        splits = {s.get("name"): s for s in info.get("splits") or []}
        if "train" not in splits or not isinstance(splits["train"].get("num_examples"), int):
            problems.append(f"config {name!r}: dataset_info lacks train num_examples")
        if release_dir is not None:
            for entry in config.get("data_files") or []:
                if not list(release_dir.glob(entry.get("path", ""))):
                    problems.append(f"config {name!r}: no file matches {entry.get('path')!r}")
    default = infos.get("default")
    if default is not None:
        n = sum(s.get("num_examples", 0) for s in default.get("splits") or [])
        if (data.get("size_categories") or [None])[0] != size_category(n):
            problems.append(f"size_categories {data.get('size_categories')} does not match "
                            f"{n} rows ({size_category(n)})")
    return problems
