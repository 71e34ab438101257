"""A labelled near-duplicate set in government-news style, generated reproducibly.

Each article is drawn from a topic's sentence templates with its own facts
(province, figures, dates); same-topic articles share wording but not facts and
must never be merged. Each article then gets syndicated copies: site chrome
(header/menu/footer), new-style tone marks (hoà, thuỷ), NFD, small edits,
a photo caption, a dropped paragraph, a 70% lead-only copy, and combinations.

>>> rows = labelled_set(n_articles=4, seed=1)
>>> sorted({r["variant"] for r in rows}) [:3]
['boilerplate', 'caption', 'combo']
"""

from __future__ import annotations

import random
import unicodedata

PROVINCES = ["Thanh Hóa", "Nghệ An", "Quảng Ninh", "Khánh Hòa", "Đắk Lắk", "Cà Mau", "Lào Cai",
             "Bình Định", "Hà Tĩnh", "Sơn La", "An Giang", "Thái Nguyên", "Quảng Trị", "Lâm Đồng"]
LEADERS = ["Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Giám đốc Sở Tài chính",
           "Giám đốc Sở Nông nghiệp và Môi trường", "Phó Giám đốc Sở Xây dựng"]
TOPICS = {
    "giải ngân": [
        "Sáng {d}/{m}, {leader} {p} chủ trì cuộc họp kiểm điểm tiến độ giải ngân vốn đầu tư công năm 2026.",
        "Theo báo cáo, đến hết tháng {m}, toàn tỉnh giải ngân được {a}% kế hoạch vốn, tương đương {b} tỷ đồng.",
        "Nhiều dự án trọng điểm vẫn chậm tiến độ do vướng mắc trong công tác bồi thường, giải phóng mặt bằng.",
        "{leader} yêu cầu các chủ đầu tư lập kế hoạch giải ngân chi tiết theo từng tháng và cam kết hoàn thành.",
        "Trường hợp cố tình gây khó khăn, cản trở tiến độ giải ngân sẽ bị xử lý nghiêm theo quy định.",
        "Tỉnh {p} đặt mục tiêu giải ngân trên {c}% kế hoạch vốn được giao trước ngày 31/12.",
        "Sở Tài chính được giao rà soát, điều chuyển vốn từ các dự án chậm sang những dự án có khả năng giải ngân nhanh.",
        "Các sở, ngành thành lập {e} tổ công tác đặc biệt để tháo gỡ khó khăn cho từng dự án cụ thể.",
    ],
    "thiên tai": [
        "Chiều {d}/{m}, Ban Chỉ huy phòng thủ dân sự tỉnh {p} tổ chức hội nghị triển khai nhiệm vụ ứng phó mùa mưa bão.",
        "Năm qua, thiên tai làm hư hỏng {b} ngôi nhà, gây thiệt hại ước tính {a} tỷ đồng trên địa bàn tỉnh.",
        "Lực lượng chức năng đã sơ tán kịp thời {c} hộ dân ở vùng trũng thấp, ven sông đến nơi an toàn.",
        "{leader} yêu cầu các địa phương rà soát phương án sơ tán, chuẩn bị lương thực và phương tiện cứu hộ.",
        "Tỉnh {p} hiện có {e} hồ chứa thủy lợi xung yếu cần được kiểm tra, gia cố trước mùa mưa.",
        "Người dân được khuyến cáo theo dõi bản tin dự báo thời tiết và không đi vào vùng có nguy cơ sạt lở.",
        "Các đơn vị bố trí lực lượng trực 24/24 giờ, sẵn sàng ứng cứu khi có tình huống xấu xảy ra.",
        "Kinh phí dự phòng {a} tỷ đồng đã được bố trí để khắc phục hậu quả thiên tai trong năm nay.",
    ],
    "chuyển đổi số": [
        "Ngày {d}/{m}, UBND tỉnh {p} ban hành kế hoạch chuyển đổi số giai đoạn 2026 - 2030.",
        "Theo kế hoạch, đến năm 2027, {c}% thủ tục hành chính được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình.",
        "Tỷ lệ hồ sơ nộp trực tuyến của tỉnh hiện đạt {a}%, cao hơn mức bình quân cả nước.",
        "{leader} đề nghị các sở, ngành số hóa toàn bộ hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực.",
        "Tỉnh sẽ đầu tư {b} tỷ đồng để nâng cấp trung tâm dữ liệu và hệ thống an toàn thông tin.",
        "Người dân có thể thanh toán phí, lệ phí trực tuyến qua Cổng Dịch vụ công quốc gia.",
        "Đã có {e} xã, phường triển khai mô hình tổ công nghệ số cộng đồng hướng dẫn người dân sử dụng dịch vụ số.",
        "Việc chuyển đổi số phải lấy người dân, doanh nghiệp làm trung tâm, bảo đảm an toàn, an ninh mạng.",
    ],
    "y tế": [
        "Sở Y tế tỉnh {p} cho biết, từ đầu năm đến ngày {d}/{m}, toàn tỉnh ghi nhận {b} ca mắc sốt xuất huyết.",
        "So với cùng kỳ năm trước, số ca mắc tăng {a}%, tập trung chủ yếu ở các phường nội thành.",
        "Ngành y tế đã tổ chức {e} đợt chiến dịch diệt lăng quăng, bọ gậy tại các khu dân cư có ổ dịch.",
        "{leader} yêu cầu không để dịch bệnh lây lan rộng, không để xảy ra ca tử vong do chậm điều trị.",
        "Các bệnh viện được chỉ đạo bố trí khu vực riêng để tiếp nhận, điều trị bệnh nhân sốt xuất huyết.",
        "Người dân khi có dấu hiệu sốt cao liên tục cần đến ngay cơ sở y tế để được khám và theo dõi.",
        "Tỉnh đã cấp {c} nghìn liều hóa chất và máy phun cho các trung tâm y tế tuyến cơ sở.",
        "Công tác truyền thông phòng bệnh được đẩy mạnh qua loa phát thanh và mạng xã hội.",
    ],
}
SITES = [
    ("Cổng Thông tin điện tử tỉnh {p}\n\nTrang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ\n\n"
     "Ngày đăng: {d:02d}/{m:02d}/2026 08:15 | Lượt xem: {e}",
     "Chia sẻ: Facebook | Zalo\n\nTin liên quan\nHội nghị tổng kết công tác cải cách hành chính năm 2025\n"
     "Kiểm tra công tác chuẩn bị năm học mới tại các trường học\n\n"
     "Cơ quan chủ quản: Ủy ban nhân dân tỉnh {p}\nĐiện thoại: 0237.3852.111 - Email: banbientap@{p}.gov.vn\n"
     "Ghi rõ nguồn khi phát hành lại thông tin từ website này."),
    ("Báo điện tử Tin tức\nNghe bài viết\n00:00 / 03:12",
     "Bài viết liên quan\nTriển khai nghị quyết về phát triển kinh tế tư nhân\n"
     "© 2026 Báo điện tử Tin tức. All rights reserved."),
]
CAPTIONS = ["Quang cảnh hội nghị. Ảnh: Minh Đức", "Các đại biểu tham dự cuộc họp. Ảnh: TTXVN"]
NEW_TONES = {"hòa": "hoà", "Hòa": "Hoà", "hóa": "hoá", "thủy": "thuỷ", "khỏe": "khoẻ", "lũy": "luỹ", "ủy": "uỷ"}
EDITS = [("yêu cầu", "đề nghị"), ("hiện có", "đang có"), ("được giao", "được phân bổ"), ("Người dân", "Bà con")]


