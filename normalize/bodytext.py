"""The article's paragraphs from trafilatura's output, made to hold on unstructured
templates: layout tables, side columns and the short boxes above the headline go first,
<br>-separated bodies keep their paragraph breaks, and the breadcrumb, dateline and
furniture lines leave the text (normalize/paragraph_repair.py checks the paragraphs
against the page's block structure).

>>> _block_paragraphs("Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025 tại Hà Nội.\\nTheo TTXVN")
['Sở Y tế tổ chức hội nghị tổng kết công tác năm 2025 tại Hà Nội.', 'Theo TTXVN']
>>> _block_paragraphs("Sở Tài chính tỉnh Bình An\\nĐịa chỉ: 45 Lê Lợi")
['Sở Tài chính tỉnh Bình An\\nĐịa chỉ: 45 Lê Lợi']
"""

from __future__ import annotations

import re

import trafilatura

from normalize.blocks import INLINE_TAGS
from normalize.boilerplate import BOX_HEADINGS, is_boilerplate_paragraph, is_breadcrumb, is_document_properties
from normalize.credit import normalize_credit, read_credit
from normalize.dates import date_spans, is_dateline, is_site_dateline, parse_dateline
from normalize.lid import reads_vietnamese
from normalize.pagemeta import norm

_LINE_BREAK = "\n"
_SPACES = re.compile(r"\s+")
_NESTED_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "code"})
ENDS_SENTENCE = re.compile(r"[.!?…:;][\"”»’)]*$")
TRANSLATED_TITLE_WORDS = 30  # a headline's length, in English under the Vietnamese one


def _element_text(node) -> str:
    """Text of a trafilatura output element: HTML whitespace collapsed, <lb> kept as
    a newline (source line wrapping is not a line break), a nested block set apart
    by a blank line."""
    parts = [_SPACES.sub(" ", node.text) if node.text else ""]
    for child in node:
        if child.tag == "lb":
            parts.append(_LINE_BREAK)
        elif child.tag in _NESTED_BLOCKS:  # a <p> inside a <p> (trafilatura keeps some): its own paragraph
            parts.append(f"\n\n{_element_text(child)}\n\n")
        elif child.tag == "row":  # a table's row outside a <table> (trafilatura's div of rows): cells apart
            parts.append("\n" + " | ".join(" ".join(_element_text(c).split()) for c in child) + "\n")
        elif child.tag != "graphic":
            parts.append(_element_text(child))
        if child.tail:
            parts.append(_SPACES.sub(" ", child.tail))
    return "".join(parts)


