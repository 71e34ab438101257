"""A government-portal-style local site: hubs, paginated listings, articles without ids.

Built for resume and re-crawl tests of a source with NO ``article_url_pattern``:
nothing in its URLs says which page is an article (``/tin-tuc/dia-phuong/<slug>.html``),
the way many ministry and province portals look. Every page but the home page and
the contact page sends ``ETag`` and ``Last-Modified`` and answers conditional
requests with 304; those two have no validators (compared by content hash).

    Home (/)                      -> hubs, contact page
    /tin-tuc.html, /van-ban.html  -> hubs: links to their categories (rarely change)
    /<hub>/<category>.html?trang=N  listings, 4 articles a page, newest first
    /<hub>/<category>/<slug>.html   articles ("Bài viết khác": two links to older ones)

``publish(category)`` adds an article at the top of a category (its listing pages
change, the hub and home do not); ``withheld`` paths answer 404 ("not yet published").

    >>> with GovSite() as site:
    ...     import urllib.request
    ...     urllib.request.urlopen(site.url(site.articles[0].path)).status
    200
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

import yaml

from crawl_traps_site import NewsSite, http_date
from vicorpus.localserver import Hit, LocalServer, Reply

HUBS = {
    "tin-tuc": ("Tin tức", {"hoat-dong-lanh-dao": "Hoạt động lãnh đạo", "dia-phuong": "Tin địa phương",
                            "chinh-sach": "Chính sách mới"}),
    "van-ban": ("Văn bản", {"thong-bao": "Thông báo"}),
}
PER_PAGE = 4
PLACES = [("Sơn La", "son-la"), ("Điện Biên", "dien-bien"), ("Lào Cai", "lao-cai"), ("Yên Bái", "yen-bai"),
          ("Hà Giang", "ha-giang"), ("Cao Bằng", "cao-bang"), ("Lạng Sơn", "lang-son"), ("Bắc Kạn", "bac-kan"),
          ("Tuyên Quang", "tuyen-quang"), ("Thái Nguyên", "thai-nguyen"), ("Phú Thọ", "phu-tho"),
          ("Hòa Bình", "hoa-binh")]
SUBJECTS = [
    ("tiep-cong-dan-dinh-ky", "tiếp công dân định kỳ tháng {m}",
     "Đồng chí Chủ tịch Ủy ban nhân dân tỉnh đã trực tiếp tiếp và đối thoại với {n} công dân đến phản ánh, "
     "kiến nghị về bồi thường, hỗ trợ tái định cư và cấp giấy chứng nhận quyền sử dụng đất."),
    ("trien-khai-nghi-dinh-moi", "triển khai Nghị định số {n}/2026/NĐ-CP",
     "Sở Tư pháp chủ trì, phối hợp với các sở, ngành rà soát văn bản quy phạm pháp luật của tỉnh, "
     "đề xuất sửa đổi, bổ sung bảo đảm thống nhất với quy định mới có hiệu lực từ ngày 01/{m}/2026."),
    ("ho-tro-ho-ngheo", "hỗ trợ {n} hộ nghèo xóa nhà tạm",
     "Nguồn kinh phí được huy động từ ngân sách nhà nước và xã hội hóa; mỗi hộ được hỗ trợ từ 40 đến "
     "60 triệu đồng, phấn đấu hoàn thành trước ngày 30/{m}/2026."),
    ("kiem-tra-an-toan-thuc-pham", "kiểm tra an toàn thực phẩm đợt {m}",
     "Đoàn kiểm tra liên ngành đã kiểm tra {n} cơ sở sản xuất, kinh doanh thực phẩm, nhắc nhở và xử phạt "
     "vi phạm hành chính đối với các cơ sở không bảo đảm điều kiện vệ sinh."),
]
FIRST_DAY = datetime(2026, 1, 5, 8, 0, tzinfo=timezone(timedelta(hours=7)))


@dataclass
class Article:
    hub: str
    category: str
    index: int
    published: datetime

    @property
    def slug(self) -> str:
        subject = SUBJECTS[self.index % len(SUBJECTS)][0]
        return f"{PLACES[self.index % len(PLACES)][1]}-{subject}-{self.index}"

    @property
    def path(self) -> str:
        return f"/{self.hub}/{self.category}/{self.slug}.html"

    @property
    def title(self) -> str:
        _, title, _ = SUBJECTS[self.index % len(SUBJECTS)]
        return f"{PLACES[self.index % len(PLACES)][0]}: " + title.format(m=1 + self.index % 12, n=10 + self.index)


class GovSite(LocalServer):
    """The site; ``articles_per_category`` articles in each category at start."""

    def __init__(self, articles_per_category: int = 6, *, article_delay: float = 0.0, host: str = "127.0.0.1"):
        super().__init__(host=host)
        self.article_delay = article_delay
        self.lock = threading.Lock()
        self.articles: list[Article] = []
        self.withheld: set[str] = set()   # article paths answering 404 for now
        self.updated: dict[str, datetime] = {}  # listing/hub path -> last change
        for hub, (_, categories) in HUBS.items():
            for category in categories:
                for _ in range(articles_per_category):
                    self.publish(category, announce=False)

    # -- content -------------------------------------------------------------------------
    def hub_of(self, category: str) -> str:
        return next(hub for hub, (_, cats) in HUBS.items() if category in cats)

    def publish(self, category: str, announce: bool = True) -> Article:
        """A new article at the top of ``category`` (its listing pages change)."""
        with self.lock:
            index = len(self.articles)
            when = FIRST_DAY + timedelta(hours=7 * index)
            article = Article(self.hub_of(category), category, index, when)
            self.articles.append(article)
            self.updated[self.listing_path(category)] = when
            return article

    def listing_path(self, category: str) -> str:
        return f"/{self.hub_of(category)}/{category}.html"

    def in_category(self, category: str) -> list[Article]:
        return sorted((a for a in self.articles if a.category == category), key=lambda a: a.published, reverse=True)

    def listing_urls(self) -> list[str]:
        """Every listing page path with its query (``/tin-tuc/dia-phuong.html?trang=2``)."""
        out = []
        for _, (_, categories) in HUBS.items():
            for category in categories:
                pages = max(1, -(-len(self.in_category(category)) // PER_PAGE))
                out += [self.listing_path(category) + (f"?trang={n}" if n > 1 else "") for n in range(1, pages + 1)]
        return out

    # -- pages ---------------------------------------------------------------------------
    def page(self, title: str, body: str) -> str:
        menu = "".join(f'<li><a href="/{hub}.html">{name}</a></li>' for hub, (name, _) in HUBS.items())
        return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Cổng thông tin '
                f'điện tử tỉnh</title></head><body><div class="banner"><a href="/">Cổng thông tin điện tử '
                f'tỉnh</a></div><ul class="menu">{menu}<li><a href="/lien-he.html">Liên hệ</a></li></ul>'
                f'<div class="content">{body}</div><div class="footer">Cơ quan chủ quản: Văn phòng Ủy ban nhân '
                f"dân tỉnh. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</div></body></html>")

    def render(self, path: str, query: dict) -> tuple[str, datetime | None] | None:
        """(HTML, last change or None for pages without validators), or None: 404."""
        if path == "/":
            return self.page("Trang chủ", "<h1>Cổng thông tin điện tử tỉnh</h1><p>Chào mừng bạn đến với cổng "
                                          "thông tin điện tử của tỉnh.</p>"), None
        if path == "/lien-he.html":
            return self.page("Liên hệ", "<h1>Liên hệ</h1><p>Địa chỉ: số 1 đường Chu Văn An. Điện thoại: "
                                        "0212 3852 000.</p>"), None
        for hub, (name, categories) in HUBS.items():
            if path == f"/{hub}.html":
                items = "".join(f'<li><a href="/{hub}/{c}.html">{label}</a></li>' for c, label in categories.items())
                return self.page(name, f"<h1>{name}</h1><ul>{items}</ul>"), FIRST_DAY
            for category, label in categories.items():
                if path == f"/{hub}/{category}.html":
                    return self.listing(category, label, int(query.get("trang", ["1"])[0]))
        for article in self.articles:
            if path == article.path:
                if path in self.withheld:
                    return None
                return self.article(article), article.published
        return None

    def listing(self, category: str, label: str, number: int):
        items = self.in_category(category)
        pages = max(1, -(-len(items) // PER_PAGE))
        if not 1 <= number <= pages:
            return None
        chunk = items[(number - 1) * PER_PAGE: number * PER_PAGE]
        body = f"<h1>{label}</h1>" + "".join(
            f'<div class="item"><a href="{a.path}">{a.title}</a><span class="date">{a.published:%d/%m/%Y}</span></div>'
            for a in chunk)
        if number < pages:
            body += f'<a class="next" href="{self.listing_path(category)}?trang={number + 1}">Trang sau</a>'
        return self.page(f"{label} - trang {number}", body), self.updated[self.listing_path(category)]

    def article(self, article: Article) -> str:
        _, _, text = SUBJECTS[article.index % len(SUBJECTS)]
        text = text.format(m=1 + article.index % 12, n=10 + article.index)
        older = [a for a in self.in_category(article.category) if a.published < article.published][:2]
        others = "".join(f'<li><a href="{a.path}">{a.title}</a></li>' for a in older)
        return self.page(article.title, (
            f"<h1>{article.title}</h1><div class='date'>{article.published:%d/%m/%Y | %H:%M} GMT+7</div>"
            f"<p>Sáng {article.published:%d/%m}, tại {PLACES[article.index % len(PLACES)][0]}, {text}</p>"
            "<p>Phát biểu chỉ đạo, lãnh đạo tỉnh đề nghị các cơ quan, đơn vị tiếp tục nâng cao tinh thần trách "
            "nhiệm, giải quyết dứt điểm các vụ việc tồn đọng, kéo dài, không để phát sinh điểm nóng.</p>"
            f"<h3>Bài viết khác</h3><ul>{others}</ul>"))

    def app(self, hit: Hit) -> Reply:
        rendered = self.render(hit.path, parse_qs(hit.query))
        if rendered is None:
            return Reply(status=404, body=self.page("Không tìm thấy", "<p>Trang không tồn tại.</p>"))
        html, changed = rendered
        if self.article_delay and self.is_article(hit.path):
            time.sleep(self.article_delay)
        body = html.encode("utf-8")
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if changed is not None:
            headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers["Last-Modified"] = http_date(changed)
            if NewsSite._not_modified(headers, hit.headers.get("If-None-Match"), hit.headers.get("If-Modified-Since")):
                return Reply(status=304, body=b"", headers={k: headers[k] for k in ("ETag", "Last-Modified")})
        return Reply(body=body, headers=headers)

    # -- what the server saw -------------------------------------------------------------
    def is_article(self, path: str) -> bool:
        return any(a.path == path for a in self.articles)

    def article_hits(self, since: int = 0, status: int | None = None) -> list[Hit]:
        paths = {a.path for a in self.articles}
        return [h for h in self.hits()[since:] if h.path in paths and (status is None or h.status == status)]

    def source_config(self, name: str = "cong-tinh", **overrides) -> dict:
        config = {
            "name": name, "title": "Cổng thông tin điện tử tỉnh (thử nghiệm)", "start_urls": [self.base + "/"],
            "allowed_domains": [self.host],
            "licence": "Ghi rõ nguồn 'Cổng thông tin điện tử tỉnh' khi phát hành lại thông tin.",
            "attribution": "Nguồn: Cổng thông tin điện tử tỉnh", "allow_private_network": True,
        }
        config.update(overrides)
        return config

    def write_config(self, path, name: str = "cong-tinh", **overrides):
        path.write_text(yaml.safe_dump(self.source_config(name, **overrides), allow_unicode=True), encoding="utf-8")
        return path
