"""The four real plans of shared/seeds (and the Quảng Ngãi plan 07/KH-UBND
that seed 001 implements), as structured plans.

The text is the seeds' own wording with PDF-extraction line breaks removed.
Seeds 000 and 003 lost their header block in extraction: 000's date
(05/01/2025) is the one the layout reference quotes for 169/KH-UBND; 003's
number and date are not in the seed, so 003 carries an assumed number (289)
and date (25/11/2025) until the real header is known.
"""

import datetime
from dataclasses import dataclass, field

D = datetime.date


@dataclass
class S:
    """A section: heading, body lines, the structured block it holds, children."""

    heading: str = ""
    body: str = ""
    block: str = "text"
    numbering: str = "auto"
    run_in: bool = False
    children: list["S"] = field(default_factory=list)
    key: str = ""  # lets targets point at the section


@dataclass
class TG:
    name: str
    kinds: list[str]
    levels_below: int | None = None
    recipient_kind: str = "collective"
    scope: str = ""


@dataclass
class CG:
    title: str
    criteria: list[str]
    target_group: int | None = None  # index into target_groups


@dataclass
class T:
    section: str
    measure: str
    comparison: str
    value: str
    unit: str = "%"


@dataclass
class Q:
    award: str
    printed_name: str = ""
    count: int | None = None
    target_group: int | None = None
    per_parent: bool = False
    phrase: str = ""
    occasion: str = "campaign"


@dataclass
class A:
    text: str
    units: list[str] = field(default_factory=list)
    is_lead: bool = False


@dataclass
class DL:
    kind: str
    from_units: list[str]
    to_unit: str
    due_on: datetime.date | None = None
    recurrence: str = "once"
    assignment: int | None = None
    lead: str = ""


@dataclass
class R:
    text: str
    units: list[str] = field(default_factory=list)


@dataclass
class SeedPlan:
    key: str
    issuer: str
    title: str
    state: str  # issued | awaiting_signature
    number: int | None = None
    issued_on: datetime.date | None = None
    draft_date: datetime.date | None = None
    parent: str = ""
    legal_bases: list = field(default_factory=list)  # str, or ("plan", key, connector)
    preamble: str = ""
    theme: str = ""
    motto: str = ""
    period: tuple = ("fixed", None, None)
    review_month: int | None = None
    summary_every_years: int | None = None
    funding: str = ""
    closing: str = ""
    sections: list[S] = field(default_factory=list)
    target_groups: list[TG] = field(default_factory=list)
    criterion_groups: list[CG] = field(default_factory=list)
    targets: list[T] = field(default_factory=list)
    quotas: list[Q] = field(default_factory=list)
    assignments: list[A] = field(default_factory=list)
    deadlines: list[DL] = field(default_factory=list)
    recipients: list[R] = field(default_factory=list)
    archive_note: str = "VT"
    signature: tuple = ("head", "", "CHỦ TỊCH", "")
    signer_name: str = ""
    signer_username: str = ""


AG_DISTRICTS = [f"an-giang-{code}" for code in (
    "long-xuyen", "chau-doc", "tan-chau", "tinh-bien", "an-phu", "chau-phu", "chau-thanh", "cho-moi", "phu-tan",
    "thoai-son", "tri-ton")]
BANG_KHEN_TINH = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"

QUANG_NGAI_07 = SeedPlan(
    key="quang-ngai-07-2025", issuer="quang-ngai", state="issued", number=7, issued_on=D(2025, 1, 16),
    title="Phát động phong trào thi đua thực hiện nhiệm vụ quốc phòng, quân sự địa phương, góp phần xây dựng lực "
          "lượng vũ trang tỉnh vững mạnh toàn diện, hoàn thành xuất sắc nhiệm vụ năm 2025",
    recipients=[R("UBND các huyện, thị xã, thành phố", ["ba-to"])],
)