def _block_paragraphs(text: str) -> list[str]:
    """One output block as paragraphs. Lines broken by <br> are paragraphs when one
    of them is running text (a <br>-separated body, a credit line under the last
    sentence); short lines only (an address, a poem) stay lines of one paragraph.
    A blank line (<br><br>) always ends a paragraph."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = joined_wrapped([line for line in lines if line])
        if not lines:
            continue
        if len(lines) > 1 and any(len(line) >= 60 and ENDS_SENTENCE.search(line) for line in lines):
            paragraphs.extend(lines)
        else:
            paragraphs.append("\n".join(lines))
    return paragraphs


# A line wrapped inside a sentence (text pasted from a PDF, "<br>" at the end of each printed
# line) is at least this long; an address or a verse line is shorter, or its next one is capitalised.
WRAPPED_LINE_MIN = 40
_LIST_NUMBER = re.compile(r"\d+[.)]\s")


def joined_wrapped(lines: list[str]) -> list[str]:
    """``lines`` with each line that stops mid-sentence (``WRAPPED_LINE_MIN``+ characters, no
    mark ending a sentence or a clause) joined to the next when that one goes on in lower case
    or with a figure (not an item's number, "2. ").

    >>> joined_wrapped(["Chủ tịch UBND tỉnh chủ trì cuộc họp nghe Sở Tài chính báo cáo tình",
    ...                  "hình giải ngân vốn đầu tư công năm 2026.", "Tham dự có lãnh đạo các sở."])
    ['Chủ tịch UBND tỉnh chủ trì cuộc họp nghe Sở Tài chính báo cáo tình hình giải ngân vốn đầu tư công năm 2026.', 'Tham dự có lãnh đạo các sở.']
    >>> joined_wrapped(["Sở Tài chính tỉnh Bình An", "số 45 Lê Lợi"])
    ['Sở Tài chính tỉnh Bình An', 'số 45 Lê Lợi']
    >>> joined_wrapped(["1. Tổng kế hoạch vốn đầu tư công năm 2026 của tỉnh là", "9.874,3 tỷ đồng.", "2. Giao Sở"])
    ['1. Tổng kế hoạch vốn đầu tư công năm 2026 của tỉnh là 9.874,3 tỷ đồng.', '2. Giao Sở']
    """
    joined: list[str] = []
    for line in lines:
        if joined and len(joined[-1]) >= WRAPPED_LINE_MIN and not ENDS_SENTENCE.search(joined[-1]) \
                and (line[0].islower() or (line[0].isdigit() and not _LIST_NUMBER.match(line))):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def _is_layout(table) -> bool:
    """A table trafilatura kept whose cells hold paragraphs (an old portal's page layout, when
    no body block was found to unwrap it first), not data: read cell by cell, paragraph by
    paragraph, never as one row of cells joined by " | "."""
    return any(sum(1 for child in cell if child.tag in _NESTED_BLOCKS) >= 2 for cell in table.iter("cell"))


def _paragraphs_from_body(body) -> list[str]:
    paragraphs = []
    for block in body:
        if not isinstance(block.tag, str):
            continue
        if block.tag == "list":
            for item in block.iter("item"):
                paragraphs.extend(_block_paragraphs(_element_text(item)))
        elif block.tag == "table" and _is_layout(block):
            for cell in block.iter("cell"):
                paragraphs.extend(_block_paragraphs(_element_text(cell)))
        elif block.tag in ("table", "row"):  # (a row alone: trafilatura's table without its <table>)
            rows = [" | ".join(" ".join(_element_text(c).split()) for c in row)
                    for row in block.iter("row")]
            paragraphs.append("\n".join(r for r in rows if r.strip()))
        else:
            paragraphs.extend(_block_paragraphs(_element_text(block)))
    return [p for p in paragraphs if p.strip()]


# trafilatura's public entry point with the settings we rely on: tables in, links,
# images and comments out, recall favoured (the pruning above removes the chrome),
# no metadata (ours is read from the page), no cross-page dedup.
_TRAFILATURA_SETTINGS = dict(output_format="xml", include_comments=False, include_tables=True,
                             include_images=False, include_links=False, favor_recall=True,
                             deduplicate=False, with_metadata=False)


def run_trafilatura(tree, url: str) -> list[str]:
    for figure in list(tree.iter("figure")):
        if _holds_text(figure):
            figure.tag = "div"  # a table set in a <figure> (WordPress's wp-block-table): trafilatura drops figures
    rows = _table_rows(tree)
    try:
        document = trafilatura.bare_extraction(tree, url=url or None, **_TRAFILATURA_SETTINGS)
    except Exception:  # trafilatura can trip on odd trees; the caller drops a row, never crashes
        return []
    body = getattr(document, "body", None)
    paragraphs = _paragraphs_from_body(body) if body is not None else []
    # When trafilatura reads a table as plain text (its fallback extractors do), a row comes back
    # as its cells run together ("Giám đốc SởNgô Văn Thắng0297.3862.101"): cells apart again.
    paragraphs = [rows.get(" ".join(p.split()), p) for p in paragraphs] if rows else paragraphs
    # When it reads a whole box as one paragraph (its fallback does, on a page of little prose:
    # a register, a gallery), the box's rows and blocks are in it one after another: apart again.
    if len(paragraphs) <= BLOB_MAX_PARAGRAPHS and any(_blob_like(p) for p in paragraphs):
        units = _units(tree)
        paragraphs = [piece for p in paragraphs
                      for piece in ((_blob_apart(" ".join(p.split()), units) or [p]) if _blob_like(p) else [p])]
    return paragraphs


def _holds_text(figure) -> bool:
    """Does a <figure> hold text of its own (a table, read or unwrapped), beyond its caption?"""
    caption = sum(len(c.text_content().split()) for c in figure.iter("figcaption"))
    return len(figure.text_content().split()) - caption >= 20


def _table_rows(tree) -> dict[str, str]:
    """{a row's cells run together: the cells joined by " | "} for the rows of 2+ cells."""
    rows = {}
    for row in tree.iter("tr"):
        cells = _cells(row)
        if len(cells) >= 2:
            rows[" ".join("".join(cells).split())] = " | ".join(cells)
    return rows


def _cells(row) -> list[str]:
    cells = [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
    return [cell for cell in cells if cell]


# trafilatura's output is read for a box run together when it has this many paragraphs or
# fewer and one of them is a single line this long; the run must hold BLOB_UNITS_MIN of the
# page's rows and blocks one after another.
BLOB_MAX_PARAGRAPHS = 3
BLOB_MIN_CHARS = 200
BLOB_UNITS_MIN = 3
_BLOCK_TAGS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dt", "dd",
                         "blockquote", "section", "article", "header", "footer", "address", "caption",
                         "table", "tr", "ul", "ol", "dl", "figure", "form", "label"})


def _blob_like(paragraph: str) -> bool:
    return len(paragraph) >= BLOB_MIN_CHARS and "\n" not in paragraph


def _units(tree) -> list[tuple[str, str, bool]]:
    """(text with cells and words apart, the text as a paragraph reads it, a table row?) of the
    page's table rows of 2+ cells and its innermost blocks outside tables, in page order."""
    outer = set()  # the elements that hold a block
    for node in tree.iter():
        if node.tag in _BLOCK_TAGS:
            for ancestor in node.iterancestors():
                if ancestor in outer:
                    break
                outer.add(ancestor)
    units = []
    for node in tree.iter():
        if node.tag == "tr":
            cells = _cells(node)
            if len(cells) >= 2:
                units.append((" ".join(cells), " | ".join(cells), True))
        elif node.tag in _BLOCK_TAGS and node not in outer and next(node.iterancestors("tr"), None) is None:
            text = " ".join(node.text_content().split())
            if text:
                units.append((text, text, False))
    return units


def _blob_apart(text: str, units: list[tuple[str, str, bool]]) -> list[str]:
    r"""``text`` (one paragraph) with the runs of ``BLOB_UNITS_MIN``+ of the page's ``units``
    (:func:`_units`) it holds one after another set apart: a table's rows as one paragraph (a row
    a line, cells joined by " | "), each block its own; the text around them stays as it is.
    Empty when it holds no such run (a sentence that merely quotes a row's cells is no table).

    >>> units = [("STT Số hiệu", "STT | Số hiệu", True), ("1 12/QĐ-UBND", "1 | 12/QĐ-UBND", True),
    ...          ("2 3/KH-UBND", "2 | 3/KH-UBND", True), ("Trang 1 2", "Trang 1 2", False)]
    >>> _blob_apart("Văn bản mới STT Số hiệu 1 12/QĐ-UBND 2 3/KH-UBND Trang 1 2", units)
    ['Văn bản mới', 'STT | Số hiệu\n1 | 12/QĐ-UBND\n2 | 3/KH-UBND', 'Trang 1 2']
    """
    runs, run, pos = [], None, 0  # a run: [start, end, units found]
    for spaced, rendered, is_row in units:
        at = text.find(spaced, pos)
        if at < 0:
            continue
        if run is not None and text[run[1]:at].strip():  # something between: the run ends
            runs.append(run)
            run = None
        if run is None:
            run = [at, at, []]
        run[2].append((rendered, is_row))
        pos = run[1] = at + len(spaced)
    if run is not None:
        runs.append(run)
    runs = [r for r in runs if len(r[2]) >= BLOB_UNITS_MIN]
    if not runs:
        return []
    pieces, pos = [], 0
    for start, stop, found in runs:
        pieces.append(text[pos:start].strip())
        for i, (rendered, is_row) in enumerate(found):
            if is_row and i and found[i - 1][1]:  # the next row of the same table
                pieces[-1] += "\n" + rendered
            else:
                pieces.append(rendered)
        pos = stop
    pieces.append(text[pos:].strip())
    return [piece for piece in pieces if piece]


_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(layout) -> None:
    """Tables that hold the article body are page layout (old portal templates): made
    divs, so the body is read as text, not as table cells joined by " | ", and so are the
    tables nested in them. A table inside the body block (a schedule, a table of fines) is
    data and stays a table.
    """
    body = layout.body.element if layout.body is not None else None
    in_body = {t for t in body.iter("table") if t is not body} if body is not None else set()
    data = {t for node in layout.content if node.tag == "table" for t in node.iter("table") if is_data_table(t)}
    parts = [part for node in layout.content if node.tag == "table" for part in node.iter(*_TABLE_PARTS)
             if (owner := part if part.tag == "table" else next(part.iterancestors("table"), None)) not in in_body
             and owner not in data]
    for part in parts:
        part.tag = "div"


# A table of data: a header row of this many cells or more over this many rows.
DATA_TABLE_COLUMNS = 3
DATA_TABLE_ROWS = 4


def is_data_table(table) -> bool:
    """Is ``table`` data (a register of documents, a schedule), never page layout: a header row
    of ``DATA_TABLE_COLUMNS``+ <th> cells over ``DATA_TABLE_ROWS``+ rows of 2+ cells, no table
    inside it and no cell holding paragraphs? A layout table has no header row and holds boxes.

    >>> import lxml.html
    >>> row = "<tr><td>1</td><td>15/2025/TT-BTC</td><td>Hướng dẫn quản lý thuế</td></tr>"
    >>> is_data_table(lxml.html.fromstring(f"<table><tr><th>STT</th><th>Số</th><th>Trích yếu</th></tr>{row * 4}</table>"))
    True
    >>> is_data_table(lxml.html.fromstring(f"<table>{row * 4}</table>"))
    False
    """
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    if len(rows) < DATA_TABLE_ROWS + 1 or any(t is not table for t in table.iter("table")):
        return False
    header = [cell for cell in rows[0] if cell.tag in ("td", "th")]
    if len(header) < DATA_TABLE_COLUMNS or any(cell.tag != "th" for cell in header):
        return False
    cells = [cell for row in rows[1:] for cell in row if cell.tag in ("td", "th")]
    return (sum(1 for row in rows[1:] if len(row) >= 2) >= DATA_TABLE_ROWS
            and not any(sum(1 for child in cell if child.tag in ("p", "div")) >= 2 for cell in cells))


def keep_article_column(title_node, layout) -> None:
    """Remove what lies outside the smallest box holding both the headline and the body
    block (side columns, banners, footers of table-layout templates)."""
    if title_node is None or layout.body is None:
        return
    body = layout.body.element
    ancestors = {body, *body.iterancestors()}
    root = next((a for a in (title_node, *title_node.iterancestors()) if a in ancestors), None)
    if root is None or root.tag in ("html", "body"):
        return
    node = root
    while node.getparent() is not None and node.tag != "body":
        parent = node.getparent()
        for sibling in list(parent):
            if sibling is not node and isinstance(sibling.tag, str) and sibling.tag != "head":
                parent.remove(sibling)
        node = parent


# An endless-scroll article page ships the next article below this one, with a headline of the
# same kind; a list of articles has many such headlines.
NEXT_ARTICLES_MAX = 2


def drop_next_articles(title_node, layout) -> bool:
    """Remove the articles a page loaded after its own ("Bài tiếp theo" on endless-scroll news
    sites): the boxes, after the headline, that hold a headline of the same tag and class and
    a body block of their own. Only when there are one or two such headlines (a list's items
    have many); True when something was removed.

    >>> import lxml.html
    >>> from normalize.blocks import analyse
    >>> p = "".join(f"<p>Theo Sở Công Thương, giá lúa tại {k} tỉnh Đồng bằng sông Cửu Long tăng 200 đồng mỗi ký.</p>"
    ...             for k in range(5))
    >>> page = lxml.html.fromstring(f"<div><article><h1 class='t'>Giá lúa tăng</h1><div>{p}</div></article>"
    ...     f"<article><h1 class='t'>Xuất khẩu gạo</h1><div>{p.replace('lúa', 'gạo')}</div></article></div>")
    >>> drop_next_articles(page.find(".//h1"), analyse(page)), len(page.findall(".//article"))
    (True, 1)
    """
    if title_node is None or not title_node.get("class"):
        return False
    kind = [h for h in title_node.getroottree().iter(title_node.tag) if h.get("class") == title_node.get("class")]
    later = kind[kind.index(title_node) + 1:]  # iter() walks in document order
    if not later or len(kind) - 1 > NEXT_ARTICLES_MAX:
        return False
    holders = {title_node, *title_node.iterancestors()}
    removed = False
    for headline in later:
        box = headline
        while box.getparent() is not None and box.getparent() not in holders:
            box = box.getparent()
        bodies = [g for g in layout.groups.values() if g.paragraphs >= 3 and g.words >= 80
                  and (g.element is box or box in set(g.element.iterancestors()))]
        if bodies and box.getparent() is not None:
            box.getparent().remove(box)
            removed = True
    return removed


KICKER_MAX_CHARS = 40


def drop_kickers(title_node, layout, keep: list) -> None:
    """Remove the short boxes just above the headline (a "ĐANG DIỄN RA" badge, a section
    label, a breadcrumb): the article starts at its headline. Only when the body block
    follows the headline, and never a box holding the body or a kept node (the lead).

    >>> import lxml.html
    >>> from normalize.blocks import analyse
    >>> page = lxml.html.fromstring("<div><div class='badge'>ĐANG DIỄN RA</div><h1>Bão số 15 đổ bộ</h1>"
    ...     "<div><p>Bão số 15 đổ bộ vào đất liền Khánh Hòa lúc 13 giờ chiều nay, gió giật cấp 13.</p></div></div>")
    >>> layout = analyse(page)
    >>> drop_kickers(page.find("h1"), layout, [])
    >>> page.text_content()[:15]
    'Bão số 15 đổ bộ'
    """
    if title_node is None or layout.body is None:
        return
    body = layout.body.element
    if title_node in body.iterancestors() or body in title_node.iterancestors():
        return
    body_line = {body, *body.iterancestors()}
    path = [title_node, *title_node.iterancestors()]
    if not any(sibling in body_line for node in path for sibling in node.itersiblings()):
        return  # the body is not after the headline
    guarded = set(body_line)
    for node in keep:
        if node is not None:
            guarded.update((node, *node.iterancestors()))
    for node in path:
        if node.tag in ("body", "html"):
            break
        for sibling in list(node.itersiblings(preceding=True)):
            if not isinstance(sibling.tag, str) or sibling in guarded:
                continue
            if len(" ".join(sibling.text_content().split())) <= KICKER_MAX_CHARS:
                sibling.drop_tree()


# a class/id/data-field token that names the element as the text's source
_SOURCE_MARKER = re.compile(r"(?:^|\s)(?:source|nguon|nguon-?tin|credit|news-?source|article-?source)(?:$|\s)",
                            re.IGNORECASE)


def credit_near_body(layout) -> str | None:
    """A credit in the body block or just after it (short boxes following the body block
    and its three nearest ancestors) that trafilatura left out: a credit
    line it dropped as a byline (<p class="author">TTXVN/Vietnam+</p>), else the name
    in an element marked as the source (<p class="source">Đại Đoàn kết</p>)."""
    if layout.body is None:
        return None
    body = layout.body.element
    texts, marked = [], []
    boxes, level = [body], body
    for _ in range(4):  # what follows the body block and its three nearest ancestors
        if level is None or level.tag in ("body", "html"):
            break
        boxes += [box for box in list(level.itersiblings())[:4]
                  if isinstance(box.tag, str) and len(box.text_content()) <= 3000]
        level = level.getparent()
    for box in boxes:
        for node in box.iter():
            # one line of text: an element holding no block (a box's text runs lines together)
            if node is not body and isinstance(node.tag, str) and all(
                    isinstance(c.tag, str) and c.tag in INLINE_TAGS for c in node):
                text = " ".join(node.text_content().split())
                if 2 <= len(text) <= 120:
                    texts.append(text)
                    marker = f"{node.get('class', '')} {node.get('id', '')} {node.get('data-field', '')}"
                    if len(text) <= 60 and _SOURCE_MARKER.search(marker):
                        marked.append(text)
    credit = read_credit(texts)
    if credit or not marked:
        return credit
    name = re.sub(r"^(?:nguồn(?:\s+tin)?|theo|source)\s*:?\s*", "", min(marked, key=len), flags=re.IGNORECASE)
    if name[:1].isupper() and len(name.split()) <= 8 and not re.search(r"\d{3,}|https?:|ảnh", name, re.IGNORECASE):
        return normalize_credit(name)
    return None


TEASER_MAX_WORDS = 20


# The heading of a reference list closing a study or a commentary: what follows is citations.
_REFERENCES = re.compile(r"(?:danh\s+mục\s+)?tài\s+liệu\s+(?:tham\s+khảo|trích\s+dẫn)\s*:?", re.IGNORECASE)


def _related_tail(paragraphs: list[str]) -> int:
    """Where a trailing box of other posts starts: a box heading ("Bài đăng gần đây") followed
    only by short lines (their headlines and counters, no paragraph of running text), or the
    heading of a reference list ("Tài liệu tham khảo") and its citations; else the number of
    paragraphs."""
    for i, paragraph in enumerate(paragraphs):
        if i >= 2 and BOX_HEADINGS.match(norm(paragraph)) and all(
                len(p.split()) <= TEASER_MAX_WORDS for p in paragraphs[i + 1:]):
            return i
        if i >= 2 and _REFERENCES.fullmatch(norm(paragraph)):
            return i
    return len(paragraphs)


def clean_paragraphs(paragraphs: list[str], title: str, rules) -> list[str]:
    extra = [re.compile(p, re.IGNORECASE) for p in (rules.drop_paragraph_patterns if rules else [])]
    kept, seen = [], set()
    norm_title = norm(title)
    for paragraph in paragraphs[:_related_tail(paragraphs)]:
        if "\n" in paragraph and " | " not in paragraph:  # short lines of one block (not table rows):
            # a furniture line among them goes alone
            paragraph = "\n".join(line for line in paragraph.split("\n")
                                  if not is_boilerplate_paragraph(norm(line), extra))
        key = norm(paragraph)
        if key and key == norm_title and len(kept) <= 2 and norm_title not in seen:
            # short lines above the headline are the page's banner ("SỞ Y TẾ TỈNH ... Cổng thông tin"), not its text
            kept = [p for p in kept if len(p.split()) >= 15 or ENDS_SENTENCE.search(p)]
        if not key or key == norm_title or key in seen:
            continue  # the headline repeated, or a second copy of the same block
        if is_boilerplate_paragraph(key, extra) or (" | " in paragraph and is_document_properties(paragraph)):
            continue
        seen.add(key)
        kept.append(paragraph)
    return _drop_leading_chrome(kept, norm_title)


def _drop_leading_chrome(paragraphs: list[str], norm_title: str) -> list[str]:
    """The text starts with the article, not with the breadcrumb, the dateline or the
    headline repeated with them ("Kinh tế | Headline | 08/01/2026 16:40"), whether
    they stand alone or open the first paragraph, nor with the headline's translation on a
    bilingual site (a line of 4+ words without accents or full stop, not Vietnamese, under a
    Vietnamese headline)."""
    start = 0
    for paragraph in paragraphs[:4]:
        key = norm(paragraph)
        if is_dateline(key) or is_breadcrumb(key) or (
                norm_title and norm_title in key and len(key) <= len(norm_title) + 60) or (
                key.isascii() and 4 <= len(key.split()) <= TRANSLATED_TITLE_WORDS and not ENDS_SENTENCE.search(key)
                and not reads_vietnamese(key) and reads_vietnamese(norm_title)):
            start += 1
            continue
        break
    paragraphs = paragraphs[start:]
    if paragraphs:
        paragraphs[0] = _without_leading_dateline(paragraphs[0], norm_title)
    return paragraphs


_AFTER_DATE = re.compile(r"[\s)\]|,\-–]*(?:\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?)?[\s)\]|,\-–]*",
                         re.IGNORECASE)


def dateline_in_text(paragraphs: list[str]):
    """The time of a site dateline among the first lines of the text, else None."""
    for paragraph in paragraphs[:4]:
        head = norm(paragraph)[:300]
        for start, end in date_spans(head)[:1]:
            shown = head[start:_AFTER_DATE.match(head, end).end()]
            labelled = head[max(0, start - 30):start] + shown
            if is_site_dateline(labelled) or is_site_dateline(shown):
                found = parse_dateline(labelled)
                return found[-1][0] if found else None
    return None


def _without_leading_dateline(paragraph: str, norm_title: str) -> str:
    """ "(Cập nhật lúc 09:30 ngày 09/01/2026) UBND tỉnh vừa ban hành ..." -> "UBND tỉnh ...":
    a paragraph opening with a dateline (after the headline or a breadcrumb, if any)."""
    spans = date_spans(paragraph[:300])
    if not spans:
        return paragraph
    start, end = spans[0]
    end += _AFTER_DATE.match(paragraph, end).end() - end
    prefix, rest = paragraph[:end], paragraph[end:].lstrip()
    if len(rest.split()) < 8:
        return paragraph
    before = norm(paragraph[:start].replace(norm_title, " ") if norm_title else paragraph[:start])
    head = norm(prefix.replace(norm_title, " ") if norm_title else prefix)
    if not is_site_dateline(norm(paragraph[start:end])):
        return paragraph  # "Sáng 08/01/2026, UBND tỉnh ...": the date is part of the sentence
    if is_dateline(head) or (len(before.split()) <= 20 and is_breadcrumb(before.strip(" |-–"))):
        return rest
    return paragraph
