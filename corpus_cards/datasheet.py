"""The card's Markdown body: a datasheet written from the release's own numbers.

Every string that comes from a source config or a page goes through
:mod:`corpus_cards.escaping`; numbers come from stats.json.
"""

from __future__ import annotations

import json

from corpus_cards.card import config_name
from corpus_cards.escaping import md, md_code, md_link, one_line
from corpus_cards.versioning import BUMP_RULE


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _dedup_settings(summary) -> str:
    if not isinstance(summary, dict):
        return "dedup summary.json was not found; settings unknown."
    settings = summary.get("settings") if isinstance(summary.get("settings"), dict) else summary
    keys = ["method", "threshold", "num_perm", "shingle_size", "bands", "rows"]
    shown = [f"{k} = `{md(settings[k])}`" for k in keys if k in settings]
    return ", ".join(shown) if shown else "see stats.json (`dedup.summary`)."


def datasheet(*, name: str, version: str, stats: dict, sources: list[dict], policy: dict,
              writer: dict, changes: dict | None) -> str:
    """Markdown sections (motivation ... citation) for the card body."""
    st, dd, pii = stats["stages"], stats["dedup"], stats["pii"]
    title = md(name)
    out = [f"# {title} {md(version)}", ""]
    out += ["## Motivation", "",
            f"{title} is a Vietnamese-language text corpus of public web pages (the news and "
            "government sites listed under Sources), built to pre-train and evaluate Vietnamese "
            "language models. Every row keeps its provenance "
            "(URL, WARC file and offset, hashes, pipeline version) so a result can be traced to "
            "the page it came from and a page can be removed on request.", ""]
    out += ["## Sources", "",
            "Licence/terms are copied as published by each site; the release as a whole is "
            "licensed `other`: each row carries its source's `licence` and `attribution`.", "",
            _table(["name", "title", "URL", "licence / terms", "attribution", "docs",
                    "published"],
                   [[md(s["name"]), md(s.get("title")), md_link(s.get("url"), s.get("url")),
                     md(s.get("licence"), 300), md(s.get("attribution"), 200), s["docs"],
                     f"{s.get('date_min') or '?'} – {s.get('date_max') or '?'}"]
                    for s in sources]), ""]
    crawl = stats["crawl"]
    out += ["## Collection process", "",
            f"Pages were fetched between {stats['dates']['fetched_min'] or '?'} and "
            f"{stats['dates']['fetched_max'] or '?'} (UTC) by the vicorpus Scrapy crawler, which "
            "obeys robots.txt, limits concurrency per host with an auto-throttled delay, refuses "
            "private/loopback addresses unless a source allows them, caps response size and "
            "archives every response verbatim in WARC/1.1 files.", ""]
    if crawl.get("report") == "missing":
        out += [f"Crawl report: {md(crawl['note'])}.", ""]
    else:
        reasons = ", ".join(f"{md(k)}: {v}" for k, v in crawl.get("not_fetched_reasons", {}).items())
        out += [f"Pages never fetched: {crawl.get('not_fetched', 0)} ({reasons or 'none'}).", ""]
    out += ["## Preprocessing", "",
            "Main text is extracted from the archived HTML (trafilatura plus site rules), then "
            "normalized (Unicode NFC, Vietnamese tone-mark placement, whitespace; paragraphs "
            "separated by a blank line), language-identified, filtered for quality, "
            "PII-redacted and word-segmented (underthesea).", "",
            f"- Pipeline versions: {', '.join(md_code(v) for v in policy['pipeline_versions']) or '?'}",
            f"- Extractors: {', '.join(md_code(v) for v in policy['extractors']) or '?'}", "",
            "| stage | docs |", "|---|---|"]
    out += [f"| {md(k)} | {v if v is not None else 'unknown'} |" for k, v in st.items()]
    if st.get("earlier_fetches_superseded"):
        out += ["", "A page fetched again by a later crawl counts once, by its latest fetch "
                    f"(earlier fetches superseded: {st['earlier_fetches_superseded']})."]
    out += ["", "Drop reasons (pages fetched but not released):", "",
            _table(["reason", "docs"], [[md(k), v] for k, v in stats["drop_reasons"].items()])
            if stats["drop_reasons"] else "No page was dropped.", ""]
    out += ["### Personal information", "",
            f"E-mail addresses, phone numbers and ID numbers found in text are replaced by "
            f"placeholders before release: {_count(pii['redactions'], 'span')} in "
            f"{_count(pii['docs_with_redactions'], 'doc')} (`pii_redactions` per row). Names of public "
            "officials in news reports are kept. Removal requests are honoured through "
            "`configs/exclusions.yaml` in every later release "
            f"({st['excluded']} docs excluded in this one).", ""]
    out += ["## Deduplication", "",
            f"Exact and MinHash-LSH near-duplicate detection ({_dedup_settings(dd['summary'])}). "
            f"{dd['clusters']} clusters, {dd['multi_member_clusters']} with more than one page, "
            f"largest {dd['largest_cluster']}; {_count(dd['removed'], 'duplicate')} removed (exact or near). The "
            "release keeps one row per cluster; `duplicate_urls` lists the other copies.", ""]
    out += ["## Known limitations and biases", "",
            "- Only the sites listed under Sources: news and government pages are mostly formal "
            "register and official viewpoints, with topics skewed to policy, administration and "
            "economy; little dialogue or dialectal text.",
            "- Extraction can keep captions or boilerplate and can miss text rendered by scripts.",
            "- Language ID and quality filters are heuristic; PII redaction is pattern-based and "
            "can miss or over-redact.",
            f"- Publication dates are missing for {stats['per_month'].get('unknown', 0)} docs.", ""]
    example = config_name(sources[0]["name"]) if sources else "default"
    out += ["## How to load", "", "```python", "from datasets import load_dataset",
            f'ds = load_dataset("path/to/releases/{version}")          # this release',
            f'ds = load_dataset("OWNER/NAME", revision="v{version}")  # from the Hub, pinned',
            f'one = load_dataset("path/to/releases/{version}", "{example}")  # one source',
            "```", "",
            f"Versioning: {BUMP_RULE}. Releases never change once written; "
            "`CHECKSUMS.sha256` lists the sha256 of every file (`vicorpus verify`).", "",
            f"Shards are written with pyarrow {md(writer['pyarrow'])} and fixed options "
            f"{md_code(json.dumps(writer['options'], sort_keys=True))}, rows sorted by `id`: the same "
            "docs give byte-identical files.", ""]
    if changes is not None:
        out += ["## Changes", "",
                f"Against {md(changes['previous'])}: {len(changes['added'])} added, "
                f"{len(changes['removed'])} removed, {len(changes['changed'])} changed "
                "(see CHANGELOG.md and changes.json).", ""]
    key = "".join(ch for ch in one_line(name) if ch.isalnum()) or "vicorpus"
    out += ["## Citation", "", "```bibtex",
            f"@misc{{{key}_{version.replace('.', '_')},",
            f"  title = {{{{{one_line(name).replace('{', '').replace('}', '')}}}: Vietnamese "
            f"web text corpus, version {version}}},",
            "  note = {Built with vicorpus},", f"  version = {{{version}}}", "}", "```", ""]
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    """ "1 span", "3 spans", "1 duplicate"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