SEED_000 = SeedPlan(
    key="an-giang-169-2025", issuer="an-giang", state="issued", number=169, issued_on=D(2025, 1, 5),
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
    period=("fixed", D(2025, 2, 1), D(2025, 12, 31)),
    funding="Kinh phí khen thưởng từ nguồn kinh phí thi đua, khen thưởng tỉnh.",
    sections=[
        S("Mục đích, yêu cầu", body="\n".join([
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
        S("Đối tượng, nội dung thi đua", children=[
            S("Đối tượng", block="target_groups"),
            S("Nội dung thi đua", block="criteria", body=(
                "Thực hiện tốt vai trò tham mưu cho cấp ủy, chính quyền về thực hiện nhiệm vụ xây dựng khu vực "
                "phòng thủ tỉnh, huyện vững chắc. Xây dựng lực lượng Dân quân tự vệ, lực lượng Dự bị động viên đạt "
                "chỉ tiêu, đảm bảo số lượng và chất lượng. Thường xuyên nâng cao chất lượng tổng hợp, trình độ khả "
                "năng sẵn sàng chiến đấu và chiến đấu thắng lợi trong mọi tình huống của LLVT tỉnh. Các cơ quan, đơn "
                "vị tập trung vào các tiêu chí sau:"), children=[
                S(numbering="none", body="* Lưu ý: Thực hiện phong trào thi đua xây dựng nền Quốc phòng toàn dân "
                  "phải gắn với phong trào thi đua Quyết thắng của LLVT tỉnh."),
            ]),
        ]),
        S("Thời gian thi đua và bình xét khen thưởng", children=[
            S("Thời gian thi đua", block="period"),
            S("Khen thưởng", block="awards"),
            S("Kinh phí khen thưởng", block="funding"),
        ]),
        S("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TG("Nhân dân và lực lượng vũ trang cấp huyện", ["district"], levels_below=1),
        TG("Nhân dân và lực lượng dân quân các xã, phường, thị trấn", ["commune", "ward", "township"], levels_below=2),
        TG("Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh", ["department", "mass_organisation"], levels_below=1),
    ],
    criterion_groups=[
        CG("Về xây dựng lực lượng", [
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
        CG("Về xây dựng tiềm lực", [
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
        CG("Về xây dựng thế trận Quốc phòng toàn dân", [
            "Tập trung xây dựng nền Quốc phòng toàn dân gắn với thế trận an ninh nhân dân, củng cố thế trận lòng dân, "
            "xây dựng khu vực phòng thủ vững chắc. Kết hợp chặt chẽ phát triển kinh tế xã hội với củng cố quốc phòng "
            "an ninh.",
            "Xây dựng hệ thống các khu căn cứ, cụm điểm tựa, các công trình dân sinh có ý nghĩa quốc phòng tạo thành "
            "thế trận làng, xã chiến đấu vững chắc.",
        ]),
    ],
    quotas=[
        Q(BANG_KHEN_TINH, count=6, target_group=2, phrase="cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh"),
        Q(BANG_KHEN_TINH, count=3, target_group=0, phrase="đơn vị dẫn đầu cấp huyện"),
        Q(BANG_KHEN_TINH, count=11, target_group=1, per_parent=True, phrase="xã, phường, thị trấn dẫn đầu mỗi huyện"),
    ],
    assignments=[
        A("Giao Bộ CHQS tỉnh theo dõi việc quán triệt và tổ chức triển khai thực hiện phong trào thi đua; kiểm tra "
          "công tác thực hiện xây dựng nền Quốc phòng toàn dân gắn với kiểm tra phong trào thi đua Quyết thắng năm "
          "2025.\nTham mưu thực hiện công tác sơ kết, tổng kết đánh giá kết quả thực hiện phong trào thi đua; chủ trì "
          "phối hợp với các cơ quan, đơn vị, địa phương xem xét, lựa chọn tập thể có thành tích xuất sắc, tiêu biểu "
          "trong phong trào thi đua thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2025 theo quy định để "
          "kịp thời biểu dương, khen thưởng; đồng thời phối hợp với Sở Nội vụ trình Chủ tịch Ủy ban nhân dân tỉnh "
          "khen thưởng theo quy định pháp luật.", ["an-giang-bchqs", "an-giang-snv"], is_lead=True),
        A("Ủy ban nhân dân các huyện, thị xã, thành phố xây dựng kế hoạch cụ thể để tổ chức phong trào thi đua trên "
          "địa nhằm thực hiện có hiệu quả nhiệm vụ trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm "
          "2025; đồng thời tổ chức triển khai thực hiện đến xã, phường, thị trấn. Kết thúc đợt thi đua, tiến hành "
          "bình xét khen thưởng theo thẩm quyền và đề nghị cấp trên khen thưởng theo quy định.", AG_DISTRICTS),
    ],
    deadlines=[
        DL("implementing_plan", AG_DISTRICTS, "an-giang"),
        DL("nominations", AG_DISTRICTS, "an-giang-bchqs-pct", D(2025, 10, 25), assignment=1,
           lead="Thời gian báo cáo hồ sơ đề nghị khen thưởng về Phòng Chính trị, Bộ CHQS tỉnh (qua Ban Tuyên huấn)"),
    ],
    recipients=[
        R("TT. TU, HĐND, UBND tỉnh"),
        R("Sở, ban, ngành, đoàn thể tỉnh", ["an-giang-vpubnd", "an-giang-snv", "an-giang-stc", "an-giang-sgddt",
                                             "an-giang-tinh-doan", "an-giang-hlhpn"]),
        R("Bộ Chỉ huy quân sự tỉnh", ["an-giang-bchqs"]),
        R("VP.UBND tỉnh: LĐVP, P.TH", ["an-giang-vpubnd"]),
        R("UBND huyện, thị xã, thành phố", AG_DISTRICTS),
    ],
    signature=("head", "", "CHỦ TỊCH", ""), signer_name="Hồ Văn Mừng", signer_username="chutich",
)

SEED_001 = SeedPlan(
    key="ba-to-2025", issuer="ba-to", state="awaiting_signature", draft_date=D(2025, 2, 1),
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
        S("Mục đích, yêu cầu", children=[
            S("Mục đích", body="\n".join([
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
            S("Yêu cầu", body=(
                "Làm tốt công tác chuẩn bị; phát động và tổ chức thi đua chặt chẽ, bình xét khen thưởng dân chủ, công "
                "khai, chính xác, kịp thời; tránh hình thức. Tổ chức thi đua gắn với việc học tập và làm theo tư "
                "tưởng, đạo đức, phong cách Hồ Chí Minh và Cuộc vận động phát huy truyền thống, cống hiến tài năng, "
                "xứng danh “Bộ đội Cụ Hồ” thời kỳ mới.")),
        ]),
        S("Nội dung phát động", body=(
            "Phát huy những kết quả đạt được trong năm qua; để triển khai thực hiện thắng lợi nhiệm vụ quốc phòng, "
            "quân sự địa phương năm 2025, UBND huyện Ba Tơ phát động phong trào thi đua với chủ đề: “Dân chủ, đoàn "
            "kết, kỷ cương, sáng tạo, quyết thắng” với tư tưởng chỉ đạo xuyên suốt là: “Phát huy dân chủ, tăng cường "
            "đoàn kết, giữ vững kỷ cương, đổi mới sáng tạo, hoàn thành xuất sắc nhiệm vụ”. Trong đó cần tập trung "
            "thực hiện tốt những nội dung cơ bản, chủ yếu sau đây:"), children=[
            S(numbering="ordinal_words", body=(
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
            S(numbering="ordinal_words", key="hai", body=(
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
            S(numbering="ordinal_words", key="ba", body=(
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
            S(numbering="ordinal_words", key="bon", body=(
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
            S(numbering="ordinal_words", body=(
                "tiếp tục đẩy mạnh và nâng cao chất lượng các phong trào thi đua, các cuộc vận động của ngành hậu "
                "cần, tài chính, kỹ thuật góp phần bảo đảm đầy đủ, kịp thời cho các nhiệm vụ; giữ vững và cải thiện, "
                "nâng cao đời sống vật chất, tinh thần cho cán bộ, chiến sĩ trong toàn LLVT huyện.")),
            S(numbering="ordinal_words", body=(
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
        S("Tổ chức thực hiện", block="assignments"),
    ],
    targets=[
        T("hai", "Kiểm tra nhận thức chính trị đạt yêu cầu", "eq", "100"),
        T("hai", "Kiểm tra nhận thức chính trị khá, giỏi", "gte", "75"),
        T("hai", "Cán bộ, chiến sĩ LLVT huyện có bản lĩnh chính trị vững vàng, hoàn thành tốt nhiệm vụ", "eq", "100"),
        T("ba", "Cấp ủy, tổ chức đảng hoàn thành tốt và hoàn thành xuất sắc nhiệm vụ", "eq", "100"),
        T("ba", "Cán bộ, đảng viên hoàn thành tốt nhiệm vụ trở lên", "eq", "100"),
        T("ba", "Cán bộ, đảng viên hoàn thành xuất sắc nhiệm vụ", "gte", "20"),
        T("bon", "Kết quả huấn luyện, kiểm tra các đối tượng đạt yêu cầu", "eq", "100"),
        T("bon", "Kết quả huấn luyện, kiểm tra khá, giỏi", "gte", "75"),
        T("bon", "Tuyển quân đạt chỉ tiêu", "eq", "100"),
        T("bon", "Xã, thị trấn đạt vững mạnh về quốc phòng, an ninh", "eq", "100"),
        T("bon", "Xã, thị trấn đạt vững mạnh toàn diện", "gte", "70"),
        T("bon", "Quân nhân dự bị huy động tham gia huấn luyện, diễn tập, kiểm tra sẵn sàng động viên (quân số)",
          "gte", "95"),
        T("bon", "Phương tiện kỹ thuật dự bị huy động", "eq", "100"),
    ],
    assignments=[
        A("Trên cơ sở kế hoạch phát động này, đề nghị các phòng, ban, ngành, hội, đoàn thể, UBND các xã, thị trấn xác "
          "định các nội dung, chỉ tiêu, biện pháp lãnh đạo, chỉ đạo và tổ chức thực hiện phong trào thi đua phù hợp "
          "với nhiệm vụ chính trị được giao.", ["ba-to-pnv", "ba-to-tt-ba-to", "ba-to-ba-dong", "ba-to-ba-thanh"]),
        A("Giao Trung tâm Truyền thông - Văn hóa - Thể thao huyện thường xuyên đẩy mạnh công tác tuyên truyền, phát "
          "hiện, nêu gương, nhân rộng các tập thể, cá nhân điển hình tiên tiến, tiêu biểu trong phong trào thi đua, "
          "góp phần xây dựng lực lượng vũ trang huyện ngày càng vững mạnh.", ["ba-to-ttvh"]),
        A("Giao Ban Chỉ huy Quân sự huyện chủ trì, phối hợp với Phòng Nội vụ thường xuyên theo dõi, đôn đốc việc tổ "
          "chức triển khai thực hiện, kịp thời tham mưu đề xuất với UBND huyện biểu dương, khen thưởng những tập thể, "
          "cá nhân có thành tích tiêu biểu, xuất sắc trong thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm "
          "2025.", ["ba-to-bchqs", "ba-to-pnv"], is_lead=True),
    ],
    recipients=[
        R("Bộ CHQS tỉnh Quảng Ngãi", ["quang-ngai-bchqs"]),
        R("Thường trực Huyện ủy"),
        R("Thường trực HĐND"),
        R("CT, PCT UBND huyện"),
        R("UBMTTQ Việt Nam và các tổ chức CT-XH huyện"),
        R("Ban Chỉ huy Quân sự huyện", ["ba-to-bchqs"]),
        R("Các cơ quan, ban, ngành huyện", ["ba-to-pnv", "ba-to-ttvh"]),
    ],
    archive_note="VT, QS (Sáu)",
    signature=("head", "", "CHỦ TỊCH", ""), signer_name="Phạm Giang Nam",
)

SEED_002 = SeedPlan(
    key="cdn-484-2024", issuer="an-giang-cdn", state="issued", number=484, issued_on=D(2024, 3, 11),
    title="Tổ chức thực hiện phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024",
    legal_bases=[
        "Quyết định số 291/QĐ-UBND ngày 28 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh về việc ban hành Kế hoạch "
        "phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024",
    ],
    preamble="Trường Cao đẳng nghề An Giang xây dựng kế hoạch tổ chức thực hiện phong trào thi đua nhằm thực hiện có "
             "hiệu quả nhiệm vụ xây dựng nền Quốc phòng toàn dân năm 2024 với những nội dung chủ yếu như sau:",
    period=("fixed", D(2024, 1, 1), D(2024, 12, 31)),
    sections=[
        S("Mục đích", body="\n".join([
            "Nhằm động viên, cổ vũ phong trào hành động cách mạng của đảng, chính quyền, đoàn thể và lực lượng vũ "
            "trang trong thực hiện thắng lợi nhiệm vụ xây dựng nền Quốc phòng toàn dân, xây dựng khu vực phòng thủ "
            "vững chắc, xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân, xây dựng lực lượng "
            "vũ trang (LLVT) tỉnh vững mạnh toàn diện “Mẫu mực, tiêu biểu”.",
            "Đồng thời, phát huy tốt vai trò tham mưu cũng như thực hiện tốt nhiệm vụ xây dựng nền Quốc phòng toàn "
            "dân góp phần thực hiện thắng lợi nhiệm vụ quân sự, quốc phòng địa phương năm 2024.",
        ])),
        S("Đối tượng, nội dung thi đua", children=[
            S("Đối tượng", block="target_groups", run_in=True),
            S("Nội dung thi đua", block="criteria", body=(
                "Thực hiện tốt vai trò tham mưu về đạt chỉ tiêu, đảm bảo số lượng và chất lượng. Thường xuyên nâng "
                "cao chất lượng tổng hợp, trình độ khả năng sẵn sàng chiến đấu và chiến đấu thắng lợi trong mọi tình "
                "huống thì cần tập trung vào các tiêu chí sau:")),
        ]),
        S("Thời gian thi đua và khen thưởng", children=[
            S("Thời gian thi đua", block="period"),
            S("Khen thưởng", block="awards"),
        ]),
        S("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TG("Tập thể cán bộ, viên chức, người lao động của Trường Cao đẳng nghề An Giang",
           ["office", "military", "mass_organisation"]),
    ],
    criterion_groups=[
        CG("Về xây dựng lực lượng", [
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
        CG("Về xây dựng tiềm lực", [
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
        Q("Giấy khen", printed_name="Giấy khen của Hiệu trưởng"),
        Q(BANG_KHEN_TINH, printed_name="Bằng khen của Chủ tịch UBND tỉnh"),
    ],
    assignments=[
        A("Các phòng, khoa, trung tâm, Công đoàn cơ sở, Đoàn Thanh niên quán triệt, triển khai kế hoạch này đến từng "
          "viên chức, người lao động. Báo cáo kết quả triển khai thực hiện và đề xuất khen thưởng theo quy định.",
          ["an-giang-cdn-tchc", "an-giang-cdn-dt", "an-giang-cdn-cd", "an-giang-cdn-doan"]),
        A("Ban Chỉ huy quân sự cơ quan xây dựng kế hoạch triển khai và tham mưu thực hiện công tác sơ kết, tổng kết "
          "đánh giá kết quả thực hiện phong trào thi đua; chủ trì phối hợp với phòng, khoa, trung tâm xem xét, lựa "
          "chọn tập thể, cá nhân có thành tích tiêu biểu xuất sắc trong phong trào thi đua thực hiện nhiệm vụ xây "
          "dựng nền Quốc phòng toàn dân năm 2024 theo đúng quy định pháp luật để kịp thời biểu dương khen thưởng; "
          "đồng thời phối hợp với Phòng Tổ chức – Hành chính trình Hội đồng thi đua – khen thưởng khen thưởng theo "
          "quy định pháp luật.", ["an-giang-cdn-bchqs"], is_lead=True),
        A("Phòng Tổ chức - Hành chính theo dõi, hướng dẫn, giám sát việc thực hiện kế hoạch này. Đồng thời, tham mưu "
          "Ban Giám hiệu báo cáo và đề nghị xét khen thưởng theo đúng tuyến trình.", ["an-giang-cdn-tchc"]),
    ],
    recipients=[
        R("Ban TĐKT tỉnh", ["an-giang-snv"]),
        R("Sở KH&CN (KTĐ 3)"),
        R("Ban Giám hiệu"),
        R("Các phòng, khoa", ["an-giang-cdn-tchc", "an-giang-cdn-dt"]),
        R("Ban Chỉ huy quân sự cơ quan", ["an-giang-cdn-bchqs"]),
        R("Các tổ chức đoàn thể", ["an-giang-cdn-cd", "an-giang-cdn-doan"]),
    ],
    signature=("head", "", "HIỆU TRƯỞNG", ""), signer_name="Nguyễn Thanh Hải", signer_username="hieutruong",
)

DT_DEPARTMENTS = ["dong-thap-snv", "dong-thap-svhttdl"]
DT_COMMUNES = ["dong-thap-p-cao-lanh", "dong-thap-p-sa-dec", "dong-thap-p-my-tho", "dong-thap-x-thap-muoi",
               "dong-thap-x-thanh-binh"]
DT_REPORTING = DT_DEPARTMENTS + DT_COMMUNES + ["dong-thap-mttq"]
GIAY_KHEN_DT = "Giấy khen của Thủ trưởng sở, ban, ngành, Chủ tịch Ủy ban nhân dân xã, phường"

SEED_003 = SeedPlan(
    key="dong-thap-antq-2025", issuer="dong-thap", state="issued", number=289, issued_on=D(2025, 11, 25),
    title="Phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh Đồng Tháp",
    legal_bases=[
        "Quyết định số 2447/QĐ-TTg ngày 06/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai Phong trào "
        "thi đua “Toàn dân bảo vệ an ninh Tổ quốc”",
    ],
    preamble="Ủy ban nhân dân tỉnh ban hành Kế hoạch phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” "
             "trên địa bàn tỉnh Đồng Tháp (sau đây gọi tắt là Phong trào thi đua), với các nội dung như sau:",
    period=("continuous", D(2025, 12, 1), None), review_month=11, summary_every_years=5,
    closing="Quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị, địa phương phối hợp với Sở "
            "Nội vụ giải quyết theo thẩm quyền; trường hợp vượt thẩm quyền, giao Sở Nội vụ tổng hợp, kịp thời báo cáo "
            "Ủy ban nhân dân tỉnh xem xét, quyết định.",
    sections=[
        S("Mục đích, yêu cầu", children=[
            S("Mục đích", body="\n".join([
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
            S("Yêu cầu", body="\n".join([
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
        S("Nội dung phong trào thi đua", body=(
            "Để thực hiện hiệu quả phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh, các sở, "
            "ban, ngành tỉnh, Ủy ban nhân dân các xã, phường, tổ chức, doanh nghiệp, cá nhân và đề nghị Ủy ban Mặt "
            "trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề nghiệp "
            "tỉnh tổ chức Phong trào thi đua với nội dung sau:"), children=[
            S(body="Thi đua triển khai thực hiện có hiệu quả các nghị quyết, chỉ thị, kết luận, quy định của Đảng, "
                   "Nhà nước, Bộ Công an và của Tỉnh ủy, Ủy ban nhân dân tỉnh về công tác bảo đảm an ninh, trật tự; "
                   "xây dựng và phát huy phong trào “Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh."),
            S(body="Thi đua xây dựng chính quyền địa phương các cấp trong lãnh đạo, chỉ đạo, tổ chức triển khai thực "
                   "hiện đồng bộ, quyết liệt, hiệu quả công tác bảo đảm an ninh, trật tự và xây dựng phong trào “Toàn "
                   "dân bảo vệ an ninh Tổ quốc” tại địa phương, cơ quan, đơn vị."),
            S(body="Thi đua nâng cao chất lượng, hiệu quả phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; nhân rộng các "
                   "mô hình tự quản, sáng kiến hay, cách làm hiệu quả, nhất là tại địa bàn trọng điểm, khu dân cư, "
                   "cơ quan, doanh nghiệp, cơ sở giáo dục."),
            S(body="Thi đua nghiên cứu, ứng dụng khoa học và công nghệ, đổi mới sáng tạo, chuyển đổi số trong xây "
                   "dựng Phong trào thi đua, đặc biệt chú trọng bảo đảm an toàn, an ninh mạng, xây dựng thế trận an "
                   "ninh nhân dân trên không gian mạng."),
            S(body="Thi đua xây dựng lực lượng Công an các cấp và lực lượng nòng cốt bảo vệ an ninh, trật tự ở cơ sở "
                   "vững mạnh, đáp ứng yêu cầu nhiệm vụ trong tình hình mới."),
            S(body="Thi đua thực hiện tốt công tác tuyên truyền, vận động Nhân dân tích cực tham gia Phong trào thi "
                   "đua để nâng cao nhận thức về nhiệm vụ bảo đảm an ninh Tổ quốc là quyền và trách nhiệm của toàn "
                   "dân."),
        ]),
        S("Tiêu chí thi đua và hình thức khen thưởng", children=[
            S("Tiêu chí thi đua", block="criteria"),
            S("Hình thức và tiêu chuẩn khen thưởng", children=[
                S("Hình thức khen thưởng", block="awards"),
                S("Tiêu chuẩn khen thưởng", body="\n".join([
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
        S("Thời gian thực hiện", body="\n".join([
            "- Phong trào thi đua được triển khai thực hiện từ tháng 12 năm 2025 và thực hiện thường xuyên, liên tục.",
            "- Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường và đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam "
            "tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề nghiệp tỉnh xây dựng, ban hành "
            "Kế hoạch triển khai thực hiện Phong trào với các tiêu chí thi đua phù hợp trong quý IV năm 2025; tổ chức "
            "triển khai thực hiện Phong trào thi đua hiệu quả, thiết thực;",
            "- Định kỳ hằng năm tiến hành đánh giá, sơ kết Phong trào thi đua vào đầu tháng 11 của năm và tổng kết "
            "giai đoạn 05 năm/lần.",
        ])),
        S("Giải pháp thực hiện", children=[
            S(body="Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy, chính quyền các cấp; phát huy vai trò, trách "
                   "nhiệm của người đứng đầu trong công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Phong trào thi đua "
                   "“Toàn dân bảo vệ an ninh Tổ quốc” trên địa bàn tỉnh."),
            S(body="Đẩy mạnh công tác tuyên truyền trên các phương tiện thông tin đại chúng và hệ thống thông tin "
                   "cơ sở "
                   "về mục đích, vai trò, ý nghĩa của Phong trào thi đua để nâng cao nhận thức, trách nhiệm của các "
                   "cấp, các ngành, cán bộ, đảng viên và Nhân dân, góp phần củng cố nền an ninh nhân dân, bảo đảm trật "
                   "tự, an toàn xã hội, phục vụ phát triển kinh tế - xã hội của tỉnh trong giai đoạn mới."),
            S(body="Phát hiện, động viên, biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu, xuất sắc, "
                   "có sáng kiến, cách làm hay sáng tạo, mang lại hiệu quả cao trong thực hiện Phong trào thi đua."),
        ]),
        S("Tổ chức thực hiện", block="assignments"),
    ],
    target_groups=[
        TG("Các sở, ban, ngành tỉnh", ["department"], levels_below=1),
        TG("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề "
           "nghiệp tỉnh", ["mass_organisation"], levels_below=1),
        TG("Các xã, phường trên địa bàn tỉnh", ["commune", "ward", "special_zone"], levels_below=1),
        TG("Các cơ quan, tổ chức, doanh nghiệp trên địa bàn tỉnh", ["enterprise", "school", "police"]),
        TG("Cá nhân", [], recipient_kind="individual"),
    ],
    criterion_groups=[
        CG("Đối với các sở, ban, ngành tỉnh", [
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
        CG("Đối với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội "
           "- nghề nghiệp tỉnh", [
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
        CG("Đối với các xã, phường trên địa bàn tỉnh", [
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
        CG("Đối với các cơ quan, tổ chức, doanh nghiệp trên địa bàn tỉnh", [
            "Tích cực tham gia, chung tay đóng góp, hưởng ứng Phong trào thi đua với phương châm: xây dựng cơ quan, "
            "doanh nghiệp, cơ sở giáo dục đạt tiêu chuẩn an toàn về an ninh, trật tự là thực hiện tốt Phong trào thi "
            "đua.",
            "Bảo đảm chế độ, chính sách cho lực lượng bảo vệ cơ quan, doanh nghiệp đủ về số lượng, có chuyên môn, "
            "nghiệp vụ vững mạnh để đáp ứng yêu cầu bảo vệ an ninh, trật tự tại tổ chức, doanh nghiệp.",
        ], target_group=3),
        CG("Đối với cá nhân", [
            "Cán bộ, chiến sĩ thuộc lực lượng vũ trang và công nhân viên: gương mẫu đi đầu tích cực hưởng ứng tham gia "
            "thực hiện Phong trào thi đua và vận động người thân, Nhân dân tham gia Phong trào thi đua tại cơ quan, "
            "đơn vị, địa phương. Có sáng kiến, giải pháp hiệu quả đẩy mạnh Phong trào thi đua.",
            "Đối tượng khác: tích cực hưởng ứng tham gia Phong trào thi đua, phối hợp tuyên truyền lan tỏa những hình "
            "ảnh đẹp, hoạt động có ý nghĩa, cách làm hiệu quả trong Phong trào thi đua, qua đó tạo hiệu ứng thi đua "
            "sôi nổi.",
        ], target_group=4),
    ],
    quotas=[
        Q(BANG_KHEN_TINH, occasion="annual"),
        Q("Giấy khen", printed_name=GIAY_KHEN_DT, occasion="annual"),
        Q("Cờ thi đua của Chính phủ", printed_name="Cờ Thi đua của Chính phủ", occasion="summary"),
        Q("Cờ thi đua cấp bộ, ngành, tỉnh", printed_name="Cờ Thi đua của Ủy ban nhân dân tỉnh", occasion="summary"),
        Q("Huân chương Lao động", occasion="summary"),
        Q("Bằng khen của Thủ tướng Chính phủ", occasion="summary"),
        Q(BANG_KHEN_TINH, occasion="summary"),
        Q("Giấy khen", printed_name=GIAY_KHEN_DT, occasion="summary"),
    ],
    assignments=[
        A("Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường: căn cứ Kế hoạch này và đặc điểm, tình hình của "
          "từng cơ quan, đơn vị, địa phương để phát động, triển khai Phong trào thi đua với nội dung, tiêu chí cụ thể, "
          "hình thức khen thưởng phù hợp.", DT_DEPARTMENTS + DT_COMMUNES),
        A("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, các tổ chức chính trị "
          "xã hội - nghề nghiệp tỉnh: vận động thành viên, hội viên, đoàn viên tích cực tham gia hưởng ứng Phong trào "
          "thi đua.", ["dong-thap-mttq"]),
        A("Sở Văn hóa, Thể thao và Du lịch phối hợp với các cơ quan, đơn vị liên quan thực hiện công tác truyền "
          "thông, tuyên truyền về Phong trào thi đua.", ["dong-thap-svhttdl"]),
        A("Hội đồng Thi đua - Khen thưởng các cấp: phân công rõ trách nhiệm các thành viên trong quá trình chỉ đạo, "
          "hướng dẫn, giám sát việc thực hiện Phong trào thi đua."),
        A("Công an tỉnh chủ trì, phối hợp với Sở Nội vụ triển khai, đôn đốc, đánh giá việc tổ chức thực hiện Kế hoạch "
          "này; báo cáo Hội đồng Thi đua - Khen thưởng tỉnh và Ủy ban nhân dân tỉnh.",
          ["dong-thap-ca", "dong-thap-snv"], is_lead=True),
        A("Sở Nội vụ chủ trì, phối hợp với Công an tỉnh hướng dẫn khen thưởng tổng kết Phong trào thi đua (sau khi có "
          "hướng dẫn của Bộ Nội vụ); tổng hợp, đề xuất Ủy ban nhân dân tỉnh biểu dương, khen thưởng các tập thể, cá "
          "nhân tiêu biểu.", ["dong-thap-snv", "dong-thap-ca"]),
        A("Định kỳ hằng năm, các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường và đề nghị Ủy ban Mặt trận Tổ "
          "quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh, tổ chức chính trị xã hội - nghề nghiệp tỉnh báo "
          "cáo tình hình tổ chức thực hiện Phong trào thi đua về Công an tỉnh và Sở Nội vụ để tổng hợp, báo cáo Ủy ban "
          "nhân dân tỉnh", DT_REPORTING),
    ],
    deadlines=[
        DL("implementing_plan", DT_REPORTING, "dong-thap", D(2025, 12, 31)),
        DL("progress_report", DT_REPORTING, "dong-thap-ca", D(2026, 11, 10), recurrence="yearly", assignment=6),
    ],
    recipients=[
        R("Văn phòng Chính phủ"), R("Bộ Công an"), R("Bộ Nội vụ"), R("Thường trực Tỉnh ủy"),
        R("Thường trực HĐND tỉnh"), R("Ủy ban MTTQ VN tỉnh", ["dong-thap-mttq"]), R("CT, các PCT UBND tỉnh"),
        R("Các tổ chức CT-XH tỉnh"), R("Các sở, ban, ngành tỉnh", DT_DEPARTMENTS + ["dong-thap-ca"]),
        R("UBND các xã, phường", DT_COMMUNES), R("VPUB: CVP, các PCVP"), R("Cổng TTĐT tỉnh"),
    ],
    archive_note="VT, KGVX (Nôn)",
    signature=("tm", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ""), signer_name="Phạm Thành Ngại",
    signer_username="chutich.dongthap",
)

SEED_PLANS = [QUANG_NGAI_07, SEED_000, SEED_001, SEED_002, SEED_003]
