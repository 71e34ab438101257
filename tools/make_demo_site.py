"""Regenerate vicorpus/demo_site from tools/demo_articles.py:  python tools/make_demo_site.py vicorpus/demo_site"""
import json, sys, html, os
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_articles import ARTICLES
OUT = Path(sys.argv[1]); OUT.mkdir(parents=True, exist_ok=True)
HOST = "http://127.0.0.1:8765"
SECTIONS = {"thoi-su": "Thời sự", "kinh-te": "Kinh tế", "xa-hoi": "Xã hội", "dia-phuong": "Địa phương", "giao-duc": "Giáo dục"}
# Breadcrumbs link only to pages the site has (dead links would show up as 404s in the demo).
def section_href(section):
    return f"/{section}.htm" if section in SECTIONS else "/en/" if section == "en" else "/"
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
from datetime import datetime
def when(id15):
    d = datetime.strptime(id15[:10], "%y%m%d%H%M")
    return d
def path_of(a, prefix=""):
    return f"{prefix}/{a[0]}-102{a[2]}.htm"
def menu():
    return "<nav class='main-menu'><ul>" + "".join(f"<li><a href='/{k}.htm'>{v}</a></li>" for k, v in SECTIONS.items()) + "<li><a href='/tim-kiem/'>Tìm kiếm</a></li><li><a href='/en/'>English</a></li></ul></nav>"
FOOTER = ("<footer class='site-footer'><p>Cổng thông tin mẫu (demo) – cơ quan chủ quản: Văn phòng mẫu.</p>"
          "<p>Ghi rõ nguồn 'Cổng thông tin mẫu' khi phát hành lại thông tin từ website này.</p>"
          "<p>© Bản quyền thuộc Cổng thông tin mẫu. Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội.</p></footer>")
def related(exclude, k=3):
    others = [a for a in ARTICLES if a[0] != exclude][:k] if exclude else ARTICLES[:k]
    return ("<div class='related-news'><h3>Tin liên quan</h3><ul>" +
            "".join(f"<li><a href='{path_of(a)}'>{html.escape(a[3])}</a></li>" for a in others) + "</ul></div>")
