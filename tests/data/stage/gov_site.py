"""A provincial portal's bulletin sub-site, written for the template tests (fictional, realistic).

Every page carries the same chrome: a sub-site line and a free-text dateline at the top of the
body, a "Nguồn:" credit, a "Bài viết khác" heading over links to other bulletins, an editorial
line and the portal footer; `<title>` is the headline plus " - Bản tin điện tử tổng hợp" and
there is no <h1>. Only the articles differ. ``metadata=True`` adds og:type and JSON-LD
NewsArticle (as many portals have), so the template tests do not depend on how pages without
any metadata are typed (that is extraction's own test).
"""

from __future__ import annotations

import html
import zlib

PORTAL = "Cổng Thông tin điện tử tỉnh Hà Nam"
SUBSITE_LINE = "Chuyên trang Nông nghiệp - Y tế | Bản tin"
EDITORIAL_LINE = "Ban biên tập Chuyên trang Nông nghiệp - Y tế, Cổng Thông tin điện tử tỉnh Hà Nam"
TITLE_SUFFIX = "Bản tin điện tử tổng hợp"
# On the pages that carry it, the last line of the body; on too few pages to be chrome until
# one more page with it arrives.
HOTLINE = "Mọi phản ánh về an toàn thực phẩm xin gửi về đường dây nóng 0226.3852.115 của Sở Y tế tỉnh"