SUBJECTS = ["Đoàn công tác của Bộ Nội vụ", "Ban Thường vụ Tỉnh ủy", "Hội đồng nhân dân tỉnh", "Mặt trận Tổ quốc tỉnh",
            "Liên đoàn Lao động tỉnh", "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Bộ đội Biên phòng tỉnh",
            "Hội Nông dân tỉnh", "Ủy ban Kiểm tra Tỉnh ủy"]
ACTIONS = ["đã kiểm tra thực tế tại", "làm việc với lãnh đạo", "tổ chức lấy ý kiến người dân ở",
           "trao quà hỗ trợ các hộ gia đình tại", "khảo sát hiện trạng công trình ở", "đối thoại với doanh nghiệp tại"]
PLACES = ["xã Nam Sơn", "phường Đông Hải", "xã Tân Lập", "thị trấn Phú Hòa", "xã Mường Khương", "phường Bắc Sơn",
          "xã Ea Kly", "xã Hòa Bình", "phường Trần Phú", "xã Vĩnh Thạnh"]
CLOSERS = ["và ghi nhận nhiều ý kiến tâm huyết của cán bộ cơ sở", "nhằm kịp thời nắm bắt tâm tư, nguyện vọng của nhân dân",
           "trước khi trình đề án lên cấp có thẩm quyền xem xét", "với sự tham gia của đại diện các hội, đoàn thể",
           "để đánh giá kết quả sau 6 tháng thực hiện chương trình", "theo chỉ đạo của Thường trực Tỉnh ủy"]


