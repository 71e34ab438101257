"""A labelled corpus of Vietnamese government news at any size, for dedup quality and scale.

Stories are written from a grammar (agencies, officials, places, actions, figures)
so two stories rarely share more than stock phrases. Each story is a long article
(150-700 words) or a short item (25-100 words). Then, as on real portals:

- syndicated copies (same cluster): site chrome around the body, new-style tone marks,
  NFD, a word or clause edited, a photo caption, a paragraph dropped, a truncated lead
  (60-85% of the text), a credit line ("Theo TTXVN"), an exact copy, combinations;
- hard negatives (their own cluster): short items that reuse one or two sentences of
  another story, same-template notices that differ in names and figures, lead excerpts
  (under a third of an article, with a "read more" line), digests of several leads.

Rows: {id, text, title, url, source, credit, published_at, cluster, variant, kind}.
``credit`` names the outlet a copy credits (None on the original publisher's page).

>>> rows = list(news_rows(300, seed=1))
>>> len(rows), len({r["id"] for r in rows})
(300, 300)
>>> sorted({r["kind"] for r in rows})[:3]
['digest', 'excerpt', 'long']
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Iterator

PROVINCES = [
    "Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên",
    "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên",
    "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
    "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
    "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước",
    "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre",
    "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu",
    "Cà Mau", "Tuyên Quang", "Bắc Kạn",
]
PLACES = [
    "xã Nam Sơn", "phường Đông Hải", "xã Tân Lập", "thị trấn Phú Hòa", "xã Mường Khương", "phường Bắc Sơn",
    "xã Ea Kly", "xã Hòa Bình", "phường Trần Phú", "xã Vĩnh Thạnh", "xã Quảng Phú", "phường An Khánh",
    "xã Đắk Mil", "xã Tà Xùa", "phường Hạ Long", "xã Cẩm Thủy", "xã Long Hựu", "phường Phú Thủy",
    "xã Thạch Hà", "xã Ngọc Lặc", "phường Tân Định", "xã Bình Minh", "xã Sơn Thủy", "phường Quang Trung",
    "xã Kim Sơn", "xã Phong Điền", "phường Lê Lợi", "xã Hương Khê", "xã Thanh Chương", "phường Cửa Nam",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Mai"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Xuân", "Hồng", "Anh", "Thế", "Bá", "Kim"]
GIVEN = ["Hùng", "Lan", "Dũng", "Hà", "Tuấn", "Hương", "Nam", "Mai", "Sơn", "Thảo", "Long", "Hải", "Bình", "Yến",
         "Phong", "Trang", "Khánh", "Quân", "Tâm", "Việt", "Hòa", "Thủy", "Cường", "Linh", "Đông", "Nhung"]
TITLES = ["Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy",
          "Giám đốc Sở Tài chính", "Giám đốc Sở Y tế", "Giám đốc Sở Giáo dục và Đào tạo", "Giám đốc Sở Xây dựng",
          "Giám đốc Sở Nông nghiệp và Môi trường", "Chủ tịch HĐND tỉnh", "Giám đốc Công an tỉnh",
          "Trưởng Ban Dân tộc tỉnh", "Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Công Thương"]
AGENCIES = ["UBND tỉnh {p}", "Sở Y tế {p}", "Sở Giáo dục và Đào tạo {p}", "Sở Tài chính {p}", "Công an tỉnh {p}",
            "Sở Xây dựng {p}", "Sở Nông nghiệp và Môi trường {p}", "Ban Quản lý các khu công nghiệp tỉnh {p}",
            "Bảo hiểm xã hội tỉnh {p}", "Sở Công Thương {p}", "Liên đoàn Lao động tỉnh {p}", "Hội Nông dân tỉnh {p}",
            "Bộ Tài chính", "Bộ Y tế", "Bộ Giáo dục và Đào tạo", "Bộ Xây dựng", "Bộ Công Thương", "Ngân hàng Nhà nước",
            "Bộ Nông nghiệp và Môi trường", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "Thanh tra Chính phủ"]
ACTIONS = [
    "vừa ban hành kế hoạch {obj}", "đã tổ chức hội nghị sơ kết {obj}", "chỉ đạo các đơn vị khẩn trương {obj}",
    "kiểm tra tiến độ {obj}", "tổ chức lễ phát động {obj}", "trình HĐND tỉnh đề án {obj}",
    "ký kết chương trình phối hợp {obj}", "đề xuất bổ sung kinh phí {obj}", "hoàn thành đợt rà soát {obj}",
    "phê duyệt phương án {obj}", "công bố kết quả {obj}", "tổng kết năm năm {obj}", "yêu cầu đẩy nhanh {obj}",
    "tập huấn cho cán bộ cơ sở về {obj}", "lấy ý kiến người dân về dự thảo {obj}",
]
OBJECTS = [
    "giải ngân vốn đầu tư công", "phòng, chống sốt xuất huyết", "chuyển đổi số trong thủ tục hành chính",
    "xây dựng nông thôn mới nâng cao", "bảo vệ rừng đầu nguồn", "sắp xếp đơn vị hành chính cấp xã",
    "cải tạo chung cư cũ", "phát triển du lịch cộng đồng", "xóa nhà tạm, nhà dột nát", "tuyển sinh đầu cấp",
    "bảo đảm an toàn thực phẩm", "phòng cháy, chữa cháy tại khu dân cư", "nâng cấp hệ thống thủy lợi nội đồng",
    "hỗ trợ doanh nghiệp nhỏ và vừa", "cấp nước sạch nông thôn", "bảo hiểm y tế học sinh",
    "giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số", "quản lý trật tự xây dựng đô thị",
    "phát triển nhà ở xã hội", "đào tạo nghề cho lao động nông thôn", "khắc phục hậu quả mưa lũ",
    "thu hút đầu tư vào khu công nghiệp", "chống buôn lậu và gian lận thương mại", "xử lý rác thải sinh hoạt",
    "tiêm chủng mở rộng cho trẻ em", "phát triển hợp tác xã nông nghiệp", "cải cách thủ tục đất đai",
    "giữ gìn an ninh trật tự dịp lễ hội", "chăm sóc người có công với cách mạng", "bảo tồn di tích lịch sử",
]
PURPOSES = [
    "nhằm nâng cao chất lượng phục vụ người dân", "để bảo đảm hoàn thành mục tiêu đề ra trong năm",
    "góp phần ổn định đời sống của bà con", "với sự tham gia của đại diện các hội, đoàn thể",
    "trước khi trình cấp có thẩm quyền xem xét", "theo chỉ đạo của Thường trực Tỉnh ủy",
    "nhằm kịp thời tháo gỡ khó khăn cho cơ sở", "để đánh giá kết quả sau sáu tháng thực hiện",
    "bảo đảm công khai, minh bạch và đúng quy định", "nhằm tạo chuyển biến rõ nét trong thời gian tới",
    "với tổng kinh phí hơn {money} tỷ đồng", "tại {place}, huyện {p2}",
]
FIGURES = [
    "Đến nay, toàn tỉnh đã có {n} hộ dân được hỗ trợ, đạt {pct}% kế hoạch năm.",
    "Tổng kinh phí thực hiện khoảng {money} tỷ đồng, trong đó ngân sách địa phương chiếm {pct}%.",
    "Kết quả, có {n} hồ sơ được giải quyết đúng hạn, tăng {pct2}% so với cùng kỳ.",
    "Trong {months} tháng đầu năm, lực lượng chức năng đã kiểm tra {n} cơ sở, xử phạt {n2} trường hợp vi phạm.",
    "Hiện có {n2} công trình đang được triển khai, dự kiến hoàn thành trước ngày {d}/{m}/2026.",
    "Tỷ lệ người dân hài lòng với dịch vụ công đạt {pct}%, cao hơn mức bình quân cả nước.",
    "Số vốn đã giải ngân là {money} tỷ đồng, tương đương {pct}% kế hoạch được giao.",
    "Có {n2} xã, phường hoàn thành chỉ tiêu trước thời hạn, {n3} địa phương còn chậm tiến độ.",
]
QUOTES = [
    "Phát biểu tại buổi làm việc, {official} đề nghị các sở, ngành bám sát cơ sở, kịp thời xử lý vướng mắc phát sinh.",
    "{official} nhấn mạnh, việc {obj} phải được thực hiện thường xuyên, không chạy theo thành tích.",
    "Theo {official}, khó khăn lớn nhất hiện nay là thiếu nguồn lực và sự phối hợp chưa đồng bộ giữa các cấp.",
    "{official} yêu cầu người đứng đầu các đơn vị chịu trách nhiệm trước UBND tỉnh nếu để chậm trễ kéo dài.",
    "Kết luận hội nghị, {official} giao {agency} chủ trì, phối hợp với các địa phương rà soát lại toàn bộ danh mục.",
    "{official} cho biết, tỉnh sẽ ưu tiên bố trí vốn cho các công trình thiết yếu phục vụ dân sinh.",
]
EVENTS = [
    "Ngày {d}/{m}, {agency} {action} {purpose}.",
    "Sáng {d}/{m}, tại {place}, {agency} {action}.",
    "Chiều {d}/{m}, {official} dẫn đầu đoàn công tác {action2} tại {place}, huyện {p2}.",
    "Trong tuần qua, {agency} {action} {purpose}.",
    "Theo báo cáo của {agency}, công tác {obj} thời gian qua có nhiều chuyển biến tích cực.",
    "Bên cạnh kết quả đạt được, việc {obj} vẫn còn một số hạn chế, nhất là ở vùng sâu, vùng xa.",
    "Thời gian tới, {agency} sẽ tiếp tục {action2} {purpose}.",
    "Người dân tại {place} phấn khởi khi {obj2} được triển khai đúng tiến độ.",
]
ACTIONS2 = ["kiểm tra thực tế", "làm việc với lãnh đạo địa phương", "khảo sát hiện trạng công trình",
            "đối thoại với doanh nghiệp", "trao quà hỗ trợ các hộ khó khăn", "giám sát việc thực hiện chính sách",
            "đôn đốc tiến độ dự án", "lắng nghe ý kiến cử tri"]
# Short-item sentences: announcements, warnings, figures.
SHORT_LEADS = [
    "{agency} thông báo tạm dừng tiếp nhận hồ sơ {obj} trong ngày {d}/{m} để nâng cấp hệ thống.",
    "{agency} khuyến cáo người dân không tự ý {risk} trong thời gian {period}.",
    "Từ ngày {d}/{m}, {agency} áp dụng quy trình mới về {obj}, rút ngắn thời gian giải quyết còn {n2} ngày.",
    "{agency} vừa phát hiện {n2} cơ sở vi phạm quy định về {obj} trên địa bàn {place}.",
    "Trong ngày {d}/{m}, lực lượng chức năng tỉnh {p} đã cứu hộ thành công {n2} người gặp nạn tại {place}.",
    "{agency} cho biết, lượng hồ sơ {obj} tiếp nhận trong tháng {m} tăng {pct2}% so với tháng trước.",
    "Đường dây nóng của {agency} đã tiếp nhận {n2} phản ánh của người dân về {obj} trong tuần qua.",
]
RISKS = ["đi vào vùng có nguy cơ sạt lở", "đánh bắt thủy sản trên sông", "đốt nương làm rẫy",
         "sử dụng thuốc không rõ nguồn gốc", "chuyển tiền cho người lạ", "tụ tập đông người",
         "xả rác thải xuống kênh mương", "điều khiển phương tiện qua ngầm tràn"]
PERIODS = ["mưa lũ", "cao điểm nắng nóng", "nghỉ lễ Quốc khánh", "Tết Nguyên đán", "mùa khô", "mùa mưa bão"]
# Same-template notices (one template, different names and figures): different documents.
NOTICES = [
    ("Ngân hàng Nhà nước công bố tỷ giá trung tâm của đồng Việt Nam với đô la Mỹ áp dụng ngày {d}/{m}/2026 ở mức "
     "{rate} đồng/USD, {dir} {delta} đồng so với phiên trước. Với biên độ 5%, tỷ giá trần các ngân hàng được áp "
     "dụng là {ceil} đồng/USD và tỷ giá sàn là {floor} đồng/USD."),
    ("Công ty Điện lực {p} thông báo tạm ngừng cung cấp điện từ {h1} giờ đến {h2} giờ ngày {d}/{m} tại {place} "
     "để bảo dưỡng đường dây. Khách hàng cần thông tin chi tiết liên hệ tổng đài chăm sóc khách hàng."),
    ("Lịch tiếp công dân định kỳ tháng {m}/2026 của {official}: ngày {d}/{m} tại Trụ sở tiếp công dân tỉnh {p}, "
     "tập trung các vụ việc về {obj}. Công dân đến làm việc mang theo giấy tờ tùy thân và hồ sơ liên quan."),
    ("Giá xăng E5 RON92 từ {h1} giờ ngày {d}/{m} là {rate} đồng/lít, {dir} {delta} đồng; xăng RON95 là {ceil} "
     "đồng/lít; dầu diesel là {floor} đồng/lít, theo thông báo của liên Bộ Công Thương - Tài chính."),
]
OUTLETS = [  # (source, host, outlet name as credited)
    ("baochinhphu", "baochinhphu.vn", "Báo Chính phủ"), ("baotintuc", "baotintuc.vn", "Báo Tin tức"),
    ("vietnamplus", "www.vietnamplus.vn", "Vietnam+"), ("nhandan", "nhandan.vn", "Báo Nhân Dân"),
    ("vov", "vov.vn", "VOV"), ("qdnd", "www.qdnd.vn", "Báo Quân đội nhân dân"),
    ("hanoi", "hanoi.gov.vn", "Cổng thông tin Hà Nội"), ("dangcongsan", "dangcongsan.vn", "Báo Điện tử Đảng Cộng sản"),
    ("portal-a", "congthongtin-a.gov.vn", "Cổng thông tin tỉnh A"), ("portal-b", "congthongtin-b.gov.vn", "Cổng thông tin tỉnh B"),
]
CHROME = [
    ("Cổng Thông tin điện tử tỉnh {p}\n\nTrang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ\n\n"
     "Ngày đăng: {d:02d}/{m:02d}/2026 08:15 | Lượt xem: {n2}",
     "Chia sẻ: Facebook | Zalo\n\nTin liên quan\n- {other} ({d:02d}/{m:02d}/2026)\n\n"
     "Cơ quan chủ quản: Ủy ban nhân dân tỉnh {p}\nĐiện thoại: 0237.3852.111 - Email: banbientap@tinh.gov.vn\n"
     "Ghi rõ nguồn khi phát hành lại thông tin từ website này."),
    ("Báo điện tử Tin tức\nNghe bài viết\n00:00 / 03:{n3:02d}",
     "Bài viết liên quan\n{other}\n© 2026 Báo điện tử Tin tức. All rights reserved."),
    ("Trang chủ » Thời sự » Xã hội\n\nCỡ chữ: A A A | In bài | Gửi email",
     "Xem thêm: {other}\n\nBản quyền thuộc về cơ quan chủ quản. Giấy phép số 12/GP-BTTTT."),
]
CAPTIONS = ["Quang cảnh hội nghị. Ảnh: Minh Đức", "Các đại biểu tham dự buổi làm việc. Ảnh: TTXVN",
            "Đoàn công tác kiểm tra thực tế tại cơ sở. Ảnh: Thanh Hà", "Lãnh đạo tỉnh trao quà cho người dân. Ảnh: Hải Nam"]
NEW_TONES = {"hòa": "hoà", "Hòa": "Hoà", "hóa": "hoá", "thủy": "thuỷ", "Thủy": "Thuỷ", "khỏe": "khoẻ", "lũy": "luỹ",
             "ủy": "uỷ", "Ủy": "Uỷ", "tùy": "tuỳ", "xóa": "xoá", "hỏa": "hoả"}
EDITS = [("yêu cầu", "đề nghị"), ("khẩn trương", "nhanh chóng"), ("người dân", "bà con"), ("tiếp tục", "sẽ tiếp tục"),
         ("kịp thời", "nhanh chóng"), ("Thời gian tới", "Trong thời gian tới"), ("cho biết", "thông tin")]
ADDED_CLAUSES = [", theo báo cáo của cơ quan chức năng.", ", theo thông tin từ cơ quan chức năng.",
                 " Thông tin chi tiết được đăng tải trên cổng thông tin điện tử của đơn vị."]
READ_MORE = ["Đọc toàn bộ bài viết tại nguồn.", "Xem chi tiết tại trang của cơ quan chủ quản.", "(Còn nữa)"]


class _Story:
    """One story's facts: every sentence of it and of its copies draws from these."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.p, self.p2 = rng.sample(PROVINCES, 2)
        self.place = rng.choice(PLACES)
        self.official = f"{rng.choice(TITLES)} {self.p} {rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        self.agency = rng.choice(AGENCIES).format(p=self.p)
        self.obj, self.obj2 = rng.sample(OBJECTS, 2)
        self.d, self.m = rng.randint(1, 28), rng.randint(1, 12)

    def fill(self, pattern: str) -> str:
        r = self.rng
        values = {
            "p": self.p, "p2": self.p2, "place": self.place, "official": self.official, "agency": self.agency,
            "obj": self.obj, "obj2": self.obj2, "d": self.d, "m": self.m,
            "n": f"{r.randint(1, 99)}.{r.randint(100, 999)}", "n2": r.randint(3, 480), "n3": r.randint(2, 59),
            "pct": f"{r.randint(20, 99)},{r.randint(1, 9)}", "pct2": r.randint(3, 45), "months": r.randint(2, 11),
            "money": f"{r.randint(12, 950)}", "risk": r.choice(RISKS), "period": r.choice(PERIODS),
            "action2": r.choice(ACTIONS2),
        }
        values["action"] = r.choice(ACTIONS).format(obj=r.choice(OBJECTS) if r.random() < 0.5 else self.obj)
        values["purpose"] = r.choice(PURPOSES).format(**values)
        return pattern.format(**values)

    def sentence(self, avoid: list[str] = ()) -> str:
        """A sentence of this story not already in ``avoid``."""
        for _ in range(20):
            pool = self.rng.choice((EVENTS, EVENTS, FIGURES, QUOTES))
            out = self.fill(self.rng.choice(pool))
            if out not in avoid:
                break
        return out

    def title(self) -> str:
        return self.fill(self.rng.choice([
            "{p}: {obj_cap} đạt nhiều kết quả tích cực", "{agency} đẩy mạnh {obj}",
            "Tháo gỡ vướng mắc trong {obj} tại {p}", "{p} dành {money} tỷ đồng cho {obj}",
        ]).replace("{obj_cap}", self.obj[0].upper() + self.obj[1:]))