ARTICLES = [
    ("Hà Nam chủ động phòng chống dịch bệnh trên đàn gia súc, gia cầm vụ đông xuân", [
        "Trước tình hình thời tiết chuyển lạnh, nguy cơ phát sinh dịch bệnh trên đàn vật nuôi tăng cao, "
        "Sở Nông nghiệp và Môi trường tỉnh Hà Nam đã ban hành văn bản hướng dẫn các địa phương chủ động "
        "triển khai các biện pháp phòng chống.",
        "Theo đó, các xã, phường tổ chức tiêm phòng đợt 1 năm 2026 cho đàn trâu, bò, lợn, gà với tỷ lệ "
        "tiêm đạt trên 80% tổng đàn thuộc diện tiêm. Lực lượng thú y cơ sở tăng cường kiểm tra, giám sát "
        "việc vận chuyển, giết mổ gia súc, gia cầm trên địa bàn.",
        "Người chăn nuôi cần che chắn chuồng trại, bổ sung thức ăn tinh và vitamin cho vật nuôi, không "
        "thả rông gia súc khi nhiệt độ xuống dưới 12 độ C và báo ngay cho chính quyền khi phát hiện vật "
        "nuôi ốm, chết bất thường.",
    ]),
    ("Tăng cường kiểm tra an toàn thực phẩm dịp Tết Nguyên đán Bính Ngọ 2026", [
        "Ban Chỉ đạo liên ngành về an toàn thực phẩm tỉnh vừa thành lập 6 đoàn kiểm tra liên ngành, "
        "thời gian kiểm tra từ ngày 15/1 đến ngày 28/2/2026, tập trung vào các cơ sở sản xuất, kinh doanh "
        "thực phẩm phục vụ Tết.",
        "Các đoàn sẽ kiểm tra điều kiện bảo đảm an toàn thực phẩm, nguồn gốc xuất xứ, nhãn hàng hóa và "
        "lấy mẫu xét nghiệm nhanh đối với các sản phẩm có nguy cơ cao như giò chả, bánh chưng, mứt kẹo, "
        "rượu và nước giải khát.",
        "Năm 2025, lực lượng chức năng toàn tỉnh đã kiểm tra hơn 3.200 lượt cơ sở, phát hiện và xử lý 146 "
        "cơ sở vi phạm với tổng số tiền phạt gần 520 triệu đồng, tiêu hủy nhiều sản phẩm không rõ nguồn gốc.",
    ]),
    ("Nông dân Lý Nhân thu hoạch lúa đông xuân sớm, năng suất đạt 68 tạ mỗi héc-ta", [
        "Những ngày này, trên các cánh đồng huyện Lý Nhân, nông dân đang tập trung thu hoạch diện tích "
        "lúa đông xuân trà sớm. Nhờ thời tiết thuận lợi và áp dụng đồng bộ cơ giới hóa, năng suất ước "
        "đạt 68 tạ mỗi héc-ta, cao hơn cùng kỳ năm trước khoảng 3 tạ.",
        "Toàn huyện gieo cấy hơn 7.500 héc-ta lúa, trong đó diện tích lúa chất lượng cao chiếm trên 60%. "
        "Nhiều hợp tác xã đã liên kết với doanh nghiệp bao tiêu sản phẩm, giúp người dân yên tâm sản xuất.",
        "Ngành nông nghiệp khuyến cáo nông dân thu hoạch lúa khi chín khoảng 85% đến 90% số hạt trên bông, "
        "phơi sấy kịp thời để bảo đảm chất lượng gạo và chuẩn bị đất cho vụ màu tiếp theo.",
    ]),
    ("Bệnh viện Đa khoa tỉnh đưa vào sử dụng hệ thống chụp cộng hưởng từ mới", [
        "Sáng 9/1, Bệnh viện Đa khoa tỉnh Hà Nam tổ chức lễ đưa vào sử dụng hệ thống chụp cộng hưởng từ "
        "1,5 Tesla, được đầu tư từ nguồn ngân sách tỉnh với tổng kinh phí gần 25 tỷ đồng.",
        "Hệ thống mới cho hình ảnh rõ nét, rút ngắn thời gian chụp còn khoảng 15 đến 20 phút mỗi ca, giúp "
        "chẩn đoán sớm các bệnh lý thần kinh, cột sống, khớp và ung bướu ngay tại tỉnh.",
        "Giám đốc bệnh viện cho biết, mỗi ngày hệ thống có thể phục vụ 30 đến 40 lượt người bệnh, giảm "
        "đáng kể số ca phải chuyển lên tuyến trung ương, tiết kiệm chi phí đi lại cho người dân.",
    ]),
    ("Hướng dẫn người dân phòng bệnh cúm mùa khi thời tiết chuyển lạnh", [
        "Trung tâm Kiểm soát bệnh tật tỉnh cho biết, từ đầu tháng 12/2025 đến nay số ca mắc cúm mùa trên "
        "địa bàn có xu hướng tăng, tập trung ở trẻ em dưới 5 tuổi và người cao tuổi có bệnh nền.",
        "Để chủ động phòng bệnh, người dân cần giữ ấm cơ thể, đeo khẩu trang nơi đông người, rửa tay "
        "thường xuyên bằng xà phòng và tiêm vắc xin phòng cúm hằng năm theo khuyến cáo của ngành y tế.",
        "Khi có biểu hiện sốt cao, ho, khó thở kéo dài, người bệnh cần đến ngay cơ sở y tế để được khám "
        "và điều trị kịp thời, tuyệt đối không tự ý dùng thuốc kháng sinh.",
    ]),
    ("Hà Nam phấn đấu trồng mới 500 héc-ta rừng và cây phân tán trong năm 2026", [
        "Ủy ban nhân dân tỉnh vừa phê duyệt kế hoạch trồng cây xanh năm 2026, phấn đấu trồng mới 500 "
        "héc-ta rừng tập trung và khoảng 1,2 triệu cây phân tán tại các xã, phường, trường học và khu "
        "công nghiệp.",
        "Tết trồng cây Xuân Bính Ngọ sẽ được phát động đồng loạt trên địa bàn toàn tỉnh, ưu tiên các loài "
        "cây bản địa, cây gỗ lớn có giá trị kinh tế và cây cho bóng mát ven các tuyến đường mới.",
        "Các địa phương được giao rà soát quỹ đất, chuẩn bị cây giống bảo đảm chất lượng và phân công "
        "trách nhiệm chăm sóc sau trồng, bảo đảm tỷ lệ cây sống đạt trên 90%.",
    ]),
    ("Chợ phiên nông sản an toàn thu hút đông đảo người dân thành phố Phủ Lý", [
        "Chợ phiên nông sản an toàn lần thứ 3 tại thành phố Phủ Lý diễn ra trong hai ngày cuối tuần với "
        "hơn 50 gian hàng của các hợp tác xã, trang trại và doanh nghiệp trong tỉnh.",
        "Các sản phẩm được bày bán đều có nguồn gốc rõ ràng, nhiều sản phẩm đạt chứng nhận OCOP từ 3 sao "
        "trở lên như gạo hữu cơ, chuối ngự Đại Hoàng, bánh cuốn Phủ Lý và mật ong rừng.",
        "Ban tổ chức cho biết, chợ phiên sẽ được duy trì hằng tháng nhằm kết nối tiêu thụ nông sản, giúp "
        "người sản xuất quảng bá sản phẩm và người tiêu dùng tiếp cận thực phẩm an toàn.",
    ]),
]


