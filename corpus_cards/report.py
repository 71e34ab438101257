"""report.html: one offline page for a curator (inline SVG, no scripts, no external files).

Figures: docs per source, per month, length histogram, drop reasons, cluster
sizes. Tables: drops per source and reason (so a site whose articles are being
dropped stands out). Samples: dropped docs per reason, duplicate clusters side by side.
Every page string is HTML-escaped; links only to plain http(s) URLs.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow.compute as pc

from corpus_cards.escaping import h, one_line, safe_url
from corpus_cards.rows import ReleaseRows

SAMPLES_PER_REASON = 5
CLUSTER_SAMPLES = 5
COPIES_PER_CLUSTER = 3  # removed copies shown next to the kept page
EXCERPT = 400

_CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}
h1,h2{font-weight:600}figure{margin:1em 0}svg text{font-size:11px;fill:#333}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
.pair{display:flex;gap:1em}.pair>div{flex:1;border:1px solid #ddd;padding:.5em;white-space:pre-wrap}
.excerpt{white-space:pre-wrap;color:#444}"""


def bar_chart(title: str, items: list[tuple[str, int]], chart_id: str) -> str:
    """A horizontal bar chart as an inline <svg> (labels escaped).

    >>> "<svg" in bar_chart("Docs", [("a<b", 3)], "x")
    True
    """
    items = items or [("(none)", 0)]
    top = max(v for _, v in items) or 1
    row, left, width = 20, 180, 420
    parts = [f'<figure id="{h(chart_id)}"><figcaption>{h(title)}</figcaption>'
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{h(title)}" '
             f'width="{left + width + 60}" height="{row * len(items) + 10}">']
    for i, (label, value) in enumerate(items):
        y = i * row + 5
        bar = int(width * value / top)
        parts.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{h(one_line(label, 30))}</text>'
                     f'<rect x="{left}" y="{y}" width="{bar}" height="{row - 4}" fill="#4a7ab5">'
                     f'<title>{h(label)}: {value}</title></rect>'
                     f'<text x="{left + bar + 4}" y="{y + 13}">{value}</text>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _link(url: str | None, label: str | None = None) -> str:
    """A link to an http(s) URL; any other URL is shown as text next to the label.

    >>> _link("javascript:alert(1)", "x")
    'x (javascript:alert(1))'
    """
    target = safe_url(url)
    text = h(one_line(label or url or "", 120))
    if target:
        return f'<a href="{h(target)}">{text}</a>'
    return f"{text} ({h(one_line(url, 120))})" if url and label and label != url else text


def _excerpt(text: str | None) -> str:
    text = text or ""
    return h(text[:EXCERPT] + ("…" if len(text) > EXCERPT else ""))


def _dropped_samples(rows: ReleaseRows) -> str:
    docs = rows.docs.filter(pc.invert(pc.is_null(rows.docs.column("drop_reason"))))
    by_reason = defaultdict(list)
    for r in docs.select(["id", "url", "title", "text", "drop_reason"]).to_pylist():
        if len(by_reason[r["drop_reason"]]) < SAMPLES_PER_REASON:
            by_reason[r["drop_reason"]].append(r)
    for r in rows.excluded[:SAMPLES_PER_REASON]:
        by_reason["excluded"].append({**r, "text": f"{r['reason']} ({r['rule']}, {r['date']})"})
    if not by_reason:
        return "<p>No page was dropped.</p>"
    out = []
    for reason in sorted(by_reason):
        out.append(f'<div class=drop-reason data-reason="{h(reason)}"><h3>{h(reason)}</h3>'
                   "<table><tr><th>page</th><th>text</th></tr>")
        out += [f"<tr><td>{_link(r['url'], r.get('title') or r['url'])}</td>"
                f"<td class=excerpt>{_excerpt(r.get('text'))}</td></tr>" for r in by_reason[reason]]
        out.append("</table></div>")
    return "".join(out)


def _drops_by_source(rows: ReleaseRows) -> str:
    """Per source: fetched pages, then each drop reason with its count and share of them.

    >>> import pyarrow as pa
    >>> docs = pa.table({"source": ["a", "a", "a", "b"], "drop_reason": [None, "not_article:list_page",
    ...                  "not_article:list_page", None]})
    >>> "<td>not_article:list_page</td><td>2</td><td>67%</td>" in _drops_by_source(ReleaseRows(
    ...     table=None, docs=docs, dedup=None))
    True
    """
    fetched: dict = defaultdict(int)
    drops: dict = defaultdict(lambda: defaultdict(int))
    for source, reason in zip(rows.docs.column("source").to_pylist(), rows.docs.column("drop_reason").to_pylist()):
        fetched[source] += 1
        if reason is not None:
            drops[source][reason] += 1
    out = ["<table><tr><th>source</th><th>fetched</th><th>drop reason</th><th>pages</th><th>share</th></tr>"]
    for source in sorted(fetched, key=lambda s: (s is None, s or "")):
        reasons = sorted(drops[source].items(), key=lambda kv: (-kv[1], kv[0])) or [("(none)", 0)]
        for i, (reason, n) in enumerate(reasons):
            head = (f"<td rowspan={len(reasons)}>{h(source or '(no source)')}</td>"
                    f"<td rowspan={len(reasons)}>{fetched[source]}</td>") if i == 0 else ""
            out.append(f"<tr>{head}<td>{h(reason)}</td><td>{n}</td><td>{100 * n / fetched[source]:.0f}%</td></tr>")
    return "".join(out) + "</table>"