def long_article(rng: random.Random) -> tuple[str, str]:
    """(title, text): 150-800 words in 4-10 paragraphs of 1-3 sentences."""
    s = _Story(rng)
    paras, said = [], []
    for k in range(rng.randint(4, 10)):
        para = [s.fill(rng.choice(EVENTS[:3])) if k == 0 else s.sentence(said)]
        said += para
        for _ in range(rng.randint(0, 2)):
            para.append(s.sentence(said))
            said.append(para[-1])
        paras.append(" ".join(para))
    return s.title(), "\n\n".join(paras)


def short_item(rng: random.Random, borrowed: list[str] | None = None) -> tuple[str, str]:
    """(title, text): 25-100 words; ``borrowed`` sentences (from another story) are reused verbatim."""
    s = _Story(rng)
    own = [s.fill(rng.choice(SHORT_LEADS))]
    for _ in range(rng.randint(1, 3)):
        own.append(s.sentence(own))
    if borrowed:
        own = own[: max(1, len(own) - 1)]
        at = rng.randint(0, len(own))
        own[at:at] = borrowed
    text = " ".join(own)
    while len(text.split()) > 100 and len(own) > 1 + len(borrowed or []):
        own.pop()
        text = " ".join(own)
    return s.title(), text


def notice(rng: random.Random, template: str) -> tuple[str, str]:
    s = _Story(rng)
    rate = rng.randint(20_000, 26_000)
    text = s.fill(template.replace("{rate}", str(rate)).replace("{ceil}", str(rate * 105 // 100))
                  .replace("{floor}", str(rate * 95 // 100)).replace("{delta}", str(rng.randint(3, 60)))
                  .replace("{dir}", rng.choice(["tăng", "giảm"])).replace("{h1}", str(rng.randint(6, 12)))
                  .replace("{h2}", str(rng.randint(13, 18))))
    return text.split(",")[0][:60], text


def _sentences(text: str) -> list[str]:
    out = []
    for para in text.split("\n\n"):
        parts = para.replace(". ", ".\x00").split("\x00")
        out += [p.strip() for p in parts if len(p.split()) >= 6]
    return out


def _borrow(sentences: list[str], donor_words: int, rng: random.Random) -> list[str]:
    """1-2 sentences of a donor, together at most 70% of it (all of it would make a copy)."""
    rng.shuffle(sentences)
    out, words = [], 0
    for sentence in sentences[: rng.choice([1, 1, 2])]:
        n = len(sentence.split())
        if words + n <= 0.7 * donor_words and n <= 60:
            out.append(sentence)
            words += n
    return out


def copy_variant(text: str, name: str, rng: random.Random, story_rng: random.Random,
                 credited: str = "TTXVN") -> str:
    """A syndicated copy of ``text`` (the same document for a reader)."""
    paras = text.split("\n\n")
    s = _Story(story_rng)
    head, foot = rng.choice(CHROME)
    fill = {"p": s.p, "d": s.d, "m": s.m, "n2": rng.randint(10, 9000), "n3": rng.randint(10, 59),
            "other": s.title()}
    if name == "chrome":
        return f"{head.format(**fill)}\n\n{text}\n\n{foot.format(**fill)}"
    if name == "tone":
        for old, new in NEW_TONES.items():
            text = text.replace(old, new)
        return text
    if name == "nfd":
        return unicodedata.normalize("NFD", text)
    if name == "edit":  # three rewordings in an article, one in a short item
        for old, new in rng.sample(EDITS, 3 if len(text.split()) > 120 else 1):
            text = text.replace(old, new, 1)
        return text
    if name == "clause":  # a clause or sentence added at the end
        return text.rstrip(".") + rng.choice(ADDED_CLAUSES)
    if name == "caption":
        at = rng.randint(1, max(1, len(paras) - 1))
        return "\n\n".join(paras[:at] + [rng.choice(CAPTIONS)] + paras[at:])
    if name == "para_drop":
        drop = rng.randrange(1, len(paras)) if len(paras) > 3 else None
        return "\n\n".join(p for k, p in enumerate(paras) if k != drop)
    if name == "truncated":  # 60-85% of the text, cut at a word
        cut = int(len(text) * rng.uniform(0.6, 0.85))
        return text[: text.rfind(" ", 0, cut)] + "...\n\n" + rng.choice(READ_MORE)
    if name == "credit":
        return text + "\n\n" + rng.choice([f"(Theo {credited})", f"Nguồn: {credited}", f"Theo {credited}"])
    if name == "exact":
        return text
    if name == "combo":
        text = copy_variant(text, "edit", rng, story_rng)
        text = copy_variant(text, rng.choice(["tone", "nfd"]), rng, story_rng)
        return copy_variant(text, rng.choice(["chrome", "caption", "credit"]), rng, story_rng, credited)
    raise ValueError(name)


LONG_VARIANTS = ["chrome", "tone", "nfd", "edit", "caption", "para_drop", "truncated", "credit", "exact", "combo"]
SHORT_VARIANTS = ["chrome", "tone", "nfd", "edit", "clause", "credit", "exact", "combo"]


def _doc_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def news_rows(n_docs: int, seed: int = 7, dup_share: float = 0.3) -> Iterator[dict]:
    """``n_docs`` labelled rows, streamed in story order (ids are hashes: order is random by id)."""
    rng = random.Random(seed)
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    made, story = 0, 0
    recent: list[tuple[str, str]] = []  # (cluster, text) of earlier stories, for borrowed sentences and digests

    def row(cluster, variant, kind, title, text, outlet, credit, published):
        nonlocal made
        source, host, _ = outlet
        url = f"https://{host}/{cluster}-{variant}-{made}.htm"
        made += 1
        return {"id": _doc_id(url), "text": text, "title": title, "url": url, "source": source, "credit": credit,
                "published_at": published, "cluster": cluster, "variant": variant, "kind": kind}

    while made < n_docs:
        cluster = f"s{seed}-{story:07d}"
        story_seed = rng.getrandbits(64)
        srng = random.Random(story_seed)
        published = base + timedelta(minutes=rng.randint(0, 525_600))
        roll = rng.random()
        origin = rng.choice(OUTLETS)
        if roll < 0.10 and recent:  # a short item reusing 1-2 sentences of an earlier story
            donor = rng.choice(recent)[1]
            borrowed = _borrow(_sentences(donor), len(donor.split()), rng)
            kind, (title, text) = "short_shared", short_item(srng, borrowed)
        elif roll < 0.14:
            kind, (title, text) = "notice", notice(srng, rng.choice(NOTICES))
        elif roll < 0.17 and recent:  # a lead excerpt of an earlier long story (under a third of it)
            donor_cluster, donor = rng.choice(recent)
            paras = donor.split("\n\n")
            if len(paras) < 4 or len(paras[0].split()) > len(donor.split()) / 3:
                kind, (title, text) = "long", long_article(srng)
            else:  # two excerpts of one article are one document
                cluster = f"{donor_cluster}-excerpt"
                kind, title, text = "excerpt", paras[0][:60], paras[0] + "\n\n" + rng.choice(READ_MORE)
        elif roll < 0.18 and len(recent) >= 4:  # a digest of several leads
            leads = [_sentences(t)[0] for _, t in rng.sample(recent, 4) if _sentences(t)]
            kind, title, text = "digest", "Tin tổng hợp", "\n\n".join(leads)
        elif roll < 0.45:
            kind, (title, text) = "short", short_item(srng)
        else:
            kind, (title, text) = "long", long_article(srng)
        yield row(cluster, "original", kind, title, text, origin, None, published)
        if kind in ("long", "short", "short_shared", "notice"):
            recent.append((cluster, text))
            del recent[:-200]
        # Syndicated copies: about dup_share of all rows.
        n_copies = 0
        if rng.random() < dup_share / (1 - dup_share) / 1.8:
            n_copies = rng.choice([1, 1, 1, 2, 2, 3, 4])
        names = LONG_VARIANTS if kind in ("long", "digest") else SHORT_VARIANTS
        for name in rng.sample(names, min(n_copies, len(names))):
            if made >= n_docs:
                break
            outlet = rng.choice([o for o in OUTLETS if o != origin])
            credited = origin[2] if name == "credit" or rng.random() < 0.6 else None
            copy = copy_variant(text, name, rng, random.Random(story_seed), origin[2])
            when = published + timedelta(minutes=rng.randint(-30, 2880))
            yield row(cluster, name, kind, title, copy, outlet, credited, when)
        story += 1
