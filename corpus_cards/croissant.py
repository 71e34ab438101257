"""croissant.json: Croissant 1.0 JSON-LD with RAI and PROV provenance.

One FileObject per shard (with sha256) for integrity, and a FileSet over
``data/*.parquet`` that the RecordSet reads, so ``mlcroissant`` loads rows
from the release directory offline.
"""

from __future__ import annotations

from corpus_cards.escaping import one_line, safe_url
from vicorpus.schema import RELEASE_SCHEMA

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "prov": "http://www.w3.org/ns/prov#",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "double": "sc:Float",
          "timestamp[us, tz=UTC]": "sc:DateTime", "list<item: string>": "sc:Text"}


def _field(name: str, arrow_type: str) -> dict:
    field = {"@type": "cr:Field", "@id": f"train/{name}", "name": name,
             "dataType": _TYPES[arrow_type],
             "source": {"fileSet": {"@id": "parquet-shards"}, "extract": {"column": name}}}
    if arrow_type.startswith("list<"):
        field["repeated"] = True
    return field


def croissant_metadata(*, name: str, version: str, description: str, license_text: str,
                       shards: list[dict], sources: list[dict], stats: dict,
                       date_published: str | None) -> dict:
    """The croissant.json dict. ``shards``: [{path, sha256, size}] relative to the release."""
    pii = stats["pii"]
    derived = [u for u in (safe_url(s.get("url")) for s in sources) if u]
    meta = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": one_line(name, 120),
        "description": one_line(description, 2000),
        "version": version,
        "license": one_line(license_text, 500),
        "url": f"https://huggingface.co/datasets/{one_line(name).replace(' ', '-')}",
        "inLanguage": "vi",
        "keywords": ["Vietnamese", "news", "text corpus"],
        "citeAs": f"{one_line(name)} {version}, built with vicorpus",
        "distribution": [
            {"@type": "cr:FileObject", "@id": shard["path"], "name": shard["path"],
             "contentUrl": shard["path"], "encodingFormat": "application/x-parquet",
             "contentSize": f"{shard['size']} B", "sha256": shard["sha256"]}
            for shard in shards
        ] + [{"@type": "cr:FileSet", "@id": "parquet-shards", "name": "parquet-shards",
              "encodingFormat": "application/x-parquet", "includes": "data/*.parquet"}],
        "recordSet": [{
            "@type": "cr:RecordSet", "@id": "train", "name": "train",
            "description": "One row per duplicate cluster (the keeper), sorted by id.",
            "key": {"@id": "train/id"},
            "field": [_field(f.name, str(f.type)) for f in RELEASE_SCHEMA],
        }],
        "rai:dataCollection": (
            "Public news and government web pages crawled with a robots.txt-obeying, rate-limited Scrapy "
            "crawler; every response archived in WARC/1.1 (warc_file, warc_offset per row); main "
            "text extracted, normalized, filtered, deduplicated with MinHash LSH."),
        "rai:dataCollectionType": "Web Scraping",
        "rai:personalSensitiveInformation": (
            f"E-mail addresses, phone numbers and ID numbers are redacted by pattern before "
            f"release ({pii['redactions']} spans in {pii['docs_with_redactions']} docs); names "
            "of public officials in news reports remain. Removal requests: configs/exclusions.yaml."),
        "rai:dataLimitations": "Only the listed sources, mostly formal news/government register; heuristic "
                               "extraction, language ID, quality filters and PII redaction.",
        "rai:dataBiases": "Topics and viewpoints of official sources; no user-generated text.",
        "prov:wasDerivedFrom": [{"@id": u} for u in derived],
        "prov:wasGeneratedBy": {"@type": "prov:Activity", "name": "vicorpus pipeline",
                                "description": "crawl -> extract -> dedup -> release"},
    }
    if date_published:
        meta["datePublished"] = date_published
    return meta