# Older bulletins linked under "Bài viết khác" (not in the crawl): two per page, none repeated.
OLDER = [
    "Hà Nam triển khai tiêm vắc xin phòng bệnh dại cho chó, mèo năm 2025",
    "Hội nghị tổng kết công tác y tế dự phòng năm 2025",
    "Khuyến cáo phòng chống rét cho cây trồng vụ đông",
    "Thanh tra chuyên ngành về an toàn thực phẩm tại các bếp ăn tập thể",
    "Nông dân Kim Bảng chuyển đổi đất lúa kém hiệu quả sang trồng cây ăn quả",
    "Trạm Y tế xã Thanh Hà đạt chuẩn quốc gia về y tế xã",
    "Hướng dẫn sử dụng thuốc bảo vệ thực vật an toàn và hiệu quả",
    "Tập huấn kỹ năng sơ cấp cứu cho giáo viên mầm non",
    "Phát triển vùng trồng rau hữu cơ ở huyện Bình Lục",
    "Ngày hội hiến máu tình nguyện Chủ nhật Đỏ năm 2025",
    "Kiểm tra công tác phòng chống dịch tả lợn châu Phi tại Duy Tiên",
    "Ra mắt hợp tác xã chăn nuôi bò sữa công nghệ cao",
    "Hà Nam đẩy mạnh chuyển đổi số trong khám chữa bệnh",
    "Mô hình nuôi cá lồng trên sông Châu Giang cho thu nhập khá",
]


def url(k: int, base: str = "http://127.0.0.1:8000") -> str:
    """Article URLs without an id (a portal whose URLs carry none)."""
    return f"{base}/chuyen-trang/nong-nghiep-y-te/ban-tin-{k + 1}.html"


def page(k: int, *, links: list[str] | None = None, hotline: bool = False, metadata: bool = True) -> bytes:
    """Article ``k`` in the sub-site's template; ``links``: titles under "Bài viết khác"."""
    e = html.escape
    head = ""
    if metadata:
        head = ('<meta property="og:type" content="article"><script type="application/ld+json">'
                '{"@context": "https://schema.org", "@type": "NewsArticle", '
                f'"datePublished": "2026-01-{8 + k:02d}T{7 + k:02d}:00:00+07:00"}}</script>')
    title, paragraphs = ARTICLES[k]
    if links is None:
        links = OLDER[2 * k:2 * k + 2]
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    others = "".join(f'<p><a href="/chuyen-trang/bai-{zlib.crc32(t.encode()) % 1000}.html">{e(t)}</a></p>' for t in links)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{e(title)} - {TITLE_SUFFIX}</title>{head}</head><body>
<div class="banner">{PORTAL}</div>
<div class="menu"><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> |
<a href="/chuyen-trang/nong-nghiep-y-te">Nông nghiệp - Y tế</a> | <a href="/lien-he">Liên hệ</a></div>
<div class="main"><div class="content">
<p class="path">{e(SUBSITE_LINE)}</p>
<h2 class="news-title">{e(title)}</h2>
<p class="date">{8 + k:02d}/01/2026 | {7 + k:02d}:{(k * 7) % 60:02d} GMT+7</p>
{body}
<p><i>Nguồn: Sở Nông nghiệp và Môi trường tỉnh Hà Nam</i></p>
{f"<p>{e(HOTLINE)}</p>" if hotline else ""}
<p><b>Bài viết khác</b></p>
{others}
<p>{e(EDITORIAL_LINE)}</p>
</div></div>
<div class="footer"><p>{PORTAL} - Cơ quan chủ quản: Văn phòng Ủy ban nhân dân tỉnh Hà Nam</p>
<p>Địa chỉ: số 90 Trần Phú, phường Quang Trung, thành phố Phủ Lý. Điện thoại: 0226.3852.701</p></div>
</body></html>""".encode("utf-8")