def _cluster_samples(rows: ReleaseRows) -> str:
    """One block per duplicate cluster: the kept page and the removed copies side by side."""
    keepers = {r["dedup_cluster"]: r for r in rows.table.select(
        ["dedup_cluster", "url", "title", "text", "dedup_cluster_size"]).to_pylist()
        if (r["dedup_cluster_size"] or 1) > 1}
    docs = {r["id"]: r for r in rows.docs.select(["id", "url", "title", "text"]).to_pylist()}
    removed_by_cluster = defaultdict(list)
    for removed in rows.dedup_removed:
        if removed["dedup_cluster"] in keepers:  # an excluded keeper leaves nothing to compare
            removed_by_cluster[removed["dedup_cluster"]].append(docs.get(removed["id"], removed))
    shown = []
    for cluster in sorted(removed_by_cluster)[:CLUSTER_SAMPLES]:
        keeper = keepers[cluster]
        copies = removed_by_cluster[cluster]
        sides = [f"<div class=kept><b>kept</b> {_link(keeper['url'], keeper['title'])}\n"
                 f"{_excerpt(keeper['text'])}</div>"]
        sides += [f"<div class=removed><b>removed</b> {_link(c.get('url'), c.get('title'))}\n"
                  f"{_excerpt(c.get('text'))}</div>" for c in copies[:COPIES_PER_CLUSTER]]
        more = len(copies) - COPIES_PER_CLUSTER
        note = f"<p>… and {more} more removed copies</p>" if more > 0 else ""
        shown.append(f"<div class=cluster><h3>cluster {h(cluster)} "
                     f"({h(keeper['dedup_cluster_size'])} pages)</h3>"
                     f"<div class=pair>{''.join(sides)}</div>{note}</div>")
    return "".join(shown) or "<p>No duplicate cluster in this release.</p>"


def _sources_table(stats: dict, rows: ReleaseRows) -> str:
    """Docs per stage and the licence text as the released rows carry it, per source."""
    licences = defaultdict(set)
    for source, licence in zip(rows.table.column("source").to_pylist(),
                               rows.table.column("licence").to_pylist()):
        if licence:
            licences[source].add(licence)
    out = ["<table><tr><th>source</th><th>extracted</th><th>kept</th>"
           "<th>duplicates removed</th><th>excluded</th><th>released</th>"
           "<th>licence / terms</th></tr>"]
    for name, v in stats["per_source"].items():
        cells = "".join(f"<td>{h(v[k])}</td>" for k in
                        ("extracted", "kept", "deduplicated_away", "excluded", "released"))
        terms = "<br>".join(h(one_line(t, 300)) for t in sorted(licences[name]))
        out.append(f"<tr><td>{h(name)}</td>{cells}<td>{terms}</td></tr>")
    return "".join(out) + "</table>"


def report_html(*, name: str, version: str, stats: dict, rows: ReleaseRows) -> str:
    """The whole page as one string."""
    lengths = [(f"{b['lo']}–{b['hi'] if b['hi'] is not None else '∞'}", b["count"])
               for b in stats["length"]["histogram"]]
    stages = "".join(f"<tr><td>{h(k)}</td><td>{h(v)}</td></tr>" for k, v in stats["stages"].items())
    figures = [
        bar_chart("Released docs per source",
                  [(s, v["released"]) for s, v in stats["per_source"].items()], "fig-source"),
        bar_chart("Released docs per month (published)", list(stats["per_month"].items()), "fig-month"),
        bar_chart("Length (syllables) histogram", lengths, "fig-length"),
        bar_chart("Drop reasons", list(stats["drop_reasons"].items()), "fig-drops"),
        bar_chart("Duplicate cluster sizes (clusters)",
                  list(stats["dedup"]["cluster_sizes"].items()), "fig-clusters"),
    ]
    title = f"{one_line(name)} {version}: curator report"
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{h(title)}</title>"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            f"style-src 'unsafe-inline'; img-src data:\"><style>{_CSS}</style></head><body>"
            f"<h1>{h(title)}</h1><section id=stages><h2>Stages</h2><table><tr><th>stage</th>"
            f"<th>docs</th></tr>{stages}</table></section>"
            f"<section id=sources><h2>Sources</h2>{_sources_table(stats, rows)}</section>"
            f"<section id=figures><h2>Figures</h2>{''.join(figures)}</section>"
            f"<section id=drops-by-source><h2>Drops per source</h2>{_drops_by_source(rows)}</section>"
            f"<section id=dropped><h2>Dropped docs (samples per reason)</h2>"
            f"{_dropped_samples(rows)}</section>"
            f"<section id=clusters><h2>Duplicate clusters (kept vs removed)</h2>{_cluster_samples(rows)}</section></body></html>\n")
