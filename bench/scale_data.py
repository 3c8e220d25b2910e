#!/usr/bin/env python
"""National-scale data for bench/scale.py: 34 provinces with their ~3,300
communes and wards (directly under the province, as after the 2025 reform),
departments, schools, the military command with its Phòng Chính trị, police
and mass organisations; ~21,000 people with their roles; ~11,000 plans with
their parts, bindings and implementing plans; a million nominations in every
state, received by each plan's reviewing body within its quotas; obligations,
reports, reminders, a million notifications, council meetings with their
votes, issued award decisions, the outgoing register and the issued
documents' PDFs.

Rows go straight into the tables with COPY (no services, no signals), in the
shapes the services give them (materialised unit paths, frozen issued plans,
bindings, obligations per bound unit and due date, quotas never exceeded). It
is deterministic for a given seed and day: dates are set relative to today so
that the current campaign is under way.

    generate(sizes_from(args))            # after django.setup(), on an empty migrated database

Run directly it generates into DATABASE_URL (default: the local thidua_scale_gen), after migrating it:

    .venv/bin/python bench/scale_data.py --scale 0.01
"""

import argparse
import datetime
import hashlib
import io
import json
import math
import os
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FULL_SIZES = {"provinces": 34, "communes": 3321, "units": 7000, "people": 21000, "plans": 11000,
              "nominations": 1_000_000, "obligations": 100_000, "notifications": 1_000_000}
AGENDA = 425  # nominations on the agenda of the busy plan's council meeting (at full scale)
PAGE_SIZE = 20  # the review queue's page size (awards/nomination_views.py)


@dataclass(frozen=True)
class Sizes:
    scale: float
    provinces: int
    communes: int
    units: int
    people: int
    plans: int
    nominations: int
    obligations: int
    notifications: int
    seed: int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("generated data (bench/scale_data.py)")
    group.add_argument("--scale", type=float, default=1.0,
                       help="multiplies every row count below (default 1.0: the whole country)")
    for name, full in FULL_SIZES.items():
        group.add_argument(f"--{name}", type=int, default=None, help=f"{name} (default {full:,} × scale)")
    group.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")


def sizes_from(args) -> Sizes:
    scale = float(args.scale)
    if not 0 < scale <= 10:
        raise SystemExit("--scale must be in (0, 10]")
    minimum = {"provinces": 2, "communes": 6, "units": 20, "people": 40, "plans": 20, "nominations": 200,
               "obligations": 50, "notifications": 200}
    values = {}
    for name, full in FULL_SIZES.items():
        given = getattr(args, name, None)
        values[name] = given if given is not None else max(minimum[name], round(full * scale))
    values["provinces"] = max(1, values["provinces"])
    values["communes"] = max(values["communes"], 3 * values["provinces"])
    return Sizes(scale=scale, seed=int(args.seed), **values)


# Vocabulary ------------------------------------------------------------------------------------------------------

# (place, level, communes after the 2025 reform, military region (0: the capital's command), special zones)
PROVINCES = [
    ("An Giang", "tỉnh", 102, 9, ["Phú Quốc", "Kiên Hải", "Thổ Châu"]),
    ("Hà Nội", "thành phố", 126, 0, []),
    ("Hồ Chí Minh", "Thành phố", 168, 7, ["Côn Đảo"]),
    ("Hải Phòng", "thành phố", 114, 3, ["Cát Hải", "Bạch Long Vĩ"]),
    ("Đà Nẵng", "thành phố", 94, 5, ["Hoàng Sa"]),
    ("Huế", "thành phố", 40, 4, []),
    ("Cần Thơ", "thành phố", 103, 9, []),
    ("Lai Châu", "tỉnh", 38, 2, []),
    ("Điện Biên", "tỉnh", 45, 2, []),
    ("Sơn La", "tỉnh", 75, 2, []),
    ("Lạng Sơn", "tỉnh", 65, 1, []),
    ("Quảng Ninh", "tỉnh", 54, 3, ["Vân Đồn", "Cô Tô"]),
    ("Thanh Hóa", "tỉnh", 166, 4, []),
    ("Nghệ An", "tỉnh", 130, 4, []),
    ("Hà Tĩnh", "tỉnh", 69, 4, []),
    ("Cao Bằng", "tỉnh", 56, 1, []),
    ("Tuyên Quang", "tỉnh", 124, 2, []),
    ("Lào Cai", "tỉnh", 99, 2, []),
    ("Thái Nguyên", "tỉnh", 92, 1, []),
    ("Phú Thọ", "tỉnh", 148, 2, []),
    ("Bắc Ninh", "tỉnh", 99, 1, []),
    ("Hưng Yên", "tỉnh", 104, 3, []),
    ("Ninh Bình", "tỉnh", 129, 3, []),
    ("Quảng Trị", "tỉnh", 78, 4, ["Cồn Cỏ"]),
    ("Quảng Ngãi", "tỉnh", 96, 5, ["Lý Sơn"]),
    ("Gia Lai", "tỉnh", 135, 5, []),
    ("Khánh Hòa", "tỉnh", 65, 5, ["Trường Sa"]),
    ("Lâm Đồng", "tỉnh", 124, 7, ["Phú Quý"]),
    ("Đắk Lắk", "tỉnh", 102, 5, []),
    ("Đồng Nai", "tỉnh", 95, 7, []),
    ("Tây Ninh", "tỉnh", 96, 7, []),
    ("Vĩnh Long", "tỉnh", 124, 9, []),
    ("Đồng Tháp", "tỉnh", 102, 9, []),
    ("Cà Mau", "tỉnh", 64, 9, []),
]
# A few real wards of the busy province (An Giang), first in its list.
AN_GIANG_WARDS = ["Long Xuyên", "Bình Đức", "Mỹ Thới", "Châu Đốc", "Vĩnh Tế", "Tân Châu", "Long Phú", "Tịnh Biên",
                  "Thới Sơn", "Chi Lăng", "Rạch Giá", "Vĩnh Thông", "Hà Tiên", "Tô Châu"]
PLACE_FIRST = ["An", "Bình", "Tân", "Phú", "Mỹ", "Long", "Vĩnh", "Hòa", "Thạnh", "Phước", "Đông", "Tây", "Nam",
               "Bắc", "Hưng", "Thái", "Hải", "Quang", "Đức", "Thuận", "Xuân", "Hiệp", "Lộc", "Thanh", "Trung", "Kim",
               "Ngọc", "Sơn", "Hồng", "Minh", "Định", "Cát", "Gia", "Yên", "Hương", "Châu", "Thới", "Khánh", "Nhơn",
               "Lạc", "Phong", "Tường", "Hội", "Thắng", "Việt", "Hoàng", "Kỳ", "Cẩm", "Quảng", "Vạn"]
PLACE_SECOND = ["An", "Bình", "Hòa", "Phú", "Lợi", "Thạnh", "Hưng", "Lộc", "Phước", "Thành", "Long", "Mỹ", "Tân",
                "Điền", "Hải", "Sơn", "Lâm", "Giang", "Khánh", "Thuận", "Trung", "Đông", "Tây", "Nam", "Bắc", "Hiệp",
                "Quới", "Tiến", "Xuân", "Hồng", "Minh", "Phong", "Định", "Ninh", "Yên", "Vinh", "Châu", "Lạc",
                "Thủy", "Đức", "Cường", "Thắng", "Nghĩa", "Hậu", "Kiên", "Tường", "Hà", "Lương", "Cát", "Vân"]
SCHOOL_NAMES = ["Lê Quý Đôn", "Nguyễn Du", "Trần Phú", "Nguyễn Trãi", "Lương Thế Vinh", "Chu Văn An", "Nguyễn Huệ",
                "Lê Lợi", "Quang Trung", "Phan Bội Châu", "Nguyễn Đình Chiểu", "Thoại Ngọc Hầu", "Võ Thị Sáu",
                "Nguyễn Bỉnh Khiêm", "Trần Hưng Đạo", "Hùng Vương", "Nguyễn Thị Minh Khai", "Lê Hồng Phong",
                "Tôn Đức Thắng", "Nguyễn Văn Trỗi", "Phan Châu Trinh", "Huỳnh Thúc Kháng", "Trần Quốc Tuấn",
                "Ngô Quyền", "Lý Thường Kiệt", "Lê Thánh Tông", "Nguyễn Khuyến", "Trần Văn Ơn", "Bùi Thị Xuân",
                "Nguyễn Hữu Cảnh", "Châu Văn Liêm", "Võ Văn Kiệt", "Nguyễn Chí Thanh", "Phan Đình Phùng",
                "Hoàng Hoa Thám", "Lê Văn Tám", "Mạc Đĩnh Chi", "Đinh Tiên Hoàng", "Yersin", "Marie Curie"]