def page(title, body, head_extra=""):
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)} | Cổng thông tin mẫu</title>{head_extra}</head>
<body><header><div class="logo"><a href="/">Cổng thông tin mẫu</a></div>{menu()}</header>
<main>{body}</main>{FOOTER}</body></html>
"""
def article_page(a, paragraphs=None, title=None, sapo=None, extra_top="", credit="", canonical=None, lang="vi", related_html=None):
    slug, section, id15, t, s, paras, author = a
    title = title or t; sapo = sapo or s; paragraphs = paragraphs if paragraphs is not None else paras
    d = when(id15)
    shown = f"{WEEKDAYS[d.weekday()]}, {d:%d/%m/%Y %H:%M}"
    iso = d.strftime("%Y-%m-%dT%H:%M:00+07:00")
    head = (f"<meta property='og:type' content='article'><meta property='og:title' content='{html.escape(title)}'>"
            f"<meta name='description' content='{html.escape(sapo)}'>"
            f"<meta property='article:published_time' content='{iso}'>")
    if canonical:
        head += f"<link rel='canonical' href='{canonical}'>"
    body_paras = list(paragraphs)
    mid = len(body_paras) // 2
    figure = (f"<figure class='image'><img src='/anh/{slug}.jpg' alt='{html.escape(title)}'>"
              f"<figcaption>Ảnh: Quang Hiếu/TTXVN</figcaption></figure>")
    ps = "".join(f"<p>{html.escape(p)}</p>" for p in body_paras[:mid]) + figure + "".join(f"<p>{html.escape(p)}</p>" for p in body_paras[mid:])
    body = f"""{extra_top}<article class="detail">
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="{section_href(section)}">{SECTIONS.get(section, section)}</a></div>
<h1 class="detail-title">{html.escape(title)}</h1>
<div class="detail-time">{shown}</div>
<div class="share-bar">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>
<div class="detail-sapo">(Demo) - {html.escape(sapo)}</div>
<div class="detail-content">{ps}</div>
<div class="detail-author">{html.escape(author)}</div>{credit}
</article>{related_html if related_html is not None else related(slug)}"""
    return page(title, body, head)

manifest = []
pages = {}
for a in ARTICLES:
    p = path_of(a)
    pages[p] = article_page(a)
    d = when(a[2])
    manifest.append({"path": p, "role": "article", "title": a[3], "published": d.strftime("%Y-%m-%dT%H:%M:00+07:00")})

# Syndicated duplicate of article 0 under /tin-tong-hop/ with other boilerplate.
orig = ARTICLES[0]
dup = (orig[0], "tin-tong-hop", "260113070812300", *orig[3:])
p = path_of(dup, "/tin-tong-hop")
pages[p] = article_page(dup, extra_top="<div class='top-banner'>Đăng lúc: 13/01/2026 07:08 | Bởi: admin | Lượt xem: 5</div>",
                        credit="<p class='source-credit'>Theo TTXVN</p>",
                        related_html="<div class='box-same-category'><h3>Tin cùng chuyên mục</h3><ul><li><a href='/tag/chuyen-doi-so.htm'>Chuyển đổi số quốc gia</a></li></ul></div>")
manifest.append({"path": p, "role": "syndicated_duplicate", "duplicate_of": path_of(orig)})

# Near duplicate of article 3 (Hà Tĩnh) with new-style tone marks, one edit, last paragraph dropped.
def new_style(t):
    for a, b in [("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("Ủy", "Uỷ"), ("ủy", "uỷ"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hòa", "Hoà")]:
        t = t.replace(a, b)
    return t
src = ARTICLES[3]
paras = [new_style(x) for x in src[5][:-1]]
paras[1] = paras[1].replace("trong 10 ngày", "trong vòng 10 ngày làm việc")
near = (src[0] + "-cap-nhat", "dia-phuong", "260121080000455", new_style(src[3]), new_style(src[4]), paras, src[6])
p = path_of(near)
pages[p] = article_page(near)
manifest.append({"path": p, "role": "near_duplicate", "duplicate_of": path_of(src)})

# English page.
en = ("prime-minister-chairs-first-meeting-of-national-data-steering-committee", "en", "260112180000999",
      "Prime Minister chairs first meeting of National Steering Committee on Data",
      "On January 12, Prime Minister Pham Minh Chinh chaired the first meeting of the National Steering Committee on Data at the Government headquarters in Hanoi.",
      ["The meeting reviewed progress in building the national population database, which is now connected with fourteen ministries and thirty-four provinces and served more than 1.2 billion lookups in 2025.",
       "The Prime Minister stressed that data is a new resource and a key driver of the digital economy. Ministries must finish cleaning their sector databases so that data is accurate, complete, clean and shared.",
       "He asked the Ministry of Public Security to finalise a draft decree guiding the Law on Data in the first quarter of 2026, and the Ministry of Finance to study pricing and taxes for data products.",
       "Each member of the committee was asked to register at least one concrete task with measurable results, to be completed before June 30, 2026."], "Government News")
p = path_of(en, "/en")
pages[p] = article_page(en, related_html="")
manifest.append({"path": p, "role": "english"})
pages["/en/index.html"] = page("English news", "<h1>English news</h1><ul><li><a href='%s'>%s</a></li></ul>" % (p, en[3]))

# List pages with pagination, home, tag, search.
def list_page(title, items, more=None):
    lis = "".join(f"<li class='story'><h3><a href='{path_of(a)}'>{html.escape(a[3])}</a></h3><p class='story-sapo'>{html.escape(a[4][:140])}…</p></li>" for a in items)
    nav = f"<div class='pagination'><a href='{more}'>Trang sau</a></div>" if more else ""
    return page(title, f"<h1>{html.escape(title)}</h1><ul class='list-news'>{lis}</ul>{nav}", "<meta property='og:type' content='website'>")
by_section = {}
for a in ARTICLES:
    by_section.setdefault(a[1], []).append(a)
for key, name in SECTIONS.items():
    items = by_section.get(key, [])
    if len(items) > 2:
        pages[f"/{key}.htm"] = list_page(name, items[:2], f"/{key}/trang-2.htm")
        pages[f"/{key}/trang-2.htm"] = list_page(f"{name} – trang 2", items[2:])
        manifest.append({"path": f"/{key}/trang-2.htm", "role": "list"})
    else:
        pages[f"/{key}.htm"] = list_page(name, items)
    manifest.append({"path": f"/{key}.htm", "role": "list"})
home_items = ARTICLES[:6] + [near]
home = list_page("Cổng thông tin mẫu – Trang chủ", ARTICLES[:6]).replace(
    "</ul>", f"<li class='story'><h3><a href='{path_of(near)}'>{html.escape(near[3])}</a></h3></li><li class='story'><h3><a href='/tin-tong-hop/{orig[0]}-102{dup[2]}.htm'>Tin tổng hợp: {html.escape(orig[3])}</a></h3></li><li><a href='/tag/chuyen-doi-so.htm'>Chủ đề: Chuyển đổi số</a></li></ul>", 1)
pages["/index.html"] = home
manifest.append({"path": "/", "role": "list"})
pages["/tag/chuyen-doi-so.htm"] = list_page("Chủ đề: Chuyển đổi số", [ARTICLES[0], ARTICLES[11]])
manifest.append({"path": "/tag/chuyen-doi-so.htm", "role": "tag"})
pages["/tim-kiem/index.html"] = page("Tìm kiếm", "<h1>Tìm kiếm</h1><form><input name='q'></form>")
manifest.append({"path": "/tim-kiem/", "role": "robots_disallowed"})

for path, text in pages.items():
    f = OUT / path.lstrip("/")
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text, encoding="utf-8")

(OUT / "robots.txt").write_text(f"User-agent: *\nDisallow: /tim-kiem/\n\nSitemap: {HOST}/sitemap.xml\n", encoding="utf-8")
all_articles = [(path_of(a), when(a[2])) for a in ARTICLES] + [(path_of(near), when(near[2])), (path_of(dup, "/tin-tong-hop"), when(dup[2])), (path_of(en, "/en"), when(en[2]))]
urls = "".join(f"<url><loc>{HOST}{p}</loc><lastmod>{d:%Y-%m-%dT%H:%M:00+07:00}</lastmod></url>" for p, d in all_articles)
(OUT / "sitemap.xml").write_text(f"<?xml version='1.0' encoding='UTF-8'?>\n<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap><loc>{HOST}/sitemaps/bai-viet.xml</loc></sitemap></sitemapindex>\n", encoding="utf-8")
(OUT / "sitemaps").mkdir(exist_ok=True)
(OUT / "sitemaps" / "bai-viet.xml").write_text(f"<?xml version='1.0' encoding='UTF-8'?>\n<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>\n", encoding="utf-8")
items = "".join(f"<item><title>{html.escape(a[3])}</title><link>{HOST}{path_of(a)}</link><pubDate>{when(a[2]):%a, %d %b %Y %H:%M:00} +0700</pubDate></item>" for a in ARTICLES[-6:])
(OUT / "rss").mkdir(exist_ok=True)
(OUT / "rss" / "home.rss").write_text(f"<?xml version='1.0' encoding='UTF-8'?>\n<rss version='2.0'><channel><title>Cổng thông tin mẫu</title><link>{HOST}/</link><description>Tin mới</description>{items}</channel></rss>\n", encoding="utf-8")
(OUT / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
print(len(pages), "pages")
