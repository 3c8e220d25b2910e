"""Seed 002: Kế hoạch 484/KH-CĐN of Trường Cao đẳng nghề An Giang (11/03/2024)."""

from datetime import date

from campaigns.specs import (
    PROVINCIAL_CHAIRMAN_COMMENDATION,
    AssignmentSpec,
    CriterionGroupSpec,
    PlanSpec,
    QuotaSpec,
    RecipientSpec,
    SectionSpec,
    TargetGroupSpec,
)

SEED_002 = PlanSpec(
    key="cdn-484-2024", issuer="an-giang-cdn", state="issued", number=484, issued_on=date(2024, 3, 11),
    title="Tổ chức thực hiện phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024",
    legal_bases=[
        "Quyết định số 291/QĐ-UBND ngày 28 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh về việc ban hành Kế hoạch "
        "phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024",
    ],
    preamble="Trường Cao đẳng nghề An Giang xây dựng kế hoạch tổ chức thực hiện phong trào thi đua nhằm thực hiện có "
             "hiệu quả nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024 với những nội dung chủ yếu như sau:",
    period=("fixed", date(2024, 1, 1), date(2024, 12, 31)),
    sections=[
        SectionSpec("Mục đích", body="\n".join([
            "Nhằm động viên, cổ vũ phong trào hành động cách mạng của đảng, chính quyền, đoàn thể và lực lượng vũ "
            "trang trong thực hiện thắng lợi nhiệm vụ xây dựng nền Quốc phòng toàn dân, xây dựng khu vực phòng thủ "
            "vững chắc, xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân, xây dựng lực lượng "
            "vũ trang (LLVT) tỉnh vững mạnh toàn diện “Mẫu mực, tiêu biểu”.",
            "Đồng thời, phát huy tốt vai trò tham mưu cũng như thực hiện tốt nhiệm vụ xây dựng nền Quốc phòng toàn "
            "dân góp phần thực hiện thắng lợi nhiệm vụ quân sự, quốc phòng địa phương năm 2024.",
        ])),
        SectionSpec("Đối tượng, nội dung thi đua", children=[
            SectionSpec("Đối tượng", block="target_groups", run_in=True),
            SectionSpec("Nội dung thi đua", block="criteria", body=(
                "Thực hiện tốt vai trò tham mưu về đạt chỉ tiêu, đảm bảo số lượng và chất lượng. Thường xuyên nâng "
                "cao chất lượng tổng hợp, trình độ khả năng sẵn sàng chiến đấu và chiến đấu thắng lợi trong mọi tình "
                "huống thì cần tập trung vào các tiêu chí sau:")),
        ]),
        SectionSpec("Thời gian thi đua và khen thưởng", children=[
            SectionSpec("Thời gian thi đua", block="period"),
            SectionSpec("Khen thưởng", block="awards"),
        ]),
        SectionSpec("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TargetGroupSpec("Tập thể cán bộ, viên chức, người lao động của Trường Cao đẳng nghề An Giang",
           ["office", "military", "mass_organisation"]),
    ],
    criterion_groups=[
        CriterionGroupSpec("Về xây dựng lực lượng", [
            "Đảng ủy, Ban Giám hiệu, đoàn thể nhà trường đoàn kết thống nhất, chăm lo xây dựng tổ chức đảng trong "
            "sạch vững mạnh, tổ chức thực hiện tốt nhiệm vụ quân sự, quốc phòng địa phương.",
            "Tập trung xây dựng lực lượng Dân quân tự vệ đạt chỉ tiêu, đảm bảo số lượng và nâng cao chất lượng, đủ "
            "khả năng xử trí mọi tình huống, đáp ứng yêu cầu nhiệm vụ được giao. Quan tâm bồi dưỡng phát triển đảng "
            "viên trong lực lượng Dân quân tự vệ.",
            "Duy trì nghiêm quân số sẵn sàng chiến đấu đúng quy định, kiểm tra huấn luyện đạt và vượt chỉ tiêu.",
            "Phối hợp với Công an, Bộ đội Biên phòng thực hiện tốt Nghị định số 02/2020/NĐ-CP ngày 30/6/2020 của "
            "Chính phủ quy định về hoạt động phối hợp của Dân quân tự vệ.",
            "Thường xuyên phối hợp tuần tra nắm chắc hoạt động của các phần tử phản động xúi giục, kích động, lôi "
            "kéo quần chúng, làm ảnh hưởng đến an ninh chính trị, trật tự an toàn xã hội ở địa phương, kịp thời ngăn "
            "chặn và làm thất bại âm mưu phá hoại của các thế lực thù địch, bảo vệ vững chắc các mục tiêu, địa bàn "
            "quan trọng.",
        ]),
        CriterionGroupSpec("Về xây dựng tiềm lực", [
            "Thực hiện tốt việc triển khai thực hiện Chỉ thị 36/2005/CT-TTg ngày 17/10/2005 của Thủ tướng Chính phủ "
            "về xây dựng cơ sở chính trị vững mạnh toàn diện đáp ứng yêu cầu nhiệm vụ quốc phòng an ninh. Xây dựng "
            "tiêu chí phẩm chất, đạo đức, trình độ, năng lực của đội ngũ cán bộ.",
            "Nâng cao năng lực lãnh đạo và sức chiến đấu của các tổ chức đảng; duy trì và thực hiện nghiêm chế độ "
            "sinh hoạt; làm tốt công tác phát triển đảng viên. Xây dựng đội ngũ cán bộ chủ trì có phẩm chất chính "
            "trị, đạo đức, lối sống, năng lực, trình độ đáp ứng yêu cầu nhiệm vụ quân sự, quốc phòng địa phương "
            "trong tình hình mới.",
            "Chăm lo nâng cao đời sống vật chất, tinh thần cho lực lượng Dân quân tự vệ; phối hợp với các ngành, "
            "đoàn thể quan tâm thực hiện tốt chính sách Quân đội, chính sách hậu phương Quân đội, nhất là lực lượng "
            "Dân quân tự vệ có hoàn cảnh khó khăn; bảo đảm cho cán bộ, chiến sĩ Dân quân tự vệ an tâm công tác, "
            "hoàn thành tốt nhiệm vụ.",
            "Thường xuyên phối hợp với các lực lượng làm tốt công tác vận động quần chúng, lao động giúp dân; thực "
            "hiện tốt công tác phòng chống, khắc phục hậu quả thiên tai, thảm họa, dịch bệnh, cứu hộ, cứu nạn; phòng "
            "chống cháy nổ, cháy rừng.",
            "Tích cực vận động người thân, gia đình và nhân dân tham gia tích cực các phong trào, các cuộc vận động "
            "ở địa phương, nhất là Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”; phong "
            "trào thi đua “LLVT tỉnh chung sức xây dựng nông thôn mới”; “LLVT tỉnh chung tay vì người nghèo - không "
            "để ai bị bỏ lại phía sau”.",
            "Giáo dục cho cán bộ, đảng viên chấp hành nghiêm đường lối, chủ trương của Đảng, chính sách, luật pháp "
            "của Nhà nước, những chủ trương, quy định của địa phương trong thực hiện nhiệm vụ quân sự, quốc phòng; "
            "gương mẫu công tác chuyên môn góp phần xây dựng, phát triển kinh tế, văn hóa, xã hội ở địa phương.",
        ]),
    ],
    quotas=[
        QuotaSpec("Giấy khen", printed_name="Giấy khen của Hiệu trưởng"),
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, printed_name="Bằng khen của Chủ tịch UBND tỉnh"),
    ],
    assignments=[
        AssignmentSpec("Các phòng, khoa, trung tâm, Công đoàn cơ sở, Đoàn Thanh niên quán triệt, triển khai kế hoạch "
                       "này đến từng viên chức, người lao động. Báo cáo kết quả triển khai thực hiện và đề xuất khen "
                       "thưởng theo quy định.",
                       ["an-giang-cdn-tchc", "an-giang-cdn-dt", "an-giang-cdn-cd", "an-giang-cdn-doan"]),
        AssignmentSpec("Ban Chỉ huy quân sự cơ quan xây dựng kế hoạch triển khai và tham mưu thực hiện công tác sơ "
                       "kết, tổng kết đánh giá kết quả thực hiện phong trào thi đua; chủ trì phối hợp với phòng, khoa, "
                       "trung tâm xem xét, lựa chọn tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong phong trào "
                       "thi đua thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024 theo đúng quy định pháp "
                       "luật để kịp thời biểu dương khen thưởng; đồng thời phối hợp với Phòng Tổ chức – Hành chính "
                       "trình Hội đồng thi đua – khen thưởng khen thưởng theo quy định pháp luật.",
                       ["an-giang-cdn-bchqs"], is_lead=True),
        AssignmentSpec("Phòng Tổ chức - Hành chính theo dõi, hướng dẫn, giám sát việc thực hiện kế hoạch này. Đồng "
                       "thời, tham mưu Ban Giám hiệu báo cáo và đề nghị xét khen thưởng theo đúng tuyến trình.",
                       ["an-giang-cdn-tchc"]),
    ],
    recipients=[
        RecipientSpec("Ban TĐKT tỉnh", ["an-giang-snv"]),
        RecipientSpec("Sở KH&CN (KTĐ 3)"),
        RecipientSpec("Ban Giám hiệu"),
        RecipientSpec("Các phòng, khoa", ["an-giang-cdn-tchc", "an-giang-cdn-dt"]),
        RecipientSpec("Ban Chỉ huy quân sự cơ quan", ["an-giang-cdn-bchqs"]),
        RecipientSpec("Các tổ chức đoàn thể", ["an-giang-cdn-cd", "an-giang-cdn-doan"]),
    ],
    signature=("head", "", "HIỆU TRƯỞNG", ""), signer_name="Nguyễn Thanh Hải", signer_username="hieutruong",
)