DEPARTMENTS = [  # key, name, abbreviation
    ("snv", "Sở Nội vụ", "SNV"), ("stc", "Sở Tài chính", "STC"), ("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("syt", "Sở Y tế", "SYT"), ("sxd", "Sở Xây dựng", "SXD"), ("snnmt", "Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("sct", "Sở Công Thương", "SCT"), ("skhcn", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("stp", "Sở Tư pháp", "STP"),
    ("sdttg", "Sở Dân tộc và Tôn giáo", "SDTTG"), ("sngv", "Sở Ngoại vụ", "SNgV"),
]
DEPARTMENT_OFFICES = [("Văn phòng Sở", "VP"), ("Phòng Kế hoạch - Tài chính", "KHTC"),
                      ("Phòng Tổ chức cán bộ", "TCCB"), ("Phòng Quản lý chuyên ngành", "QLCN"),
                      ("Thanh tra Sở", "TTS")]
SURNAMES = [("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 40), ("Huỳnh", 35), ("Phan", 45),
            ("Vũ", 25), ("Võ", 25), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
            ("Lý", 5), ("Đinh", 6), ("Trương", 6), ("Lâm", 4), ("Mai", 4), ("Đoàn", 4), ("Lương", 3), ("Cao", 3),
            ("Trịnh", 4), ("Hà", 3), ("Tô", 2), ("Châu", 2), ("Thái", 2), ("Lưu", 2), ("Quách", 1), ("Kiều", 1),
            ("Triệu", 1), ("Nông", 2), ("Tạ", 2)]
MIDDLE_MALE = [("Văn", 30), ("Hữu", 6), ("Đức", 6), ("Minh", 8), ("Quốc", 5), ("Thanh", 6), ("Công", 5),
               ("Xuân", 3), ("Ngọc", 3), ("Hoàng", 3), ("Duy", 3), ("Anh", 3), ("Trọng", 3), ("Đình", 4), ("Bá", 2),
               ("Chí", 2), ("Thành", 3), ("Tấn", 3), ("Phước", 2), ("Nhật", 2), ("Gia", 2)]
MIDDLE_FEMALE = [("Thị", 45), ("Ngọc", 7), ("Thu", 5), ("Thanh", 6), ("Kim", 4), ("Mỹ", 3), ("Hồng", 4),
                 ("Phương", 3), ("Bích", 2), ("Thúy", 2), ("Minh", 3), ("Hoài", 2), ("Diễm", 1), ("Tuyết", 1),
                 ("Khánh", 2), ("Bảo", 2), ("Ánh", 1), ("Quỳnh", 2)]
GIVEN_MALE = ("An Bình Cường Dũng Đạt Hải Hùng Hưng Khang Khoa Kiên Long Lộc Minh Nam Nghĩa Phong Phúc Quang Quân Sơn "
              "Tài Tâm Thắng Thành Thịnh Tiến Toàn Trung Tuấn Vinh Việt Hiếu Huy Khánh Đức Trí Tùng Hòa Thái Tú Nhân "
              "Hậu Lâm Phát Bảo Duy Hoàng Thuận Sang").split()
GIVEN_FEMALE = ("Anh Châu Chi Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hương Huyền Lan Liên Linh Loan Mai My Nga Ngân "
                "Ngọc Nhung Nhi Oanh Phương Phượng Quyên Quỳnh Thảo Thu Thủy Thư Trang Trâm Tuyết Uyên Vân Vy Xuân "
                "Yến Lệ Diệu Thơ Hồng Nhàn Tâm Trinh Hậu Ly").split()
COMMUNE_POSITIONS = [
    ("Chỉ huy trưởng Ban Chỉ huy Quân sự", 3), ("Phó Chỉ huy trưởng Ban Chỉ huy Quân sự", 4),
    ("Trung đội trưởng dân quân cơ động", 6), ("Tiểu đội trưởng dân quân", 10), ("Chiến sĩ dân quân thường trực", 18),
    ("Chiến sĩ dân quân", 20), ("Công chức Văn phòng - Thống kê", 5), ("Công chức Tư pháp - Hộ tịch", 4),
    ("Công chức Tài chính - Kế toán", 4), ("Công chức Địa chính - Xây dựng", 4), ("Phó Chủ tịch Ủy ban nhân dân", 3),
    ("Trưởng ấp", 6), ("Trưởng khu phố", 4), ("Bí thư Chi đoàn", 4), ("Chi hội trưởng Hội Phụ nữ", 3),
    ("Hội viên Hội Cựu chiến binh", 3), ("Nông dân", 5), ("Công an xã", 4)]
OFFICE_POSITIONS = [("Chuyên viên", 30), ("Chuyên viên chính", 12), ("Phó Trưởng phòng", 8), ("Trưởng phòng", 5),
                    ("Kế toán", 4), ("Văn thư", 3), ("Phó Giám đốc", 2), ("Nhân viên", 6)]
SCHOOL_POSITIONS = [("Giáo viên", 60), ("Tổ trưởng chuyên môn", 10), ("Phó Hiệu trưởng", 3), ("Nhân viên thư viện", 2),
                    ("Kế toán", 2), ("Bí thư Đoàn trường", 2)]
ACHIEVEMENTS = [
    "Thực hiện tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương.",
    "Tham gia đầy đủ các lớp huấn luyện, bồi dưỡng; kết quả kiểm tra đạt loại giỏi.",
    "Tích cực tham gia tuần tra, giữ gìn an ninh chính trị, trật tự an toàn xã hội trên địa bàn.",
    "Có sáng kiến được Hội đồng sáng kiến công nhận, áp dụng có hiệu quả tại đơn vị.",
    "Tham gia phòng, chống, khắc phục hậu quả thiên tai, cứu hộ, cứu nạn kịp thời, hiệu quả.",
    "Vận động Nhân dân tham gia xây dựng nông thôn mới, đô thị văn minh; đóng góp ngày công lao động.",
    "Gương mẫu, đoàn kết, có tinh thần trách nhiệm cao, được đồng nghiệp và Nhân dân tín nhiệm.",
    "Hoàn thành 100% chỉ tiêu được giao, nhiều chỉ tiêu vượt kế hoạch.",
    "Tham gia chương trình “Chung tay xóa nhà tạm, nhà dột nát”, hỗ trợ ngày công cho các hộ khó khăn.",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong giải quyết công việc; hồ sơ xử lý đúng hạn.",
    "Không có cán bộ, chiến sĩ vi phạm kỷ luật; nội bộ đoàn kết, thống nhất.",
    "Tổ chức tốt công tác tuyển chọn, gọi công dân nhập ngũ, bảo đảm chất lượng, đạt 100% chỉ tiêu.",
]
RETURN_REASONS = ["Bổ sung biên bản họp xét có chữ ký của chủ trì và thư ký.",
                  "Báo cáo thành tích chưa có xác nhận của cấp trên trực tiếp.",
                  "Tờ trình ghi sai hình thức khen thưởng đề nghị; đề nghị sửa lại.",
                  "Thiếu tài liệu minh chứng sáng kiến được công nhận.",
                  "Tự đánh giá chưa đủ các tiêu chí của kế hoạch."]
REJECT_REASONS = ["Chưa đạt tiêu chí về xây dựng lực lượng dân quân tự vệ.",
                  "Không đủ điều kiện về thời gian (chưa đủ hai năm liên tục hoàn thành xuất sắc nhiệm vụ).",
                  "Đơn vị đề nghị vượt số lượng được giao; Hội đồng cơ sở chưa xét chọn.",
                  "Thành tích chưa tiêu biểu so với các hồ sơ cùng hình thức.",
                  "Trong năm có vi phạm, bị nhắc nhở bằng văn bản."]
OUTSIDE_SUBJECTS = {
    "KH": ["Kế hoạch tổ chức các hoạt động kỷ niệm ngày lễ lớn năm {y}", "Kế hoạch kiểm tra công tác cải cách hành "
           "chính năm {y}", "Kế hoạch triển khai công tác phòng, chống thiên tai năm {y}", "Kế hoạch tuyển chọn và "
           "gọi công dân nhập ngũ năm {y}", "Kế hoạch thực hiện chương trình mục tiêu quốc gia năm {y}"],
    "QĐ": ["Quyết định về việc phê duyệt kết quả thẩm định hồ sơ", "Quyết định về việc kiện toàn Hội đồng Thi đua – "
           "Khen thưởng", "Quyết định về việc giao dự toán ngân sách năm {y}", "Quyết định về việc tặng Giấy khen "
           "cho tập thể, cá nhân", "Quyết định về việc thành lập Tổ công tác"],
    "BC": ["Báo cáo kết quả công tác thi đua, khen thưởng năm {y}", "Báo cáo tình hình kinh tế - xã hội tháng",
           "Báo cáo sơ kết 6 tháng đầu năm {y}", "Báo cáo kết quả thực hiện nhiệm vụ quân sự, quốc phòng năm {y}"],
    "TB": ["Thông báo kết luận của Chủ tịch Ủy ban nhân dân tại cuộc họp", "Thông báo lịch tiếp công dân định kỳ"],
    "TTr": ["Tờ trình đề nghị khen thưởng", "Tờ trình về việc phê duyệt danh sách đề nghị khen thưởng"],
}


def fold(text: str) -> str:
    from emulation.text import fold as app_fold  # noqa: PLC0415 — the app's own folding, once Django is set up

    return app_fold(text)


def slug(text: str) -> str:
    from django.utils.text import slugify  # noqa: PLC0415 — Django is set up by the caller

    return slugify(fold(text))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def weighted(pairs):
    names = [name for name, _ in pairs]
    cumulative, total = [], 0
    for _name, weight in pairs:
        total += weight
        cumulative.append(total)
    return names, cumulative


# Rows into tables ------------------------------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def fmt(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, datetime.date):  # and datetime
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    raise TypeError(f"cannot COPY {value!r}")


class Table:
    """COPY rows into one model's table: the columns given, every other column
    its field default (``auto_now`` ones the generation time); flushed in chunks."""

    CHUNK = 100_000

    def __init__(self, model, columns: list[str], now: datetime.datetime, stream: bool = False):
        self.model = model
        self.stream = stream  # flushed as it fills: only for tables whose foreign keys are all written already
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in columns if name not in fields]
        if unknown:
            raise LookupError(f"{model.__name__} has no fields {unknown}")
        self.columns = [fields[name].column for name in columns]
        tail = []
        for name, model_field in fields.items():
            if name in columns or (model_field.primary_key and name not in columns):
                continue
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                value = now
            elif model_field.has_default() or not model_field.null:
                value = model_field.get_default()
            else:
                value = None
            self.columns.append(model_field.column)
            tail.append(fmt(value))
        self.tail = ("\t" + "\t".join(tail)) if tail else ""
        self.lines: list[str] = []
        self.count = 0
        self.before: list[Table] = []  # tables written first whenever this one is (its rows point to theirs)

    def add(self, *values) -> None:
        self.lines.append("\t".join([fmt(value) for value in values]) + self.tail)
        if self.stream and len(self.lines) >= self.CHUNK:
            self.flush()

    def add_line(self, line: str) -> None:
        """A row already formatted, tab-separated, in the order of the columns given."""
        self.lines.append(line + self.tail)
        if self.stream and len(self.lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        for table in self.before:
            table.flush()
        if not self.lines:
            return
        from django.db import connection  # noqa: PLC0415 — Django is set up by the caller

        data = io.StringIO("\n".join(self.lines) + "\n")
        columns = ", ".join(f'"{column}"' for column in self.columns)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN', data)
        self.count += len(self.lines)
        self.lines = []

    def close(self) -> int:
        self.flush()
        return self.count


# The objects kept in memory while generating --------------------------------------------------------------------

@dataclass(eq=False)
class U:
    id: int
    code: str
    kind: str
    name: str
    header: str
    parent_header: str
    abbreviation: str
    place: str
    parent: "U | None"
    path: str
    depth: int
    province: int
    tag: str
    children: list = field(default_factory=list)


@dataclass(eq=False)
class Province:
    index: int
    place: str
    full: str  # "tỉnh An Giang", "thành phố Hà Nội", "Thành phố Hồ Chí Minh"
    short: str  # for usernames and mail domains
    region: int
    unit: U = None
    dept: dict = field(default_factory=dict)  # key -> U ("vp", "snv", ..., "military", "pct", "police", "college")
    mass: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    schools: list = field(default_factory=list)
    offices: dict = field(default_factory=dict)  # parent unit id -> [office U]


@dataclass(eq=False)
class Person:
    id: int
    username: str
    full_name: str
    position: str
    email: str
    roles: list  # (U, role)


@dataclass(eq=False)
class P:  # a plan
    id: int
    issuer: U
    kind: str  # theme key, "derived", "dept", "edu"
    year: int
    title: str
    state: str
    created_at: datetime.datetime
    created_by: int | None
    signer: Person | None
    sign_title: str
    number: int | None = None
    symbol: str = ""
    issued_on: datetime.date | None = None
    issued_at: datetime.datetime | None = None
    parent: "P | None" = None
    supersedes: "P | None" = None
    version: int = 1
    receiver: U | None = None  # the unit the nominations go to
    deadlines: list = field(default_factory=list)  # D
    bound: dict = field(default_factory=dict)  # unit id -> expected to implement
    quotas: list = field(default_factory=list)  # Q
    targets: list = field(default_factory=list)  # (id, measure, comparison, value, unit of measure)
    recipients_text: list = field(default_factory=list)
    register_entry: int | None = None
    nominations: int = 0  # how many to generate
    phase: str = ""  # "done", "current", "open"
    nominations_due: datetime.date | None = None
    meeting_on: datetime.date | None = None
    decided_on: datetime.date | None = None
    derived_issued: dict = field(default_factory=dict)  # commune id -> (issued datetime, number symbol)
    sign_collective: str = ""

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else ""

    @property
    def is_issued(self) -> bool:
        return self.state in ("issued", "superseded")


@dataclass(eq=False)
class D:  # a deadline
    id: int
    kind: str
    to_unit: U
    due_on: datetime.date | None
    recurrence: str
    from_units: list


@dataclass(eq=False)
class Q:  # a quota
    id: int
    award: object  # AwardType
    count: int | None
    group: str  # "communes", "individuals", "departments", "schools", "" (no group)
    collective: bool
    printed_name: str


# The generator ---------------------------------------------------------------------------------------------------

class Country:
    def __init__(self, sizes: Sizes, log):
        from django.utils import timezone  # noqa: PLC0415 — Django is set up by the caller

        self.sizes = sizes
        self.log = log
        self.rng = random.Random(sizes.seed)
        self.now = timezone.now().replace(microsecond=0)
        self.tz = timezone.get_current_timezone()
        self.today = timezone.localdate()
        self.counts: dict[str, int] = {}
        self.next_ids: dict[type, int] = {}
        self.provinces: list[Province] = []
        self.units: list[U] = []
        self.people: list[Person] = []
        self.holders: dict[tuple[int, str], list[Person]] = defaultdict(list)
        self.plans: list[P] = []
        self.codes: set[str] = set()
        self.surnames = weighted(SURNAMES)
        self.middles = {"male": weighted(MIDDLE_MALE), "female": weighted(MIDDLE_FEMALE)}
        self.tables: dict[str, Table] = {}
        self.register: list[list] = []  # RegisterEntry rows awaiting numbers
        self.official: list[tuple] = []  # issued documents: (ct, object id, issuer, doc type, number symbol, date, ...)
        self.timings: list[tuple[str, float]] = []

    # Helpers ----------------------------------------------------------------------------------------------------

    def new_id(self, model) -> int:
        value = self.next_ids.get(model)
        if value is None:
            from django.db.models import Max  # noqa: PLC0415 — Django is set up by the caller

            value = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.next_ids[model] = value + 1
        return value

    def table(self, model, columns: list[str], stream: bool = False) -> Table:
        key = f"{model._meta.label}:{','.join(columns)}"
        if key not in self.tables:
            self.tables[key] = Table(model, columns, self.now, stream=stream)
        return self.tables[key]

    def close_tables(self) -> int:
        """Write what the step left, each table after those its foreign keys point to."""
        models = {table.model for table in self.tables.values()}
        ranks: dict = {}

        def rank(model) -> int:
            if model not in ranks:
                ranks[model] = 0
                targets = [f.related_model for f in model._meta.concrete_fields
                           if f.is_relation and f.related_model in models and f.related_model is not model]
                ranks[model] = 1 + max((rank(target) for target in targets), default=0)
            return ranks[model]

        rows = 0
        for key, table in sorted(self.tables.items(), key=lambda item: rank(item[1].model)):
            written = table.close()
            rows += written
            label = key.split(":")[0]
            self.counts[label] = self.counts.get(label, 0) + written
            del self.tables[key]
        return rows

    def at(self, day: datetime.date, early: int = 7, late: int = 17) -> datetime.datetime:
        """A moment of the working day ``day``, never after now."""
        moment = datetime.datetime(day.year, day.month, day.day, self.rng.randint(early, late - 1),
                                   self.rng.randint(0, 59), self.rng.randint(0, 59), tzinfo=self.tz)
        return min(moment, self.now - datetime.timedelta(minutes=self.rng.randint(5, 600)))

    def between(self, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
        share = self.rng.random()  # drawn whatever the bounds, so that the sequence does not follow the clock
        if end <= start:
            return start
        return start + datetime.timedelta(seconds=int(share * (end - start).total_seconds()))

    def working(self, moment: datetime.datetime, floor: datetime.datetime | None = None) -> datetime.datetime:
        """``moment`` moved into the working hours of its day (people act at the office), not before ``floor``."""
        hour, minute, later, margin = (self.rng.randint(7, 16), self.rng.randint(0, 59), self.rng.randint(5, 90),
                                       self.rng.randint(2, 30))  # drawn whatever the branch, as in between()
        local = moment.astimezone(self.tz)
        if not 7 <= local.hour < 17:
            local = local.replace(hour=hour, minute=minute)
        if floor is not None and local < floor:
            local = floor + datetime.timedelta(minutes=later)
        return min(local, self.now - datetime.timedelta(minutes=margin))

    def person_name(self) -> tuple[str, str]:
        gender = "male" if self.rng.random() < 0.56 else "female"
        names, cumulative = self.surnames
        surname = self.rng.choices(names, cum_weights=cumulative)[0]
        names, cumulative = self.middles[gender]
        middle = self.rng.choices(names, cum_weights=cumulative)[0]
        given = self.rng.choice(GIVEN_MALE if gender == "male" else GIVEN_FEMALE)
        return f"{surname} {middle} {given}", gender

    def code(self, text: str) -> str:
        base = slug(text)[:70] or "don-vi"
        candidate, number = base, 2
        while candidate in self.codes:
            candidate, number = f"{base}-{number}", number + 1
        self.codes.add(candidate)
        return candidate

    def verification_code(self, used: set) -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        while True:
            raw = "".join(self.rng.choice(alphabet) for _ in range(12))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if code not in used:
                used.add(code)
                return code

    def step(self, name: str, function) -> None:
        started = time.perf_counter()
        before = dict(self.counts)
        function()
        rows = self.close_tables()
        seconds = time.perf_counter() - started
        self.timings.append((name, seconds))
        changed = {label: count - before.get(label, 0) for label, count in self.counts.items()
                   if count != before.get(label, 0)}
        detail = ", ".join(f"{label.split('.')[-1]} {count:,}" for label, count in changed.items())
        self.log(f"  {name:<34} {rows:>10,} rows {seconds:7.1f} s   {detail}")

    # Units ------------------------------------------------------------------------------------------------------

    def unit(self, parent: U | None, kind: str, name: str, header: str, parent_header: str, abbreviation: str,
             place: str, province: int, tag: str, code_hint: str = "") -> U:
        from emulation.models import Unit  # noqa: PLC0415 — Django is set up by the caller
        from emulation.vn import header_text  # noqa: PLC0415 — likewise

        unit_id = self.new_id(Unit)
        path = (parent.path if parent else "") + f"{unit_id:08d}/"
        unit = U(id=unit_id, code=self.code(code_hint or name), kind=kind, name=name,
                 header=header_text(header), parent_header=header_text(parent_header, split_lead=False),
                 abbreviation=abbreviation, place=place, parent=parent, path=path,
                 depth=(parent.depth + 1) if parent else 0, province=province, tag=tag)
        if parent:
            parent.children.append(unit)
        self.units.append(unit)
        return unit

    def build_units(self) -> None:
        from emulation.models import BlocKind, EmulationBloc, Unit  # noqa: PLC0415 — Django is set up by the caller

        sizes = self.sizes
        specs = [PROVINCES[i % len(PROVINCES)] for i in range(sizes.provinces)]
        weights = [spec[2] for spec in specs]
        communes = self.spread(sizes.communes, weights, minimum=3)
        for index, ((place, level, _real, region, zones), count) in enumerate(zip(specs, communes, strict=True)):
            if index >= len(PROVINCES):
                place = f"{place} {index // len(PROVINCES) + 1}"
            full = f"{level} {place}"
            short = slug(place).replace("-", "") if place != "Hồ Chí Minh" else "tphcm"
            if index >= len(PROVINCES):
                short += str(index)
            self.provinces.append(Province(index=index, place=place if place != "Hồ Chí Minh" else full, full=full,
                                           short=short, region=region))
            self.province_units(self.provinces[-1], count, zones)
        fixed = len(self.units)
        filler = max(0, sizes.units - fixed)
        for province, share in zip(self.provinces, self.spread(filler, communes, minimum=0), strict=True):
            self.filler_units(province, share)
        created = self.now - datetime.timedelta(days=900)
        table = self.table(Unit, ["id", "code", "kind", "name", "header_name", "parent_header_name", "abbreviation",
                                  "place_name", "parent_id", "path", "search_key", "depth", "created_at",
                                  "updated_at"])
        for unit in self.units:
            table.add(unit.id, unit.code, unit.kind, unit.name, unit.header, unit.parent_header, unit.abbreviation,
                      unit.place, unit.parent.id if unit.parent else None, unit.path,
                      fold(f"{unit.name} {unit.abbreviation} {unit.code}"), unit.depth, created, created)
        blocs = self.table(EmulationBloc, ["id", "name", "kind", "organiser_id", "description", "created_at"])
        members = self.table(EmulationBloc.members.through, ["emulationbloc_id", "unit_id"])
        for province in self.provinces:
            groups = [("Khối các sở, ban, ngành tỉnh", BlocKind.BLOC, [u for k, u in province.dept.items()
                                                                       if u.kind == "department"]),
                      ("Khối các cơ quan Đảng, Mặt trận và đoàn thể tỉnh", BlocKind.BLOC, province.mass),
                      ("Khối lực lượng vũ trang tỉnh", BlocKind.BLOC, [province.dept["military"],
                                                                       province.dept["police"]])]
            for number, start in enumerate(range(0, len(province.communes), 10), start=1):
                groups.append((f"Cụm thi đua số {number} (các xã, phường)", BlocKind.CLUSTER,
                               province.communes[start:start + 10]))
            if province.schools:
                groups.append(("Khối các trường trung học phổ thông", BlocKind.BLOC, province.schools))
            for name, kind, units in groups:
                bloc_id = self.new_id(EmulationBloc)
                blocs.add(bloc_id, name, kind, province.unit.id, "", created)
                for unit in units:
                    members.add(bloc_id, unit.id)

    @staticmethod
    def spread(total: int, weights: list[int], minimum: int) -> list[int]:
        """``total`` split in proportion to ``weights``, each share at least ``minimum``, summing to ``total``."""
        count = len(weights)
        if total <= minimum * count:
            base = [total // count] * count
            for index in range(total - sum(base)):
                base[index] += 1
            return base
        rest = total - minimum * count
        raw = [rest * weight / sum(weights) for weight in weights]
        shares = [minimum + math.floor(value) for value in raw]
        order = sorted(range(count), key=lambda index: raw[index] - math.floor(raw[index]), reverse=True)
        for index in order[:total - sum(shares)]:
            shares[index] += 1
        return shares

    def province_units(self, province: Province, communes: int, zones: list[str]) -> None:
        i, place, full = province.index, province.place, province.full
        upper = full.upper()
        ubnd = f"ỦY BAN NHÂN DÂN {upper}"
        top = self.unit(None, "province", f"Ủy ban nhân dân {full}", ubnd, "", "UBND", place, i, "province",
                        code_hint=place)
        province.unit = top
        dept = province.dept
        dept["vp"] = self.unit(top, "department", f"Văn phòng Ủy ban nhân dân {full}", "VĂN PHÒNG", ubnd, "VP", place,
                               i, "vp", code_hint=f"{place} vp ubnd")
        for key, name, abbreviation in DEPARTMENTS:
            dept[key] = self.unit(top, "department", f"{name} {full}", name.upper(), ubnd, abbreviation, place, i,
                                  key, code_hint=f"{place} {key}")
        dept["ttr"] = self.unit(top, "department", f"Thanh tra {full}", f"THANH TRA {upper}", ubnd, "TTr", place, i,
                                "ttr", code_hint=f"{place} thanh tra")
        if province.region == 0:
            military = self.unit(top, "military", f"Bộ Tư lệnh Thủ đô {place}", f"BỘ TƯ LỆNH\nTHỦ ĐÔ {place.upper()}",
                                 "BỘ QUỐC PHÒNG", "BTL", place, i, "military", code_hint=f"{place} btl")
        elif place.startswith("Thành phố"):
            military = self.unit(top, "military", f"Bộ Tư lệnh {full}", f"BỘ TƯ LỆNH\n{upper}",
                                 f"QUÂN KHU {province.region}", "BTL", place, i, "military", code_hint=f"{place} btl")
        else:
            military = self.unit(top, "military", f"Bộ Chỉ huy Quân sự {full}", f"BỘ CHỈ HUY QUÂN SỰ\n{upper}",
                                 f"QUÂN KHU {province.region}", "BCH", place, i, "military",
                                 code_hint=f"{place} bchqs")
        dept["military"] = military
        military_header = " ".join(military.header.split("\n"))
        for key, name, abbreviation in (("pct", "Phòng Chính trị", "PCT"), ("ptm", "Phòng Tham mưu", "PTM"),
                                        ("phckt", "Phòng Hậu cần - Kỹ thuật", "PHCKT")):
            office = self.unit(military, "office", f"{name}, {military.name}", name.upper(), military_header,
                               abbreviation, place, i, key, code_hint=f"{military.code} {key}")
            dept[key] = office
            province.offices.setdefault(military.id, []).append(office)
        police = self.unit(top, "police", f"Công an {full}", f"CÔNG AN {upper}", "BỘ CÔNG AN", "CAT", place, i,
                           "police", code_hint=f"{place} cong an")
        dept["police"] = police
        for name, abbreviation in (("Phòng Tham mưu", "PV01"), ("Phòng Công tác đảng và công tác chính trị", "PX03")):
            province.offices.setdefault(police.id, []).append(
                self.unit(police, "office", f"{name}, {police.name}", name.upper(), f"CÔNG AN {upper}", abbreviation,
                          place, i, "office", code_hint=f"{police.code} {abbreviation}"))
        youth = "Thành Đoàn" if "thành phố" in full.lower() else "Tỉnh Đoàn"
        for key, name, header, abbreviation, parent_header in (
                ("mttq", f"Ủy ban Mặt trận Tổ quốc Việt Nam {full}", f"ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\n{upper}",
                 "MTTQ", ""),
                ("doan", f"{youth} {place}", f"BAN CHẤP HÀNH ĐOÀN\n{upper}", "TĐTN", "ĐOÀN TNCS HỒ CHÍ MINH"),
                ("hlhpn", f"Hội Liên hiệp Phụ nữ {full}", f"HỘI LIÊN HIỆP PHỤ NỮ\n{upper}", "HLHPN", ""),
                ("hnd", f"Hội Nông dân {full}", f"HỘI NÔNG DÂN\n{upper}", "HND", ""),
                ("hccb", f"Hội Cựu chiến binh {full}", f"HỘI CỰU CHIẾN BINH\n{upper}", "HCCB", ""),
                ("ldld", f"Liên đoàn Lao động {full}", f"LIÊN ĐOÀN LAO ĐỘNG\n{upper}", "LĐLĐ",
                 "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM")):
            province.mass.append(self.unit(top, "mass_organisation", name, header, parent_header, abbreviation, place,
                                           i, key, code_hint=f"{place} {key}"))
        college = self.unit(top, "school", f"Trường Cao đẳng {place}", f"TRƯỜNG CAO ĐẲNG\n{place.upper()}", ubnd, "CĐ",
                            place, i, "college", code_hint=f"cao dang {place}")
        dept["college"] = college
        for name, abbreviation in (("Phòng Đào tạo", "PĐT"), ("Phòng Tổ chức - Hành chính", "TCHC")):
            province.offices.setdefault(college.id, []).append(
                self.unit(college, "office", name, name.upper(), f"TRƯỜNG CAO ĐẲNG {place.upper()}", abbreviation,
                          place, i, "office", code_hint=f"{college.code} {abbreviation}"))
        names = self.commune_names(province, communes, zones)
        ward_share = 0.55 if "thành phố" in full.lower() else 0.22
        for name in names:
            if name in zones:
                kind, level = "special_zone", "đặc khu"
            elif i == 0 and name in AN_GIANG_WARDS:
                kind, level = "ward", "phường"
            else:
                kind, level = ("ward", "phường") if self.rng.random() < ward_share else ("commune", "xã")
            province.communes.append(self.unit(
                top, kind, f"Ủy ban nhân dân {level} {name}", f"ỦY BAN NHÂN DÂN\n{level.upper()} {name.upper()}", "",
                "UBND", name, i, "commune", code_hint=f"{place} {level} {name}"))

    def commune_names(self, province: Province, count: int, zones: list[str]) -> list[str]:
        names: list[str] = []
        chosen = set()
        first = (AN_GIANG_WARDS if province.index == 0 else []) + zones
        for name in first:
            if len(names) < count and name not in chosen:
                names.append(name)
                chosen.add(name)
        while len(names) < count:
            name = f"{self.rng.choice(PLACE_FIRST)} {self.rng.choice(PLACE_SECOND)}"
            if name.split()[0] == name.split()[1] or name in chosen:
                continue
            names.append(name)
            chosen.add(name)
        return names

    def filler_units(self, province: Province, count: int) -> None:
        """Schools under the Sở Giáo dục và Đào tạo and offices of the departments, up to the unit count."""
        education = province.dept["sgddt"]
        upper = province.full.upper()
        departments = [unit for key, unit in province.dept.items() if unit.kind == "department"]
        schools = round(count * 0.6)
        names = list(SCHOOL_NAMES)
        self.rng.shuffle(names)
        places = [unit.place for unit in province.communes]
        for number in range(schools):
            name = names[number] if number < len(names) else places[number % len(places)]
            if number >= len(names) + len(places):
                name = f"{name} {number // len(places)}"
            province.schools.append(self.unit(
                education, "school", f"Trường Trung học phổ thông {name}",
                f"TRƯỜNG TRUNG HỌC PHỔ THÔNG\n{name.upper()}", f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {upper}", "THPT",
                province.place, province.index, "school", code_hint=f"{province.place} thpt {name}"))
        for number in range(count - schools):
            department = departments[number % len(departments)]
            name, abbreviation = DEPARTMENT_OFFICES[(number // len(departments)) % len(DEPARTMENT_OFFICES)]
            if any(office.name.startswith(name) for office in province.offices.get(department.id, [])):
                name = f"{name} {number // (len(departments) * len(DEPARTMENT_OFFICES)) + 2}"
            province.offices.setdefault(department.id, []).append(self.unit(
                department, "office", f"{name}, {department.name}", name.upper(), department.header.replace("\n", " "),
                abbreviation, province.place, province.index, "office", code_hint=f"{department.code} {name}"))

    # People -----------------------------------------------------------------------------------------------------

    def build_people(self) -> None:
        from emulation.models import RoleAssignment, User  # noqa: PLC0415 — Django is set up by the caller

        slots = []  # (priority, unit, roles, position, username or "")
        for province in self.provinces:
            slots += self.province_slots(province)
        target = self.sizes.people
        required = [slot for slot in slots if slot[0] == 0]
        optional = [slot for slot in slots if slot[0] > 0]
        self.rng.shuffle(optional)
        optional.sort(key=lambda slot: slot[0])
        chosen = required + optional[:max(0, target - len(required))]
        # Beyond the slots: more unit officers in the communes, as larger wards have.
        extra = max(0, target - len(chosen))
        communes = [unit for province in self.provinces for unit in province.communes]
        for number in range(extra):
            unit = communes[number % len(communes)]
            chosen.append((3, unit, ["unit_officer"], f"Công chức Văn phòng - Thống kê {self.level_of(unit)}", ""))
        users = self.table(User, ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
                                  "is_staff", "is_active", "date_joined", "full_name", "position",
                                  "email_notifications"])
        roles = self.table(RoleAssignment, ["id", "user_id", "unit_id", "role", "created_at"])
        joined = self.now - datetime.timedelta(days=700)
        usernames = set()
        for _priority, unit, held, position, username in chosen:
            person_id = self.new_id(User)
            full_name, _gender = self.person_name()
            if not username:
                given = slug(full_name.split()[-1]).replace("-", "")
                initials = "".join(slug(part)[:1] for part in full_name.split()[:-1])
                username = f"{given}.{initials}{person_id}"
            while username in usernames:
                username = f"{username}{person_id}"
            usernames.add(username)
            province = self.provinces[unit.province]
            person = Person(id=person_id, username=username, full_name=full_name, position=position,
                            email=f"{username}@{province.short}.gov.vn", roles=[(unit, role) for role in held])
            self.people.append(person)
            moment = self.between(joined, joined + datetime.timedelta(days=200))
            users.add(person_id, "!", False, username, "", "", person.email, False, True, moment, full_name,
                      position, True)
            for role in held:
                roles.add(self.new_id(RoleAssignment), person_id, unit.id, role, moment)
                self.holders[(unit.id, role)].append(person)

    @staticmethod
    def level_of(unit: U) -> str:
        return {"ward": "phường", "special_zone": "đặc khu"}.get(unit.kind, "xã") + f" {unit.place}"

    def province_slots(self, province: Province) -> list[tuple]:
        top, dept, short = province.unit, province.dept, province.short
        slots = [
            (0, top, ["administrator"], "Chuyên viên Sở Nội vụ, quản trị hệ thống", f"quantri.{short}"),
            (0, top, ["drafter"], f"Chuyên viên Văn phòng UBND {province.full}", f"soanthao.{short}"),
            (0, top, ["drafter"], f"Chuyên viên Văn phòng UBND {province.full}", f"soanthao2.{short}"),
            (0, top, ["signer", "council_member"],
             f"Chủ tịch UBND {province.full}, Chủ tịch Hội đồng Thi đua – Khen thưởng", f"chutich.{short}"),
            (0, top, ["signer", "council_member"],
             f"Phó Chủ tịch UBND {province.full}, Phó Chủ tịch Thường trực Hội đồng Thi đua – Khen thưởng",
             f"phochutich.{short}"),
            (0, top, ["clerk"], f"Văn thư Văn phòng UBND {province.full}", f"vanthu.{short}"),
            (1, top, ["signer"], f"Phó Chủ tịch UBND {province.full}", f"phochutich2.{short}"),
            (1, top, ["drafter"], f"Chuyên viên Văn phòng UBND {province.full}", ""),
        ]
        for number, title in enumerate([
                "Giám đốc Sở Nội vụ, Phó Chủ tịch Hội đồng", "Phó Giám đốc Sở Nội vụ, Ủy viên Thư ký Hội đồng",
                "Chánh Văn phòng UBND tỉnh, Ủy viên Hội đồng", "Giám đốc Sở Tài chính, Ủy viên Hội đồng",
                "Chỉ huy trưởng Bộ Chỉ huy Quân sự, Ủy viên Hội đồng", "Giám đốc Công an, Ủy viên Hội đồng",
                "Chủ tịch Ủy ban Mặt trận Tổ quốc, Ủy viên Hội đồng", "Chủ tịch Liên đoàn Lao động, Ủy viên Hội đồng",
                "Bí thư Tỉnh Đoàn, Ủy viên Hội đồng"]):
            slots.append((0, top, ["council_member"], title, f"hoidong{number or ''}.{short}"))
        reviewers = 6 if province.index == 0 else 3
        for number in range(reviewers):
            slots.append((0, dept["pct"], ["reviewer"], "Trợ lý Tuyên huấn, Phòng Chính trị" if number else
                          "Chủ nhiệm Chính trị", f"thamdinh{number or ''}.{short}"))
        slots += [(0, dept["snv"], ["reviewer"], "Chuyên viên Ban Thi đua – Khen thưởng, Sở Nội vụ", ""),
                  (0, dept["snv"], ["reviewer"], "Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ", ""),
                  (0, dept["police"], ["reviewer"], "Cán bộ Phòng Tham mưu, Công an tỉnh", ""),
                  (0, dept["police"], ["reviewer"], "Cán bộ Phòng Công tác đảng và công tác chính trị", ""),
                  (0, dept["military"], ["signer"], "Chỉ huy trưởng", ""),
                  (0, dept["military"], ["unit_officer"], "Trợ lý Thi đua – Khen thưởng", ""),
                  (1, dept["military"], ["drafter"], "Trợ lý Tham mưu", ""),
                  (1, dept["military"], ["clerk"], "Văn thư", ""),
                  (0, dept["police"], ["unit_officer"], "Cán bộ Thi đua – Khen thưởng", ""),
                  (1, dept["police"], ["signer"], "Giám đốc Công an tỉnh", ""),
                  (0, dept["college"], ["unit_officer"], "Chuyên viên Phòng Tổ chức - Hành chính", ""),
                  (0, dept["college"], ["signer"], "Hiệu trưởng", ""),
                  (1, dept["college"], ["drafter"], "Chuyên viên Phòng Tổ chức - Hành chính", ""),
                  (1, dept["college"], ["clerk"], "Văn thư", "")]
        for key in ("sgddt", "snnmt", "skhcn", "sxd"):
            slots.append((0, dept[key], ["reviewer"], f"Chuyên viên {dept[key].name}", ""))
        for key, unit in dept.items():
            if unit.kind != "department":
                continue
            slots += [(0, unit, ["unit_officer"], f"Chuyên viên {unit.name}", ""),
                      (1, unit, ["signer"], f"Giám đốc {unit.name}" if key.startswith("s") else "Chánh Văn phòng", ""),
                      (1, unit, ["drafter"], f"Chuyên viên {unit.name}", ""),
                      (2, unit, ["clerk"], f"Văn thư {unit.name}", "")]
        for unit in province.mass:
            slots += [(0, unit, ["unit_officer"], f"Cán bộ {unit.name}", ""),
                      (1, unit, ["signer"], f"Chủ tịch {unit.name}", "")]
        for unit in province.communes:
            level = self.level_of(unit)
            slots += [(0, unit, ["unit_officer"], f"Công chức Văn phòng - Thống kê {level}, phụ trách thi đua",
                       f"canbo.{unit.code}"),
                      (0, unit, ["signer"], f"Chủ tịch UBND {level}", f"chutich.{unit.code}"),
                      (1, unit, ["clerk"], f"Văn thư UBND {level}", ""),
                      (1, unit, ["drafter"], f"Chuyên viên Văn phòng HĐND và UBND {level}", ""),
                      (2, unit, ["unit_officer"], f"Công chức Văn hóa - Xã hội {level}", "")]
        for unit in province.schools:
            slots += [(1, unit, ["unit_officer"], f"Giáo viên, thư ký Hội đồng thi đua {unit.name}", ""),
                      (2, unit, ["signer"], f"Hiệu trưởng {unit.name}", "")]
        return slots

    def one(self, unit: U, role: str) -> Person | None:
        people = self.holders.get((unit.id, role))
        return people[0] if people else None

    # Plans ------------------------------------------------------------------------------------------------------

    def build_plans(self) -> None:
        from awards.models import AwardType  # noqa: PLC0415 — Django is set up by the caller

        self.awards = {award.name: award for award in AwardType.objects.all()}
        self.plan_tables()
        sizes = self.sizes
        today = self.today
        busy_issued = today - datetime.timedelta(days=320)
        self.year = busy_issued.year
        years = [self.year - 2, self.year - 1, self.year]
        budget = sizes.obligations
        # Department plans first: the education department's plan binds the schools, the others their offices.
        department_plans = max(len(self.provinces), round(sizes.plans * 0.08))
        candidates = []
        for province in self.provinces:
            for year in years:
                if province.schools:
                    candidates.append((0, province, province.dept["sgddt"], year, "edu"))
                for key in ("military", "police"):
                    candidates.append((1, province, province.dept[key], year, "dept"))
                for key, unit in province.dept.items():
                    if unit.kind == "department" and key != "sgddt" and province.offices.get(unit.id):
                        candidates.append((2, province, unit, year, "dept"))
        self.rng.shuffle(candidates)
        candidates.sort(key=lambda item: item[0])
        for _priority, province, issuer, year, kind in candidates[:department_plans]:
            spent = self.department_plan(province, issuer, year, kind)
            budget -= spent
        # Province plans, theme by theme, year by year, while the obligations last.
        themes = ["mil", "gen", "sec", "ntm", "house", "t80", "ds"]
        per_commune = {"mil": 3, "gen": 3, "sec": 2, "ntm": 2, "house": 2, "t80": 2,
                       "ds": 2 + (today.year + 1 - (self.year - 1))}
        self.busy = None
        for theme in themes:
            for year in reversed(years):
                if theme == "t80" and year != 2025:
                    continue
                if theme == "ds" and year != self.year - 1:
                    continue
                for province in self.provinces:
                    cost = per_commune[theme] * len(province.communes)
                    must = theme == "mil" and province.index == 0
                    if not must and budget < cost / 2:
                        continue
                    budget -= cost
                    plan = self.province_plan(province, theme, year)
                    if must and year == self.year:
                        self.busy = plan
        self.province_drafts(years)
        # Implementing plans of the communes, to the plan count.
        made = len(self.plans)
        room = max(0, sizes.plans - made)
        first_communes = {unit.id for unit in self.provinces[0].communes}
        busy_share = [unit_id for unit_id in self.busy.bound if unit_id in first_communes]
        busy_derive = min(room, max(0, len(busy_share) - 1))
        parents = [plan for plan in self.plans if plan.is_issued and plan.kind in ("mil", "gen")
                   and plan is not self.busy and plan.issuer.kind == "province"]
        others = [plan for plan in self.plans if plan.is_issued and plan.kind in ("sec", "ntm", "house", "t80", "ds")
                  and plan.issuer.kind == "province"]
        pool = sum(len(self.provinces[p.issuer.province].communes) for p in parents)
        rest = room - busy_derive
        share = rest / pool if pool else 0
        communes = {unit.id: unit for province in self.provinces for unit in province.communes}
        for commune_id in busy_share[:busy_derive]:
            self.derived_plan(self.busy, communes[commune_id])
        extra_parents = others if share > 1 else []
        for parent in parents + extra_parents:
            for commune in self.provinces[parent.issuer.province].communes:
                if rest > 0 and self.rng.random() < share:
                    self.derived_plan(parent, commune)
                    rest -= 1
        self.write_plans()

    def plan_tables(self) -> None:
        from campaigns import models as c  # noqa: PLC0415 — Django is set up by the caller

        self.t = {
            "legal": self.table(c.LegalBasis, ["id", "plan_id", "position", "text", "linked_plan_id", "connector"]),
            "section": self.table(c.Section, ["id", "plan_id", "parent_id", "position", "heading", "numbering",
                                              "run_in", "body", "block"]),
            "group": self.table(c.TargetGroup, ["id", "plan_id", "position", "name", "recipient_kind", "unit_kinds",
                                                "scope_id", "levels_below"]),
            "cgroup": self.table(c.CriterionGroup, ["id", "plan_id", "position", "title", "target_group_id"]),
            "criterion": self.table(c.Criterion, ["id", "plan_id", "group_id", "position", "text"]),
            "target": self.table(c.Target, ["id", "plan_id", "section_id", "position", "measure", "comparison",
                                            "value", "unit_of_measure"]),
            "quota": self.table(c.Quota, ["id", "plan_id", "position", "award_type_id", "printed_name", "occasion",
                                          "count", "target_group_id", "per_parent", "recipient_phrase"]),
            "assignment": self.table(c.Assignment, ["id", "plan_id", "position", "text", "is_lead"]),
            "assignment_units": self.table(c.Assignment.units.through, ["assignment_id", "unit_id"]),
            "deadline": self.table(c.Deadline, ["id", "plan_id", "position", "kind", "to_unit_id", "due_on",
                                                "recurrence", "assignment_id", "lead"]),
            "deadline_units": self.table(c.Deadline.from_units.through, ["deadline_id", "unit_id"]),
            "recipient": self.table(c.Recipient, ["id", "plan_id", "position", "text"]),
            "recipient_units": self.table(c.Recipient.units.through, ["recipient_id", "unit_id"]),
        }

    def new_plan(self, *, issuer: U, kind: str, year: int, title: str, state: str, created: datetime.datetime,
                 author: Person | None, signer: Person | None, sign_title: str, issued_on=None, parent=None,
                 supersedes=None, version: int = 1) -> P:
        from campaigns.models import Plan  # noqa: PLC0415 — Django is set up by the caller

        plan = P(id=self.new_id(Plan), issuer=issuer, kind=kind, year=year, title=title, state=state,
                 created_at=created, created_by=author.id if author else None, signer=signer, sign_title=sign_title,
                 parent=parent, supersedes=supersedes, version=version)
        if issued_on is not None and state in ("issued", "superseded"):
            plan.issued_on = issued_on
            plan.issued_at = self.at(issued_on, 8, 17)
            plan.symbol = f"KH-{issuer.abbreviation}"
        self.plans.append(plan)
        return plan

    def part_id(self, name: str) -> int:
        return self.new_id(self.t[name].model)

    def sections(self, plan: P, purpose: str, content: str) -> dict:
        """The usual outline of a plan: purposes, who competes and on what, time and awards, who does what."""
        table = self.t["section"]
        ids = {}

        def add(key, heading, body="", block="text", parent=None, position=10, numbering="auto"):
            ids[key] = self.part_id("section")
            table.add(ids[key], plan.id, ids.get(parent), position, heading, numbering, False, body, block)

        add("purpose", "Mục đích, yêu cầu", purpose, position=10)
        add("content", "Đối tượng, nội dung thi đua", position=20)
        add("groups", "Đối tượng thi đua", block="target_groups", parent="content", position=10)
        add("criteria", "Nội dung thi đua", content, block="criteria", parent="content", position=20)
        add("targets", "Chỉ tiêu thi đua", block="targets", parent="content", position=30)
        add("time", "Thời gian thi đua và khen thưởng", position=30)
        add("period", "Thời gian thi đua", block="period", parent="time", position=10)
        add("awards", "Hình thức khen thưởng", block="awards", parent="time", position=20)
        add("funding", "Kinh phí khen thưởng", block="funding", parent="time", position=30)
        add("assignments", "Tổ chức thực hiện", block="assignments", position=40)
        return ids

    def legal_bases(self, plan: P, lines: list[str], linked: P | None = None) -> None:
        position = 10
        if linked is not None:
            self.t["legal"].add(self.part_id("legal"), plan.id, position, "", linked.id, "về việc")
            position += 10
        for line in lines:
            self.t["legal"].add(self.part_id("legal"), plan.id, position, line, None, "về")
            position += 10

    def criteria(self, plan: P, groups: list[tuple[str, list[str]]]) -> None:
        for position, (title, texts) in enumerate(groups, start=1):
            group_id = self.part_id("cgroup")
            self.t["cgroup"].add(group_id, plan.id, position * 10, title, None)
            for number, text in enumerate(texts, start=1):
                self.t["criterion"].add(self.part_id("criterion"), plan.id, group_id, number * 10, text)

    def targets(self, plan: P, section_id: int, rows: list[tuple]) -> None:
        for position, (measure, comparison, value, unit_of_measure) in enumerate(rows, start=1):
            target_id = self.part_id("target")
            self.t["target"].add(target_id, plan.id, section_id, position * 10, measure, comparison, Decimal(value),
                                 unit_of_measure)
            plan.targets.append((target_id, measure, comparison, Decimal(value), unit_of_measure))

    def target_group(self, plan: P, position: int, name: str, recipient: str, kinds: list[str],
                     members: list[U], scope: U | None = None, levels: int | None = 1) -> int:
        group_id = self.part_id("group")
        self.t["group"].add(group_id, plan.id, position, name, recipient, kinds, scope.id if scope else None, levels)
        for unit in members:
            plan.bound.setdefault(unit.id, False)
        return group_id

    def quota(self, plan: P, position: int, award_name: str, count: int | None, group_id: int | None, group: str,
              collective: bool, phrase: str, occasion: str = "campaign") -> Q:
        award = self.awards[award_name]
        printed = award.name if plan.is_issued else ""
        quota = Q(id=self.part_id("quota"), award=award, count=count, group=group, collective=collective,
                  printed_name=printed)
        self.t["quota"].add(quota.id, plan.id, position, award.id, printed, occasion, count, group_id, False, phrase)
        plan.quotas.append(quota)
        return quota

    def assignment(self, plan: P, position: int, text: str, units: list[U], lead: bool = False) -> int:
        assignment_id = self.part_id("assignment")
        self.t["assignment"].add(assignment_id, plan.id, position, text, lead)
        for unit in dict.fromkeys(units):
            self.t["assignment_units"].add(assignment_id, unit.id)
            plan.bound.setdefault(unit.id, False)
        return assignment_id

    def deadline(self, plan: P, position: int, kind: str, from_units: list[U], to_unit: U,
                 due_on: datetime.date | None, assignment_id: int | None = None, lead: str = "",
                 recurrence: str = "once") -> D:
        deadline = D(id=self.part_id("deadline"), kind=kind, to_unit=to_unit, due_on=due_on, recurrence=recurrence,
                     from_units=from_units)
        self.t["deadline"].add(deadline.id, plan.id, position, kind, to_unit.id, due_on, recurrence, assignment_id,
                               lead)
        for unit in from_units:
            self.t["deadline_units"].add(deadline.id, unit.id)
            plan.bound[unit.id] = plan.bound.get(unit.id, False) or kind == "implementing_plan"
        plan.bound.setdefault(to_unit.id, False)
        plan.deadlines.append(deadline)
        return deadline

    def recipient(self, plan: P, position: int, text: str, units: list[U]) -> None:
        recipient_id = self.part_id("recipient")
        self.t["recipient"].add(recipient_id, plan.id, position, text)
        for unit in dict.fromkeys(units):
            self.t["recipient_units"].add(recipient_id, unit.id)
            plan.bound.setdefault(unit.id, False)
        plan.recipients_text.append(text)

    THEMES = {
        "mil": ("Phát động phong trào thi đua trong thực hiện nhiệm vụ xây dựng nền Quốc phòng toàn dân năm {y}",
                "pct", "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh (qua Ban Tuyên huấn)"),
        "gen": ("Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm {y}",
                "snv", "Sở Nội vụ (Ban Thi đua – Khen thưởng)"),
        "sec": ("Phát động phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc” năm {y}", "police",
                "Công an tỉnh (Phòng Tham mưu)"),
        "ntm": ("Phát động phong trào thi đua “Chung sức xây dựng nông thôn mới, đô thị văn minh” năm {y}", "snnmt",
                "Sở Nông nghiệp và Môi trường"),
        "house": ("Phát động phong trào thi đua “Chung tay xóa nhà tạm, nhà dột nát” năm {y}", "sxd", "Sở Xây dựng"),
        "t80": ("Phát động đợt thi đua đặc biệt lập thành tích chào mừng kỷ niệm 80 năm Cách mạng tháng Tám thành công "
                "và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", "snv", "Sở Nội vụ"),
        "ds": ("Phát động phong trào thi đua đẩy mạnh chuyển đổi số, phát triển chính quyền số, kinh tế số và xã hội "
               "số giai đoạn {y} - 2030", "skhcn", "Sở Khoa học và Công nghệ"),
    }
    CRITERIA = {
        "mil": [("Về xây dựng lực lượng", [
            "Xây dựng lực lượng Dân quân tự vệ, lực lượng Dự bị động viên đạt chỉ tiêu, bảo đảm số lượng và chất "
            "lượng; quan tâm bồi dưỡng phát triển đảng viên trong lực lượng Dân quân tự vệ.",
            "Duy trì nghiêm quân số trực sẵn sàng chiến đấu đúng quy định; kiểm tra huấn luyện đạt và vượt chỉ tiêu.",
            "Tổ chức tốt công tác tuyển chọn và gọi công dân nhập ngũ, bảo đảm đủ chỉ tiêu, đúng luật."]),
            ("Về xây dựng tiềm lực", [
                "Nâng cao năng lực lãnh đạo và sức chiến đấu của các tổ chức đảng, nhất là chi bộ quân sự.",
                "Chăm lo đời sống vật chất, tinh thần cho cán bộ, chiến sĩ lực lượng vũ trang, nhất là Dân quân tự "
                "vệ; thực hiện tốt chính sách hậu phương Quân đội.",
                "Làm tốt công tác dân vận, phòng chống, khắc phục hậu quả thiên tai, cứu hộ, cứu nạn."]),
            ("Về xây dựng thế trận Quốc phòng toàn dân", [
                "Xây dựng nền Quốc phòng toàn dân gắn với thế trận an ninh nhân dân, củng cố thế trận lòng dân, xây "
                "dựng khu vực phòng thủ vững chắc."])],
        "gen": [("Về thực hiện nhiệm vụ chính trị", [
            "Hoàn thành và hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội được giao.",
            "Đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân, doanh nghiệp.",
            "Giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn."]),
            ("Về xây dựng tổ chức", [
                "Tổ chức đảng, chính quyền đạt hoàn thành tốt nhiệm vụ trở lên; không có cán bộ vi phạm kỷ luật.",
                "Thực hiện tốt công tác thi đua, khen thưởng; phát hiện, bồi dưỡng và nhân rộng điển hình tiên "
                "tiến."])],
    }
    TARGETS = {
        "mil": [("Tuyển quân đạt chỉ tiêu giao", "eq", 100, "%"),
                ("Dân quân tự vệ được huấn luyện", "gte", 95, "%"),
                ("Kiểm tra huấn luyện đạt khá, giỏi", "gte", 75, "%")],
        "gen": [("Tốc độ tăng trưởng kinh tế (GRDP)", "gte", 8, "%"), ("Thu ngân sách đạt dự toán", "gte", 100, "%"),
                ("Tỷ lệ hộ nghèo giảm", "gte", 1, "%")],
        "sec": [("Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”", "gte", 90, "%"),
                ("Số vụ phạm pháp hình sự giảm so với năm trước", "gte", 5, "%")],
        "ntm": [("Xã đạt chuẩn nông thôn mới nâng cao", "gte", 40, "%"), ("Hộ dân dùng nước sạch", "gte", 95, "%")],
        "house": [("Số nhà tạm, nhà dột nát được xóa", "gte", 50, "căn"),
                  ("Hộ được hỗ trợ hoàn thành", "eq", 100, "%")],
        "t80": [("Công trình, phần việc chào mừng hoàn thành đúng hạn", "eq", 100, "%")],
        "ds": [("Hồ sơ thủ tục hành chính xử lý trực tuyến", "gte", 80, "%"),
               ("Người dân trưởng thành có danh tính số", "gte", 90, "%")],
    }

    def laws(self, province: Province, year: int) -> list[str]:
        return [
            "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành một số "
            "điều của Luật Thi đua, khen thưởng" if year >= 2025 else
            "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
            "điều của Luật Thi đua, khen thưởng",
            f"Quyết định số {10 + province.index}/{min(year, 2025) - 1}/QĐ-UBND của Ủy ban nhân dân "
            f"{province.full} ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn",
        ]

    def dates(self, year: int, theme: str) -> dict:
        """The dates of a province plan for ``year``: the current campaign's are set back from today."""
        rng = self.rng
        if year < self.year:
            issued = datetime.date(year, 1, 6) + datetime.timedelta(days=rng.randint(0, 70))
            nominations = datetime.date(year, 11, 15) + datetime.timedelta(days=rng.randint(0, 10))
            report = datetime.date(year, 7, 10) + datetime.timedelta(days=rng.randint(0, 10))
            meeting = datetime.date(year, 12, 5) + datetime.timedelta(days=rng.randint(0, 10))
            return {"issued": issued, "implementing": issued + datetime.timedelta(days=45), "report": report,
                    "nominations": nominations, "meeting": meeting,
                    "decided": meeting + datetime.timedelta(days=rng.randint(4, 12)),
                    "starts": issued + datetime.timedelta(days=10), "ends": datetime.date(year, 12, 31),
                    "phase": "done"}
        today = self.today
        issued = today - datetime.timedelta(days=320 if theme == "mil" else rng.randint(280, 340))
        open_plan = theme in ("ntm", "house")
        nominations = today + datetime.timedelta(days=rng.randint(8, 25)) if open_plan else \
            today - datetime.timedelta(days=8 if theme == "mil" else rng.randint(4, 14))
        ends = datetime.date(self.year, 12, 31)
        if ends < today + datetime.timedelta(days=10):
            ends = today + datetime.timedelta(days=30)
        return {"issued": issued, "implementing": issued + datetime.timedelta(days=45),
                "report": today - datetime.timedelta(days=rng.randint(110, 150)), "nominations": nominations,
                "meeting": None, "decided": None, "starts": issued + datetime.timedelta(days=10), "ends": ends,
                "phase": "open" if open_plan else "current"}

    def province_plan(self, province: Province, theme: str, year: int, *, state: str = "issued",
                      supersedes: P | None = None) -> P:
        title_format, receiver_key, receiver_label = self.THEMES[theme]
        title = title_format.format(y=year)
        dates = self.dates(year, theme)
        top, dept = province.unit, province.dept
        chairman = self.one(top, "signer")
        deputies = self.holders.get((top.id, "signer"), [])
        signer = deputies[1] if len(deputies) > 1 and self.rng.random() < 0.35 else chairman
        drafter = self.one(top, "drafter")
        issued_on = dates["issued"] if state in ("issued", "superseded") else None
        created = self.at(dates["issued"] - datetime.timedelta(days=self.rng.randint(7, 25)))
        plan = self.new_plan(issuer=top, kind=theme, year=year, title=title, state=state, created=created,
                             author=drafter, signer=signer if state != "draft" else None, sign_title="CHỦ TỊCH",
                             issued_on=issued_on, supersedes=supersedes, version=2 if supersedes else 1)
        plan.sign_collective = "ỦY BAN NHÂN DÂN"
        plan.period = (dates["starts"], dates["ends"]) if theme != "ds" else (dates["starts"], None)
        plan.receiver = dept[receiver_key]
        plan.phase = dates["phase"]
        plan.nominations_due = dates["nominations"]
        plan.meeting_on, plan.decided_on = dates["meeting"], dates["decided"]
        communes, departments = province.communes, [u for u in dept.values() if u.kind == "department"]
        self.legal_bases(plan, self.laws(province, year) + (
            ["Kế hoạch số 1368/KH-BCHQS ngày 25 tháng 12 năm 2025 của Bộ Chỉ huy Quân sự tỉnh về công tác quân sự, "
             "quốc phòng địa phương"] if theme == "mil" else []))
        ids = self.sections(
            plan, "- Động viên, cổ vũ các cấp, các ngành, cán bộ, chiến sĩ và Nhân dân thi đua thực hiện thắng lợi "
                  "nhiệm vụ được giao.\n- Triển khai các hoạt động thi đua có trọng tâm, trọng điểm; kịp thời phát "
                  "hiện, biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
            "Các cơ quan, đơn vị, địa phương tập trung thực hiện các nội dung thi đua sau:")
        groups = {
            "communes": self.target_group(plan, 10, "Tập thể Ủy ban nhân dân các xã, phường, đặc khu", "collective",
                                          ["commune", "ward", "special_zone"], communes),
            "individuals": self.target_group(plan, 20, "Cán bộ, công chức, chiến sĩ dân quân và Nhân dân các xã, "
                                             "phường, đặc khu", "individual", ["commune", "ward", "special_zone"], []),
            "departments": self.target_group(plan, 30, "Tập thể các sở, ban, ngành, đoàn thể cấp tỉnh", "collective",
                                             ["department", "mass_organisation"], departments + province.mass),
        }
        self.criteria(plan, self.CRITERIA.get(theme, self.CRITERIA["gen"]))
        self.targets(plan, ids["targets"], self.TARGETS[theme])
        plan.group_ids = groups
        self.assignment(plan, 10, f"Giao {plan.receiver.name} theo dõi, hướng dẫn, kiểm tra việc tổ chức thực "
                               "hiện phong trào thi đua; tham mưu sơ kết, tổng kết, lựa chọn tập thể, cá nhân tiêu "
                               "biểu "
                               "đề nghị khen thưởng theo quy định.", [plan.receiver, dept["snv"]], lead=True)
        commune_task = self.assignment(
            plan, 20, "Ủy ban nhân dân các xã, phường, đặc khu xây dựng kế hoạch cụ thể để tổ chức phong trào thi đua "
                      "trên địa bàn; kết thúc đợt thi đua, tiến hành bình xét khen thưởng theo thẩm quyền và đề nghị "
                      "cấp trên khen thưởng theo quy định.", communes)
        self.assignment(plan, 30, "Các sở, ban, ngành, đoàn thể tỉnh căn cứ chức năng, nhiệm vụ phối hợp triển khai "
                        "thực hiện.", departments + province.mass)
        position = 10
        if theme in ("mil", "gen"):
            self.deadline(plan, position, "implementing_plan", communes, top, dates["implementing"],
                          assignment_id=commune_task)
            position += 10
        if theme == "ds":
            self.deadline(plan, position, "progress_report", communes, plan.receiver,
                          datetime.date(year, 11, 15), recurrence="yearly",
                          lead="Báo cáo kết quả thực hiện hằng năm gửi về Sở Khoa học và Công nghệ")
        else:
            self.deadline(plan, position, "progress_report", communes, top, dates["report"],
                          lead="Báo cáo sơ kết 6 tháng gửi về Ủy ban nhân dân tỉnh (qua Sở Nội vụ)")
        self.deadline(plan, position + 10, "nominations", communes, plan.receiver, dates["nominations"],
                      assignment_id=commune_task, lead=f"Thời gian gửi hồ sơ đề nghị khen thưởng về {receiver_label}")
        self.recipient(plan, 10, "Thường trực Tỉnh ủy, HĐND tỉnh", [])
        self.recipient(plan, 20, "Các sở, ban, ngành, đoàn thể tỉnh", departments + province.mass)
        self.recipient(plan, 30, dept["military"].name, [dept["military"]])
        self.recipient(plan, 40, "UBND các xã, phường, đặc khu", communes)
        plan.quota_plan = True  # its quotas are set with its nomination count (plan_quotas)
        return plan

    def province_drafts(self, years: list[int]) -> None:
        """Next year's plans being drafted, a few awaiting signature, a few amended (v1 superseded by v2)."""
        for province in self.provinces:
            for theme in ("mil", "gen"):
                if self.rng.random() < 0.5:
                    plan = self.province_plan(province, theme, self.year + 1, state="draft")
                    plan.draft_date = self.today + datetime.timedelta(days=25)
                    plan.created_at = self.now - datetime.timedelta(days=self.rng.randint(2, 20))
                    self.plan_quotas(plan, 0)
            if province.index % 3 in (0, 1):
                plan = self.province_plan(province, "sec", self.year + 1, state="awaiting_signature")
                plan.signer = self.one(province.unit, "signer")
                plan.created_at = self.now - datetime.timedelta(days=self.rng.randint(3, 10))
                self.plan_quotas(plan, 0)
            if province.index % 6 == 2 and self.sizes.plans > 60:
                old = self.province_plan(province, "gen", years[1], state="superseded")
                self.plan_quotas(old, 0)
                new = self.province_plan(province, "gen", years[1], supersedes=old)
                new.title += " (sửa đổi, bổ sung)"
                new.issued_on = old.issued_on + datetime.timedelta(days=40)
                new.issued_at = self.at(new.issued_on)

    def department_plan(self, province: Province, issuer: U, year: int, kind: str) -> int:
        """The plan of a department for its offices, or of the education department for its schools.
        Returns the obligations it creates."""
        signer = self.one(issuer, "signer")
        author = self.one(issuer, "drafter") or self.one(issuer, "unit_officer")
        if year < self.year:
            issued = datetime.date(year, 1, 15) + datetime.timedelta(days=self.rng.randint(0, 60))
        else:
            issued = self.today - datetime.timedelta(days=self.rng.randint(270, 330))
        state = "issued" if signer is not None else "draft"
        if kind == "edu":
            title = f"Tổ chức phong trào thi đua “Dạy tốt, học tốt” năm học {year} - {year + 1}"
            members = province.schools
        elif issuer.kind == "military":
            title = f"Phong trào thi đua Quyết thắng năm {year}"
            members = province.offices.get(issuer.id, [])
        elif issuer.kind == "police":
            title = f"Phong trào thi đua “Vì an ninh Tổ quốc” năm {year}"
            members = province.offices.get(issuer.id, [])
        else:
            title = f"Tổ chức phong trào thi đua thực hiện nhiệm vụ chính trị năm {year} của {issuer.name}"
            members = province.offices.get(issuer.id, [])
        sign_title = {"school": "HIỆU TRƯỞNG", "military": "CHỈ HUY TRƯỞNG", "police": "GIÁM ĐỐC"}.get(
            issuer.kind, "GIÁM ĐỐC" if issuer.tag.startswith("s") else "CHÁNH VĂN PHÒNG")
        plan = self.new_plan(issuer=issuer, kind=kind, year=year, title=title, state=state,
                             created=self.at(issued - datetime.timedelta(days=10)), author=author, signer=signer,
                             sign_title=sign_title, issued_on=issued)
        plan.period = (issued + datetime.timedelta(days=5), datetime.date(year + (kind == "edu"), 5 if kind == "edu"
                                                                          else 12, 31))
        plan.receiver = issuer
        self.legal_bases(plan, self.laws(province, year)[:2])
        ids = self.sections(plan, "- Tạo khí thế thi đua sôi nổi, rộng khắp trong toàn cơ quan, đơn vị.\n- Thi đua "
                                  "phải thiết thực, hiệu quả, tránh hình thức.",
                            "Nội dung thi đua tập trung vào các tiêu chí sau:")
        group = self.target_group(plan, 10, "Các trường trung học phổ thông" if kind == "edu" else
                                  "Các phòng, đơn vị trực thuộc", "collective",
                                  ["school"] if kind == "edu" else ["office"], members)
        self.criteria(plan, [("Về thực hiện nhiệm vụ chuyên môn", [
            "Hoàn thành xuất sắc nhiệm vụ chuyên môn được giao; chất lượng, hiệu quả công việc được nâng lên.",
            "Chấp hành nghiêm kỷ luật, kỷ cương hành chính; không có cá nhân vi phạm."])])
        self.targets(plan, ids["targets"], [("Học sinh xếp loại học tập khá, giỏi", "gte", 75, "%"),
                                            ("Tỷ lệ tốt nghiệp trung học phổ thông", "gte", 98, "%")]
                     if kind == "edu" else [("Nhiệm vụ được giao hoàn thành đúng hạn", "gte", 95, "%")])
        plan.group_ids = {"schools" if kind == "edu" else "offices": group}
        task = self.assignment(plan, 10, "Các đơn vị xây dựng kế hoạch, tổ chức phát động phong trào thi đua tại đơn "
                               "vị; báo cáo kết quả về " + issuer.name + ".", members)
        report_due = datetime.date(year + (kind == "edu"), 1 if kind == "edu" else 7, 15) if year < self.year else \
            self.today - datetime.timedelta(days=self.rng.randint(60, 140))
        spent = 0
        if members:
            self.deadline(plan, 10, "progress_report", members, issuer, report_due, assignment_id=task)
            spent += len(members)
            if kind == "edu":
                due = datetime.date(year + 1, 5, 25)
                if due > self.today - datetime.timedelta(days=40):
                    due = self.today - datetime.timedelta(days=self.rng.randint(5, 30))
                self.deadline(plan, 20, "nominations", members, issuer, due, assignment_id=task,
                              lead=f"Hồ sơ đề nghị khen thưởng gửi về {issuer.name} (Văn phòng Sở)")
                plan.nominations_due = due
                plan.phase = "done" if due < self.today - datetime.timedelta(days=40) else "current"
                if plan.phase == "done":
                    plan.meeting_on = due + datetime.timedelta(days=10)
                    plan.decided_on = due + datetime.timedelta(days=15)
                spent += len(members)
        self.recipient(plan, 10, "Các phòng, đơn vị trực thuộc", members)
        if kind == "edu" and members:
            self.quota(plan, 10, "Giấy khen", max(3, len(members) // 3), group, "schools", True,
                       "tập thể trường có thành tích xuất sắc")
            self.quota(plan, 20, "Giấy khen", max(10, len(members) * 2), None, "", False,
                       "cán bộ, giáo viên có thành tích xuất sắc")
            self.quota(plan, 30, "Chiến sĩ thi đua cơ sở", max(5, len(members)), None, "", False,
                       "cán bộ, giáo viên tiêu biểu")
        else:
            self.quota(plan, 10, "Giấy khen", max(2, len(members)), group, "offices", True, "tập thể")
        return spent

    def plan_quotas(self, plan: P, nominations: int) -> None:
        """A province plan's award forms, in proportion to the dossiers expected."""
        province = self.provinces[plan.issuer.province]
        groups = plan.group_ids
        communes = len(province.communes)
        if plan.id in (self.busy.id if self.busy else None, getattr(self, "export_id", None)):
            factor = max(1.0, AGENDA / 425) * self.agenda / AGENDA
            counts = [max(1, round(5 * factor)), max(2, round(40 * factor)), max(1, round(10 * factor)),
                      max(3, round(300 * factor)), max(2, round(90 * factor))]
        else:
            counts = [max(1, communes // 25), max(2, round(communes * 0.15)), 3, max(3, round(nominations * 0.04)),
                      max(1, round(nominations * 0.01))]
        self.quota(plan, 10, "Cờ thi đua cấp bộ, ngành, tỉnh", counts[0], groups["communes"], "communes", True,
                   "xã, phường dẫn đầu các cụm thi đua")
        self.quota(plan, 20, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", counts[1], groups["communes"], "communes",
                   True, "tập thể xã, phường, đặc khu có thành tích xuất sắc")
        self.quota(plan, 30, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", counts[2], groups["departments"],
                   "departments", True, "cơ quan, sở, ban, ngành, đoàn thể cấp tỉnh")
        self.quota(plan, 40, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", counts[3], groups["individuals"],
                   "individuals", False, "cá nhân có thành tích xuất sắc")
        self.quota(plan, 50, "Chiến sĩ thi đua cấp bộ, ngành, tỉnh", counts[4], groups["individuals"], "individuals",
                   False, "cá nhân tiêu biểu", occasion="annual")

    def derived_plan(self, parent: P, commune: U) -> None:
        """A commune's implementing plan: plan_derive's copy of the parent, then the commune's own rows."""
        officer = self.one(commune, "unit_officer")
        signer = self.one(commune, "signer")
        done = parent.year < self.year
        roll = self.rng.random()
        state = "issued" if (roll < (0.96 if done else 0.84)) and signer else (
            "awaiting_signature" if roll < 0.9 and not done and signer else "draft")
        issued_on = parent.issued_on + datetime.timedelta(days=self.rng.randint(12, 44))
        if issued_on >= self.today:
            issued_on, state = None, "draft"
        created = self.between(parent.issued_at + datetime.timedelta(days=2),
                               self.at(issued_on - datetime.timedelta(days=3)) if issued_on else
                               parent.issued_at + datetime.timedelta(days=40))
        plan = self.new_plan(issuer=commune, kind="derived", year=parent.year,
                             title=f"Triển khai thực hiện {lower_first(parent.title)}", state=state, created=created,
                             author=officer, signer=signer if state != "draft" else None, sign_title="CHỦ TỊCH",
                             issued_on=issued_on, parent=parent)
        plan.sign_collective = "ỦY BAN NHÂN DÂN"
        plan.period = parent.period
        plan.draft_date = issued_on or (self.today + datetime.timedelta(days=10))
        self.legal_bases(plan, ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"], linked=parent)
        ids = self.sections(plan, "- Quán triệt, triển khai kịp thời kế hoạch của Ủy ban nhân dân tỉnh đến toàn thể "
                                  "cán "
                                  "bộ, công chức, dân quân và Nhân dân trên địa bàn.",
                            "Ủy ban nhân dân " + self.level_of(commune) + " tập trung thực hiện các nội dung sau:")
        self.criteria(plan, self.CRITERIA.get(parent.kind, self.CRITERIA["gen"]))
        self.targets(plan, ids["targets"], self.TARGETS[parent.kind])
        self.quota(plan, 10, "Giấy khen", self.rng.randint(5, 15), None, "", False,
                   "tập thể, cá nhân có thành tích xuất sắc")
        self.assignment(plan, 10, "Ban Chỉ huy Quân sự, công chức Văn phòng - Thống kê tham mưu Ủy ban nhân dân tổ "
                        "chức triển khai, theo dõi, tổng hợp kết quả phong trào thi đua.", [], lead=True)
        for deadline in parent.deadlines:
            if deadline.kind != "implementing_plan" and commune in deadline.from_units:
                self.deadline(plan, 10 * (len(plan.deadlines) + 1), deadline.kind, [], commune,
                              deadline.due_on - datetime.timedelta(days=7) if deadline.due_on else None,
                              recurrence=deadline.recurrence)
        self.recipient(plan, 10, "Ủy ban nhân dân tỉnh (b/c)", [])
        self.recipient(plan, 20, "Thường trực Đảng ủy, HĐND " + self.level_of(commune), [])
        if state == "issued":
            parent.derived_issued[commune.id] = (plan.issued_at, plan)

    def write_plans(self) -> None:
        """Number the issued plans in their issuers' registers, then write plans, bindings and the register."""
        from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 — likewise

        from campaigns.models import Plan, PlanBinding  # noqa: PLC0415 — Django is set up by the caller

        self.ct_plan = ContentType.objects.get_for_model(Plan).id
        self.plan_nomination_counts()
        by_issuer: dict[tuple[int, int], list] = defaultdict(list)
        for plan in self.plans:
            if plan.is_issued:
                by_issuer[(plan.issuer.id, plan.issued_on.year)].append(("plan", plan.issued_at, plan))
        # Documents issued outside the system, between the plans, as the register holds them.
        for province in self.provinces:
            for year in (self.year - 2, self.year - 1, self.year):
                for doc_type in ("KH", "BC", "TB", "TTr"):
                    scale = {"KH": 45, "BC": 30, "TB": 18, "TTr": 12}[doc_type] * self.sizes.scale
                    for _ in range(max(1, round(scale * self.rng.uniform(0.6, 1.4)))):
                        day = datetime.date(year, 1, 2) + datetime.timedelta(days=self.rng.randint(0, 362))
                        if day >= self.today:
                            continue
                        by_issuer[(province.unit.id, year)].append((doc_type, self.at(day), None))
        for province in self.provinces:  # the communes' own documents, a few a year
            for commune in province.communes:
                for year in (self.year - 2, self.year - 1, self.year):
                    for _ in range(self.rng.randint(2, 9)):
                        day = datetime.date(year, 1, 2) + datetime.timedelta(days=self.rng.randint(0, 362))
                        if day < self.today:
                            doc_type = self.rng.choice(("KH", "KH", "BC", "BC", "TB"))
                            by_issuer[(commune.id, year)].append((doc_type, self.at(day), None))
        signer_of = {unit.id: unit for province in self.provinces for unit in [province.unit, *province.communes]}
        for (issuer_id, year), items in by_issuer.items():
            items.sort(key=lambda item: item[1])
            numbers: Counter = Counter()
            for doc_type, moment, plan in items:
                key = "KH" if doc_type == "plan" else doc_type
                numbers[key] += 1
                if plan is not None:
                    plan.number = numbers[key]
                    plan.register_entry = self.register_line(
                        issuer_id, year, numbers[key], "KH", plan.symbol, moment.date(), plan.title,
                        plan.signer.full_name if plan.signer else "", "; ".join(plan.recipients_text),
                        "VT, TH", self.ct_plan, plan.id, plan.created_by, moment)
                else:
                    issuer = signer_of[issuer_id]
                    subject = self.rng.choice(OUTSIDE_SUBJECTS[doc_type]).format(y=year)
                    person = self.one(issuer, "signer")
                    self.register_line(issuer_id, year, numbers[key], key, f"{key}-{issuer.abbreviation}",
                                       moment.date(), subject, person.full_name if person else "",
                                       "Các sở, ban, ngành tỉnh; UBND các xã, phường" if issuer.kind == "province"
                                       else "UBND tỉnh (b/c); Thường trực Đảng ủy; các ấp, khu phố", "VT", None, None,
                                       None, moment)
            self.counters[(issuer_id, year)] = numbers
        self.write_register()
        plans = self.table(Plan, [
            "id", "revision", "issuer_id", "parent_id", "supersedes_id", "version", "state", "number", "symbol",
            "issued_on", "register_entry_id", "draft_date", "place_name", "title", "preamble", "theme", "motto",
            "period_kind", "starts_on", "ends_on", "review_month", "summary_every_years", "funding", "closing",
            "frozen_header", "reminder_days", "archive_note", "sign_authority", "sign_collective", "sign_title",
            "sign_deputy_title", "signer_name", "signer_id", "created_by_id", "created_at", "updated_at"])
        bindings = self.table(PlanBinding, ["plan_id", "unit_id", "expected_to_implement"])
        for plan in sorted(self.plans, key=lambda p: (p.parent is not None, p.supersedes is not None, p.id)):
            issuer = plan.issuer
            starts, ends = getattr(plan, "period", (None, None))
            continuous = plan.kind == "ds"
            deputy = plan.signer is not None and plan.issuer.kind == "province" and \
                plan.signer is not self.one(issuer, "signer")
            frozen = {"issuer_name": issuer.name, "header": issuer.header, "parent_header": issuer.parent_header,
                      "symbol": plan.symbol} if plan.is_issued else {}
            updated = plan.issued_at or plan.created_at
            plans.add(
                plan.id, 1, issuer.id, plan.parent.id if plan.parent else None,
                plan.supersedes.id if plan.supersedes else None, plan.version, plan.state, plan.number, plan.symbol,
                plan.issued_on, plan.register_entry, getattr(plan, "draft_date", None) if not plan.is_issued else None,
                issuer.place, plan.title,
                f"Thực hiện chỉ đạo của cấp trên, {issuer.name} ban hành Kế hoạch {lower_first(plan.title)}, như sau:",
                "" if plan.kind in ("dept", "derived") else plan.title.split("“")[-1].split("”")[0][:200],
                "Đoàn kết, sáng tạo, kỷ cương, hiệu quả" if plan.kind in ("mil", "gen") else "",
                "continuous" if continuous else "fixed", starts, None if continuous else ends,
                11 if continuous else None, 5 if continuous else None,
                "Kinh phí khen thưởng từ nguồn Quỹ thi đua, khen thưởng theo quy định.",
                f"Trên đây là Kế hoạch {lower_first(plan.title)}; đề nghị các cơ quan, đơn vị triển khai thực "
                "hiện.", frozen, [], "VT, TH",
                "tm_kt" if deputy else "head", plan.sign_collective, plan.sign_title,
                "PHÓ CHỦ TỊCH" if deputy else "", plan.signer.full_name if plan.signer else "",
                plan.signer.id if plan.signer else None, plan.created_by, plan.created_at, updated)
            if plan.is_issued:
                plan.bound.pop(issuer.id, None)
                for unit_id, expected in plan.bound.items():
                    bindings.add(plan.id, unit_id, expected)

    def register_line(self, issuer_id, year, number, doc_type, symbol, issued_on, subject, signer_name, recipients,
                      file_copy, content_type, object_id, registered_by, moment) -> int:
        from emulation.models import RegisterEntry  # noqa: PLC0415 — Django is set up by the caller

        entry_id = self.new_id(RegisterEntry)
        self.register.append([entry_id, issuer_id, year, number, doc_type, symbol, issued_on, subject, signer_name,
                              recipients, file_copy, self.rng.randint(1, 3), issued_on, content_type, object_id,
                              registered_by, moment])
        return entry_id

    def write_register(self) -> None:
        from emulation.models import RegisterEntry  # noqa: PLC0415 — Django is set up by the caller

        table = self.table(RegisterEntry, ["id", "issuer_id", "year", "number", "doc_type", "symbol", "issued_on",
                                           "subject", "signer_name", "recipients", "file_copy_unit", "copies",
                                           "sent_on", "content_type_id", "object_id", "registered_by_id",
                                           "created_at"])
        for row in self.register:
            table.add(*row)
        self.register = []

    # Nominations: how many, under which plans, in which states --------------------------------------------------------

    def plan_nomination_counts(self) -> None:
        total = self.sizes.nominations
        self.agenda = min(AGENDA, max(10, round(total * 0.075) // 8))
        province = self.provinces[0]
        mil = {plan.year: plan for plan in self.plans if plan.issuer is province.unit and plan.kind == "mil"
               and plan.state == "issued"}
        export = mil.get(self.year - 1)
        self.export_id = export.id if export else None
        fixed = {self.busy.id: round(total * 0.075)}
        if export:
            fixed[export.id] = round(total * 0.02)
        if mil.get(self.year - 2):
            fixed[mil[self.year - 2].id] = round(total * 0.018)
        edu = [plan for plan in self.plans if plan.kind == "edu" and plan.state == "issued" and plan.nominations_due]
        edu_total = round(total * 0.04) if edu else 0
        rest = [plan for plan in self.plans if plan.issuer.kind == "province" and plan.state == "issued"
                and plan.id not in fixed and plan.nominations_due]
        weights = [len(self.provinces[plan.issuer.province].communes) * (0.9 if plan.year < self.year - 1 else 1.0)
                   * (0.5 if plan.phase == "open" else 1.0) for plan in rest]
        remaining = total - sum(fixed.values()) - edu_total
        counts = self.spread(max(0, remaining), [round(w * 100) for w in weights], minimum=0) if rest else []
        if not rest:
            fixed[self.busy.id] += remaining
        for plan in self.plans:
            plan.nominations = fixed.get(plan.id, 0)
        for plan, count in zip(rest, counts, strict=True):
            plan.nominations = count
        for plan, count in zip(edu, self.spread(edu_total, [len(p.bound) or 1 for p in edu], minimum=0) if edu
                               else [], strict=True):
            plan.nominations = count
        for plan in self.plans:
            if getattr(plan, "quota_plan", False) and not plan.quotas:
                self.plan_quotas(plan, plan.nominations)

    # Nominations ------------------------------------------------------------------------------------------------

    def build_nominations(self) -> None:
        from awards.models import Nomination  # noqa: PLC0415 — Django is set up by the caller

        self.nomination_table = self.table(Nomination, [
            "id", "plan_id", "quota_id", "award_type_id", "nominating_unit_id", "receiving_unit_id", "kind",
            "nominee_unit_id", "person_name", "person_gender", "person_position", "person_unit_id", "achievements",
            "state", "round", "submitted_at", "reviewer_id", "decision_reason", "created_by_id", "created_at",
            "updated_at", "revision"], stream=True)
        self.first_submitted: dict[tuple[int, int], datetime.datetime] = {}
        self.compact: list[tuple] = []  # (id, plan id, nominating unit, receiving unit, state, name, award name, when)
        self.voted: dict[int, list[tuple[int, str, int]]] = defaultdict(list)  # plan id -> (id, state, award type)
        self.awarded: dict[tuple[int, int], list[int]] = defaultdict(list)  # (plan id, award type) -> ids
        self.decisions: dict[tuple[int, int], dict] = {}
        self.plan_decisions()
        plans = sorted((plan for plan in self.plans if plan.nominations), key=lambda plan: plan.nominations_due)
        for plan in plans:
            self.plan_nominations(plan)

    def plan_decisions(self) -> None:
        """The award decisions (and council minutes) of completed campaigns, numbered before the dossiers are
        written, since each awarded dossier names its decision."""
        from awards.models import AwardDecision, CouncilMeeting  # noqa: PLC0415 — Django is set up by the caller

        by_issuer: dict[tuple[int, int], list] = defaultdict(list)
        for plan in self.plans:
            if not plan.nominations or plan.phase != "done":
                continue
            year = plan.decided_on.year
            if plan.issuer.kind == "province":  # the province's council sits; a department's head decides alone
                plan.meeting_id = self.new_id(CouncilMeeting)
                by_issuer[(plan.issuer.id, plan.meeting_on.year)].append(
                    ("BB", self.at(plan.meeting_on, 14, 17), plan, None))
            for award_id in sorted({quota.award.id for quota in plan.quotas}):
                decision = {"id": self.new_id(AwardDecision), "plan": plan, "award": award_id, "number": None,
                            "moment": self.at(plan.decided_on)}
                self.decisions[(plan.id, award_id)] = decision
                by_issuer[(plan.issuer.id, year)].append(("QĐ", decision["moment"], plan, decision))
        for province in self.provinces:
            for year in (self.year - 2, self.year - 1, self.year):
                for _ in range(max(1, round(70 * self.sizes.scale * self.rng.uniform(0.6, 1.4)))):
                    day = datetime.date(year, 1, 2) + datetime.timedelta(days=self.rng.randint(0, 362))
                    if day < self.today:
                        by_issuer[(province.unit.id, year)].append(("QĐ", self.at(day), None, None))
        self.minutes_numbers: dict[int, int] = {}
        for (issuer_id, year), items in by_issuer.items():
            items.sort(key=lambda item: item[1])
            numbers = self.counters.setdefault((issuer_id, year), Counter())
            for doc_type, moment, plan, decision in items:
                numbers[doc_type] += 1
                number = numbers[doc_type]
                if decision is not None:
                    decision["number"] = number
                elif plan is not None:
                    self.minutes_numbers[plan.id] = number
                    plan.minutes_moment = moment
                else:
                    issuer = next(p.unit for p in self.provinces if p.unit.id == issuer_id)
                    subject = self.rng.choice(OUTSIDE_SUBJECTS["QĐ"]).format(y=year)
                    self.register_line(issuer_id, year, number, "QĐ", f"QĐ-{issuer.abbreviation}", moment.date(),
                                       subject, self.one(issuer, "signer").full_name, "Như Điều 3; Lưu: VT", "VT",
                                       None, None, None, moment)

    def state_plan(self, plan: P, quota: Q, available: int) -> list[str]:
        """The states of ``available`` dossiers under one quota, quota-limited states within its count."""
        rng = self.rng
        states: list[str] = []
        if plan.phase == "done":
            take = min(quota.count or available, available // 2) if quota.count else available // 3
            refused = min(available - take, round(take * 0.08)) if plan.issuer.kind == "province" else 0
            states += ["awarded"] * take + ["not_approved"] * refused
            weights = [("draft", 2), ("returned", 6), ("submitted", 1), ("under_review", 1), ("rejected", 90)]
        elif plan.phase == "current":
            take = self.recommended_target.get(quota.id) if plan is self.busy else \
                min(quota.count or 0, available // 6)
            take = min(take or 0, available)
            states += ["recommended"] * take
            weights = [("draft", 5), ("submitted", 30), ("under_review", 28), ("returned", 10), ("rejected", 27)]
        else:
            weights = [("draft", 25), ("submitted", 45), ("under_review", 15), ("returned", 10), ("rejected", 5)]
        names, cumulative = weighted(weights)
        states += rng.choices(names, cum_weights=cumulative, k=available - len(states))
        rng.shuffle(states)
        return states

    def plan_nominations(self, plan: P) -> None:
        rng = self.rng
        province = self.provinces[plan.issuer.province]
        total = plan.nominations
        receiver = plan.receiver
        reviewers = [person.id for person in self.holders.get((receiver.id, "reviewer"), [])]
        due = plan.nominations_due
        if plan.kind == "edu":
            nominators = list(province.schools)
            dept_nominators = []
        else:
            nominators = list(province.communes)
            dept_nominators = [u for u in province.dept.values() if u.kind == "department" and u is not receiver]
            dept_nominators += province.mass
        weights = [rng.uniform(0.4, 1.6) for _ in nominators]
        # Collectives: one dossier per collective and award at most.
        collective: list[tuple[Q, U, U]] = []  # (quota, nominating unit, nominee unit)
        for quota in plan.quotas:
            if not quota.collective:
                continue
            if quota.group in ("communes", "schools", "offices"):
                share = 0.12 if quota.award.name.startswith("Cờ") else 0.6
                pool = nominators
            else:
                share, pool = 0.6, dept_nominators
            for unit in pool:
                if rng.random() < share:
                    collective.append((quota, unit, unit))
        rng.shuffle(collective)
        collective = collective[:max(0, total // 3)]
        individual_quotas = [quota for quota in plan.quotas if not quota.collective]
        individual = total - len(collective)
        per_quota: dict[int, list] = defaultdict(list)
        for item in collective:
            per_quota[item[0].id].append(item)
        if individual_quotas and individual > 0:
            first = individual_quotas[0]
            picks = rng.choices(nominators, weights=weights, k=individual) if nominators else []
            department_share = 0.08 if dept_nominators else 0
            for unit in picks:
                if department_share and rng.random() < department_share:
                    unit = rng.choice(dept_nominators)
                quota = first if len(individual_quotas) == 1 or rng.random() < 0.72 else rng.choice(
                    individual_quotas[1:])
                per_quota[quota.id].append((quota, unit, None))
        if plan is self.busy:
            self.recommended_target = self.busy_targets(plan, per_quota)
        rows = []
        for quota in plan.quotas:
            items = per_quota.get(quota.id, [])
            for item, state in zip(items, self.state_plan(plan, quota, len(items)), strict=True):
                rows.append((item, state))
        # Created in the weeks before the deadline, in that order.
        start = max(plan.issued_at + datetime.timedelta(days=20), self.at(due - datetime.timedelta(days=60)))
        end = min(self.at(due - datetime.timedelta(days=1)), self.now - datetime.timedelta(hours=2))
        moments = sorted(self.working(self.between(start, end)) for _ in rows)
        rng.shuffle(rows)
        decided_at = self.at(plan.meeting_on, 8, 11) if plan.meeting_on else None
        decisions = {award: decision["number"] for (plan_id, award), decision in self.decisions.items()
                     if plan_id == plan.id}
        decision_dates = {award: decision["moment"] for (plan_id, award), decision in self.decisions.items()
                          if plan_id == plan.id}
        year = plan.year
        table = self.nomination_table
        from awards.models import Nomination  # noqa: PLC0415 — Django is set up by the caller

        for ((quota, unit, nominee), state), created in zip(rows, moments, strict=True):
            nomination_id = self.new_id(Nomination)
            officer = self.holders.get((unit.id, "unit_officer"))
            created_by = officer[0].id if officer else None
            if nominee is not None:
                kind, name, gender, position, person_unit = "collective", nominee.name, "", "", None
                achievements = (f"Năm {year}, {nominee.name} lãnh đạo, chỉ đạo thực hiện hoàn thành xuất sắc các chỉ "
                                f"tiêu, nhiệm vụ được giao. " + " ".join(rng.sample(ACHIEVEMENTS, 2)))
            else:
                kind = "individual"
                name, gender = self.person_name()
                positions = SCHOOL_POSITIONS if unit.kind == "school" else (
                    COMMUNE_POSITIONS if unit.tag == "commune" else OFFICE_POSITIONS)
                position_names, cumulative = self.position_table(positions)
                position = rng.choices(position_names, cum_weights=cumulative)[0]
                person_unit = unit if rng.random() < 0.9 else None
                achievements = (f"Năm {year}, đồng chí {name} hoàn thành xuất sắc nhiệm vụ "
                                f"{lower_first(position)}. " + " ".join(rng.sample(ACHIEVEMENTS, 3)))
            if state == "draft" and rng.random() < 0.3:
                achievements = ""
            submitted = None
            round_ = 0
            reviewer = None
            reason = ""
            updated = self.working(self.between(created, created + datetime.timedelta(days=3)), created)
            if state != "draft":
                submitted = self.working(min(self.between(created, created + datetime.timedelta(days=12)),
                                             self.at(due, 8, 17)), created)
                round_ = 2 if rng.random() < 0.12 else 1
                updated = submitted
                if state != "submitted":
                    reviewer = rng.choice(reviewers) if reviewers else None
                    if plan.phase == "done":
                        verdict = self.working(self.between(max(submitted, self.at(due, 8, 17)),
                                                            self.at(plan.meeting_on - datetime.timedelta(days=2))),
                                               submitted)
                    else:
                        verdict = self.working(self.between(submitted + datetime.timedelta(hours=4),
                                                            self.now - datetime.timedelta(minutes=20)), submitted)
                    updated = verdict
                elif rng.random() < 0.3 and reviewers:
                    reviewer = rng.choice(reviewers)
                if state == "returned":
                    reason = rng.choice(RETURN_REASONS)
                elif state == "rejected":
                    reason = rng.choice(REJECT_REASONS)
                elif state in ("awarded", "not_approved"):
                    updated = decided_at
                    if state == "awarded":
                        updated = decision_dates.get(quota.award.id, decided_at)
                        number = decisions.get(quota.award.id)
                        reason = f"Quyết định số {number:02d}/QĐ-{plan.issuer.abbreviation}" if number else ""
                    else:
                        reason = "6/11 phiếu đồng ý (54,5%)"
                key = (plan.id, unit.id)
                if key not in self.first_submitted or submitted < self.first_submitted[key]:
                    self.first_submitted[key] = submitted
            table.add_line("\t".join((
                str(nomination_id), str(plan.id), str(quota.id), str(quota.award.id), str(unit.id), str(receiver.id),
                kind, str(nominee.id) if nominee else "\\N", esc(name) if kind == "individual" else "", gender,
                esc(position), str(person_unit.id) if person_unit else "\\N", esc(achievements), state, str(round_),
                submitted.isoformat() if submitted else "\\N", str(reviewer) if reviewer else "\\N", esc(reason),
                str(created_by) if created_by else "\\N", created.isoformat(), updated.isoformat(),
                str(1 + round_ + (state not in ("draft", "submitted"))))))
            self.compact.append((nomination_id, plan.id, unit.id, receiver.id, state, name, quota.award.name,
                                 updated, submitted, nominee.id if nominee else None))
            if state in ("awarded", "not_approved") or (plan is self.busy and state == "recommended"):
                self.voted[plan.id].append((nomination_id, state, quota.award.id))
            if state == "awarded":
                self.awarded[(plan.id, quota.award.id)].append(nomination_id)

    def position_table(self, positions):
        key = id(positions)
        if key not in self._positions:
            self._positions[key] = weighted(positions)
        return self._positions[key]

    _positions: dict = {}

    def busy_targets(self, plan: P, per_quota: dict) -> dict[int, int]:
        """The busy plan's recommended dossiers: the agenda of its council meeting, within every quota."""
        quotas = [quota for quota in plan.quotas if quota.count]
        available = {quota.id: len(per_quota.get(quota.id, [])) for quota in quotas}
        capacity = {quota.id: min(quota.count, available[quota.id]) for quota in quotas}
        total = min(self.agenda, sum(capacity.values()))
        weights = [capacity[quota.id] for quota in quotas]
        targets = dict(zip([quota.id for quota in quotas], self.spread(total, weights, minimum=0), strict=True))
        for quota in quotas:  # rounding may ask one more than a small quota holds: give it to another
            while targets[quota.id] > capacity[quota.id]:
                targets[quota.id] -= 1
                other = next(q for q in quotas if targets[q.id] < capacity[q.id])
                targets[other.id] += 1
        return targets

    # Councils, decisions --------------------------------------------------------------------------------------

    def build_councils(self) -> None:
        from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 — likewise

        from awards.models import AwardDecision, CouncilMeeting, CouncilVote  # noqa: PLC0415 — Django is set up

        self.ct_decision = ContentType.objects.get_for_model(AwardDecision).id
        self.ct_meeting = ContentType.objects.get_for_model(CouncilMeeting).id
        meetings = self.table(CouncilMeeting, [
            "id", "plan_id", "unit_id", "held_on", "total_members", "closed_at", "recorded_by_id", "created_at",
            "place", "chair_id", "secretary_id", "secretary_signed_at", "chair_signed_at", "number", "symbol"])
        present = self.table(CouncilMeeting.present.through, ["councilmeeting_id", "user_id"])
        votes = self.table(CouncilVote, ["meeting_id", "nomination_id", "member_id", "approve"])
        decisions = self.table(AwardDecision, [
            "id", "plan_id", "issuer_id", "award_type_id", "state", "title", "legal_bases", "article_money",
            "article_execution", "recipients", "archive_note", "sign_title", "sign_collective", "signer_name",
            "number", "symbol", "issued_on", "created_by_id", "created_at"])
        decided = self.table(AwardDecision.nominations.through, ["awarddecision_id", "nomination_id"])
        thresholds = {award.id: award.vote_threshold_percent for award in self.awards.values()}
        for plan in self.plans:
            if plan.id not in self.voted:
                continue
            unit = plan.issuer
            members = self.holders.get((unit.id, "council_member"), [])
            if not members:
                continue
            chair = members[0]
            secretary = next((m for m in members if "Thư ký" in m.position), members[-1])
            busy = plan is self.busy
            if busy:
                meeting_id = self.new_id(CouncilMeeting)
                self.meeting_id = meeting_id
                held_on = self.today - datetime.timedelta(days=1)
                sitting = members  # a full council: 90 % of all members is what Chiến sĩ thi đua needs
                closed = None
            else:
                meeting_id = plan.meeting_id
                held_on = plan.meeting_on
                sitting = members
                closed = self.at(held_on, 15, 17)
            number = self.minutes_numbers.get(plan.id)
            symbol = f"BB-{unit.abbreviation}" if number else ""
            signed = closed + datetime.timedelta(hours=20) if closed else None
            meetings.add(meeting_id, plan.id, unit.id, held_on, len(members), closed, secretary.id,
                         self.at(held_on, 7, 8), f"Hội trường {unit.name}", chair.id if closed else None,
                         secretary.id if closed else None, signed, signed + datetime.timedelta(hours=3) if signed
                         else None, number, symbol)
            if number:
                moment = plan.minutes_moment
                subject = f"Biên bản họp Hội đồng Thi đua – Khen thưởng xét khen thưởng {lower_first(plan.title)}"
                self.register_line(unit.id, moment.year, number, "BB", symbol, moment.date(), subject,
                                   chair.full_name, "Thành viên Hội đồng; Lưu: VT", "VT", self.ct_meeting,
                                   meeting_id, self.one(unit, "clerk").id if self.one(unit, "clerk") else None,
                                   moment)
                self.official.append((self.ct_meeting, meeting_id, unit, "BB", f"{number:02d}/{symbol}",
                                      moment.date(), subject, chair.full_name, moment))
            for member in sitting:
                present.add(meeting_id, member.id)
            need = {award: math.ceil((thresholds.get(award) or 50) * len(members) / 100 - 1e-9)
                    for award in thresholds}
            pending_tail = 40 if busy else 0
            for position, (nomination_id, state, award_id) in enumerate(self.voted[plan.id]):
                if busy and position >= len(self.voted[plan.id]) - pending_tail:
                    continue  # the last dossiers on the agenda are not voted yet
                if state == "awarded":
                    yes = self.rng.randint(min(need[award_id], len(sitting)), len(sitting))
                elif state == "not_approved":
                    yes = self.rng.randint(max(0, need[award_id] - 4), max(0, need[award_id] - 1))
                else:
                    yes = sum(self.rng.random() < 0.96 for _ in sitting)
                approvals = [True] * yes + [False] * (len(sitting) - yes)
                self.rng.shuffle(approvals)
                for member, approve in zip(sitting, approvals, strict=True):
                    votes.add(meeting_id, nomination_id, member.id, approve)
        drafter_of = {}
        for (plan_id, award_id), decision in self.decisions.items():
            ids = self.awarded.get((plan_id, award_id))
            if not ids:
                continue
            plan = decision["plan"]
            award = next(a for a in self.awards.values() if a.id == award_id)
            issuer = plan.issuer
            chairman = self.one(issuer, "signer")
            chairman_name = chairman.full_name if chairman else ""
            drafter = drafter_of.setdefault(issuer.id, self.one(issuer, "drafter") or self.one(issuer, "unit_officer"))
            head = "CHỦ TỊCH" if issuer.kind == "province" else "GIÁM ĐỐC"
            number, moment = decision["number"], decision["moment"]
            symbol = f"QĐ-{issuer.abbreviation}"
            title = (f"Về việc tặng {award.name} cho các tập thể, cá nhân đã có thành tích xuất sắc trong "
                     f"{lower_first(plan.title)}")
            cash = f"{award.cash_multiple.normalize():f}".replace(".", ",") if award.cash_multiple else ""
            decisions.add(
                decision["id"], plan.id, issuer.id, award_id, "issued", title,
                "\n".join(["Luật Tổ chức chính quyền địa phương", "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                           "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật "
                           "Thi đua, khen thưởng",
                           f"Kế hoạch số {plan.number_symbol} ngày {plan.issued_on:%d} tháng {plan.issued_on.month} "
                           f"năm {plan.issued_on.year} của {issuer.name}"]),
                f"Mỗi tập thể, cá nhân được tặng kèm theo tiền thưởng bằng {cash} lần mức lương cơ sở theo quy "
                "định." if cash else "",
                "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại "
                "Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này.", "Như Điều 3\nSở Nội vụ", "VT", head,
                "ỦY BAN NHÂN DÂN" if issuer.kind == "province" else "", chairman_name, number, symbol, moment.date(),
                drafter.id if drafter else None, moment - datetime.timedelta(days=3))
            for nomination_id in ids:
                decided.add(decision["id"], nomination_id)
            self.register_line(issuer.id, moment.year, number, "QĐ", symbol, moment.date(), title,
                               chairman_name, "Như Điều 3; Sở Nội vụ", "VT", self.ct_decision, decision["id"],
                               self.one(issuer, "clerk").id if self.one(issuer, "clerk") else None, moment)
            self.official.append((self.ct_decision, decision["id"], issuer, "QĐ", f"{number:02d}/{symbol}",
                                  moment.date(), title, chairman_name, moment))
            decision["awarded"] = len(ids)
        self.write_register()
        self.write_counters()

    def write_counters(self) -> None:
        from emulation.models import NumberCounter  # noqa: PLC0415 — Django is set up by the caller

        table = self.table(NumberCounter, ["id", "issuer_id", "year", "counter_key", "last_number"])
        for (issuer_id, year), numbers in self.counters.items():
            for key, last in numbers.items():
                table.add(self.new_id(NumberCounter), issuer_id, year, key, last)

    # Obligations, reports, reminders ----------------------------------------------------------------------

    def build_obligations(self) -> None:
        from campaigns.models import Obligation, OverdueSummaryLog, ReminderLog, Report, ReportValue  # noqa: PLC0415

        obligations = self.table(Obligation, ["id", "deadline_id", "plan_id", "unit_id", "owed_to_id", "kind",
                                              "due_on", "fulfilled_at", "fulfilment", "waived_at", "waived_reason",
                                              "created_at"], stream=True)
        reports = self.table(Report, ["id", "plan_id", "unit_id", "obligation_id", "period_year", "state",
                                      "narrative", "return_reason", "submitted_at", "created_by_id", "updated_at"])
        values = self.table(ReportValue, ["report_id", "target_id", "value", "denominator"])
        logs = self.table(ReminderLog, ["obligation_id", "key", "sent_at"], stream=True)
        logs.before.append(obligations)
        rng, today = self.rng, self.today
        yesterday = today - datetime.timedelta(days=1)
        self.open_obligations: list[tuple] = []  # (obligation id, unit, plan, kind, due_on)
        overdue_owed: set[int] = set()
        for plan in self.plans:
            if not plan.is_issued:
                continue
            for deadline in plan.deadlines:
                if deadline.due_on is None or not deadline.from_units:
                    continue
                if deadline.recurrence == "yearly":
                    dates = [deadline.due_on.replace(year=year) for year in range(deadline.due_on.year,
                                                                                  today.year + 2)]
                else:
                    dates = [deadline.due_on]
                for due_on in dates:
                    for unit in deadline.from_units:
                        obligation_id = self.new_id(Obligation)
                        fulfilled, fulfilment, waived, reason = None, "", None, ""
                        report_state = None
                        past = due_on < today
                        if deadline.kind == "implementing_plan":
                            derived = plan.derived_issued.get(unit.id)
                            if derived:
                                fulfilled = derived[0]
                                fulfilment = f"Kế hoạch số {derived[1].number_symbol}"
                        elif deadline.kind == "nominations":
                            first = self.first_submitted.get((plan.id, unit.id))
                            if first:
                                fulfilled, fulfilment = first, "Hồ sơ đề nghị khen thưởng"
                        else:
                            roll = rng.random()
                            if past:
                                report_state = "submitted" if roll < 0.84 else "returned" if roll < 0.88 else \
                                    "draft" if roll < 0.91 else None
                            else:
                                report_state = "submitted" if roll < 0.08 else "draft" if roll < 0.2 else None
                            if report_state == "submitted":
                                fulfilled = min(self.at(due_on - datetime.timedelta(days=rng.randint(-3, 12))),
                                                self.now - datetime.timedelta(hours=1))
                                fulfilment = f"Báo cáo năm {due_on.year}"
                        if fulfilled is None and past and deadline.kind == "implementing_plan" and \
                                plan.year < self.year and rng.random() < 0.8:
                            # Most communes that issued no plan of their own folded it into their year's work plan.
                            waived = self.at(due_on + datetime.timedelta(days=rng.randint(5, 40)))
                            reason = "Lồng ghép vào kế hoạch công tác năm, không ban hành kế hoạch riêng."
                        elif fulfilled is None and past and plan.year < self.year and rng.random() < 0.7:
                            waived = self.at(min(self.today, datetime.date(plan.year + 1, 1, 20)))
                            reason = "Kế hoạch đã tổng kết; miễn nộp."
                        elif fulfilled is None and past and rng.random() < 0.03:
                            waived = self.at(due_on + datetime.timedelta(days=rng.randint(1, 20)))
                            reason = "Đơn vị mới sắp xếp, sáp nhập; miễn nộp kỳ này."
                        created = plan.issued_at
                        obligations.add(obligation_id, deadline.id, plan.id, unit.id, deadline.to_unit.id,
                                        deadline.kind, due_on, fulfilled, fulfilment, waived, reason, created)
                        if report_state is not None:
                            self.report(reports, values, plan, unit, obligation_id, due_on, report_state, fulfilled)
                        if fulfilled is None and waived is None:
                            self.open_obligations.append((obligation_id, unit, plan, deadline.kind, due_on,
                                                          deadline.to_unit))
                            if past:
                                overdue_owed.add(deadline.to_unit.id)
                            self.reminder_logs(logs, obligation_id, due_on, yesterday, plan)
        # The weekly overdue summaries already sent, this week's included.
        summaries = self.table(OverdueSummaryLog, ["unit_id", "week", "sent_at"])
        monday = today - datetime.timedelta(days=today.weekday())
        for unit_id in sorted(overdue_owed):
            for weeks_back in range(0, 9):
                day = monday - datetime.timedelta(weeks=weeks_back)
                year, week, _ = day.isocalendar()
                summaries.add(unit_id, f"{year}-W{week:02d}", self.at(day, 6, 7))

    def reminder_logs(self, logs: Table, obligation_id: int, due_on: datetime.date, yesterday: datetime.date,
                      plan: P) -> None:
        """The reminders this open obligation earned up to yesterday, as the hourly sweep logged them."""
        if plan.state != "issued":
            return
        days_left = (due_on - yesterday).days
        if days_left > 14:
            return
        if days_left >= 0:
            keys = [f"before:{lead}" for lead in (14, 7, 3, 1) if days_left <= lead]
        else:
            keys = ["overdue:1"] + [f"overdue:w{week}" for week in range(1, (-days_left - 1) // 7 + 1)]
        for key in keys:
            if key.startswith("before:"):
                sent = due_on - datetime.timedelta(days=int(key.split(":")[1]))
            elif key == "overdue:1":
                sent = due_on + datetime.timedelta(days=1)
            else:
                sent = due_on + datetime.timedelta(days=1 + 7 * int(key.split("w")[1]))
            logs.add(obligation_id, key, self.at(min(sent, yesterday), 6, 7))

    def report(self, reports: Table, values: Table, plan: P, unit: U, obligation_id: int, due_on: datetime.date,
               state: str, submitted: datetime.datetime | None) -> None:
        from campaigns.models import Report  # noqa: PLC0415 — Django is set up by the caller

        rng = self.rng
        key = (plan.id, unit.id, due_on.year)
        if key in self.reported:
            return
        self.reported.add(key)
        report_id = self.new_id(Report)
        officer = self.one(unit, "unit_officer")
        narrative = (f"Trong năm {due_on.year}, {unit.name} đã quán triệt, triển khai kế hoạch đến toàn thể cán bộ, "
                     f"công chức và Nhân dân; tổ chức phát động phong trào thi đua với nhiều hình thức phong phú. "
                     + " ".join(rng.sample(ACHIEVEMENTS, 2)))
        moment = submitted or self.at(min(due_on, self.today) - datetime.timedelta(days=rng.randint(1, 10)))
        reports.add(report_id, plan.id, unit.id, obligation_id if state != "draft" else None, due_on.year, state,
                    narrative, "Số liệu chưa khớp với báo cáo của Ban Chỉ huy Quân sự; đề nghị rà soát lại."
                    if state == "returned" else "", submitted if state != "draft" else None,
                    officer.id if officer else None, moment)
        for target_id, _measure, _comparison, goal, unit_of_measure in plan.targets:
            if unit_of_measure.strip() == "%":
                denominator = Decimal(rng.randint(40, 400))
                share = min(Decimal(1), goal / 100 * Decimal(rng.uniform(0.85, 1.12)))
                values.add(report_id, target_id, (denominator * share).quantize(Decimal(1)), denominator)
            else:
                values.add(report_id, target_id, Decimal(rng.randint(int(goal * 0.3), int(goal * 1.3) + 1)), None)

    # Notifications ----------------------------------------------------------------------------------------

    def build_notifications(self) -> None:
        from emulation.models import Notification  # noqa: PLC0415 — Django is set up by the caller

        table = self.table(Notification, ["recipient_id", "title", "body", "url", "created_at", "read_at",
                                          "email_wanted", "emailed_at"], stream=True)
        rng = self.rng
        budget = self.sizes.notifications
        written = 0

        def add(person: Person, title: str, body: str, url: str, moment: datetime.datetime) -> None:
            nonlocal written
            read = None
            age = (self.now - moment).days
            if rng.random() < (0.82 if age > 7 else 0.3):
                read = self.working(self.between(moment, min(self.now, moment + datetime.timedelta(days=5))), moment)
            emailed = moment + datetime.timedelta(seconds=rng.randint(20, 300))
            emailed = emailed if emailed < self.now else None
            table.add_line("\t".join((str(person.id), esc(title[:255]), esc(body), url, moment.isoformat(),
                                      read.isoformat() if read else "\\N", "t",
                                      emailed.isoformat() if emailed else "\\N")))
            written += 1

        # 1. Issued plans, to the people of the units they bind (as plan_issue tells them).
        quota = round(budget * 0.10)
        roles = ("unit_officer", "drafter", "signer", "reviewer")
        for plan in self.plans:
            if written >= quota:
                break
            if not plan.is_issued or plan.issuer.kind != "province":
                continue
            title = f"Kế hoạch số {plan.number_symbol} của {plan.issuer.name} đã ban hành"
            for unit_id in plan.bound:
                for role in roles:
                    for person in self.holders.get((unit_id, role), []):
                        if written < quota:
                            add(person, title, plan.title[:300], f"/ke-hoach/{plan.id}/",
                                plan.issued_at + datetime.timedelta(seconds=rng.randint(5, 90)))
        # 2. New dossiers, to the reviewers of the receiving unit; 3. the review's verdicts, to the nominating unit.
        pool = [row for row in self.compact if row[4] != "draft"]
        rng.shuffle(pool)
        reviewers_quota = written + round(budget * 0.25)
        verdict_quota = reviewers_quota + round(budget * 0.42)
        units = {unit.id: unit for unit in self.units}
        cursor, mark = 0, -1
        while written < reviewers_quota and pool and not (cursor >= len(pool) and written == mark):
            if cursor % len(pool) == 0:
                mark = written
            row = pool[cursor % len(pool)]
            cursor += 1
            for person in self.holders.get((row[3], "reviewer"), []):
                if written < reviewers_quota:
                    add(person, f"Hồ sơ đề nghị khen thưởng mới: {row[5]}", f"Từ {units[row[2]].name}.",
                        f"/khen-thuong/ho-so/{row[0]}/", row[8])
        decided = [row for row in pool if row[4] in ("returned", "rejected", "recommended", "awarded",
                                                      "not_approved", "under_review")]
        cursor, mark = 0, -1
        while written < verdict_quota and decided and not (cursor >= len(decided) and written == mark):
            if cursor % len(decided) == 0:
                mark = written
            row = decided[cursor % len(decided)]
            cursor += 1
            state, name = row[4], row[5]
            if state == "returned":
                title, body = f"Hồ sơ {name} bị trả lại để bổ sung", f"Lý do: {rng.choice(RETURN_REASONS)}"
            elif state == "rejected":
                title, body = f"Hồ sơ {name} không được đề nghị khen thưởng", f"Lý do: {rng.choice(REJECT_REASONS)}"
            elif state == "awarded":
                title, body = f"{name} đã được tặng {row[6]}", ""
            elif state == "under_review":
                title, body = f"Hồ sơ {name} đang được thẩm định", ""
            else:
                title, body = f"Hồ sơ {name} đã được đề nghị khen thưởng", ""
            for person in self.holders.get((row[2], "unit_officer"), []):
                if written < verdict_quota:
                    add(person, title, body, f"/khen-thuong/ho-so/{row[0]}/", row[7])
        # 4. Reminders of the open obligations (the rest of the budget).
        open_ones = list(self.open_obligations)
        rng.shuffle(open_ones)
        cursor, mark = 0, -1
        while written < budget and open_ones and not (cursor >= len(open_ones) and written == mark):
            if cursor % len(open_ones) == 0:
                mark = written
            obligation_id, unit, plan, kind, due_on, owed_to = open_ones[cursor % len(open_ones)]
            cursor += 1
            label = {"implementing_plan": "Kế hoạch triển khai của đơn vị",
                     "progress_report": "Báo cáo tiến độ, sơ kết",
                     "nominations": "Hồ sơ đề nghị khen thưởng", "summary_report": "Báo cáo tổng kết"}[kind]
            if due_on >= self.today:
                days = rng.choice([14, 7, 3, 1])
                moment = self.at(max(plan.issued_on, due_on - datetime.timedelta(days=days)), 6, 7)
                title = f"Nhắc hạn: {label} — còn {days} ngày (hạn {due_on:%d/%m/%Y})"
            else:
                moment = self.at(min(self.today - datetime.timedelta(days=1),
                                     due_on + datetime.timedelta(days=1 + 7 * rng.randint(0, 8))), 6, 7)
                title = f"Quá hạn: {label} — hạn {due_on:%d/%m/%Y} đã qua"
            body = (f"Kế hoạch số {plan.number_symbol} của {plan.issuer.name}: {unit.name} phải nộp {label.lower()} "
                    f"về {owed_to.name} trước ngày {due_on:%d/%m/%Y}.")
            people = self.holders.get((unit.id, "unit_officer"), []) + self.holders.get((unit.id, "drafter"), [])
            for person in people:
                if written < budget:
                    add(person, title, body, "/ke-hoach/han-nop/", moment)
        while written < budget:  # nobody left to remind: plan notices to the province offices
            person = rng.choice(self.people)
            plan = rng.choice([p for p in self.plans if p.is_issued and p.issuer.province == person.roles[0][0]
                               .province] or [self.busy])
            add(person, f"Kế hoạch số {plan.number_symbol} của {plan.issuer.name} đã ban hành", plan.title[:300],
                f"/ke-hoach/{plan.id}/", plan.issued_at)

    # History ----------------------------------------------------------------------------------------------

    def build_history(self) -> None:
        from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415 — likewise

        from awards.models import Nomination  # noqa: PLC0415 — Django is set up by the caller
        from emulation.models import AuditEntry  # noqa: PLC0415 — likewise

        table = self.table(AuditEntry, ["content_type_id", "object_id", "actor_id", "action", "from_state",
                                        "to_state", "reason", "changes", "created_at"], stream=True)
        ct_nomination = ContentType.objects.get_for_model(Nomination).id

        def add(ct, object_id, actor, action, old, new, reason, changes, moment):
            table.add_line("\t".join((str(ct), str(object_id), str(actor) if actor else "\\N", action, old, new,
                                      esc(reason), esc(json.dumps(changes, ensure_ascii=False)), moment.isoformat())))

        for plan in self.plans:
            add(self.ct_plan, plan.id, plan.created_by, "plan.derive" if plan.parent else "plan.create", "", "draft",
                "", {"từ kế hoạch": plan.parent.number_symbol} if plan.parent else {}, plan.created_at)
            if plan.state != "draft":
                submitted = plan.issued_at - datetime.timedelta(days=2) if plan.issued_at else plan.created_at + \
                    datetime.timedelta(days=1)
                add(self.ct_plan, plan.id, plan.created_by, "plan.submit", "draft", "awaiting_signature", "",
                    {"người ký": plan.signer.full_name if plan.signer else ""}, max(plan.created_at, submitted))
            if plan.is_issued:
                clerk = self.one(plan.issuer, "clerk")
                add(self.ct_plan, plan.id, clerk.id if clerk else None, "plan.issue", "awaiting_signature", "issued",
                    "", {"số": plan.number_symbol}, plan.issued_at)
        # The dossiers of the busy province: every step of each, as the services record them.
        busy_plans = {plan.id for plan in self.plans if plan.issuer.province == 0}
        people = {}
        for row in self.compact:
            nomination_id, plan_id, unit_id, receiver_id, state, _name, _award, updated, submitted, _nominee = row
            if plan_id not in busy_plans:
                continue
            officer = people.get(unit_id)
            if officer is None:
                found = self.holders.get((unit_id, "unit_officer"))
                officer = people[unit_id] = found[0].id if found else 0
            created = submitted - datetime.timedelta(days=2) if submitted else updated
            add(ct_nomination, nomination_id, officer, "nomination.create", "", "draft", "", {}, created)
            if state == "draft":
                continue
            add(ct_nomination, nomination_id, officer, "nomination.submit", "draft", "submitted", "",
                {"lần nộp": 1}, submitted)
            reviewer = self.holders.get((receiver_id, "reviewer"))
            reviewer = reviewer[0].id if reviewer else None
            if state in ("under_review",):
                add(ct_nomination, nomination_id, reviewer, "nomination.review_start", "submitted", "under_review", "",
                    {}, updated)
            elif state in ("returned", "rejected", "recommended"):
                action = {"returned": "nomination.return", "rejected": "nomination.reject",
                          "recommended": "nomination.recommend"}[state]
                add(ct_nomination, nomination_id, reviewer, action, "submitted", state, "", {}, updated)
            elif state in ("approved", "not_approved", "awarded"):
                add(ct_nomination, nomination_id, reviewer, "nomination.recommend", "submitted", "recommended", "", {},
                    updated - datetime.timedelta(days=10))
                add(ct_nomination, nomination_id, None, "council.decide", "recommended",
                    "not_approved" if state == "not_approved" else "approved", "", {},
                    updated - datetime.timedelta(days=5))
                if state == "awarded":
                    add(ct_nomination, nomination_id, None, "nomination.award", "approved", "awarded", "", {},
                        updated)

    # Issued documents -------------------------------------------------------------------------------------

    def build_documents(self) -> None:
        from django.conf import settings  # noqa: PLC0415 — Django is set up by the caller

        from emulation.models import DocumentSigning, OfficialDocument  # noqa: PLC0415 — likewise

        media = Path(settings.MEDIA_ROOT)
        documents = self.table(OfficialDocument, [
            "id", "content_type_id", "object_id", "issuer_id", "doc_type", "number_symbol", "issued_on", "subject",
            "verification_code", "state", "render_attempts", "pdf", "sha256", "page_count", "signed", "signed_at",
            "signer_name", "created_at"])
        used: set[str] = set()
        self.codes_used = used
        issued = [(self.ct_plan, plan.id, plan.issuer, "KH", plan.number_symbol, plan.issued_on, plan.title,
                   plan.signer.full_name if plan.signer else "", plan.issued_at)
                  for plan in self.plans if plan.is_issued and plan is not self.document_plan]
        for ct, object_id, issuer, doc_type, number_symbol, issued_on, subject, signer_name, moment in \
                issued + self.official:
            code = self.verification_code(used)
            name = f"van-ban/{issued_on.year}/{number_symbol.replace('/', '-')}-{code}.pdf"
            pdf = stand_in_pdf(f"{fold(number_symbol).upper()} - {fold(subject)[:90]}", code)
            path = media / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            documents.add(self.new_id(OfficialDocument), ct, object_id, issuer.id, doc_type, number_symbol, issued_on,
                          subject, code, "ready", 1, name, hashlib.sha256(pdf).hexdigest(), 1, False, moment,
                          signer_name, moment)
        # Drafts awaiting their signer: the file prepared for signature.
        signings = self.table(DocumentSigning, [
            "content_type_id", "object_id", "issuer_id", "doc_type", "subject", "search_key", "signer_id", "stage",
            "verification_code", "approval_pdf", "approval_sha256", "created_at", "updated_at"])
        for plan in self.plans:
            if plan.state != "awaiting_signature" or plan.signer is None:
                continue
            code = self.verification_code(used)
            name = f"trinh-ky/{plan.created_at.year}/du-thao-{plan.id}-{code}.pdf"
            pdf = stand_in_pdf(f"DU THAO - {fold(plan.title)[:90]}", code)
            path = media / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            moment = plan.created_at + datetime.timedelta(days=1)
            signings.add(self.ct_plan, plan.id, plan.issuer.id, "KH", plan.title[:500], fold(plan.title)[:600],
                         plan.signer.id, "awaiting_person", code, name, hashlib.sha256(pdf).hexdigest(), moment,
                         moment)

    def real_document(self) -> str:
        """The busy plan's issued PDF, rendered by the app's own engine and signed with the province's (self-signed,
        made here) agency certificate, as the worker does after the clerk issues."""
        from demo.signing import make_pkcs12  # noqa: PLC0415 — Django is set up by the caller
        from emulation.documents.issue import official_document_prepare  # noqa: PLC0415 — likewise
        from emulation.documents.material import signing_material_save  # noqa: PLC0415 — likewise
        from emulation.models import OfficialDocument  # noqa: PLC0415 — likewise

        plan = self.document_plan
        code = self.verification_code(self.codes_used)
        document = OfficialDocument.objects.create(
            content_type_id=self.ct_plan, object_id=plan.id, issuer_id=plan.issuer.id, doc_type="KH",
            number_symbol=plan.number_symbol, issued_on=plan.issued_on, subject=plan.title, verification_code=code,
            signer_name=plan.signer.full_name if plan.signer else "")
        OfficialDocument.objects.filter(pk=document.pk).update(created_at=plan.issued_at)
        try:
            pkcs12, _root = make_pkcs12(plan.issuer.name, "bench-ky-so")
            signing_material_save(actor=None, unit=self.busy_unit_model(), pkcs12=pkcs12,
                                  pkcs12_password="bench-ky-so")
            prepared = official_document_prepare(document_id=document.pk)
        except Exception as error:  # reported below: the pages still need a ready document with a code
            self.log(f"  ! the real PDF could not be rendered ({type(error).__name__}: {error}); a stand-in is "
                     "stored instead")
            pdf = stand_in_pdf(f"{fold(plan.number_symbol).upper()} - {fold(plan.title)[:90]}", code)
            from django.core.files.base import ContentFile  # noqa: PLC0415 — only on this path

            document.refresh_from_db()
            document.pdf.save(f"{plan.number_symbol.replace('/', '-')}-{code}.pdf", ContentFile(pdf), save=False)
            document.sha256, document.page_count, document.state = hashlib.sha256(pdf).hexdigest(), 1, "ready"
            document.render_error = ""
            document.save()
            prepared = document
        self.counts["emulation.OfficialDocument"] = self.counts.get("emulation.OfficialDocument", 0) + 1
        self.log(f"  the busy plan's PDF: {prepared.page_count} pages, signed={prepared.signed}, {prepared.pdf.name}")
        return code

    def busy_unit_model(self):
        from emulation.models import Unit  # noqa: PLC0415 — Django is set up by the caller

        return Unit.objects.get(pk=self.document_plan.issuer.id)

    # Finishing --------------------------------------------------------------------------------------------

    def sequences(self) -> None:
        """The ids were given here: the sequences go on after them, for the rows the app adds."""
        from django.apps import apps  # noqa: PLC0415 — Django is set up by the caller
        from django.core.management.color import no_style  # noqa: PLC0415 — likewise
        from django.db import connection  # noqa: PLC0415 — likewise

        models = [model for app in ("emulation", "campaigns", "awards") for model in
                  apps.get_app_config(app).get_models(include_auto_created=True)]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)

    def vacuum(self) -> None:
        """Statistics and visibility maps, as autovacuum leaves them on a database in use."""
        from django.db import connection  # noqa: PLC0415 — Django is set up by the caller

        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")

    def check_foreign_keys(self) -> list[str]:
        """Every foreign key of the rows written points at a row (COPY checks them too; this is the proof)."""
        from django.apps import apps  # noqa: PLC0415 — Django is set up by the caller
        from django.db import connection  # noqa: PLC0415 — likewise

        problems = []
        with connection.cursor() as cursor:
            for app in ("emulation", "campaigns", "awards"):
                for model in apps.get_app_config(app).get_models(include_auto_created=True):
                    for model_field in model._meta.concrete_fields:
                        if not model_field.is_relation or not model_field.many_to_one and not model_field.one_to_one:
                            continue
                        target = model_field.related_model._meta
                        cursor.execute(
                            f'SELECT count(*) FROM "{model._meta.db_table}" t LEFT JOIN "{target.db_table}" r '
                            f'ON t."{model_field.column}" = r."{target.pk.column}" '
                            f'WHERE t."{model_field.column}" IS NOT NULL AND r."{target.pk.column}" IS NULL')
                        missing = cursor.fetchone()[0]
                        if missing:
                            problems.append(f"{model._meta.label}.{model_field.name}: {missing}")
        return problems

    # The scenario ------------------------------------------------------------------------------------------

    def scenario(self, code: str) -> dict:
        province = self.provinces[0]
        busy = self.busy
        counts = Counter((row[2], row[4]) for row in self.compact if row[1] == busy.id)
        own = Counter(row[2] for row in self.compact)
        bound_communes = [unit for unit in province.communes if unit.id in busy.bound
                          and self.holders.get((unit.id, "unit_officer"))]
        open_owed = Counter(row[1].id for row in self.open_obligations)
        enough = [unit for unit in bound_communes if own[unit.id] >= 300]
        if enough:  # at least 300 dossiers of its own, and the most open obligations of those
            commune = max(enough, key=lambda unit: (open_owed[unit.id], own[unit.id], -unit.id))
        else:  # a small country: the most dossiers, with something still owed
            commune = max(bound_communes, key=lambda unit: (open_owed[unit.id] > 0, own[unit.id], -unit.id))
        states = {state for (unit_id, state) in counts if unit_id == commune.id}
        reviewer = self.holders[(province.dept["pct"].id, "reviewer")][0]
        members = self.holders[(province.unit.id, "council_member")]
        member = next(m for m in members if m.username.startswith("hoidong."))
        queue = [row for row in self.compact if row[3] == province.dept["pct"].id and row[4] != "draft"]
        search, matches = self.search_name(queue)
        self.log(f"  commune officer's unit {commune.name}: {own[commune.id]:,} dossiers in states {sorted(states)}; "
                 f"reviewer's queue {len(queue):,}; “{search}” matches {matches}")
        return {
            "users": {
                "province_drafter": self.one(province.unit, "drafter").username,
                "commune_officer": self.holders[(commune.id, "unit_officer")][0].username,
                "reviewer": reviewer.username,
                "council_member": member.username,
                "signer": self.one(province.unit, "signer").username,
                "clerk": self.one(province.unit, "clerk").username,
                "administrator": self.one(province.unit, "administrator").username,
            },
            "busy_plan_id": busy.id,
            "rollup_plan_id": busy.id,
            "meeting_id": self.meeting_id,
            "decision_id": self.decision_id,
            "export_plan_id": self.export_id or busy.id,
            "verification_code": code,
            "document_plan_id": self.document_plan.id,
            "search_name": search,
            "review_queue_pages": max(1, math.ceil(len(queue) / PAGE_SIZE)),
        }

    def search_name(self, queue: list[tuple]) -> tuple[str, int]:
        """A surname and middle name that matches a few hundred dossiers of the queue, counted as the queue's
        search counts them (name contains it, or a unit's folded name does)."""
        want = max(5, min(300, round(len(queue) * 0.003)))
        pairs = Counter(" ".join(row[5].split()[:2]) for row in queue if row[9] is None)
        units = {unit.id: fold(f"{unit.name} {unit.abbreviation} {unit.code}") for unit in self.units}
        candidates = sorted(pairs, key=lambda pair: abs(pairs[pair] - want))[:25]
        best = None
        for pair in candidates:
            lowered, folded = pair.lower(), fold(pair)
            count = sum(1 for row in queue if lowered in row[5].lower() or folded in units[row[2]]
                        or (row[9] is not None and folded in units[row[9]]))
            if best is None or abs(count - want) < abs(best[1] - want):
                best = (pair, count)
        return best or ("Nguyễn Văn", 0)

    # All of it ----------------------------------------------------------------------------------------------

    def run(self) -> dict:
        from emulation.models import Unit  # noqa: PLC0415 — Django is set up by the caller

        if Unit.objects.exists():
            raise SystemExit("generate() needs an empty migrated database: this one already has units.")
        self.counters: dict[tuple[int, int], Counter] = {}
        self.reported: set = set()
        started = time.perf_counter()
        self.log(f"Generating {asdict(self.sizes)}")
        self.step("units and blocs", self.build_units)
        self.step("people and roles", self.build_people)
        self.step("plans, parts, bindings, register", self.build_plans)
        self.step("nominations", self.build_nominations)
        self.step("councils, votes, decisions", self.build_councils)
        self.step("obligations, reports, reminders", self.build_obligations)
        self.step("notifications", self.build_notifications)
        self.step("history", self.build_history)
        self.document_plan = self.busy
        self.step("issued documents (one-page stand-in PDFs)", self.build_documents)
        decision = max((d for d in self.decisions.values() if d.get("awarded") and d["plan"].id == self.export_id),
                       key=lambda d: d["awarded"], default=None) or max(
            (d for d in self.decisions.values() if d.get("awarded")), key=lambda d: d["awarded"])
        self.decision_id = decision["id"]
        codes = []
        self.step("sequences", self.sequences)
        self.step("the busy plan's PDF (rendered)", lambda: codes.append(self.real_document()))
        self.step("VACUUM ANALYZE", self.vacuum)
        problems = self.check_foreign_keys() if self.sizes.nominations <= 200_000 else []
        if problems:
            raise SystemExit(f"Dangling foreign keys: {problems}")
        scenario = self.scenario(codes[0])
        total = time.perf_counter() - started
        self.log(f"Generated {sum(self.counts.values()):,} rows in {total:.1f} s:")
        for label, count in sorted(self.counts.items()):
            self.log(f"    {label:<36} {count:>10,}")
        return scenario


def stand_in_pdf(text: str, code: str) -> bytes:
    """A one-page PDF standing for an issued document that was not rendered (only the bench's own
    document is): its number, subject and verification code, in ASCII."""
    line = text.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]").replace(b"\\", b"/")
    content = (b"BT /F1 12 Tf 56 780 Td (" + line[:110] + b") Tj 0 -20 Td (Ma xac minh: " + code.encode() +
               b") Tj ET")
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length " + str(len(content)).encode() + b">>stream\n" + content + b"\nendstream",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj".encode() + body + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def generate(sizes: Sizes, *, log=print) -> dict:
    """Fill an empty migrated database (after django.setup()) and return what the benchmark requests."""
    return Country(sizes, log).run()


def main() -> None:
    """Generate into DATABASE_URL (default: the local thidua_scale_gen, which must exist), migrated first;
    the PDFs go to var/bench-scale/<database>/media, where bench/scale.py --database <database> serves them,
    and the scenario beside them (scenario.json), so that bench/scale.py reuses this database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    sizes = sizes_from(args)
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua_scale_gen")
    database = url.rsplit("/", 1)[-1]
    var_dir = Path(os.environ.get("THIDUA_VAR_DIR", ROOT / "var" / "bench-scale" / database))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "true", "DATABASE_URL": url,
                       "THIDUA_VAR_DIR": str(var_dir), "MEDIA_ROOT": str(var_dir / "media"), "LOG_LEVEL": "WARNING"})
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 — configured by the environment set just above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 — after django.setup()

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated {database} in {time.perf_counter() - started:.1f} s")
    scenario = generate(sizes)
    (var_dir / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False, indent=2))
    print(json.dumps(scenario, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