def _event(rng: random.Random, facts: dict) -> str:
    """A sentence about one specific event: the part that differs between same-topic articles."""
    return (f"Ngày {rng.randint(1, 28)}/{facts['m']}, {rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} "
            f"{rng.choice(PLACES)}, huyện {rng.choice(PROVINCES)} {rng.choice(CLOSERS)}.")


def _facts(rng: random.Random) -> dict:
    return {"p": rng.choice(PROVINCES), "leader": rng.choice(LEADERS), "d": rng.randint(1, 28),
            "m": rng.randint(1, 12), "a": f"{rng.randint(10, 95)},{rng.randint(1, 9)}",
            "b": f"{rng.randint(1, 9)}.{rng.randint(100, 999)}", "c": rng.randint(60, 99), "e": rng.randint(3, 40)}


def article(topic: str, rng: random.Random) -> str:
    facts = _facts(rng)
    sentences = rng.sample(TOPICS[topic], 4)
    sentences.sort(key=TOPICS[topic].index)
    sentences = [sentences[0], "{x1}", sentences[1], "{x2}", sentences[2], sentences[3]]
    facts["x1"], facts["x2"] = _event(rng, facts), _event(rng, facts)
    first = sentences[0].format(**facts)
    title = f"{facts['p']}: {topic[0].upper() + topic[1:]} - {first[: first.rfind(' ', 0, 40)]}"
    paras = [" ".join(s.format(**facts) for s in sentences[i : i + 2]) for i in range(0, 6, 2)]
    return "\n\n".join([title] + paras)


def variants(text: str, rng: random.Random) -> dict[str, str]:
    paras = text.split("\n\n")
    facts = _facts(rng)
    head, foot = (part.format(**facts) for part in rng.choice(SITES))
    tone = text
    for old, new in NEW_TONES.items():
        tone = tone.replace(old, new)
    edit = text
    for old, new in rng.sample(EDITS, 2):
        edit = edit.replace(old, new, 1)
    cut = int(len(text) * 0.7)
    lead = text[: text.rfind(" ", 0, cut)] + "...\n\n(Còn nữa)"
    caption = "\n\n".join(paras[:2] + [rng.choice(CAPTIONS)] + paras[2:])
    return {
        "boilerplate": f"{head}\n\n{text}\n\n{foot}",
        "tone": tone,
        "nfd": unicodedata.normalize("NFD", text),
        "edit": edit,
        "caption": caption,
        "para_drop": "\n\n".join(paras[:-1]) if len(paras) > 3 else edit,
        "lead70": lead,
        "combo": f"{head}\n\n{unicodedata.normalize('NFD', caption.replace('yêu cầu', 'đề nghị'))}\n\n{foot}",
    }


def labelled_set(n_articles: int = 200, seed: int = 7) -> list[dict]:
    """Rows {id, text, cluster, variant, kind}; every article has a random subset of variants."""
    rng = random.Random(seed)
    rows, topics = [], sorted(TOPICS)
    for k in range(n_articles):
        topic = topics[k % len(topics)]
        text = article(topic, rng)
        cluster = f"g-{k:05d}"
        rows.append({"id": f"{cluster}-original", "text": text, "cluster": cluster,
                     "variant": "original", "kind": topic})
        all_variants = variants(text, rng)
        names = sorted(all_variants) if k < 4 else sorted(rng.sample(sorted(all_variants), rng.randint(0, 4)))
        for name in names:
            rows.append({"id": f"{cluster}-{name}", "text": all_variants[name], "cluster": cluster,
                         "variant": name, "kind": topic})
    rng.shuffle(rows)
    return rows
