"""Short Vietnamese government-news articles shared by the dedup tests (distinct topics)."""

ARTICLES = {
    "dau-tu-cong": (
        "Sáng 12/3, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến với các địa phương về đẩy nhanh "
        "giải ngân vốn đầu tư công năm 2026.\n\n"
        "Theo báo cáo của Bộ Tài chính, đến hết tháng 2, cả nước giải ngân được 8,2% kế hoạch vốn, "
        "cao hơn cùng kỳ năm trước. Tuy nhiên, nhiều bộ, ngành và địa phương vẫn giải ngân dưới mức "
        "bình quân do vướng mắc trong giải phóng mặt bằng.\n\n"
        "Thủ tướng yêu cầu các bộ, ngành tháo gỡ ngay những khó khăn về thủ tục, xử lý nghiêm cán bộ "
        "gây nhũng nhiễu, chậm trễ và hoàn thành Nghị định số 13/2023/NĐ-CP sửa đổi trong quý II."),
    "thien-tai": (
        "Chiều 12/3, UBND tỉnh Nghệ An tổ chức hội nghị tổng kết công tác phòng, chống thiên tai năm 2025 "
        "và triển khai nhiệm vụ năm 2026.\n\n"
        "Năm qua, trên địa bàn tỉnh xảy ra 4 cơn bão và 2 đợt lũ lớn, làm hư hỏng hơn 3.000 ngôi nhà. "
        "Các lực lượng chức năng đã sơ tán kịp thời hơn 12.000 hộ dân đến nơi an toàn.\n\n"
        "Chủ tịch UBND tỉnh đề nghị các huyện miền núi rà soát khu dân cư có nguy cơ sạt lở, "
        "chuẩn bị sẵn lương thực, thuốc men và phương tiện cứu hộ trước mùa mưa bão."),
    "tuyen-sinh": (
        "Bộ Giáo dục và Đào tạo vừa ban hành hướng dẫn tuyển sinh lớp 10 năm học 2026 - 2027, "
        "trong đó yêu cầu các địa phương công bố chỉ tiêu trước ngày 15/4.\n\n"
        "Thí sinh được đăng ký tối đa ba nguyện vọng và có thể điều chỉnh nguyện vọng trực tuyến "
        "trên cổng dịch vụ công trong thời gian quy định.\n\n"
        "Các sở giáo dục phải bảo đảm an toàn, nghiêm túc trong tổ chức thi, đồng thời công khai "
        "điểm chuẩn của từng trường ngay sau khi có kết quả."),
    "thuy-loi": (
        "Ngày 20/3, Bộ Nông nghiệp và Môi trường kiểm tra công tác vận hành hồ chứa thủy lợi "
        "tại tỉnh Thanh Hóa trong mùa khô năm 2026.\n\n"
        "Hiện các hồ chứa lớn trên địa bàn tỉnh đạt khoảng 70% dung tích thiết kế, đủ nước phục vụ "
        "sản xuất vụ đông xuân cho hơn 100.000 ha lúa và hoa màu.\n\n"
        "Đoàn công tác đề nghị địa phương hoàn thiện quy trình vận hành liên hồ, sửa chữa các cống "
        "bị xuống cấp và tuyên truyền người dân sử dụng nước tiết kiệm."),
    "y-te": (
        "Bộ Y tế khuyến cáo người dân chủ động tiêm vắc xin phòng cúm mùa trước mùa đông năm nay, "
        "nhất là người cao tuổi, phụ nữ mang thai và người mắc bệnh nền.\n\n"
        "Theo Cục Y tế dự phòng, từ đầu năm đến nay cả nước ghi nhận hơn 40.000 ca mắc cúm, "
        "tăng nhẹ so với cùng kỳ năm trước nhưng chưa ghi nhận ổ dịch lớn.\n\n"
        "Các cơ sở y tế được yêu cầu chuẩn bị đủ thuốc, vật tư và giường bệnh, phân luồng người bệnh "
        "có triệu chứng hô hấp ngay từ khu vực tiếp đón."),
}
