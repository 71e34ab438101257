"""Local news sites for crawler tests: a plain one and one full of traps.

:class:`NewsSite` serves realistic Vietnamese government-news articles (fictional)
with a sitemap index (``lastmod``), an RSS feed (``pubDate``), a paginated listing,
robots.txt, ETag/Last-Modified validators and 304 answers to conditional requests.
Every request is logged (method, path, status, conditional headers), so a test can
prove what the crawler asked for, not just what it wrote.

:class:`TrapSite` adds every trap a crawler meets in the wild at once: an infinite
calendar, query-parameter explosion, session ids in URLs, a link chain deeper than
``max_depth``, a robots-disallowed section, off-domain links, PDF/image links
(whose bodies contain links that must not be followed), tracking-parameter
duplicates of real articles, and articles reachable only by sitemap, only by
feed or only by listing pagination.

>>> with NewsSite(n_articles=3) as site:
...     import urllib.request
...     urllib.request.urlopen(site.url(site.articles[0].path)).status
200
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

import yaml

# -- Vietnamese article text -------------------------------------------------------------

PLACES = ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Quảng Ninh",
          "Nghệ An", "Thanh Hóa", "Khánh Hòa", "Đồng Tháp", "Lâm Đồng", "Bắc Ninh"]
AGENCIES = ["Bộ Tài chính", "Bộ Y tế", "Bộ Giáo dục và Đào tạo", "Bộ Công Thương",
            "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ", "Bộ Tư pháp",
            "Bộ Xây dựng", "Bộ Nội vụ", "Ngân hàng Nhà nước Việt Nam"]
TOPICS = [
    ("đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính", "chuyen-doi-so-thu-tuc-hanh-chinh"),
    ("triển khai chương trình nhà ở xã hội cho người lao động", "nha-o-xa-hoi-nguoi-lao-dong"),
    ("bảo đảm cung ứng điện cho sản xuất trong mùa khô", "cung-ung-dien-mua-kho"),
    ("hướng dẫn thực hiện chính sách bảo hiểm y tế học sinh", "bao-hiem-y-te-hoc-sinh"),
    ("tháo gỡ vướng mắc cho các dự án đầu tư công trọng điểm", "thao-go-du-an-dau-tu-cong"),
    ("phát triển vùng nguyên liệu lúa chất lượng cao", "vung-lua-chat-luong-cao"),
    ("tăng cường phòng, chống dịch bệnh truyền nhiễm", "phong-chong-dich-benh"),
    ("sắp xếp đơn vị hành chính cấp xã", "sap-xep-don-vi-hanh-chinh"),
    ("nâng cao chất lượng đào tạo nghề cho thanh niên", "dao-tao-nghe-thanh-nien"),
    ("kiểm soát lạm phát và ổn định kinh tế vĩ mô", "kiem-soat-lam-phat"),
    ("hoàn thiện thể chế về khoa học, công nghệ và đổi mới sáng tạo", "the-che-khoa-hoc-cong-nghe"),
    ("bảo vệ môi trường lưu vực sông", "bao-ve-moi-truong-luu-vuc-song"),
]
PARAGRAPHS = [
    "Theo báo cáo của {agency}, trong năm qua cả nước đã có {n} nghìn hồ sơ được tiếp nhận và "
    "giải quyết trực tuyến, tăng {p}% so với cùng kỳ năm trước. Tỷ lệ hồ sơ giải quyết đúng hạn "
    "đạt trên 95%, góp phần giảm thời gian và chi phí cho người dân, doanh nghiệp.",
    "Phát biểu tại hội nghị, đồng chí Phó Thủ tướng Chính phủ đề nghị các bộ, ngành và địa "
    "phương tiếp tục rà soát, cắt giảm thủ tục không cần thiết, công khai minh bạch quy trình, "
    "đồng thời xử lý nghiêm các trường hợp gây phiền hà, sách nhiễu.",
    "Tại {place}, Ủy ban nhân dân thành phố đã ban hành kế hoạch triển khai với {n} nhiệm vụ cụ "
    "thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành và rõ kết quả. Các sở, ngành "
    "được yêu cầu báo cáo tiến độ định kỳ hằng tháng.",
    "Đại diện {agency} cho biết, thời gian tới sẽ tập trung hoàn thiện hệ thống văn bản quy phạm "
    "pháp luật, bảo đảm đồng bộ, thống nhất, khả thi; tăng cường kiểm tra, giám sát việc thực "
    "hiện ở cơ sở và kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.",
    "Nhiều ý kiến tại buổi làm việc nhấn mạnh vai trò của người đứng đầu trong việc chỉ đạo, điều "
    "hành; đề xuất bố trí đủ nguồn lực, nhất là nguồn nhân lực chất lượng cao, để thực hiện các "
    "mục tiêu đã đề ra trong giai đoạn 2026 - 2030.",
    "Số liệu của Tổng cục Thống kê cho thấy, tổng vốn đầu tư thực hiện toàn xã hội ước đạt {n} "
    "nghìn tỷ đồng, tăng {p}% so với cùng kỳ. Trong đó, vốn khu vực nhà nước chiếm khoảng 28%, "
    "khu vực ngoài nhà nước chiếm gần 56%.",
    "Người dân {place} bày tỏ sự đồng tình với chủ trương này. Ông Nguyễn Văn Hùng, một hộ kinh "
    "doanh tại địa phương, cho biết thủ tục nay đã đơn giản hơn nhiều, chỉ cần ngồi ở nhà cũng có "
    "thể nộp hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích.",
    "Kết luận buổi làm việc, Bộ trưởng yêu cầu các đơn vị khẩn trương xây dựng lộ trình cụ thể, "
    "lấy sự hài lòng của người dân và doanh nghiệp làm thước đo hiệu quả phục vụ; định kỳ sơ kết, "
    "rút kinh nghiệm và nhân rộng các mô hình hay, cách làm hiệu quả.",
]


def article_text(i: int, n_paragraphs: int = 6, version: int = 0) -> tuple[str, list[str]]:
    """Title and paragraphs of fictional article ``i`` (``version`` changes the text)."""
    topic, _ = TOPICS[i % len(TOPICS)]
    place, agency = PLACES[i % len(PLACES)], AGENCIES[(i // 2) % len(AGENCIES)]
    title = f"{place} {topic} (số {i})"
    paras = []
    for k in range(n_paragraphs):
        template = PARAGRAPHS[(i + k) % len(PARAGRAPHS)]
        paras.append(template.format(agency=agency, place=place, n=12 + (i * 7 + k * 13) % 480,
                                     p=3 + (i + k) % 17))
    if version:
        paras.append(f"Cập nhật lần {version}: {agency} vừa bổ sung số liệu mới nhất về nội dung này.")
    return title, paras


def page_html(title: str, body: str, *, links: list[str] = (), lang: str = "vi") -> str:
    nav = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><header><nav><ul>{nav}</ul></nav></header>"
            f"<main>{body}</main><footer><p>Cổng thông tin điện tử thử nghiệm. Ghi rõ nguồn khi "
            f"phát hành lại thông tin từ website này.</p></footer></body></html>")


@dataclass
class Article:
    """One article of the site; ``version`` and ``modified`` change when it is edited."""

    index: int
    published: datetime
    version: int = 0
    modified: datetime | None = None
    html: bytes = b""

    @property
    def slug(self) -> str:
        return TOPICS[self.index % len(TOPICS)][1]

    @property
    def path(self) -> str:
        stamp = self.published.strftime("%y%m%d%H%M%S")
        return f"/tin-tuc/{self.slug}-102{stamp}{self.index:03d}.htm"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.html).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.published

    def render(self, n_paragraphs: int = 6, pad_to: int = 0) -> None:
        title, paras = article_text(self.index, n_paragraphs, self.version)
        body = f"<article><h1>{title}</h1><p class='time'>{self.published:%d/%m/%Y %H:%M}</p>"
        body += "".join(f"<p>{p}</p>" for p in paras)
        body += "</article>"
        html = page_html(title, body, links=[("/", "Trang chủ"), ("/chuyen-muc/thoi-su.htm", "Thời sự")])
        if pad_to and len(html.encode()) < pad_to:
            # Related-news boxes and scripts make real pages 50-150 KB: pad like them.
            extra, k = [], 0
            while len(html.encode()) + sum(len(e.encode()) for e in extra) < pad_to:
                extra.append(f"<p class='lien-quan'>{PARAGRAPHS[k % len(PARAGRAPHS)]}</p>".format(
                    agency=AGENCIES[k % len(AGENCIES)], place=PLACES[k % len(PLACES)], n=k, p=k % 9))
                k += 1
            html = html.replace("</main>", "<aside>" + "".join(extra) + "</aside></main>")
        self.html = html.encode("utf-8")


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


@dataclass
class LogEntry:
    method: str
    path: str
    status: int
    host: str
    if_none_match: str | None
    if_modified_since: str | None
    arrived: float = 0.0                                # when the request came in
    at: float = field(default_factory=time.monotonic)   # when it was answered


class NewsSite:
    """A news portal on 127.0.0.1 (random port) with articles, listing, sitemap, feed, robots.

    ``article_delay`` seconds are slept before each article answer (a slow site).
    ``conditional=False`` ignores If-None-Match/If-Modified-Since (always 200).
    """

    per_listing_page = 10

    def __init__(self, n_articles: int = 20, *, first_day: date = date(2025, 11, 1),
                 article_delay: float = 0.0, conditional: bool = True, host: str = "127.0.0.1",
                 pad_to: int = 0):
        self.host = host
        self.article_delay = article_delay
        self.conditional = conditional
        self.pad_to = pad_to
        self.articles: list[Article] = []
        self.log: list[LogEntry] = []
        self._lock = threading.Lock()
        # hold_after(n): article answers past the n-th wait until release() (a test's Ctrl-C
        # lands mid-crawl however slowly the test itself gets the CPU)
        self._hold_after: int | None = None
        self._answered = 0
        self._released = threading.Event()
        self._first_day = first_day
        self.add_articles(n_articles)
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server API)
                site._handle(self)

            def do_HEAD(self):  # noqa: N802
                site._handle(self)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- content ---------------------------------------------------------------------------
    def add_articles(self, n: int) -> list[Article]:
        """Publish ``n`` new articles (one per day after the last one)."""
        new = []
        for _ in range(n):
            i = len(self.articles)
            published = datetime(self._first_day.year, self._first_day.month, self._first_day.day,
                                 8, 30, tzinfo=timezone(timedelta(hours=7))) + timedelta(days=i)
            article = Article(i, published)
            article.render(pad_to=self.pad_to)
            self.articles.append(article)
            new.append(article)
        return new

    def edit(self, article: Article) -> None:
        """Change an article's text (new ETag, later Last-Modified)."""
        article.version += 1
        article.modified = article.last_modified + timedelta(days=30)
        article.render(pad_to=self.pad_to)

    def url(self, path: str) -> str:
        return self.base + path

    def newest_first(self) -> list[Article]:
        return sorted(self.articles, key=lambda a: a.published, reverse=True)

    def listing_pages(self) -> int:
        return max(1, -(-len(self.articles) // self.per_listing_page))

    def routes(self, path: str, query: dict) -> tuple[int, str, bytes, dict] | None:
        """(status, content type, body, extra headers) for ``path``; None: 404."""
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", self.robots().encode(), {}
        if path == "/":
            links = [("/chuyen-muc/thoi-su.htm", "Thời sự")] + self.home_links()
            latest = "".join(f'<li><a href="{a.path}">Tin mới {a.index}</a></li>'
                             for a in self.newest_first()[:5])
            return 200, html, page_html("Trang chủ", f"<ul class='tin-moi'>{latest}</ul>",
                                        links=links).encode(), {}
        if path == "/chuyen-muc/thoi-su.htm":
            return self.listing(int(query.get("trang", "1")))
        if path == "/sitemap.xml":
            parts = "".join(f"<sitemap><loc>{self.base}/sitemaps/tin-tuc-{k}.xml</loc></sitemap>"
                            for k in range(2))
            return 200, "application/xml", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{parts}'
                "</sitemapindex>").encode(), {}
        if path.startswith("/sitemaps/tin-tuc-"):
            k = int(path.rsplit("-", 1)[1].split(".")[0])
            items = [a for a in self.sitemap_articles() if a.index % 2 == k]
            urls = "".join(f"<url><loc>{self.base}{a.path}</loc><lastmod>"
                           f"{a.last_modified.isoformat()}</lastmod></url>" for a in items)
            return 200, "application/xml", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            ).encode(), {}
        if path == "/rss/tin-moi.rss":
            items = "".join(f"<item><title>Tin {a.index}</title><link>{self.base}{a.path}</link>"
                            f"<pubDate>{http_date(a.last_modified)}</pubDate></item>"
                            for a in self.feed_articles())
            return 200, "application/rss+xml; charset=utf-8", (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Tin mới</title>{items}</channel></rss>").encode(), {}
        for article in self.articles:
            if path == article.path:
                return 200, html, article.html, {"ETag": article.etag,
                                                 "Last-Modified": http_date(article.last_modified)}
        return None

    def robots(self) -> str:
        return "User-agent: *\nDisallow: /noi-bo/\n"

    def home_links(self) -> list[tuple[str, str]]:
        return []

    def sitemap_articles(self) -> list[Article]:
        return self.articles

    def feed_articles(self) -> list[Article]:
        return self.newest_first()[:15]

    def listing_articles(self) -> list[Article]:
        return self.newest_first()

    def listing(self, page: int):
        items = self.listing_articles()
        n_pages = max(1, -(-len(items) // self.per_listing_page))
        if page < 1 or page > n_pages:
            return None
        chunk = items[(page - 1) * self.per_listing_page: page * self.per_listing_page]
        body = "".join(f'<h3><a href="{a.path}">{article_text(a.index)[0]}</a></h3>' for a in chunk)
        if page < n_pages:
            body += f'<a class="next" href="/chuyen-muc/thoi-su.htm?trang={page + 1}">Trang sau</a>'
        return 200, "text/html; charset=utf-8", page_html(f"Thời sự - trang {page}", body).encode(), {}

    # -- serving ---------------------------------------------------------------------------
    def _handle(self, handler) -> None:
        arrived = time.monotonic()
        parts = urlsplit(handler.path)
        query = dict(parse_qsl(parts.query))
        inm = handler.headers.get("If-None-Match")
        ims = handler.headers.get("If-Modified-Since")
        answer = self.routes(parts.path, query)
        is_article = answer is not None and "ETag" in answer[3]
        if is_article and self._hold_after is not None:
            with self._lock:
                self._answered += 1
                held = self._answered > self._hold_after
            if held:
                self._released.wait(timeout=60)
        if is_article and self.article_delay:
            time.sleep(self.article_delay)
        if answer is None:
            status, ctype, body, extra = 404, "text/html; charset=utf-8", \
                page_html("Không tìm thấy", "<p>Trang không tồn tại.</p>").encode(), {}
        else:
            status, ctype, body, extra = answer
        if is_article and self.conditional and self._not_modified(extra, inm, ims):
            status, body = 304, b""
        with self._lock:
            self.log.append(LogEntry(handler.command, handler.path, status,
                                     handler.headers.get("Host", ""), inm, ims, arrived))
        try:
            handler.send_response(status)
            if status != 304:
                handler.send_header("Content-Type", ctype)
            for key, value in extra.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    @staticmethod
    def _not_modified(extra: dict, inm: str | None, ims: str | None) -> bool:
        if inm is not None:
            return inm.strip() == extra.get("ETag")
        if ims is not None:
            try:
                return parsedate_to_datetime(extra["Last-Modified"]) <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
        return False

    def requests(self, since: int = 0) -> list[LogEntry]:
        with self._lock:
            return list(self.log[since:])

    def article_hits(self, since: int = 0, status: int | None = None) -> list[str]:
        paths = {a.path for a in self.articles}
        return [e.path for e in self.requests(since)
                if urlsplit(e.path).path in paths and (status is None or e.status == status)]

    # -- config ----------------------------------------------------------------------------
    def source_config(self, name: str = "thu-nghiem", **overrides) -> dict:
        config = {
            "name": name,
            "title": "Cổng thông tin điện tử thử nghiệm",
            "url": self.base + "/",
            "start_urls": [self.base + "/"],
            "allowed_domains": [self.host],
            "sitemaps": [self.base + "/sitemap.xml"],
            "feeds": [self.base + "/rss/tin-moi.rss"],
            "article_url_pattern": r"/tin-tuc/.+-\d{15,}\.htm$",
            "deny_url_patterns": ["/tim-kiem/"],
            "licence": "Ghi rõ nguồn 'Cổng thông tin điện tử thử nghiệm' khi phát hành lại thông tin.",
            "attribution": "Nguồn: Cổng thông tin điện tử thử nghiệm",
            "allow_private_network": True,
        }
        config.update(overrides)
        return config

    def write_config(self, path, name: str = "thu-nghiem", **overrides):
        path.write_text(yaml.safe_dump(self.source_config(name, **overrides), allow_unicode=True),
                        encoding="utf-8")
        return path

    def hold_after(self, n: int) -> None:
        """Answer ``n`` more article requests, then hold the others until :meth:`release`."""
        with self._lock:
            self._hold_after, self._answered = n, 0
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def __enter__(self) -> "NewsSite":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._released.set()  # no held request outlives the site
        self.server.shutdown()
        self.server.server_close()


class TrapSite(NewsSite):
    """:class:`NewsSite` with every crawler trap at once (see the module docstring).

    Real articles (``n_articles``, default 20) split three ways: sitemap only
    (index % 3 == 0), feed only (== 1), listing pagination only (== 2); the home
    page links to none of them directly.
    ``offsite_base`` is another server (``http://localhost:PORT``) that must get no request.
    """

    per_listing_page = 2

    def __init__(self, n_articles: int = 20, *, offsite_base: str = "http://localhost:9", **kwargs):
        self.offsite_base = offsite_base
        super().__init__(n_articles, **kwargs)

    def feed_articles(self):
        return [a for a in self.newest_first() if a.index % 3 == 1]

    def sitemap_articles(self):
        return [a for a in self.articles if a.index % 3 == 0]

    def listing_articles(self):
        return [a for a in self.newest_first() if a.index % 3 == 2]

    def robots(self) -> str:
        return "User-agent: *\nDisallow: /noi-bo/\nDisallow: /tai-khoan\n"

    def home_links(self):
        first = self.articles[0]
        return [
            ("/lich/2026/01", "Lịch công tác"),
            ("/van-ban/tra-cuu?sort=moi-nhat&page=1&filter=tat-ca", "Tra cứu văn bản"),
            ("/chuoi/1", "Bài liên quan"),
            ("/noi-bo/danh-ba.htm", "Danh bạ nội bộ"),
            ("/tai-khoan/dang-nhap", "Đăng nhập"),
            (f"{self.offsite_base}/tin-lien-ket.htm", "Báo bạn"),
            ("http://khong-ton-tai.invalid/trang.htm", "Liên kết hỏng"),
            ("/tai-lieu/bao-cao-kinh-te-xa-hoi-2025.pdf", "Báo cáo (PDF)"),
            ("/anh/hoi-nghi-truc-tuyen.jpg", "Ảnh hội nghị"),
            (f"{first.path};jsessionid=8F3A21B7C9D0", "Tin nổi bật"),
            (f"{first.path}?PHPSESSID=a1b2c3d4", "Tin nổi bật (phiên)"),
            (f"{first.path}?utm_source=facebook&utm_medium=social", "Chia sẻ"),
            (f"{first.path}?fbclid=IwAR0abc#binh-luan", "Bình luận"),
            ("mailto:banbientap@thu-nghiem.gov.vn", "Liên hệ"),
            ("javascript:void(0)", "In trang"),
        ]

    MONTHS_LINKED = 1  # each calendar page links to the next and the previous month

    def routes(self, path: str, query: dict):
        html = "text/html; charset=utf-8"
        if path.startswith("/lich/"):
            try:
                year, month = (int(x) for x in path.split("/")[2:4])
            except ValueError:
                return None
            nxt = (year + (month == 12), month % 12 + 1)
            prv = (year - (month == 1), (month - 2) % 12 + 1)
            body = (f"<h1>Lịch công tác tháng {month}/{year}</h1><p>Chưa có lịch công tác.</p>"
                    f'<a href="/lich/{nxt[0]}/{nxt[1]:02d}">Tháng sau</a>'
                    f'<a href="/lich/{prv[0]}/{prv[1]:02d}">Tháng trước</a>')
            return 200, html, page_html("Lịch công tác", body).encode(), {}
        if path == "/van-ban/tra-cuu":
            page = int(query.get("page", "1"))
            links = []
            for sort in ("moi-nhat", "cu-nhat", "xem-nhieu", "a-z"):
                for filt in ("tat-ca", "nghi-dinh", "thong-tu", "quyet-dinh", "chi-thi"):
                    for p in (page, page + 1):
                        links.append(f'<a href="/van-ban/tra-cuu?sort={sort}&page={p}&filter={filt}">'
                                     f"{sort} {filt} {p}</a>")
            body = f"<h1>Tra cứu văn bản - trang {page}</h1>" + "".join(links)
            return 200, html, page_html("Tra cứu văn bản", body).encode(), {}
        if path.startswith("/chuoi/"):
            try:
                k = int(path.rsplit("/", 1)[1])
            except ValueError:
                return None
            body = f'<p>Bài liên quan số {k}.</p><a href="/chuoi/{k + 1}">Xem tiếp</a>'
            return 200, html, page_html(f"Bài liên quan {k}", body).encode(), {}
        if path.startswith("/noi-bo/") or path.startswith("/tai-khoan"):
            return 200, html, page_html("Nội bộ", "<p>Khu vực nội bộ.</p>").encode(), {}
        if path == "/tai-lieu/bao-cao-kinh-te-xa-hoi-2025.pdf":
            # Not HTML: a parser that ignored Content-Type would follow this link.
            body = b"%PDF-1.4\n% <a href=\"/bay-trong-pdf.htm\">x</a>\n1 0 obj << >> endobj\n%%EOF\n"
            return 200, "application/pdf", body, {}
        if path == "/anh/hoi-nghi-truc-tuyen.jpg":
            body = b"\xff\xd8\xff\xe0JFIF<a href=\"/bay-trong-anh.htm\">x</a>\xff\xd9"
            return 200, "image/jpeg", body, {}
        return super().routes(path, query)


class OffsiteServer:
    """A second server that records every request: off-domain links must never reach it."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
