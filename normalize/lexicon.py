"""The Vietnamese boilerplate lexicon: every phrase that marks page furniture, in one place.

Extraction (normalize/boilerplate.py, normalize/credit.py), the quality filters
(normalize/quality.py) and dedup canonicalization (dedup/canon.py) all read these
lists; each builds the regex its own job needs (a whole box heading, a whole
paragraph, a line that starts with a phrase). Each entry is a regex fragment
(lowercase, ``\\s+`` between words, matched case-insensitively) with a comment
saying where it was seen. "shared pages" means ../shared/data/pages; "gov
portals" the ministry/province portal templates of configs/sources and issue 15.

>>> bool(box_heading().match("TIN LIÊN QUAN")), bool(box_heading().match("Tin liên quan đến giá vàng"))
(True, False)
>>> bool(line_start().match("Chia sẻ bài viết")), bool(line_start().match("Chính phủ ban hành nghị định"))
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Headings over boxes of links to other articles (the box goes, not just the heading).
RELATED_HEADINGS = (
    r"tin\s+liên\s+quan",            # nld.com.vn, tuoitre.vn (shared pages); baodautu.vn as "TIN LIÊN QUAN"
    r"bài\s+liên\s+quan",            # vietnamplus.vn, baotintuc.vn related box
    r"tin\s+bài\s+liên\s+quan",      # province portals (Liferay "tin bài")
    r"bài\s+viết\s+liên\s+quan",     # WordPress-based portals and magazines
    r"chủ\s+đề\s+liên\s+quan",       # topic box under articles (vietnamnet.vn, znews.vn)
    r"có\s+liên\s+quan",             # WordPress Jetpack's related posts, in Vietnamese
    r"tin\s+cùng\s+chuyên\s+mục",    # tuoitre.vn (shared pages); baotintuc.vn (SOURCES_NOTES)
    r"cùng\s+chuyên\s+mục",          # short form of the same box on news CMSs
    # a series' other parts or a topic's other stories, set in the body: "Bài viết cùng chuyên đề"
    r"(?:các|bài|tin)(?:\s+(?:bài|viết|tin)){0,2}\s+cùng\s+(?:chuyên\s+đề|chủ\s+đề|loạt\s+bài|sự\s+kiện)",
    r"cùng\s+(?:chuyên\s+đề|chủ\s+đề|loạt\s+bài|sự\s+kiện)",
    r"tin\s+khác",                   # gov portals: box under the body
    r"các\s+tin\s+khác",             # gov portals (ministry Liferay/SharePoint templates)
    r"các\s+bài\s+viết\s+khác",      # gov bulletin sub-sites
    r"bài\s+viết\s+khác",            # gov bulletin sub-site under the body (issue 15)
    r"(?:các|những)\s+(?:[^\W\d_]+\s+){1,2}khác",  # "Các bài thơ khác", "Những video khác" (literature pages)
    # a kind of item and "khác" alone: "Infographic khác", "Video khác", "Văn bản khác"
    r"(?:infographic|video|clip|ảnh|album|podcast|emagazine|e-magazine|megastory|phóng\s+sự\s+ảnh|phóng\s+sự|"
    r"bài\s+viết|bài|tin\s+tức|tin|văn\s+bản|thông\s+báo|sự\s+kiện|chuyên\s+đề)\s+khác",
    r"tin\s+đã\s+đưa",               # older gov portals: "Tin đã đưa" archive list
    # Joomla's lists under an article ("Những bài mới hơn:", "Những bài cũ hơn:"), and their kin
    r"(?:những|các)\s+(?:bài|tin)\s+(?:viết\s+|bài\s+)?(?:mới|cũ)\s+hơn",
    r"(?:bài|tin)\s+(?:viết\s+|bài\s+)?(?:mới|cũ)\s+hơn",
    r"các\s+tin\s+đã\s+đưa",          # WebForms portals: "CÁC TIN ĐÃ ĐƯA"
    r"(?:các\s+)?(?:tin|bài)\s+đã\s+đăng",  # the same archive list, worded "Tin đã đăng"
    r"xem\s+thêm(?:\s+trên\s+.{1,40})?",  # all eight shared sites ("Xem thêm", "Xem thêm trên ...")
    r"tham\s+khảo\s+thêm",           # baochinhphu.vn (shared pages)
    r"đọc\s+thêm",                   # vnexpress.net / vietnamnet.vn inline boxes
    r"tin\s+mới",                    # cafef.vn "TIN MỚI" box inside the content div (shared pages)
    r"tin\s+mới\s+nhất",             # sidebars of news sites
    r"mới\s+nhất",                   # dantri.com.vn, nld.com.vn, tuoitre.vn, vnexpress.net (shared pages)
    r"tin\s+nổi\s+bật",              # vietnamnet.vn (shared pages)
    r"đọc\s+nhiều(?:\s+.{1,40})?",   # baodautu.vn, cafef.vn, dantri.com.vn (shared pages)
    r"tin\s+đọc\s+nhiều",            # gov portals' sidebar
    r"xem\s+nhiều",                  # tuoitre.vn (shared pages)
    r"có\s+thể\s+bạn\s+quan\s+tâm",  # vietnamnet.vn / soha.vn recommendation box
    r"bạn\s+có\s+thể\s+quan\s+tâm",  # same box, other word order
    r"bài\s+(?:đăng|viết)\s+gần\s+đây",  # site builders' and WordPress "recent posts"
)

# Headings of list pages: a tag, search, topic or archive page names itself so.
LIST_HEADING_STARTS = (
    r"(?:từ\s+khóa|từ\s+khoá|tags?|chủ\s+đề|chuyên\s+mục|danh\s+mục|lưu\s+trữ|tìm\s+kiếm)\s*:",
    r"kết\s+quả\s+tìm\s+kiếm",
)

# An official document's header: the national motto over its date, and its number and code
# ("Số: 146/TCBC-SYT", "Số 15/2025/QĐ-UBND").
NATIONAL_MOTTO = r"cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam"
DOCUMENT_CODE = r"\d+(?:/\d{4})?/[A-ZĐ]{2,}[\w\-]*"  # "146/TCBC-SYT", "15/2025/QĐ-UBND"
DOCUMENT_NUMBER = r"số\s*:?\s*" + DOCUMENT_CODE

# Whole headings of a site's own utility pages: contact, site map, "page not found" (a
# soft 404 served with status 200). Such a page has no article, however much text it holds.
UTILITY_HEADINGS = (
    r"liên\s+hệ(?:\s+với\s+chúng\s+tôi)?",  # contact pages of gov portals and newspapers
    r"thông\s+tin\s+liên\s+hệ",
    r"contact(?:\s+us)?",
    r"sơ\s+đồ\s+(?:trang|cổng|website|site)(?:\s+thông\s+tin)?",  # "Sơ đồ cổng thông tin"
    r"site\s*map",
    r"(?:lỗi\s+)?404(?:\s+not\s+found)?",
    r"không\s+tìm\s+thấy\s+(?:trang|nội\s+dung|bài\s+viết)(?:\s+bạn\s+yêu\s+cầu)?",
    r"(?:trang|đường\s+dẫn|nội\s+dung|bài\s+viết)(?:\s+[^\W\d_]+){0,3}\s+không\s+tồn\s+tại",  # "Trang bạn yêu cầu ..."
    r"page\s+not\s+found",
    # sign-in, poll, phone directory and schedule pages of gov portals (blind held-out rounds; an agency's
    # "Chức năng, nhiệm vụ" page is kept: its prose is the agency's own legal text)
    r"đăng\s+nhập(?:\s+hệ\s+thống)?", r"quên\s+mật\s+khẩu",
    # a sign-up form's page: "Đăng ký tài khoản", "Đăng ký hội viên trực tuyến", "Đăng ký nhận bản tin"
    r"đăng\s+ký(?:\s+(?:tài\s+khoản|hội\s+viên|thành\s+viên|nhận\s+tin|nhận\s+bản\s+tin))?(?:\s+trực\s+tuyến)?",
    r"(?:kênh\s+|dịch\s+vụ\s+)?rss(?:\s+feeds?)?",  # the page that explains the site's feeds
    # the site's terms: "Chính sách bảo vệ dữ liệu cá nhân", "Điều khoản sử dụng"
    r"chính\s+sách\s+(?:bảo\s+mật|bảo\s+vệ\s+dữ\s+liệu\s+cá\s+nhân|quyền\s+riêng\s+tư)(?:\s+thông\s+tin)?",
    r"điều\s+khoản\s+(?:sử\s+dụng|dịch\s+vụ)", r"privacy\s+policy", r"terms\s+of\s+(?:use|service)",
    r"(?:log|sign)\s*in",
    r"thăm\s+dò\s+ý\s+kiến(?:\s+bạn\s+đọc)?",
    # a feedback form's page: "Góp ý, phản ánh", "Gửi ý kiến", "Phản ánh, kiến nghị của người dân"
    r"(?:gửi\s+)?(?:góp\s+ý|ý\s+kiến|phản\s+ánh)(?:,?\s+(?:góp\s+ý|phản\s+ánh|kiến\s+nghị))*"
    r"(?:\s+(?:của|từ)\s+(?:người\s+dân|công\s+dân|tổ\s+chức|doanh\s+nghiệp|bạn\s+đọc)(?:,?\s+[^\W\d_]+){0,3})?",
    r"(?:số\s+điện\s+thoại\s+)?đường\s+dây\s+nóng",
    r"danh\s+bạ(?:,?\s+[^\W\d_]+){0,8}",  # "Danh bạ điện thoại", "Danh bạ cán bộ, công chức"
    # an agency's page of its leaders (names, posts, phones): "Lãnh đạo Sở", "Ban Giám đốc", "Cơ cấu tổ chức"
    r"(?:ban\s+)?lãnh\s+đạo(?:\s+(?:sở|cục|chi\s+cục|ban|bộ|ủy\s+ban|ubnd|cơ\s+quan|đơn\s+vị|trung\s+tâm|viện|"
    r"tỉnh|thành\s+phố|xã|phường))?(?:\s+qua\s+các\s+thời\s+kỳ)?",
    r"ban\s+giám\s+đốc", r"cơ\s+cấu\s+tổ\s+chức",
    # an institution's "about" pages, evergreen and edited in place: "Giới thiệu chung về nhà trường",
    # "Lịch sử hình thành và phát triển" (not "Giới thiệu về Luật Đất đai", an explainer)
    r"giới\s+thiệu(?:\s+chung(?:\s+về(?:\s+[^\W\d_]+){1,6})?)?",
    r"(?:giới\s+thiệu\s+)?về\s+chúng\s+tôi", r"about\s+us",
    r"(?:lịch\s+sử|quá\s+trình)\s+hình\s+thành(?:\s+và\s+phát\s+triển)?(?:\s+của(?:\s+[^\W\d_]+){1,6})?",
    r"lịch\s+(?:công\s+tác|làm\s+việc|tiếp\s+công\s+dân)(?:\s+tuần(?:\s+\d+)?)?(?:\s+của\s+(?:lãnh\s+đạo|thường\s+trực|ban\s+giám\s+đốc|"
    r"chủ\s+tịch)(?:\s+[^\W\d_]+){0,6})?",
)

# The whole heading of a section no article is headed by: questions and answers ("Hỏi đáp", "Hỏi -
# Đáp", "Câu hỏi thường gặp"), a library of photos or videos ("Thư viện video"). Only the page's
# heading says so: an entry's heading is its question ("Hỏi đáp: Đau thắt ngực ... có phải bệnh
# mạch vành?") or its clip's title, and its <title> often names the section too.
SECTION_HEADINGS = (
    r"(?:hỏi\s*[-–&/]?\s*đáp|câu\s+hỏi\s+thường\s+gặp|faqs?)(?:\s+(?:chính\s+sách|pháp\s+luật|trực\s+tuyến))?",
    r"thư\s+viện\s+(?:ảnh|hình\s+ảnh|video|media|đa\s+phương\s+tiện)",
    r"(?:tin\s+)?lưu\s+trữ(?:\s+tin(?:\s+bài|\s+tức)?)?",  # an old site's archive, kept for reference
)

# A sign-in wall's prompt (a whole line): the page holds no text for a reader who is not signed in.
LOGIN_WALL_LINES = (
    r"(?:(?:bạn|quý\s+(?:vị|khách)|người\s+dùng)\s+)?(?:cần|phải|vui\s+lòng)\s+đăng\s+nhập\s+(?:để\s+)?"
    r"(?:xem|đọc|truy\s+cập|tải|tiếp\s+tục)\b.{0,80}",
    r"(?:please\s+)?(?:log|sign)\s*in\s+to\s+(?:view|read|continue|access)\b.{0,80}",
)

# The fields of an administrative procedure's record (the national database's template, shown by
# every public-service portal): a page that lays them out line by line is a record, no article.
PROCEDURE_CODE_FIELDS = (r"mã\s+(?:số\s+)?(?:thủ\s+tục|tthc)",)
PROCEDURE_FIELDS = (
    r"cấp\s+thực\s+hiện", r"lĩnh\s+vực", r"cơ\s+quan\s+thực\s+hiện", r"trình\s+tự\s+thực\s+hiện",
    r"cách\s+thức\s+thực\s+hiện", r"thời\s+hạn\s+giải\s+quyết", r"phí,?\s+lệ\s+phí",
    r"thành\s+phần(?:,\s+số\s+lượng)?\s+hồ\s+sơ", r"đối\s+tượng\s+thực\s+hiện", r"kết\s+quả\s+thực\s+hiện",
    r"yêu\s+cầu,?\s+điều\s+kiện", r"căn\s+cứ\s+pháp\s+lý",
)

# The fields of a legal document's record on a portal's document system ("Số ký hiệu | 512/QĐ-UBND",
# "Trích yếu | Về việc ..."): a page that shows them, a row each, describes a document it links to.
DOCUMENT_RECORD_FIELDS = (
    r"số\s+(?:ký\s+)?hiệu(?:\s+văn\s+bản)?", r"ngày\s+ban\s+hành", r"ngày\s+(?:có\s+)?hiệu\s+lực",
    r"ngày\s+hết\s+hiệu\s+lực", r"loại\s+văn\s+bản", r"(?:cơ\s+quan|cấp|nơi)\s+ban\s+hành", r"người\s+ký",
    r"trích\s+yếu(?:\s+nội\s+dung)?", r"lĩnh\s+vực", r"tình\s+trạng(?:\s+hiệu\s+lực)?",
    r"(?:tệp|file|tài\s+liệu)\s+đính\s+kèm",
)

# Share bars and reading tools: a line that starts with one is furniture.
TOOL_STARTS = (
    r"chia\s+sẻ",                    # cafef.vn, nld.com.vn, tuoitre.vn, vietnamnet.vn, vnexpress.net
    r"sao\s+chép\s+liên\s+kết",      # vietnamnet.vn (shared pages)
    r"copy\s+link(?:\s+thành\s+công)?",  # cafef.vn, nld.com.vn, tuoitre.vn, vnexpress.net
    r"in\s+bài",                     # baochinhphu.vn, baodautu.vn, tuoitre.vn
    r"cỡ\s+chữ",                     # gov portals' font-size tool
    r"nghe\s+bài\s+viết",            # text-to-speech button on news sites and portals
    r"trang\s+chủ",                  # breadcrumbs and menus on all eight shared sites
    r"đọc\s+toàn\s+bộ",              # "Đọc toàn bộ bài viết" expanders
    r"xem\s+chi\s+tiết",             # gov portals' "Xem chi tiết" links
)

# Tool and navigation links that are furniture only as a whole line ("Quay lại câu
# chuyện ..." can open a real sentence).
TOOL_LINES = (
    r"link\s+bài\s+gốc",             # cafef.vn source-link button
    r"lấy\s+link!?",                 # VCCorp sites' share bar
    r"in\s+trang",                   # gov bulletin sub-sites' print link
    r"gửi\s+bài",                    # older portals' "send to a friend"
    r"gửi\s+(?:cho\s+)?bạn\s+bè",      # the same, worded "Gửi bạn bè"
    r"gửi\s+e-?mail",                # "Gửi email" beside "In bài viết"
    r"đọc\s+tiếp",                   # teaser "read on" links
    r"quay\s+lại",                   # gov portals' back link
    r"trở\s+lại\s+.{1,30}",          # "Trở lại Kinh tế", "Trở lại đầu trang"
    r"về\s+trang\s+chủ\s+đề",        # tuoitre.vn topic link
    r"theo\s+dõi\s+.{1,40}\s+trên\s+google\s+news",  # nld.com.vn (shared pages)
    r"(?:địa\s+chỉ|đường\s+dẫn|url)\s+(?:bài\s+viết|của\s+bài|bài\s+báo)\s*:\s*\S+",  # print views print the URL
    r"đóng\s+cửa\s+sổ",              # print views' close link
)

# Words that open a prompt or widget line; the quality filter counts lines that start
# with one (a ratio, so an occasional real sentence starting so costs nothing).
NAV_LINE_STARTS = (
    r"bình\s+luận",                  # comment widgets on six shared sites
    r"theo\s+dõi",                   # "Theo dõi ... trên" follow prompts (dantri.com.vn, nld.com.vn)
    r"đăng\s+ký",                    # newsletter/registration prompts (dantri.com.vn, tuoitre.vn)
    r"liên\s+hệ\s+quảng\s+cáo",      # footers of five shared sites
    r"gửi\s+bài", r"quay\s+lại",      # see TOOL_LINES
    r"tags?\s*:",                    # tuoitre.vn, vietnamnet.vn, vnexpress.net tag bars
    r"từ\s+khóa\s*:",                # gov portals' keyword bars
    r"facebook", r"zalo", r"twitter", r"email", r"print", r"share",  # share-button labels
)

# Comment widgets (whole line).
COMMENT_LINES = (
    r"bình\s+luận\s*\(\d+\)",        # nld.com.vn "Bình luận (0)" (shared pages)
    # a consultation page's count of comments: "Danh sách ý kiến góp ý (0)", "Ý kiến (3)"
    r"(?:danh\s+sách\s+)?(?:ý\s+kiến(?:\s+góp\s+ý)?|góp\s+ý|phản\s+hồi)(?:\s+của\s+bạn\s+đọc)?\s*\(\d+\)",
    r"(?:gửi|viết)\s+bình\s+luận\b.{0,80}",  # tuoitre.vn, vietnamnet.vn comment forms
    r"bình\s+luận\s+bài\s+viết\s+này",
    r"(?:hiện\s+)?chưa\s+có\s+(?:bình\s+luận|ý\s+kiến)\s+nào.{0,80}",  # "Chưa có bình luận nào. Hãy là ..."
    # a reaction widget's question: "Bạn thấy bài viết thế nào?", "Bài viết có hữu ích với bạn không?"
    r"bạn\s+(?:thấy|đánh\s+giá|cảm\s+thấy)\s+(?:bài\s+viết|nội\s+dung|tin\s+bài)(?:\s+này)?\s+(?:như\s+)?(?:thế\s+nào|ra\s+sao)\s*\??",
    r"(?:bài\s+viết|nội\s+dung|thông\s+tin)(?:\s+này)?\s+có\s+hữu\s+ích(?:\s+(?:với|cho)\s+bạn)?\s+không\s*\??",
    r"(?:gửi\s+)?ý\s+kiến(?:\s+của)?\s+bạn(?:\s+đọc)?",  # old portals' comment box heading
    r"gửi\s+ý\s+kiến(?:\s+(?:góp\s+ý|đóng\s+góp|phản\s+hồi))?",  # a document page's feedback button
    # a paper's call for contributions under a story: "Mời bạn đọc gửi tin bài, ảnh về ..."
    r"(?:mời|rất\s+mong)\s+(?:quý\s+)?bạn\s+đọc\s+(?:gửi|cộng\s+tác|đóng\s+góp).{0,200}",
)

# A Q&A column's call for questions under its answer, with where to send them (whole line):
# "Gửi câu hỏi tư vấn về hộp thư: ...". (A hotline line stays: a story may give a service's.)
CONTACT_LINES = (
    r"(?:(?:mời\s+)?(?:quý\s+)?(?:bạn\s+đọc|độc\s+giả)\b.{0,60}?)?(?:có\s+thể\s+)?gửi\s+câu\s+hỏi\b.{0,120}?"
    r"(?:hộp\s+thư|e-?mail|@|tổng\s+đài|hotline|zalo|số\s+điện\s+thoại|chuyên\s+mục|mục\s).{0,160}",
)

# App and QR prompts (whole line).
APP_LINES = (
    r"tải\s+ứng\s+dụng\s*:?.{0,80}",  # baochinhphu.vn, nld.com.vn, vietnamnet.vn footers
    r"quét\s+mã\s+qr.{0,80}",        # baochinhphu.vn (shared pages)
    # "follow us" lines under the body ("Theo dõi Báo ... trên Google News | Zalo")
    r"(?:hãy\s+)?theo\s+dõi\s+.{0,60}\btrên\s+(?:google\s+news|zalo|facebook|youtube|tiktok)\b.{0,60}",
    # a live page's refresh notice ("Tự động làm mới sau 60 giây  Làm mới ngay")
    r"tự\s+động\s+(?:làm\s+mới|cập\s+nhật|tải\s+lại)\s+sau\s+\d+\s+giây.{0,40}",
)

# Footer phrases: ownership, licence, contact (found anywhere in a short line).
FOOTER_PHRASES = (
    r"cơ\s+quan\s+chủ\s+quản",       # baochinhphu.vn, nld.com.vn, vietnamnet.vn; every gov portal
    r"chịu\s+trách\s+nhiệm(?:\s+nội\s+dung)?",  # cafef.vn; gov portals' footer
    r"giấy\s+phép\s+số",             # five shared sites; gov portals ("Giấy phép số 45/GP-TTĐT")
    r"ghi\s+rõ\s+nguồn",             # baochinhphu.vn; most portals (SOURCES_NOTES "Reposting terms")
    r"bản\s+quyền\s+thuộc",          # baochinhphu.vn, dantri.com.vn, nld.com.vn; gov portals
    r"all\s+rights\s+reserved",      # English footers of news sites
    r"©",
    r"điện\s+thoại\s*:",             # footers' contact line
    r"email\s*:",
    r"gõ\s+tiếng\s+việt\s+có\s+dấu",  # comment forms' "Xin vui lòng gõ tiếng Việt có dấu"
)

# Labels of a dateline/metadata line under the headline (the line is chrome, the
# date in it is read by normalize/dates.py first).
DATELINE_LABELS = (
    r"ngày\s+đăng",                  # gov portals "Ngày đăng: 06/01/2026 08:15"
    r"đăng\s+lúc",                   # phapluatplus.baophapluat.vn (SOURCES_NOTES)
    r"đăng\s+ngày",                  # WordPress-based portals
    r"ngày\s+xuất\s+bản", r"xuất\s+bản",  # magazines' "Xuất bản: ..."
    r"thời\s+gian\s+đăng",           # Liferay gov portals
    r"cập\s+nhật(?:\s+lúc|\s+ngày)?",  # news and gov portals "Cập nhật: ..." (an update time)
    r"sửa\s+lần\s+cuối", r"chỉnh\s+sửa\s+lúc",  # CMS edit stamps
    r"lượt\s+xem", r"số\s+lượt\s+xem", r"lượt\s+đọc",  # view counters (gov portals, SOURCES_NOTES)
    r"bởi", r"người\s+đăng", r"tác\s+giả",  # "| Bởi: ..." (SOURCES_NOTES), author labels
    r"ngày\s+trả\s+lời", r"ngày\s+gửi", r"ngày\s+hỏi",  # Q&A pages: answer posted, question sent
    r"lần\s+cuối",                   # old ASP portals "Cập nhật lần cuối: 7/16/2024 3:41:12 PM"
    r"lần\s+cập\s+nhật\s+cuối",       # Joomla's "Lần cập nhật cuối ( Thứ ba, 10 Tháng 2 2026 08:11 )"
)

# Reading tools printed on the dateline itself ("Cập nhật: ... | In trang | Gửi bài viết"):
# they do not make the line a sentence.
DATELINE_TOOLS = (
    r"in\s+(?:trang|bài(?:\s+viết)?)", r"bản\s+in",  # print links (gov portals, old ASP portals)
    r"gửi\s+bài(?:\s+viết)?",        # older portals' "send to a friend"
    r"gửi\s+(?:cho\s+)?bạn\s+bè", r"gửi\s+e-?mail",  # the same, worded otherwise (see TOOL_LINES)
    r"chia\s+sẻ", r"cỡ\s+chữ", r"nghe\s+bài\s+viết",  # see TOOL_STARTS
)
# Which of those labels announce a publication (first) or an update (last) time.
PUBLISHED_LABELS = (r"ngày\s+đăng", r"đăng\s+lúc", r"đăng\s+ngày", r"ngày\s+xuất\s+bản",
                    r"xuất\s+bản", r"thời\s+gian\s+đăng", r"published", r"posted",
                    r"ngày\s+trả\s+lời")  # a Q&A page is published when its answer is
UPDATED_LABELS = (r"(?:lần\s+)?cập\s+nhật(?:\s+cuối|\s+lúc|\s+ngày)?", r"sửa\s+lần\s+cuối", r"chỉnh\s+sửa\s+lúc",
                  r"updated", r"last\s+updated", r"modified")
# When the question a Q&A page answers was sent: before its publication.
ASKED_LABELS = (r"ngày\s+gửi", r"ngày\s+hỏi")

# Photo captions and credits (whole line).
CAPTION_LINES = (
    r"\(?\s*ảnh\s*(?:minh\s+họa|\d{1,3}(?:\s*/\s*\d{1,3})?)?\s*:.{0,160}",  # tuoitre.vn, vietnamnet.vn, vnexpress.net "Ảnh: ..."; a gallery's "Ảnh 3/8: ..."
    r".{0,200}\(\s*ảnh\s*(?:minh\s+họa)?\s*:[^()]{1,80}\)",  # caption ending "(Ảnh: TTXVN)"
)

# View, comment and like counters (whole line): "126 lượt xem0 bình luận♡ 14", "Lượt xem: 1.234".
COUNTER_LINES = (
    r"[\d.,]+\s*lượt\s+(?:xem|đọc).{0,60}",
    r"lượt\s+(?:xem|đọc)\s*:?\s*[\d.,]+.{0,60}",
    # a site's visit counter ("Tổng lượt truy cập: 1.204.556", "Đang truy cập: 37")
    r"(?:tổng\s+(?:số\s+)?lượt\s+truy\s+cập|lượt\s+truy\s+cập|đang\s+(?:truy\s+cập|online|trực\s+tuyến)|"
    r"trong\s+ngày|hôm\s+nay|trong\s+tuần|trong\s+tháng|số\s+người\s+online)\s*:\s*[\d.,]+",
    r"[\d.,]+\s*bình\s+luận\W{0,6}[\d.,]*",
)

# Attachment boxes under notices and plans (whole line): "Tệp đính kèm:", a file name and its
# download link ("38-KH-SGDDT-HKPD-2024.pdf Tải về", "Phieu-dang-ky.docx (45 KB) Download").
ATTACHMENT_LINES = (
    r"(?:tệp|file|tài\s+liệu|văn\s+bản)\s+đính\s+kèm\s*:?.{0,200}",  # dept portals (DNN, Liferay)
    # a download bar: "Tải số liệu chi tiết: Số liệu quý I năm 2026 (Excel)", "Tải về: Toàn văn báo cáo"
    r"tải\s+(?:về|xuống|file|tệp|tài\s+liệu|số\s+liệu|văn\s+bản|bản|toàn\s+văn)(?:\s+[^\W\d_]+){0,4}\s*:.{0,200}",
    r"(?:\S+\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|zip|rar|7z)\s*(?:\(\s*[\d.,]+\s*[kmg]?b\s*\))?\s*"
    r"(?:tải\s+về|tải\s+xuống|download|xem\s+trực\s+tuyến|xem)?\s*[|;,]?\s*)+",
)

# What a player or document viewer shows where the browser cannot show the file (whole line):
# the text a page shows around a video, an audio clip or an embedded PDF, never the article's.
VIEWER_FALLBACK_LINES = (
    r"trình\s+duyệt(?:\s+của\s+bạn)?\s+không\s+hỗ\s+trợ.{0,160}",  # <video>/<audio>/<object> fallbacks
    r"(?:không\s+(?:thể\s+)?(?:hiển\s+thị|xem|mở|tải)\s+được\s+(?:tệp|tập\s+tin|file|tài\s+liệu|văn\s+bản)).{0,160}",
    r"vui\s+lòng\s+(?:bấm|nhấn|nhấp|click|chọn)\s+(?:vào\s+)?[\"“]?(?:tải\s+(?:về|xuống)|download)[\"”]?.{0,120}",
)

# Reposting and licence notices (whole line).
LICENCE_LINES = (
    r".{0,120}ghi\s+rõ\s+nguồn.{0,120}phát\s+hành\s+lại.{0,80}",  # baochinhphu.vn footer
    r".{0,60}(?:bản\s+quyền\s+thuộc|giữ\s+bản\s+quyền|all\s+rights\s+reserved|©|copyright).{0,160}",
    r"giấy\s+phép\s+(?:số|hoạt\s+động).{0,160}",   # five shared sites' footers
    r"(?:tổng\s+biên\s+tập|chịu\s+trách\s+nhiệm\s+nội\s+dung)\s*:.{0,80}",  # gov bulletin footers
    r"(?:tags?|từ\s+khóa|từ\s+khoá)\s*:.{0,300}",  # tag bars
    # a Q&A column's or a forecast site's disclaimer: "Nội dung trả lời chỉ mang tính chất tham khảo, ..."
    r".{0,40}(?:nội\s+dung|thông\s+tin|câu\s+trả\s+lời|bài\s+viết)(?:\s+\S+){0,3}\s+(?:chỉ\s+)?mang\s+tính"
    r"\s+(?:chất\s+)?tham\s+khảo.{0,200}",
)

# A related headline linked inside the body: ">> Năm 2025, ... thu hút thêm 12 dự án",
# "Xem thêm: ...", "Đọc thêm: ..." (issue 15 held-out page; vnexpress.net, dantri.com.vn).
RELATED_LINK_LINES = (
    r"(?:>{1,3}|»{1,2}|›{1,2}|→)\s*\S.{2,250}",
    r"(?:xem\s+thêm|đọc\s+thêm|tin\s+liên\s+quan|bài\s+liên\s+quan|mời\s+xem)\s*[:>»]+\s*\S.{2,250}",
)

# Credit lines: the outlet a text is taken from (normalize/credit.py reads the name).
CREDIT_PREFIXES = (
    r"theo",                         # "Theo TTXVN", "Theo Đại Đoàn kết" (shared pages' README)
    r"nguồn(?:\s+tin)?\s*:?",        # "Nguồn: Báo Chính phủ", gov bulletins "Nguồn: Chi cục ..."
)


def _alternation(entries) -> str:
    return "|".join(f"(?:{entry})" for entry in entries)


@lru_cache(maxsize=None)
def box_heading() -> re.Pattern:
    """A whole heading text that opens a box of related links ("Tin liên quan:")."""
    return re.compile(rf"^\s*(?:{_alternation(RELATED_HEADINGS)})\s*:?\s*$", re.IGNORECASE)


def heading_initials() -> str:
    """The letters a related-box heading can start with, both cases ("tTbBxX...").

    >>> heading_initials().isalpha()  # (every entry opens with a word or a group of words)
    True
    """
    first = set()
    for entry in RELATED_HEADINGS:
        group = re.match(r"\(\?:([^()]*)\)", entry)  # an entry opening with alternatives: "(?:các|những)\s+..."
        first |= {alternative[0] for alternative in group.group(1).split("|")} if group else {entry[0]}
    return "".join(sorted(first | {c.upper() for c in first}))


@lru_cache(maxsize=None)
def boilerplate_paragraph() -> re.Pattern:
    """A whole paragraph that is furniture: box headings, tools, comments, captions, licences."""
    whole = RELATED_HEADINGS + TOOL_STARTS + TOOL_LINES
    return re.compile(
        "|".join([rf"^(?:{_alternation(whole)})\s*:?\s*$",
                  *(rf"^(?:{entry})\s*$" for entry in COMMENT_LINES + CONTACT_LINES + APP_LINES + CAPTION_LINES
                    + LICENCE_LINES + RELATED_LINK_LINES + COUNTER_LINES + ATTACHMENT_LINES
                    + VIEWER_FALLBACK_LINES)]),
        re.IGNORECASE)


@lru_cache(maxsize=None)
def line_start() -> re.Pattern:
    """A line that starts with a furniture phrase (quality's boilerplate ratio)."""
    starts = RELATED_HEADINGS + TOOL_STARTS + NAV_LINE_STARTS + (
        r"bản\s+quyền", r"©", r"copyright", r"ghi\s+rõ\s+nguồn")
    return re.compile(rf"^(?:{_alternation(starts)})\b", re.IGNORECASE)


def ascii_words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text`` without diacritics (đ -> d): how a name or a heading
    is written in a host name or a URL's slug.

    >>> ascii_words("Báo Điện tử Chính phủ (baochinhphu.vn)")
    ['bao', 'dien', 'tu', 'chinh', 'phu', 'baochinhphu', 'vn']
    """
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", text)
