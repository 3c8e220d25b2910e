"""Seed 000: Kế hoạch 169/KH-UBND of UBND tỉnh An Giang (05/01/2025)."""

from datetime import date

from campaigns.specs import (
    PROVINCIAL_CHAIRMAN_COMMENDATION,
    AssignmentSpec,
    CriterionGroupSpec,
    DeadlineSpec,
    PlanSpec,
    QuotaSpec,
    RecipientSpec,
    SectionSpec,
    TargetGroupSpec,
)

AN_GIANG_DISTRICTS = [f"an-giang-{code}" for code in (
    "long-xuyen", "chau-doc", "tan-chau", "tinh-bien", "an-phu", "chau-phu", "chau-thanh", "cho-moi", "phu-tan",
    "thoai-son", "tri-ton")]

SEED_000 = PlanSpec(
    key="an-giang-169-2025", issuer="an-giang", state="issued", number=169, issued_on=date(2025, 1, 5),
    title="Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2025",
    legal_bases=[
        "Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ Quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng",
        "Thông tư số 01/2024/TT-BNV ngày 24 tháng 02 năm 2024 của Bộ Nội vụ Quy định biện pháp thi hành Luật Thi "
        "đua, khen thưởng và Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ Quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng",
        "Quyết định số 21/2024/QĐ-UBND ngày 26 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh ban hành Quy định chi tiết "
        "thi hành một số điều của Luật Thi đua, khen thưởng trên địa bàn tỉnh An Giang",
        "tình hình thực hiện nhiệm vụ quân sự, quốc phòng địa phương, xây dựng khu vực phòng thủ vững chắc, xây "
        "dựng nền quốc phòng toàn dân gắn với xây dựng thế trận an ninh nhân dân, xây dựng lực lượng vũ trang vững "
        "mạnh đáp ứng yêu cầu, nhiệm vụ xây dựng và bảo vệ Tổ quốc trong tình hình mới",
    ],
    preamble="Chủ tịch Ủy ban nhân dân tỉnh ban hành kế hoạch phát động phong trào thi đua trong thực hiện nhiệm vụ "
             "xây dựng nền Quốc phòng toàn dân năm 2025, như sau:",
    period=("fixed", date(2025, 2, 1), date(2025, 12, 31)),
    funding="Kinh phí khen thưởng từ nguồn kinh phí thi đua, khen thưởng tỉnh.",
    sections=[
        SectionSpec("Mục đích, yêu cầu", body="\n".join([
            "- Nhằm động viên, cổ vũ phong trào hành động cách mạng của các cấp ủy đảng, chính quyền, đoàn thể và "
            "lực lượng vũ trang tỉnh trong thực hiện thắng lợi nhiệm vụ xây dựng nền Quốc phòng toàn dân, xây dựng "
            "khu vực phòng thủ vững chắc, xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân, "
            "xây dựng lực lượng vũ trang (LLVT) tỉnh vững mạnh toàn diện “Mẫu mực, tiêu biểu”. Các cơ quan, đơn vị "
            "phát huy tốt vai trò tham mưu cho cấp ủy, chính quyền địa phương lãnh đạo, chỉ đạo thực hiện tốt nhiệm "
            "vụ xây dựng nền Quốc phòng toàn dân góp phần thực hiện thắng lợi nhiệm vụ quân sự, quốc phòng địa "
            "phương.",
            "- Triển khai các hoạt động thi đua có trọng tâm, trọng điểm; khơi dậy và phát huy sức mạnh của cả hệ "
            "thống chính trị, thiết thực lập thành tích chào mừng các ngày lễ, kỷ niệm lớn, các sự kiện chính trị "
            "trọng đại trong năm 2025.",
        ])),
        SectionSpec("Đối tượng, nội dung thi đua", children=[
            SectionSpec("Đối tượng", block="target_groups"),
            SectionSpec("Nội dung thi đua", block="criteria", body=(
                "Thực hiện tốt vai trò tham mưu cho cấp ủy, chính quyền về thực hiện nhiệm vụ xây dựng khu vực "
                "phòng thủ tỉnh, huyện vững chắc. Xây dựng lực lượng Dân quân tự vệ, lực lượng Dự bị động viên đạt "
                "chỉ tiêu, đảm bảo số lượng và chất lượng. Thường xuyên nâng cao chất lượng tổng hợp, trình độ khả "
                "năng sẵn sàng chiến đấu và chiến đấu thắng lợi trong mọi tình huống của LLVT tỉnh. Các cơ quan, đơn "
                "vị tập trung vào các tiêu chí sau:"), children=[
                SectionSpec(numbering="none",
                            body="* Lưu ý: Thực hiện phong trào thi đua xây dựng nền Quốc phòng toàn dân phải gắn với "
                                 "phong trào thi đua Quyết thắng của LLVT tỉnh."),
            ]),
        ]),
        SectionSpec("Thời gian thi đua và bình xét khen thưởng", children=[
            SectionSpec("Thời gian thi đua", block="period"),
            SectionSpec("Khen thưởng", block="awards"),
            SectionSpec("Kinh phí khen thưởng", block="funding"),
        ]),
        SectionSpec("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TargetGroupSpec("Nhân dân và lực lượng vũ trang cấp huyện", ["district"], levels_below=1),
        TargetGroupSpec("Nhân dân và lực lượng dân quân các xã, phường, thị trấn", ["commune", "ward", "township"],
                        levels_below=2),
        TargetGroupSpec("Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh", ["department", "mass_organisation"],
                        levels_below=1),
    ],
    criterion_groups=[
        CriterionGroupSpec("Về xây dựng lực lượng", [
            "Cấp ủy, chính quyền, ban, ngành, đoàn thể địa phương đoàn kết thống nhất, chăm lo xây dựng tổ chức đảng "
            "trong sạch vững mạnh, tổ chức thực hiện tốt nhiệm vụ quân sự, quốc phòng địa phương.",
            "Xây dựng lực lượng vũ trang vững mạnh về chính trị, tổ chức biên chế đảm bảo số lượng và chất lượng, "
            "trong đó tập trung xây dựng lực lượng Dân quân tự vệ đạt chỉ tiêu, đủ số lượng, nâng cao chất lượng hoạt "
            "động, đáp ứng yêu cầu nhiệm vụ trong mọi tình huống. Thực hiện chặt chẽ, đúng kế hoạch đăng ký, quản lý "
            "nguồn dự bị động viên, phương tiện kỹ thuật của nền kinh tế quốc dân. Thực hiện tốt công tác sắp xếp, "
            "bổ nhiệm quân nhân dự bị vào các đơn vị Dự bị động viên đạt và vượt chỉ tiêu kế hoạch nhà nước về xây "
            "dựng, huy động và tiếp nhận lực lượng dự bị động viên; quan tâm bồi dưỡng phát triển đảng viên trong lực "
            "lượng Dân quân tự vệ, lực lượng dự bị động viên.",
            "Kịp thời điều chỉnh, bổ sung và hoàn chỉnh các văn kiện tác chiến; các văn bản, kế hoạch sẵn sàng chiến "
            "đấu, huấn luyện đáp ứng yêu cầu nhiệm vụ bảo vệ an toàn địa bàn. Duy trì nghiêm quân số trực sẵn sàng "
            "chiến đấu đúng quy định; kiểm tra huấn luyện đạt và vượt chỉ tiêu.",
            "Phối hợp với Công an, Bộ đội Biên phòng thực hiện tốt Nghị định số 03/2019/NĐ-CP ngày 05/9/2019 của "
            "Chính phủ quy định về phối hợp giữa Bộ Công an và Bộ Quốc phòng trong thực hiện nhiệm vụ bảo vệ an ninh "
            "quốc gia, bảo đảm trật tự an toàn xã hội, đấu tranh phòng, chống tội phạm và nhiệm vụ quốc phòng; Nghị "
            "định số 02/2020/NĐ-CP ngày 30/6/2020 của Chính phủ quy định về hoạt động phối hợp của Dân quân tự vệ.",
            "Thường xuyên phối hợp tuần tra nắm chắc địa bàn, nhất là hoạt động của các phần tử phản động xúi giục, "
            "kích động, lôi kéo quần chúng, làm ảnh hưởng đến an ninh chính trị, trật tự an toàn xã hội ở địa "
            "phương, kịp thời ngăn chặn và làm thất bại âm mưu phá hoại của các thế lực thù địch, bảo vệ vững chắc "
            "các mục tiêu, địa bàn quan trọng.",
        ]),
        CriterionGroupSpec("Về xây dựng tiềm lực", [
            "Thực hiện tốt vai trò tham mưu cho cấp ủy, chính quyền tiếp tục triển khai thực hiện Chỉ thị "
            "36/2005/CT-TTg ngày 17/10/2005 của Thủ tướng Chính phủ về xây dựng cơ sở chính trị vững mạnh toàn diện "
            "đáp ứng yêu cầu nhiệm vụ quốc phòng an ninh. Xây dựng tiêu chí phẩm chất, đạo đức, trình độ, năng lực "
            "của đội ngũ cán bộ trong hệ thống chính quyền các cấp.",
            "Nâng cao năng lực lãnh đạo và sức chiến đấu của các tổ chức đảng nhất là đảng bộ, chi bộ quân sự; duy "
            "trì và thực hiện nghiêm chế độ sinh hoạt; làm tốt công tác phát triển đảng viên. Xây dựng đội ngũ cán bộ "
            "chủ trì có phẩm chất chính trị, đạo đức, lối sống, năng lực, trình độ đáp ứng yêu cầu nhiệm vụ quân sự, "
            "quốc phòng địa phương trong tình hình mới.",
            "Chăm lo nâng cao đời sống vật chất, tinh thần cho cán bộ, chiến sĩ LLVT nhất là lực lượng Dân quân tự "
            "vệ; sửa chữa, nâng cấp hoặc xây dựng mới trụ sở làm việc của cơ quan quân sự xã, phường, thị trấn đã "
            "xuống cấp hoặc quy hoạch mới; phối hợp với các ngành, đoàn thể quan tâm thực hiện tốt chính sách Quân "
            "đội, chính sách hậu phương Quân đội, nhất là lực lượng Dân quân tự vệ có hoàn cảnh khó khăn; bảo đảm cho "
            "cán bộ, chiến sĩ Dân quân tự vệ an tâm công tác, hoàn thành tốt nhiệm vụ.",
            "Thường xuyên phối hợp với các lực lượng làm tốt công tác vận động quần chúng, lao động giúp dân; thực "
            "hiện tốt công tác phòng chống, khắc phục hậu quả thiên tai, thảm họa, dịch bệnh, cứu hộ, cứu nạn; phòng "
            "chống cháy nổ, cháy rừng.",
            "Tích cực vận động người thân, gia đình và nhân dân tham gia tích cực các phong trào, các cuộc vận động ở "
            "địa phương, nhất là Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”; phong "
            "trào thi đua “LLVT tỉnh chung sức xây dựng nông thôn mới”; “LLVT tỉnh chung tay vì người nghèo - không "
            "để ai bị bỏ lại phía sau”. Phong trào thi đua “LLVT tỉnh thi đua xây dựng xã hội học tập, đẩy mạnh học "
            "tập suốt đời giai đoạn 2023 - 2030” và hưởng ứng phong trào thi đua “Chung tay xóa nhà tạm, nhà dột nát "
            "trên phạm vi địa bàn cả nước”.",
            "Giáo dục cho nhân dân, cán bộ, đảng viên, chiến sĩ chấp hành nghiêm đường lối, chủ trương của Đảng, "
            "chính sách, luật pháp của Nhà nước, những chủ trương, quy định của địa phương trong thực hiện nhiệm vụ "
            "quân sự, quốc phòng; gương mẫu trong lao động sản xuất góp phần xây dựng, phát triển kinh tế, văn hóa, "
            "xã hội ở địa phương.",
        ]),
        CriterionGroupSpec("Về xây dựng thế trận Quốc phòng toàn dân", [
            "Tập trung xây dựng nền Quốc phòng toàn dân gắn với thế trận an ninh nhân dân, củng cố thế trận lòng dân, "
            "xây dựng khu vực phòng thủ vững chắc. Kết hợp chặt chẽ phát triển kinh tế xã hội với củng cố quốc phòng "
            "an ninh.",
            "Xây dựng hệ thống các khu căn cứ, cụm điểm tựa, các công trình dân sinh có ý nghĩa quốc phòng tạo thành "
            "thế trận làng, xã chiến đấu vững chắc.",
        ]),
    ],
    quotas=[
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, count=6, target_group=2,
                  recipient_phrase="cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh"),
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, count=3, target_group=0,
                  recipient_phrase="đơn vị dẫn đầu cấp huyện"),
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, count=11, target_group=1, per_parent=True,
                  recipient_phrase="xã, phường, thị trấn dẫn đầu mỗi huyện"),
    ],
    assignments=[
        AssignmentSpec("Giao Bộ CHQS tỉnh theo dõi việc quán triệt và tổ chức triển khai thực hiện phong trào thi đua; "
                       "kiểm tra công tác thực hiện xây dựng nền Quốc phòng toàn dân gắn với kiểm tra phong trào thi "
                       "đua Quyết thắng năm 2025.\nTham mưu thực hiện công tác sơ kết, tổng kết đánh giá kết quả thực "
                       "hiện phong trào thi đua; chủ trì phối hợp với các cơ quan, đơn vị, địa phương xem xét, lựa "
                       "chọn tập thể có thành tích xuất sắc, tiêu biểu trong phong trào thi đua thực hiện nhiệm vụ xây "
                       "dựng nền Quốc phòng toàn dân năm 2025 theo quy định để kịp thời biểu dương, khen thưởng; đồng "
                       "thời phối hợp với Sở Nội vụ trình Chủ tịch Ủy ban nhân dân tỉnh khen thưởng theo quy định pháp "
                       "luật.", ["an-giang-bchqs", "an-giang-snv"], is_lead=True),
        AssignmentSpec("Ủy ban nhân dân các huyện, thị xã, thành phố xây dựng kế hoạch cụ thể để tổ chức phong trào "
                       "thi đua trên địa nhằm thực hiện có hiệu quả nhiệm vụ trong thực hiện nhiệm vụ xây dựng nền "
                       "Quốc phòng toàn dân năm 2025; đồng thời tổ chức triển khai thực hiện đến xã, phường, thị trấn. "
                       "Kết thúc đợt thi đua, tiến hành bình xét khen thưởng theo thẩm quyền và đề nghị cấp trên khen "
                       "thưởng theo quy định.", AN_GIANG_DISTRICTS),
    ],
    deadlines=[
        DeadlineSpec("implementing_plan", AN_GIANG_DISTRICTS, "an-giang"),
        DeadlineSpec("nominations", AN_GIANG_DISTRICTS, "an-giang-bchqs-pct", date(2025, 10, 25), assignment=1,
           lead="Thời gian báo cáo hồ sơ đề nghị khen thưởng về Phòng Chính trị, Bộ CHQS tỉnh (qua Ban Tuyên huấn)"),
    ],
    recipients=[
        RecipientSpec("TT. TU, HĐND, UBND tỉnh"),
        RecipientSpec("Sở, ban, ngành, đoàn thể tỉnh", ["an-giang-vpubnd", "an-giang-snv", "an-giang-stc",
                                                        "an-giang-sgddt", "an-giang-tinh-doan", "an-giang-hlhpn"]),
        RecipientSpec("Bộ Chỉ huy quân sự tỉnh", ["an-giang-bchqs"]),
        RecipientSpec("VP.UBND tỉnh: LĐVP, P.TH", ["an-giang-vpubnd"]),
        RecipientSpec("UBND huyện, thị xã, thành phố", AN_GIANG_DISTRICTS),
    ],
    signature=("head", "", "CHỦ TỊCH", ""), signer_name="Hồ Văn Mừng", signer_username="chutich",
)
