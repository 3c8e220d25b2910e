"""Seed 003: the plan of UBND tỉnh Đồng Tháp (a province after the 2025 reform)
launching “Toàn dân bảo vệ an ninh Tổ quốc”; number 289 and date 25/11/2025 are
assumed (see the package docstring)."""

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

DONG_THAP_DEPARTMENTS = ["dong-thap-snv", "dong-thap-svhttdl"]
DONG_THAP_COMMUNES = ["dong-thap-p-cao-lanh", "dong-thap-p-sa-dec", "dong-thap-p-my-tho", "dong-thap-x-thap-muoi",
                      "dong-thap-x-thanh-binh"]
DONG_THAP_REPORTING_UNITS = DONG_THAP_DEPARTMENTS + DONG_THAP_COMMUNES + ["dong-thap-mttq"]
# The Giấy khen the plan awards, as it prints it (the catalogue calls it plain "Giấy khen").
LOCAL_HEAD_CERTIFICATE_OF_MERIT = "Giấy khen của Thủ trưởng sở, ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường"

SEED_003 = PlanSpec(
    key="dong-thap-antq-2025", issuer="dong-thap", state="issued", number=289, issued_on=date(2025, 11, 25),
    title="Phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh Đồng Tháp",
    legal_bases=[
        "Quyết định số 2447/QĐ-TTg ngày 06/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai Phong trào "
        "thi đua “Toàn dân bảo vệ an ninh Tổ quốc”",
    ],
    preamble="Ủy ban nhân dân tỉnh ban hành Kế hoạch phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” "
             "trên địa bàn tỉnh Đồng Tháp (sau đây gọi tắt là Phong trào thi đua), với các nội dung như sau:",
    period=("continuous", date(2025, 12, 1), None), review_month=11, summary_every_years=5,
    closing="Quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị, địa phương phối hợp với Sở "
            "Nội vụ giải quyết theo thẩm quyền; trường hợp vượt thẩm quyền, giao Sở Nội vụ tổng hợp, kịp thời báo cáo "
            "Ủy ban nhân dân tỉnh xem xét, quyết định.",
    sections=[
        SectionSpec("Mục đích, yêu cầu", children=[
            SectionSpec("Mục đích", body="\n".join([
                "- Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và sự tham gia tích cực của Nhân dân đối với "
                "sự nghiệp xây dựng, bảo vệ an ninh Tổ quốc, bảo đảm trật tự, an toàn xã hội; tạo nền tảng vững chắc "
                "cho phát triển kinh tế, chính trị, văn hóa, xã hội của địa phương trong giai đoạn mới.",
                "- Cổ vũ, khích lệ, động viên các tập thể, cá nhân tích cực tham gia Phong trào thi đua, góp phần quan "
                "trọng xây dựng thế trận lòng dân, thế trận an ninh nhân dân gắn với thế trận quốc phòng toàn dân "
                "trong sự nghiệp xây dựng và bảo vệ Tổ quốc.",
                "- Thông qua Phong trào thi đua tạo sự chuyển biến mạnh mẽ về nhận thức và hành động của cấp ủy, chính "
                "quyền các cấp, Mặt trận Tổ quốc, các tổ chức chính trị - xã hội, tổ chức chính trị xã hội - nghề "
                "nghiệp, các doanh nghiệp và toàn thể Nhân dân trên địa bàn tỉnh đối với Phong trào thi đua và sự "
                "nghiệp bảo vệ an ninh Tổ quốc.",
            ])),
            SectionSpec("Yêu cầu", body="\n".join([
                "- Phong trào thi đua được triển khai sâu rộng, đồng bộ, xuyên suốt từ tỉnh đến cơ sở, bảo đảm thiết "
                "thực, hiệu quả; đổi mới nội dung, hình thức phong trào phù hợp với đặc điểm, điều kiện của từng địa "
                "phương, cơ quan, đơn vị.",
                "- Bảo đảm công khai, dân chủ, minh bạch; phát huy quyền làm chủ và sự tham gia tích cực của Nhân dân "
                "trên lĩnh vực bảo vệ an ninh Tổ quốc.",
                "- Thường xuyên kiểm tra, giám sát việc thực hiện Phong trào thi đua để kịp thời phát hiện, biểu "
                "dương, khen thưởng, nhân rộng các mô hình, điển hình tiên tiến có thành tích trong Phong trào thi "
                "đua.",
                "- Để triển khai thực hiện có hiệu quả, việc tổ chức Phong trào thi đua cần gắn chặt với việc thực "
                "hiện nhiệm vụ chính trị, các mục tiêu phát triển kinh tế - xã hội của từng địa phương; đồng thời, "
                "lồng ghép với các phong trào thi đua do tỉnh phát động nhằm tạo sự đồng bộ, thiết thực và lan tỏa "
                "rộng rãi trong toàn xã hội.",
            ])),
        ]),
        SectionSpec("Nội dung phong trào thi đua", body=(
            "Để thực hiện hiệu quả phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh, các sở, "
            "ban, ngành tỉnh, Ủy ban nhân dân các xã, phường, tổ chức, doanh nghiệp, cá nhân và đề nghị Ủy ban Mặt "
            "trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề nghiệp "
            "tỉnh tổ chức Phong trào thi đua với nội dung sau:"), children=[
            SectionSpec(body="Thi đua triển khai thực hiện có hiệu quả các nghị quyết, chỉ thị, kết luận, quy định của "
                             "Đảng, Nhà nước, Bộ Công an và của Tỉnh ủy, Ủy ban nhân dân tỉnh về công tác bảo đảm an "
                             "ninh, trật tự; xây dựng và phát huy phong trào “Toàn dân bảo vệ an ninh Tổ quốc” trên "
                             "địa bàn tỉnh."),
            SectionSpec(body="Thi đua xây dựng chính quyền địa phương các cấp trong lãnh đạo, chỉ đạo, tổ chức triển "
                             "khai thực hiện đồng bộ, quyết liệt, hiệu quả công tác bảo đảm an ninh, trật tự và xây "
                             "dựng phong trào “Toàn dân bảo vệ an ninh Tổ quốc” tại địa phương, cơ quan, đơn vị."),
            SectionSpec(body="Thi đua nâng cao chất lượng, hiệu quả phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; nhân "
                             "rộng các mô hình tự quản, sáng kiến hay, cách làm hiệu quả, nhất là tại địa bàn trọng "
                             "điểm, khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục."),
            SectionSpec(body="Thi đua nghiên cứu, ứng dụng khoa học và công nghệ, đổi mới sáng tạo, chuyển đổi số "
                             "trong xây dựng Phong trào thi đua, đặc biệt chú trọng bảo đảm an toàn, an ninh mạng, xây "
                             "dựng thế trận an ninh nhân dân trên không gian mạng."),
            SectionSpec(body="Thi đua xây dựng lực lượng Công an các cấp và lực lượng nòng cốt bảo vệ an ninh, trật tự "
                             "ở cơ sở vững mạnh, đáp ứng yêu cầu nhiệm vụ trong tình hình mới."),
            SectionSpec(body="Thi đua thực hiện tốt công tác tuyên truyền, vận động Nhân dân tích cực tham gia Phong "
                             "trào thi đua để nâng cao nhận thức về nhiệm vụ bảo đảm an ninh Tổ quốc là quyền và trách "
                             "nhiệm của toàn dân."),
        ]),
        SectionSpec("Tiêu chí thi đua và hình thức khen thưởng", children=[
            SectionSpec("Tiêu chí thi đua", block="criteria"),
            SectionSpec("Hình thức và tiêu chuẩn khen thưởng", children=[
                SectionSpec("Hình thức khen thưởng", block="awards"),
                SectionSpec("Tiêu chuẩn khen thưởng", body="\n".join([
                    "Căn cứ thành tích trong tổ chức, thực hiện Phong trào thi đua, việc xét khen thưởng cho các tập "
                    "thể, cá nhân tiêu biểu, xuất sắc được thực hiện theo quy định của pháp luật về thi đua, khen "
                    "thưởng có hiệu lực tại thời điểm đề nghị khen thưởng.",
                    "- Khen thưởng hằng năm:",
                    "+ Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: căn cứ kết quả thực hiện Phong trào thi đua của "
                    "các tập thể, cá nhân, các cơ quan, đơn vị, địa phương trên địa bàn tỉnh, Công an tỉnh chủ trì, "
                    "phối hợp với Sở Nội vụ và các ngành có liên quan rà soát, trình Chủ tịch Ủy ban nhân dân tỉnh "
                    "tặng Bằng khen cho các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc trong tham gia, triển "
                    "khai thực hiện có hiệu quả Phong trào thi đua.",
                    "+ Giấy khen của Thủ trưởng sở, ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường: Thủ trưởng sở, "
                    "ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường quy định tiêu chí phù hợp với tiêu chí chung nêu "
                    "trên và xét khen thưởng theo quy định.",
                    "- Khen thưởng tổng kết:",
                    "+ Khen thưởng cấp tỉnh: Sở Nội vụ hướng dẫn cụ thể việc khen thưởng;",
                    "+ Khen thưởng cấp Nhà nước: thực hiện theo Hướng dẫn của Bộ Nội vụ.",
                ])),
            ]),
        ]),
        SectionSpec("Thời gian thực hiện", body="\n".join([
            "- Phong trào thi đua được triển khai thực hiện từ tháng 12 năm 2025 và thực hiện thường xuyên, liên tục.",
            "- Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường và đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam "
            "tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề nghiệp tỉnh xây dựng, ban hành "
            "Kế hoạch triển khai thực hiện Phong trào với các tiêu chí thi đua phù hợp trong quý IV năm 2025; tổ chức "
            "triển khai thực hiện Phong trào thi đua hiệu quả, thiết thực;",
            "- Định kỳ hằng năm tiến hành đánh giá, sơ kết Phong trào thi đua vào đầu tháng 11 của năm và tổng kết "
            "giai đoạn 05 năm/lần.",
        ])),
        SectionSpec("Giải pháp thực hiện", children=[
            SectionSpec(body="Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy, chính quyền các cấp; phát huy vai trò, "
                             "trách nhiệm của người đứng đầu trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện "
                             "Phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh."),
            SectionSpec(body="Đẩy mạnh công tác tuyên truyền trên các phương tiện thông tin đại chúng và hệ thống "
                             "thông tin cơ sở về mục đích, vai trò, ý nghĩa của Phong trào thi đua để nâng cao nhận "
                             "thức, trách nhiệm của các cấp, các ngành, cán bộ, đảng viên và Nhân dân, góp phần củng "
                             "cố nền an ninh nhân dân, bảo đảm trật tự, an toàn xã hội, phục vụ phát triển kinh tế - "
                             "xã hội của tỉnh trong giai đoạn mới."),
            SectionSpec(body="Phát hiện, động viên, biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu, "
                             "xuất sắc, có sáng kiến, cách làm hay sáng tạo, mang lại hiệu quả cao trong thực hiện "
                             "Phong trào thi đua."),
        ]),
        SectionSpec("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TargetGroupSpec("Các sở, ban, ngành tỉnh", ["department"], levels_below=1),
        TargetGroupSpec("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã "
                        "hội - nghề nghiệp tỉnh", ["mass_organisation"], levels_below=1),
        TargetGroupSpec("Các xã, phường trên địa bàn tỉnh", ["commune", "ward", "special_zone"], levels_below=1),
        TargetGroupSpec("Các cơ quan, tổ chức, doanh nghiệp trên địa bàn tỉnh", ["enterprise", "school", "police"]),
        TargetGroupSpec("Cá nhân", [], recipient_kind="individual"),
    ],
    criterion_groups=[
        CriterionGroupSpec("Đối với các sở, ban, ngành tỉnh", [
            "Kịp thời ban hành hoặc tham mưu cấp có thẩm quyền ban hành chương trình, kế hoạch triển khai thực hiện "
            "Phong trào thi đua hằng năm hoặc từng giai đoạn phù hợp với đặc điểm, tình hình của các sở, ban, ngành "
            "tỉnh.",
            "Tổ chức thực hiện Phong trào thi đua thiết thực, hiệu quả với nội dung và hình thức phong phú, đa dạng; "
            "chú trọng xây dựng và nhân rộng các mô hình bảo đảm an ninh, trật tự phù hợp với đặc điểm của từng sở, "
            "ngành và cơ quan, doanh nghiệp, cơ sở giáo dục; phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
            "Tăng cường ứng dụng công nghệ thông tin và mạng xã hội trong công tác bảo đảm an ninh, trật tự tại các cơ "
            "quan, doanh nghiệp, cơ sở giáo dục trên địa bàn tỉnh; chú trọng bảo đảm an ninh, an toàn hệ thống thông "
            "tin, dữ liệu, không để xảy ra tình trạng lộ, lọt thông tin.",
            "Chỉ đạo và phát huy vai trò của các cơ quan báo chí, truyền thông, hệ thống thông tin cơ sở trong tuyên "
            "truyền, vận động cán bộ, công chức, viên chức, người lao động và Nhân dân tích cực tham gia, hưởng ứng "
            "Phong trào thi đua; tăng cường tuyên truyền, nêu gương điển hình tiên tiến về những tấm gương hy sinh, bị "
            "thương trong phòng, chống tội phạm, tệ nạn xã hội và phong trào “Toàn dân bảo vệ an ninh Tổ quốc”.",
        ], target_group=0),
        CriterionGroupSpec("Đối với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, tổ chức chính trị - xã hội tỉnh, tổ chức "
                           "chính trị xã hội - nghề nghiệp tỉnh", [
            "Tăng cường công tác trao đổi, phối hợp trong thực hiện nhiệm vụ bảo vệ an ninh quốc gia, giữ gìn trật tự "
            "an toàn xã hội, đấu tranh phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào “Toàn dân bảo vệ "
            "an ninh Tổ quốc”.",
            "Triển khai thực hiện hiệu quả các chương trình phối hợp về xây dựng phong trào “Toàn dân bảo vệ an ninh "
            "Tổ quốc” để đáp ứng yêu cầu, nhiệm vụ bảo vệ an ninh Tổ quốc trong tình hình mới.",
            "Tổ chức phổ biến, tuyên truyền, vận động đối với các thành viên, hội viên, đoàn viên của tổ chức mình "
            "hiểu rõ vai trò, mục đích, ý nghĩa của Phong trào thi đua và tích cực tham gia.",
            "Phát huy vai trò giám sát, phản biện xã hội, tham gia xây dựng pháp luật, cơ chế, chính sách về xây dựng "
            "Phong trào thi đua.",
        ], target_group=1),
        CriterionGroupSpec("Đối với các xã, phường trên địa bàn tỉnh", [
            "Xây dựng, ban hành chương trình, kế hoạch và tổ chức thực hiện hiệu quả phong trào “Toàn dân bảo vệ an "
            "ninh Tổ quốc”, phòng, chống tội phạm, tệ nạn xã hội tại địa phương.",
            "Thực hiện có hiệu quả việc tinh gọn bộ máy gắn với kiện toàn, nâng cao chất lượng, hiệu quả hoạt động "
            "của Ban Chỉ đạo xây dựng phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; phát huy vai trò của các thành "
            "viên Ban Chỉ đạo trong công tác bảo đảm an ninh, trật tự và phòng, chống tội phạm, tệ nạn xã hội ở cơ "
            "sở.",
            "Nâng cao chất lượng, hiệu quả Phong trào thi đua tại địa phương. Chú trọng xây dựng, nhân rộng các mô "
            "hình tự quản về an ninh, trật tự ở khu dân cư, cơ quan, trường học, doanh nghiệp trên địa bàn, phù hợp "
            "với đặc điểm của từng địa phương.",
            "Đẩy mạnh tuyên truyền, vận động Nhân dân tích cực tham gia hưởng ứng Phong trào thi đua; chú trọng tuyên "
            "truyền trên các phương tiện thông tin đại chúng, nền tảng mạng xã hội về những tấm gương hy sinh, bị "
            "thương, những hành động dũng cảm cứu người, cứu tài sản của Nhà nước, Nhân dân trong thiên tai bão lũ, "
            "trong phòng chống tội phạm, tệ nạn xã hội và Phong trào thi đua tạo sức lan tỏa trong cộng đồng.",
        ], target_group=2),
        CriterionGroupSpec("Đối với các cơ quan, tổ chức, doanh nghiệp trên địa bàn tỉnh", [
            "Tích cực tham gia, chung tay đóng góp, hưởng ứng Phong trào thi đua với phương châm: xây dựng cơ quan, "
            "doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn an toàn về an ninh, trật tự là thực hiện tốt Phong trào thi "
            "đua.",
            "Bảo đảm chế độ, chính sách cho lực lượng bảo vệ cơ quan, doanh nghiệp đủ về số lượng, có chuyên môn, "
            "nghiệp vụ vững mạnh để đáp ứng yêu cầu bảo vệ an ninh, trật tự tại tổ chức, doanh nghiệp.",
        ], target_group=3),
        CriterionGroupSpec("Đối với cá nhân", [
            "Cán bộ, chiến sĩ thuộc lực lượng vũ trang và công nhân viên: gương mẫu đi đầu tích cực hưởng ứng tham gia "
            "thực hiện Phong trào thi đua và vận động người thân, Nhân dân tham gia Phong trào thi đua tại cơ quan, "
            "đơn vị, địa phương. Có sáng kiến, giải pháp hiệu quả đẩy mạnh Phong trào thi đua.",
            "Đối tượng khác: tích cực hưởng ứng tham gia Phong trào thi đua, phối hợp tuyên truyền lan tỏa những hình "
            "ảnh đẹp, hoạt động có ý nghĩa, cách làm hiệu quả trong Phong trào thi đua, qua đó tạo hiệu ứng thi đua "
            "sôi nổi.",
        ], target_group=4),
    ],
    quotas=[
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, occasion="annual"),
        QuotaSpec("Giấy khen", printed_name=LOCAL_HEAD_CERTIFICATE_OF_MERIT, occasion="annual"),
        QuotaSpec("Cờ thi đua của Chính phủ", printed_name="Cờ Thi đua của Chính phủ", occasion="summary"),
        QuotaSpec("Cờ thi đua cấp bộ, ngành, tỉnh", printed_name="Cờ Thi đua của Ủy ban nhân dân tỉnh",
                  occasion="summary"),
        QuotaSpec("Huân chương Lao động", occasion="summary"),
        QuotaSpec("Bằng khen của Thủ tướng Chính phủ", occasion="summary"),
        QuotaSpec(PROVINCIAL_CHAIRMAN_COMMENDATION, occasion="summary"),
        QuotaSpec("Giấy khen", printed_name=LOCAL_HEAD_CERTIFICATE_OF_MERIT, occasion="summary"),
    ],
    assignments=[
        AssignmentSpec("Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường: căn cứ Kế hoạch này và đặc điểm, tình "
                       "hình của từng cơ quan, đơn vị, địa phương để phát động, triển khai Phong trào thi đua với nội "
                       "dung, tiêu chí cụ thể, hình thức khen thưởng phù hợp.",
                       DONG_THAP_DEPARTMENTS + DONG_THAP_COMMUNES),
        AssignmentSpec("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, các tổ "
                       "chức chính trị xã hội - nghề nghiệp tỉnh: vận động thành viên, hội viên, đoàn viên tích cực "
                       "tham gia hưởng ứng Phong trào thi đua.", ["dong-thap-mttq"]),
        AssignmentSpec("Sở Văn hóa, Thể thao và Du lịch phối hợp với các cơ quan, đơn vị liên quan thực hiện công tác "
                       "truyền thông, tuyên truyền về Phong trào thi đua.", ["dong-thap-svhttdl"]),
        AssignmentSpec("Hội đồng Thi đua - Khen thưởng các cấp: phân công rõ trách nhiệm các thành viên trong quá "
                       "trình chỉ đạo, hướng dẫn, giám sát việc thực hiện Phong trào thi đua."),
        AssignmentSpec("Công an tỉnh chủ trì, phối hợp với Sở Nội vụ triển khai, đôn đốc, đánh giá việc tổ chức thực "
                       "hiện Kế hoạch này; báo cáo Hội đồng Thi đua - Khen thưởng tỉnh và Ủy ban nhân dân tỉnh.",
                       ["dong-thap-ca", "dong-thap-snv"], is_lead=True),
        AssignmentSpec("Sở Nội vụ chủ trì, phối hợp với Công an tỉnh hướng dẫn khen thưởng tổng kết Phong trào thi đua "
                       "(sau khi có hướng dẫn của Bộ Nội vụ); tổng hợp, đề xuất Ủy ban nhân dân tỉnh biểu dương, khen "
                       "thưởng các tập thể, cá nhân tiêu biểu.", ["dong-thap-snv", "dong-thap-ca"]),
        AssignmentSpec("Định kỳ hằng năm, các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường và đề nghị Ủy ban "
                       "Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội "
                       "- nghề nghiệp tỉnh báo cáo tình hình tổ chức thực hiện Phong trào thi đua về Công an tỉnh và "
                       "Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh", DONG_THAP_REPORTING_UNITS),
    ],
    deadlines=[
        DeadlineSpec("implementing_plan", DONG_THAP_REPORTING_UNITS, "dong-thap", date(2025, 12, 31)),
        DeadlineSpec("progress_report", DONG_THAP_REPORTING_UNITS, "dong-thap-ca", date(2026, 11, 10),
                     recurrence="yearly", assignment=6),
    ],
    recipients=[
        RecipientSpec("Văn phòng Chính phủ"), RecipientSpec("Bộ Công an"), RecipientSpec("Bộ Nội vụ"),
        RecipientSpec("Thường trực Tỉnh ủy"), RecipientSpec("Thường trực HĐND tỉnh"),
        RecipientSpec("Ủy ban MTTQ VN tỉnh", ["dong-thap-mttq"]), RecipientSpec("CT, các PCT UBND tỉnh"),
        RecipientSpec("Các tổ chức CT-XH tỉnh"),
        RecipientSpec("Các sở, ban, ngành tỉnh", DONG_THAP_DEPARTMENTS + ["dong-thap-ca"]),
        RecipientSpec("UBND các xã, phường", DONG_THAP_COMMUNES), RecipientSpec("VPUB: CVP, các PCVP"),
        RecipientSpec("Cổng TTĐT tỉnh"),
    ],
    archive_note="VT, KGVX (Nôn)",
    signature=("tm", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ""), signer_name="Phạm Thành Ngại",
    signer_username="chutich.dongthap",
)
