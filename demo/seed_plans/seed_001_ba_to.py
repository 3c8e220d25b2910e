"""Seed 001: the plan of UBND huyện Ba Tơ (02/2025) implementing Quảng Ngãi's
07/KH-UBND; an unnumbered draft, so it is loaded awaiting signature."""

from datetime import date

from campaigns.specs import AssignmentSpec, PlanSpec, RecipientSpec, SectionSpec, TargetSpec

SEED_001 = PlanSpec(
    key="ba-to-2025", issuer="ba-to", state="awaiting_signature", draft_date=date(2025, 2, 1),
    parent="quang-ngai-07-2025",
    title="Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng, quân sự địa phương, góp phần xây dựng lực "
          "lượng vũ trang huyện vững mạnh toàn diện “Mẫu mực - Tiêu biểu”, hoàn thành xuất sắc nhiệm vụ năm 2025",
    legal_bases=[("plan", "quang-ngai-07-2025", "về việc")],
    preamble="UBND huyện Ba Tơ ban hành kế hoạch phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng, quân sự "
             "địa phương, góp phần xây dựng lực lượng vũ trang huyện vững mạnh toàn diện “Mẫu mực - Tiêu biểu”, hoàn "
             "thành xuất sắc nhiệm vụ năm 2025, cụ thể như sau:",
    theme="Dân chủ, đoàn kết, kỷ cương, sáng tạo, quyết thắng",
    motto="Phát huy dân chủ, tăng cường đoàn kết, giữ vững kỷ cương, đổi mới sáng tạo, hoàn thành xuất sắc nhiệm vụ",
    closing="Trên đây là kế hoạch phát động thi đua thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2025, đề "
            "nghị các cơ quan, đơn vị, địa phương có liên quan nghiêm túc triển khai thực hiện nghiêm túc, đạt kết quả "
            "cao.",
    sections=[
        SectionSpec("Mục đích, yêu cầu", children=[
            SectionSpec("Mục đích", body="\n".join([
                "- Tổ chức phong trào thi đua sâu rộng, thiết thực. Thông qua đó, để giáo dục, bồi đắp, phát huy tinh "
                "thần yêu nước, truyền thống cách mạng, lòng trung thành tuyệt đối với Đảng, Tổ quốc, Nhân dân; làm "
                "cho cán bộ, chiến sĩ trong lực lượng vũ trang (LLVT) huyện có nhận thức, động cơ, quyết tâm thi đua "
                "đúng đắn, phấn đấu vươn lên hoàn thành xuất sắc nhiệm vụ được giao.",
                "- Tổ chức thi đua gắn với tổ chức các hoạt động chăm lo đời sống vật chất, tinh thần cho cán bộ, "
                "chiến sĩ trong LLVT huyện bảo đảm chu đáo, vui tươi lành mạnh, an toàn tiết kiệm, sẵn sàng chiến đấu "
                "cao và triển khai, thực hiện kế hoạch, nhiệm vụ năm 2025, góp phần đẩy mạnh phong trào thi đua "
                "Quyết thắng gắn với thực hiện nhiệm vụ quốc phòng, quân sự địa phương hoàn thành xuất sắc nhiệm vụ "
                "ngay từ những ngày đầu, tháng đầu năm 2025.",
            ])),
            SectionSpec("Yêu cầu", body=(
                "Làm tốt công tác chuẩn bị; phát động và tổ chức thi đua chặt chẽ, bình xét khen thưởng dân chủ, công "
                "khai, chính xác, kịp thời; tránh hình thức. Tổ chức thi đua gắn với việc học tập và làm theo tư "
                "tưởng, đạo đức, phong cách Hồ Chí Minh và Cuộc vận động phát huy truyền thống, cống hiến tài năng, "
                "xứng danh “Bộ đội Cụ Hồ” thời kỳ mới.")),
        ]),
        SectionSpec("Nội dung phát động", body=(
            "Phát huy những kết quả đạt được trong năm qua; để triển khai thực hiện thắng lợi nhiệm vụ quốc phòng, "
            "quân sự địa phương năm 2025, UBND huyện Ba Tơ phát động phong trào thi đua với chủ đề: “Dân chủ, đoàn "
            "kết, kỷ cương, sáng tạo, quyết thắng” với tư tưởng chỉ đạo xuyên suốt là: “Phát huy dân chủ, tăng cường "
            "đoàn kết, giữ vững kỷ cương, đổi mới sáng tạo, hoàn thành xuất sắc nhiệm vụ”. Trong đó cần tập trung "
            "thực hiện tốt những nội dung cơ bản, chủ yếu sau đây:"), children=[
            SectionSpec(numbering="ordinal_words", body=(
                "thường xuyên quán triệt, học tập, triển khai thực hiện tốt các nghị quyết, chỉ thị, quy định của "
                "Đảng, nhất là các nghị quyết, kết luận về nhiệm vụ quân sự, quốc phòng, bảo vệ Tổ quốc trong tình "
                "hình mới, các chiến lược, đề án của Đảng, Nhà nước, Tỉnh ủy, UBND tỉnh, Huyện ủy, UBND huyện về quốc "
                "phòng, quân sự địa phương. Phát huy tốt vai trò tham mưu của cơ quan quân sự các cấp trong công tác "
                "xây dựng nền quốc phòng toàn dân, thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân, "
                "“thế trận lòng dân” ngày càng vững chắc. Xây dựng các lực lượng vững mạnh về chính trị, tư tưởng, tổ "
                "chức và đạo đức, sẵn sàng đáp ứng các yêu cầu, nhiệm vụ trong tình hình mới, bảo đảm sẵn sàng chiến "
                "đấu và chiến đấu thắng lợi trong mọi tình huống. Triển khai toàn diện, đồng bộ phong trào thi đua "
                "Quyết thắng, phấn đấu đạt và vượt các chỉ tiêu nghị quyết của Đảng bộ huyện về lãnh đạo nhiệm vụ quân "
                "sự, quốc phòng năm 2025. Tiếp tục đổi mới nội dung, hình thức thi đua, xây dựng, nhân rộng điển hình "
                "tiên tiến và làm tốt công tác khen thưởng, tạo động lực để thực hiện thắng lợi các nhiệm vụ được "
                "giao; xây dựng cấp ủy, tổ chức đảng các cấp trong sạch vững mạnh, cơ quan, đơn vị vững mạnh toàn diện "
                "“mẫu mực, tiêu biểu”; góp phần nâng cao chất lượng tổng hợp và sức mạnh chiến đấu của Quân đội, bảo "
                "vệ vững chắc Tổ quốc Việt Nam xã hội chủ nghĩa.")),
            SectionSpec(numbering="ordinal_words", key="hai", body=(
                "đẩy mạnh, công tác thông tin, tuyên truyền, nhất là các hoạt động hướng tới kỷ niệm 80 năm khởi nghĩa "
                "Ba Tơ, 50 năm Ngày giải phóng hoàn toàn miền Nam thống nhất đất nước, 80 năm Cách mạng tháng Tám "
                "thành công và Quốc khánh mừng 2/9; tập trung đổi mới, nâng cao chất lượng giáo dục chính trị, nắm, "
                "quản lý, định hướng tư tưởng, tập trung đổi mới, nâng cao chất lượng giáo dục chính trị, nắm, quản "
                "lý, định hướng tư tưởng; giữ vững và tăng cường sự lãnh đạo tuyệt đối, trực tiếp về mọi mặt của Đảng "
                "đối với LLVT; kiểm tra nhận thức chính trị trong năm có 100% đạt yêu cầu, trong đó có từ 75% trở lên "
                "khá, giỏi. Tập trung nâng cao chất lượng hoạt động lãnh đạo, chỉ đạo, thực hành của Lực lượng 47 "
                "trong "
                "đấu tranh phản bác các quan điểm sai trái, thù địch, bảo vệ nền tảng tư tưởng của Đảng. Tích cực viết "
                "tin, bài, đưa tin một số hoạt động chính của cơ quan, đơn vị lên các trang mạng xã hội chính thống, "
                "góp phần định hướng tư tưởng cho cán bộ, chiến sĩ lực lượng vũ trang huyện. Các tổ chức đảng tập "
                "trung đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, không để suy thoái, "
                "“tự diễn biến”, “tự chuyển hóa” trong nội bộ. 100% cán bộ, chiến sĩ LLVT huyện có bản lĩnh chính trị "
                "vững vàng, phẩm chất, đạo đức tốt, lối sống trong sạch lành mạnh, hoàn thành tốt mọi nhiệm vụ được "
                "giao.")),
            SectionSpec(numbering="ordinal_words", key="ba", body=(
                "tập trung thi đua thực hiện tốt các khâu đột phá trong thực hiện nhiệm vụ quốc phòng, quân sự địa "
                "phương; nâng cao năng lực lãnh đạo, sức chiến đấu của các cấp ủy, tổ chức đảng, phát huy vai trò tiên "
                "phong, gương mẫu, tự phê bình và phê bình của đội ngũ cán bộ, đảng viên. Nâng cao chất lượng, hiệu "
                "quả công tác kiểm tra, giám sát, thi hành kỷ luật Đảng. 100% cấp ủy, tổ chức đảng hoàn thành tốt và "
                "hoàn thành xuất sắc nhiệm vụ, 100% cán bộ, đảng viên cán bộ, đảng viên hoàn thành tốt nhiệm vụ trở "
                "lên trong đó có 20% cán bộ, đảng viên hoàn thành xuất sắc nhiệm vụ. Thường xuyên nắm chắc tình hình, "
                "làm tốt công tác bảo vệ chính trị nội bộ, xây dựng đơn vị an toàn tuyệt đối về chính trị. Đẩy mạnh "
                "phong trào thi đua “Dân vận khéo”, xây dựng “Đơn vị dân vận tốt”; tích cực tham gia xây dựng hệ "
                "thống chính trị cơ sở, giúp Nhân dân phát triển kinh tế - xã hội. Thực hiện tốt công tác chính sách "
                "Quân đội và hậu phương Quân đội, tiến hành tốt các hoạt động đền ơn, đáp nghĩa; xây dựng hoạt động "
                "CTĐ, CTCT ngày càng đi vào nền nếp, hiệu quả cao.")),
            SectionSpec(numbering="ordinal_words", key="bon", body=(
                "chủ động nghiên cứu, nắm tình hình và dự báo chính xác những vấn đề tác động trực tiếp đến nhiệm vụ "
                "quốc phòng, quân sự địa phương, sẵn sàng xử lý các tình huống, không để bị động, bất ngờ. Triển khai "
                "thực hiện có hiệu quả các chương trình, kế hoạch, nghị quyết, chỉ thị, kết luận, chiến lược, đề án, "
                "dự án về quân sự, quốc phòng. Phối hợp chặt chẽ với cơ quan, ban ngành địa phương tiến hành tốt công "
                "tác quân sự, quốc phòng, xây dựng khu vực phòng thủ vững chắc, giữ vững an ninh chính trị, trật tự an "
                "toàn xã hội trên địa bàn đóng quân. Tập trung nâng cao chất lượng huấn luyện, phấn đấu kết quả huấn "
                "luyện, kiểm tra các đối tượng 100% đạt yêu cầu, có từ 75% trở lên khá, giỏi. Tập trung đổi mới, nâng "
                "cao chất lượng công tác giáo dục quốc phòng và an ninh cho các đối tượng và hoạt động của lực lượng "
                "DQTV, nhất là các Tiểu đội Dân quân thường trực. Thực hiện công tác tuyển quân đạt 100% chỉ tiêu. "
                "Phối hợp xây dựng 100% xã, thị trấn đạt vững mạnh về quốc phòng, an ninh và 70% xã, thị trấn đạt "
                "vững mạnh toàn diện. Huy động quân nhân dự bị tham gia huấn luyện, diễn tập, kiểm tra sẵn sàng động "
                "viên đạt 95% quân số, phương tiện kỹ thuật dự bị đạt 100%. Thường xuyên bổ sung, hoàn chỉnh hệ thống "
                "văn kiện, duy trì nghiêm túc quân số trực sẵn sàng chiến đấu trong các dịp lễ, tết. Chuẩn bị lực "
                "lượng, phương tiện, phương án thực hiện tốt nhiệm vụ “chiến đấu” trong thời bình theo phương châm "
                "“4 tại chỗ”. 100% các cơ quan, đơn vị thực hiện nghiêm Chỉ thị số 79/CT-BQP ngày 22/7/2022 của Bộ "
                "Quốc phòng về xây dựng đơn vị vững mạnh toàn diện “Mẫu mực, tiêu biểu”; thực hiện đồng bộ, quyết "
                "liệt các giải pháp tạo chuyển biến vững chắc về xây dựng chính quy, chấp hành kỷ luật, điều lệnh; "
                "không vi phạm kỷ luật, không để xảy ra vụ việc gây ảnh hưởng đến bản chất, truyền thống của LLVT "
                "huyện và “Bộ đội Cụ Hồ”.")),
            SectionSpec(numbering="ordinal_words", body=(
                "tiếp tục đẩy mạnh và nâng cao chất lượng các phong trào thi đua, các cuộc vận động của ngành hậu "
                "cần, tài chính, kỹ thuật góp phần bảo đảm đầy đủ, kịp thời cho các nhiệm vụ; giữ vững và cải thiện, "
                "nâng cao đời sống vật chất, tinh thần cho cán bộ, chiến sĩ trong toàn LLVT huyện.")),
            SectionSpec(numbering="ordinal_words", body=(
                "triển khai thực hiện có chất lượng các phong trào thi đua, chương trình mục tiêu quốc gia, phong trào "
                "thi đua “LLVT huyện chung sức xây dựng nông thôn mới”, “LLVT huyện chung tay vì người nghèo - không "
                "để ai bị bỏ lại phía sau”, “Cán bộ, chiến sĩ LLVT huyện thi đua thực hiện văn hóa công sở, xứng danh "
                "“Bộ đội Cụ Hồ”, phong trào thi đua “Chung tay xóa nhà tạm, nhà dột nát trên phạm vi cả nước trong "
                "năm 2025”, phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn "
                "2023 - 2030” và triển khai tốt các hoạt động công tác thi đua, khen thưởng và các hoạt động hướng "
                "tới kỷ niệm lễ lớn trong năm 2025. Chú trọng đổi mới phương pháp thi đua, gắn phong trào thi đua yêu "
                "nước với phong trào thi đua quyết thắng trong thực hiện nhiệm vụ quốc phòng, quân sự địa phương; tích "
                "cực xây dựng và nhân rộng điển hình tiên tiến trong phong trào thi đua quyết thắng của LLVT huyện. "
                "Phát triển phong trào thi đua với nhiều nét mới, sáng tạo, thực sự là động lực cổ vũ, thúc đẩy các "
                "cơ quan, đơn vị, địa phương hoàn thành xuất sắc nhiệm vụ quốc phòng, quân sự địa phương năm 2025.")),
        ]),
        SectionSpec("Tổ chức thực hiện", block="assignments"),
    ],
    targets=[
        TargetSpec("hai", "Kiểm tra nhận thức chính trị đạt yêu cầu", "eq", "100"),
        TargetSpec("hai", "Kiểm tra nhận thức chính trị khá, giỏi", "gte", "75"),
        TargetSpec("hai", "Cán bộ, chiến sĩ LLVT huyện có bản lĩnh chính trị vững vàng, phẩm chất, đạo đức tốt, "
                   "lối sống trong sạch lành mạnh, hoàn thành tốt mọi nhiệm vụ được giao", "eq", "100"),
        TargetSpec("ba", "Cấp ủy, tổ chức đảng hoàn thành tốt và hoàn thành xuất sắc nhiệm vụ", "eq", "100"),
        TargetSpec("ba", "Cán bộ, đảng viên hoàn thành tốt nhiệm vụ trở lên", "eq", "100"),
        TargetSpec("ba", "Cán bộ, đảng viên hoàn thành xuất sắc nhiệm vụ", "gte", "20"),
        TargetSpec("bon", "Kết quả huấn luyện, kiểm tra các đối tượng đạt yêu cầu", "eq", "100"),
        TargetSpec("bon", "Kết quả huấn luyện, kiểm tra các đối tượng khá, giỏi", "gte", "75"),
        TargetSpec("bon", "Tuyển quân đạt chỉ tiêu", "eq", "100"),
        TargetSpec("bon", "Xã, thị trấn đạt vững mạnh về quốc phòng, an ninh", "eq", "100"),
        TargetSpec("bon", "Xã, thị trấn đạt vững mạnh toàn diện", "gte", "70"),
        TargetSpec("bon", "Huy động quân nhân dự bị tham gia huấn luyện, diễn tập, kiểm tra sẵn sàng động viên đạt "
                   "quân số", "gte", "95"),
        TargetSpec("bon", "Phương tiện kỹ thuật dự bị", "eq", "100"),
        TargetSpec("bon", "Các cơ quan, đơn vị thực hiện nghiêm Chỉ thị số 79/CT-BQP ngày 22/7/2022 của Bộ Quốc phòng "
                   "về xây dựng đơn vị vững mạnh toàn diện “Mẫu mực, tiêu biểu”", "eq", "100"),
    ],
    assignments=[
        AssignmentSpec("Trên cơ sở kế hoạch phát động này, đề nghị các phòng, ban, ngành, hội, đoàn thể, UBND các xã, "
                       "thị trấn xác định các nội dung, chỉ tiêu, biện pháp lãnh đạo, chỉ đạo và tổ chức thực hiện "
                       "phong trào thi đua phù hợp với nhiệm vụ chính trị được giao.",
                       ["ba-to-pnv", "ba-to-tt-ba-to", "ba-to-ba-dong", "ba-to-ba-thanh"]),
        AssignmentSpec("Giao Trung tâm Truyền thông - Văn hóa - Thể thao huyện thường xuyên đẩy mạnh công tác tuyên "
                       "truyền, phát hiện, nêu gương, nhân rộng các tập thể, cá nhân điển hình tiên tiến, tiêu biểu "
                       "trong phong trào thi đua, góp phần xây dựng lực lượng vũ trang huyện ngày càng vững mạnh.",
                       ["ba-to-ttvh"]),
        AssignmentSpec("Giao Ban Chỉ huy Quân sự huyện chủ trì, phối hợp với Phòng Nội vụ thường xuyên theo dõi, đôn "
                       "đốc việc tổ chức triển khai thực hiện, kịp thời tham mưu đề xuất với UBND huyện biểu dương, "
                       "khen thưởng những tập thể, cá nhân có thành tích tiêu biểu, xuất sắc trong thực hiện nhiệm vụ "
                       "quốc phòng, quân sự địa phương năm 2025.", ["ba-to-bchqs", "ba-to-pnv"], is_lead=True),
    ],
    recipients=[
        RecipientSpec("Bộ CHQS tỉnh Quảng Ngãi", ["quang-ngai-bchqs"]),
        RecipientSpec("Thường trực Huyện ủy"),
        RecipientSpec("Thường trực HĐND"),
        RecipientSpec("CT, PCT UBND huyện"),
        RecipientSpec("UBMTTQ Việt Nam và các tổ chức CT-XH huyện"),
        RecipientSpec("Ban Chỉ huy Quân sự huyện", ["ba-to-bchqs"]),
        RecipientSpec("Các cơ quan, ban, ngành huyện", ["ba-to-pnv", "ba-to-ttvh"]),
    ],
    archive_note="VT, QS (Sáu)",
    signature=("head", "", "CHỦ TỊCH", ""), signer_name="Phạm Giang Nam",
)
