"""Build tests/data/segment/sentences.txt: varied Vietnamese for the segmentation identity test.

    python tests/data/segment/make_sentences.py        # rewrites sentences.txt (seeded)

Sources, all written by the vicorpus authors: the hand-written news sentences of
base_sentences.txt; the same sentences as a user's pages write them (ALL CAPS
headlines, lower case, NFD, no diacritics, emoji, stray punctuation and spaces,
other quote and dash characters); news-like templates filled with numbers, dates,
times, money, percentages, URLs, e-mails, legal document numbers, vehicle plates
and abbreviations; and clauses of different base sentences joined together.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

PEOPLE = ["PGS.TS. Nguyễn Văn Hùng", "GS.TS Trần Thị Mai", "ThS. Lê Quốc Bảo", "TS. Phạm Minh Tuấn",
          "BS.CKII Hoàng Thu Hà", "ông Đặng Văn Lâm", "bà Vũ Thị Hồng", "anh Bùi Đức Thắng", "chị Ngô Thanh Vân",
          "Mr. David Lee", "Dr. Anna Müller", "Đại tá Nguyễn Hữu Cường", "Thiếu tướng Đinh Văn Nơi",
          "NSND Lan Hương", "Bộ trưởng Nguyễn Kim Sơn", "Phó Chủ tịch UBND tỉnh Y Ngọc"]
PLACES = ["TP.HCM", "TP. Hà Nội", "Tp. Cần Thơ", "tỉnh Quảng Nam", "huyện Mường Nhé", "xã Ea Kao",
          "Q.1", "phường 5, Q.Bình Thạnh", "thị xã Sơn Tây", "đặc khu Phú Quốc", "TP. Thủ Đức",
          "tỉnh Bà Rịa - Vũng Tàu", "Tây Nguyên", "ĐBSCL", "KCN VSIP Bắc Ninh", "T.Ư Đoàn"]
AGENCIES = ["UBND", "HĐND", "Bộ GD&ĐT", "Bộ Y tế", "NHNN", "Bộ TN&MT", "VKSND", "TAND", "Sở GTVT",
            "Công an tỉnh", "Bộ KH&ĐT", "Tổng cục Thuế", "BHXH Việt Nam", "EVN", "PVN", "Vietnam Airlines"]
DOC_KINDS = ["NĐ-CP", "QĐ-UBND", "QĐ-TTg", "TT-BTC", "TT-BGDĐT", "NQ-HĐND", "QH15", "CT-TTg", "CĐ-TTg",
             "KH-UBND", "TB-VPCP", "BC-BYT", "TT-NHNN", "NQ-CP", "QĐ-BCT", "UBND-KT", "TTr-BTP"]
DOMAINS = ["chinhphu.vn", "baochinhphu.vn", "moh.gov.vn", "hanoi.gov.vn", "vnexpress.net", "tuoitre.vn",
           "dantri.com.vn", "vietnamplus.vn", "sbv.gov.vn", "thuvienphapluat.vn", "example.com.vn"]
SLUGS = ["tin-tuc", "van-ban", "kinh-te/gia-vang-hom-nay", "xa-hoi/giao-thong", "the-thao",
         "chinh-sach-moi-thang-3-2026", "news/2026/03/12", "uploads/2026/03/bao-cao.pdf"]
UNITS = ["đồng/kg", "đồng/lít", "USD/tấn", "triệu đồng/lượng", "tỷ đồng", "USD", "VND", "đồng", "km", "ha",
         "tấn", "m3", "MW", "kWh", "người", "lượt khách", "ca", "%"]
EMOJI = ["😊", "🔥", "👍", "❤️", "🇻🇳", "🎉", "😢", "🙏", "⚡", "📌", "👉", "✅", "⚠️", "😂😂", "💯"]
QUOTES = [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("'", "'"), ("„", "“")]
DASHES = ["-", "–", "—", "‐", "‑", "−", "--"]

TEMPLATES = [
    "Theo Nghị định {doc}, {agency} phải hoàn thành báo cáo trước ngày {date}.",
    "{agency} {place} vừa ban hành Quyết định {doc} ngày {date} về {topic}.",
    "Căn cứ Thông tư {doc} và Công văn số {n}/{agency2}, {person} đề nghị {topic}.",
    "Lúc {time} ngày {date}, tại {place} đã xảy ra {event}.",
    "{person} cho biết {topic} đạt {pct}, tương đương {money}.",
    "Giá {good} hôm nay ({date}) ở mức {num} {unit}, {updown} {num2} {unit} so với hôm qua.",
    "Chi tiết xem tại {url} hoặc liên hệ {email}.",
    "Mọi thắc mắc xin gửi về {email} (hạn chót {time} ngày {date}).",
    "Thông tin được đăng tải trên {url}, cập nhật lúc {time}.",
    "Xe mang biển số {plate} bị phạt {money} vì vượt quá tốc độ {n} km/h.",
    "Kim ngạch xuất khẩu {good} {period} đạt {money}, {updown} {pct} so với cùng kỳ.",
    "Tỷ lệ {topic} tại {place} là {pct} ({n}/{n2} hồ sơ).",
    "Hotline: {phone} - Email: {email} - Website: {url}",
    "{headline}",
    "Từ {time} ngày {date} đến {time2} ngày {date2}, {place} cấm các phương tiện lưu thông.",
    "{person} ({agency}) phát biểu: {q0}{quote}{q1}.",
    "Dự án {project} có tổng vốn {money} ({money2}), khởi công năm {year}.",
    "Kết quả: {n} ca khỏi bệnh, {n2} ca tử vong; tỷ lệ {pct}.",
    "Điểm chuẩn ngành {major} năm {year} là {score} điểm (tăng {score2} điểm).",
    "Nhiệt độ {place} từ {n}{dash}{n2}°C, độ ẩm {pct}.",
    "Phiên {date}: VN-Index {updown} {score} điểm ({sign}{pct}), đạt {num} điểm.",
    "Mục {roman}, khoản {n}, Điều {n2} Luật số {doc} quy định rõ {topic}.",
    "{person}: \"{quote}\" {emoji}",
    "Sản phẩm kích thước {n}x{n2} cm, nặng {num}kg, giá {money}.",
    "Version {n}.{n2}.{n3} của ứng dụng {app} sửa lỗi đăng nhập trên iOS {n} và Android {n2}.",
    "{place}{dash}{place2}: tuyến xe buýt số {n} hoạt động từ {time} đến {time2}.",
    "Trong {period}, {agency} đã xử lý {n} vụ vi phạm, thu nộp ngân sách {money}.",
    "Ngày {date}, {person} làm việc với {agency} {place} về {topic}...",
    "Số điện thoại {phone} và {phone2} đã bị khóa do liên quan đến lừa đảo.",
    "{topic_cap} - những điều cần biết trước ngày {date}",
]
TOPICS = ["giải ngân vốn đầu tư công", "cải cách thủ tục hành chính", "phòng chống dịch sởi",
          "xây dựng nông thôn mới", "chuyển đổi số", "bảo hiểm y tế học sinh", "giá điện sinh hoạt",
          "an toàn thực phẩm", "thuế thu nhập cá nhân", "nhà ở xã hội", "tinh giản biên chế",
          "phòng cháy chữa cháy", "kiểm soát tải trọng xe", "tuyển sinh lớp 10", "xuất khẩu lao động"]
EVENTS = ["vụ cháy nhà dân", "vụ tai nạn giao thông liên hoàn", "sạt lở đất", "lốc xoáy làm tốc mái 20 nhà",
          "vụ va chạm giữa xe khách và xe container", "sự cố mất điện diện rộng"]
GOODS = ["vàng miếng SJC", "xăng RON 95-III", "thịt lợn hơi", "gạo 5% tấm", "cà phê Robusta", "hồ tiêu",
         "sầu riêng Ri6", "thép xây dựng", "dầu diesel 0,05S", "thanh long ruột đỏ"]
PROJECTS = ["cao tốc Bắc - Nam phía Đông", "sân bay Long Thành", "đường Vành đai 4", "metro Nhổn - Ga Hà Nội",
            "cầu Tứ Liên", "cảng Liên Chiểu", "Khu công nghệ cao Hòa Lạc"]
MAJORS = ["Y khoa", "Công nghệ thông tin", "Luật kinh tế", "Sư phạm Toán", "Kỹ thuật ô tô", "Marketing"]
APPS = ["VNeID", "eTax Mobile", "VssID", "Zalo", "MoMo", "Bluezone"]
QUOTES_TEXT = ["Không có vùng cấm, không có ngoại lệ", "Chúng tôi sẽ làm đến nơi đến chốn",
               "Người dân là trung tâm, là chủ thể", "Đây là việc chưa có tiền lệ",
               "Nói ít, làm nhiều, hiệu quả cao", "Ai làm sai phải chịu trách nhiệm"]
HEADLINES = ["Thủ tướng chủ trì hội nghị trực tuyến với các địa phương",
             "Giá vàng lập đỉnh mới, vượt 95 triệu đồng/lượng",
             "Hà Nội: Phân luồng giao thông phục vụ lễ diễu binh 2/9",
             "Bộ Y tế khuyến cáo phòng bệnh mùa nắng nóng",
             "Xuất khẩu gạo 2025 đạt kỷ lục 8 triệu tấn",
             "Công bố điểm thi tốt nghiệp THPT năm 2026",
             "Bão số 5 giật cấp 14 hướng vào Thanh Hóa - Nghệ An",
             "TP.HCM: Khởi công nút giao An Phú giai đoạn 2"]
PERIODS = ["quý I/2026", "6 tháng đầu năm", "tháng 11/2025", "năm 2025", "9 tháng", "giai đoạn 2021-2025"]


def _filler(rng: random.Random) -> dict[str, str]:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025, 2026, 1975, 2030])
    date = rng.choice([f"{d}/{m}", f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{d:02d}.{m:02d}.{y}",
                       f"{y}/{m:02d}/{d:02d}", f"{d} tháng {m} năm {y}", f"{d}/{m} âm lịch"])
    date2 = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{y}"
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    times = [f"{hh}h{mm:02d}", f"{hh}h", f"{hh}:{mm:02d}", f"{hh:02d}:{mm:02d}:{rng.randint(0, 59):02d}",
             f"{hh} giờ {mm} phút", f"{hh}g{mm:02d}", f"{hh}h{mm:02d}'"]
    big = rng.randint(1, 999_999_999)
    num = rng.choice([f"{big:,}".replace(",", "."), f"{rng.randint(1, 999)},{rng.randint(0, 99)}",
                      str(rng.randint(0, 100)), f"{rng.randint(1, 99)}.{rng.randint(100, 999)}",
                      f"{big:,}", f"{rng.randint(1, 9)}_{rng.randint(100, 999)}"])
    money = rng.choice([f"{rng.randint(1, 999)} tỷ đồng", f"{rng.randint(1, 99)},{rng.randint(1, 9)} triệu USD",
                        f"{big:,}".replace(",", ".") + " đồng", f"{rng.randint(1, 999)}.000đ",
                        f"${rng.randint(1, 99)}.{rng.randint(0, 9)} million", f"€{rng.randint(1, 999)}",
                        f"{rng.randint(1, 99)} nghìn tỷ VND", f"{rng.randint(1, 9)},{rng.randint(10, 99)} tỷ USD",
                        f"{rng.randint(10, 900)}k", f"{rng.randint(1, 50)}tr"])
    pct = rng.choice([f"{rng.randint(0, 100)}%", f"{rng.randint(0, 99)},{rng.randint(0, 99)}%",
                      f"{rng.randint(0, 99)}.{rng.randint(0, 9)}%", f"{rng.randint(1, 9)} %", "100 %"])
    domain = rng.choice(DOMAINS)
    url = rng.choice([f"https://{domain}/{rng.choice(SLUGS)}-{rng.randint(1, 99999)}.htm",
                      f"http://www.{domain}", f"www.{domain}/{rng.choice(SLUGS)}", domain,
                      f"https://{domain}/search?q=gi%C3%A1+v%C3%A0ng&page={rng.randint(1, 9)}",
                      f"https://{domain}/{rng.choice(SLUGS)}/", f"ftp://files.{domain}/a_b(1).zip",
                      f"https://{domain}/#muc-{rng.randint(1, 9)}"])
    user = rng.choice(["toasoan", "lienhe", "hotro.khachhang", "nguyen.van.a", "info", "bandoc_2026",
                       "phongbanhanh+tin", "ABC.Xyz"])
    email = f"{user}@{domain}"
    phone = rng.choice([f"0{rng.randint(90, 99)}{rng.randint(1000000, 9999999)}", f"0{rng.randint(20, 29)}.{rng.randint(1000, 9999)}.{rng.randint(1000, 9999)}",
                        f"(024) {rng.randint(3000, 3999)} {rng.randint(1000, 9999)}", f"1900.{rng.randint(1000, 9999)}",
                        f"+84 {rng.randint(90, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                        f"0{rng.randint(90, 99)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"])
    doc = rng.choice([f"{rng.randint(1, 999)}/{y}/{rng.choice(DOC_KINDS)}", f"{rng.randint(1, 9999)}/{rng.choice(DOC_KINDS)}",
                      f"số {rng.randint(1, 300)}/{y}/{rng.choice(DOC_KINDS)}", f"{rng.randint(10, 99)}/{rng.choice(DOC_KINDS)}-{rng.choice(['VP', 'KT', 'NC'])}"])
    plate = rng.choice([f"{rng.randint(11, 99)}A-{rng.randint(100, 999)}.{rng.randint(10, 99)}",
                        f"{rng.randint(11, 99)}H{rng.randint(1, 9)}-{rng.randint(1000, 9999)}",
                        f"{rng.randint(11, 99)}LD-{rng.randint(10000, 99999)}", f"{rng.randint(11, 99)}C-0{rng.randint(100, 999)}"])
    q0, q1 = rng.choice(QUOTES)
    return {
        "date": date, "date2": date2, "time": rng.choice(times), "time2": rng.choice(times), "num": num,
        "num2": str(rng.randint(1, 5000)), "n": str(rng.randint(1, 500)), "n2": str(rng.randint(1, 500)),
        "n3": str(rng.randint(0, 30)), "money": money, "money2": rng.choice(["khoảng 1,2 tỷ USD", "gần 30.000 tỷ đồng", "tương đương 500 triệu euro"]),
        "pct": pct, "url": url, "email": email, "phone": phone, "phone2": phone[::-1] if rng.random() < 0.1 else phone,
        "doc": doc, "plate": plate, "person": rng.choice(PEOPLE), "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES), "agency": rng.choice(AGENCIES), "agency2": rng.choice(DOC_KINDS),
        "topic": rng.choice(TOPICS), "topic_cap": rng.choice(TOPICS).capitalize(), "event": rng.choice(EVENTS),
        "good": rng.choice(GOODS), "unit": rng.choice(UNITS), "updown": rng.choice(["tăng", "giảm", "đi ngang", "tăng nhẹ"]),
        "period": rng.choice(PERIODS), "project": rng.choice(PROJECTS), "year": str(y), "major": rng.choice(MAJORS),
        "score": f"{rng.randint(15, 29)},{rng.randint(0, 99):02d}", "score2": f"{rng.randint(0, 2)},{rng.randint(0, 9)}",
        "sign": rng.choice(["+", "-", ""]), "roman": rng.choice(["I", "II", "IV", "IX", "XIV"]),
        "dash": rng.choice(DASHES), "quote": rng.choice(QUOTES_TEXT), "q0": q0, "q1": q1,
        "emoji": rng.choice(EMOJI), "headline": rng.choice(HEADLINES), "app": rng.choice(APPS),
    }


def _strip_marks(text: str) -> str:
    out = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in out if unicodedata.category(c) != "Mn")


def variants(sentence: str, rng: random.Random) -> list[str]:
    """The sentence as real pages also write it."""
    words = sentence.split()
    q0, q1 = rng.choice(QUOTES)
    out = [
        sentence.upper(),  # ALL CAPS headline
        sentence.lower(),
        unicodedata.normalize("NFD", sentence),
        _strip_marks(sentence),  # typed without diacritics
        " ".join(w.capitalize() for w in words),  # Title Case Headline
        sentence.rstrip(".") + " " + rng.choice(EMOJI) + rng.choice(["", "!", "!!!", " ..."]),
        sentence.replace(",", rng.choice([" ,", ",,", " , ", "，"])).replace(".", rng.choice([".", " .", "..", "…", "?!"])),
        "  ".join(words[: len(words) // 2]) + "\t" + " ".join(words[len(words) // 2:]),
        f"{q0}{sentence.rstrip('.')}{q1} ({rng.choice(['ảnh minh họa', 'nguồn: TTXVN', 'Ảnh: VGP/Nhật Bắc'])})",
        sentence.replace(" - ", rng.choice(DASHES).center(3)).replace("-", rng.choice(DASHES)),
        rng.choice(["[", "(", "{", "<", "*", "#", "•", "- ", "+ ", "→ ", "1. ", "a) "]) + sentence,
    ]
    if len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        out.append(" ".join(words[:i] + [rng.choice(["(", ")", "[", "]", "/", "|", "&", "@", "#", "*", "~", "^"])] + words[i:]))
    return out


def build(seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    base = [line.strip() for line in (HERE / "base_sentences.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    out = list(base)
    for sentence in base:
        out += variants(sentence, rng)
    for _ in range(2600):
        out.append(rng.choice(TEMPLATES).format(**_filler(rng)))
    clauses = [c.strip() for s in base for c in s.rstrip(".").split(",") if len(c.split()) >= 3]
    for _ in range(800):
        picked = rng.sample(clauses, rng.randint(2, 4))
        out.append(", ".join(picked) + rng.choice([".", "!", "?", "...", ";", ""]))
    for sentence in rng.sample(out, 300):  # a few of every kind also in ALL CAPS or NFD
        out.append(rng.choice([str.upper, lambda s: unicodedata.normalize("NFD", s)])(sentence))
    seen, unique = set(), []
    for sentence in out:
        sentence = " ".join(sentence.split("\n"))
        if sentence.strip() and sentence not in seen:
            seen.add(sentence)
            unique.append(sentence)
    return unique


if __name__ == "__main__":
    sentences = build()
    (HERE / "sentences.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    print(f"wrote {len(sentences)} sentences to {HERE / 'sentences.txt'}")
