"""Demo data: the units every seed plan names, emulation blocs and one person
per role. Safe to run twice: rows are found by their stable codes."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from emulation import services
from emulation.models import BlocKind, EmulationBloc, Role, Unit, UnitKind, User
from emulation.text import fold

DEMO_PASSWORD = "ThiDua@2026"


@dataclass
class UnitSpec:
    code: str
    kind: str
    name: str
    header_name: str
    abbreviation: str
    place_name: str
    parent_header_name: str = ""
    children: list["UnitSpec"] = field(default_factory=list)


def people_committee(code: str, level: str, place: str, kind: str, children=None, place_name: str = "") -> UnitSpec:
    """An Ủy ban nhân dân: 'Ủy ban nhân dân <level> <place>'."""
    return UnitSpec(code, kind, f"Ủy ban nhân dân {level} {place}", f"ỦY BAN NHÂN DÂN {level.upper()} {place.upper()}",
                    "UBND", place_name or place, children=children or [])


def commune(code: str, level: str, place: str, place_name: str = "") -> UnitSpec:
    kind = {"xã": UnitKind.COMMUNE, "phường": UnitKind.WARD, "thị trấn": UnitKind.TOWNSHIP}[level]
    return people_committee(code, level, place, kind, place_name=place_name)


def office(code: str, name: str, header: str, abbreviation: str, parent_header: str, place: str,
           kind: str = UnitKind.OFFICE, children=None) -> UnitSpec:
    return UnitSpec(code, kind, name, header, abbreviation, place, parent_header, children=children or [])


AN_GIANG_DISTRICTS = [
    # (code, level, name, [(commune level, commune name), ...])
    ("long-xuyen", "thành phố", "Long Xuyên", [("phường", "Mỹ Bình"), ("phường", "Mỹ Long")]),
    ("chau-doc", "thành phố", "Châu Đốc", [("phường", "Châu Phú A"), ("phường", "Vĩnh Mỹ")]),
    ("tan-chau", "thị xã", "Tân Châu", [("phường", "Long Thạnh"), ("xã", "Tân An")]),
    ("tinh-bien", "thị xã", "Tịnh Biên", [("phường", "Nhà Bàng"), ("xã", "An Cư")]),
    ("an-phu", "huyện", "An Phú", [("thị trấn", "An Phú"), ("xã", "Khánh An")]),
    ("chau-phu", "huyện", "Châu Phú", [("thị trấn", "Cái Dầu"), ("xã", "Bình Mỹ")]),
    ("chau-thanh", "huyện", "Châu Thành", [("thị trấn", "An Châu"), ("xã", "Bình Hòa")]),
    ("cho-moi", "huyện", "Chợ Mới", [("thị trấn", "Chợ Mới"), ("xã", "Kiến An")]),
    ("phu-tan", "huyện", "Phú Tân", [("thị trấn", "Phú Mỹ"), ("xã", "Phú Thọ")]),
    ("thoai-son", "huyện", "Thoại Sơn", [("thị trấn", "Núi Sập"), ("xã", "Vọng Thê")]),
    ("tri-ton", "huyện", "Tri Tôn", [("thị trấn", "Tri Tôn"), ("xã", "Ba Chúc")]),
]


def _slug(text: str) -> str:
    return slugify(fold(text))


def an_giang_district(code: str, level: str, place: str, communes: list[tuple[str, str]]) -> UnitSpec:
    header = f"ỦY BAN NHÂN DÂN {level.upper()} {place.upper()}"
    children = [
        office(f"an-giang-{code}-bchqs", f"Ban Chỉ huy Quân sự {level} {place}",
               f"BAN CHỈ HUY QUÂN SỰ {level.upper()} {place.upper()}", "BCHQS",
               "BỘ CHỈ HUY QUÂN SỰ TỈNH AN GIANG", place, kind=UnitKind.MILITARY),
    ] + [commune(f"an-giang-{code}-{_slug(c_level)}-{_slug(c_name)}", c_level, c_name, place_name=place)
         for c_level, c_name in communes]
    return UnitSpec(f"an-giang-{code}", UnitKind.DISTRICT, f"Ủy ban nhân dân {level} {place}", header, "UBND", place,
                    children=children)


AN_GIANG_UBND = "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
QUANG_NGAI_UBND = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"
DONG_THAP_UBND = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"

TREE: list[UnitSpec] = [
    people_committee("an-giang", "tỉnh", "An Giang", UnitKind.PROVINCE, children=[
        office("an-giang-vpubnd", "Văn phòng Ủy ban nhân dân tỉnh An Giang", "VĂN PHÒNG", "VPUBND",
               AN_GIANG_UBND, "An Giang", kind=UnitKind.DEPARTMENT),
        office("an-giang-bchqs", "Bộ Chỉ huy Quân sự tỉnh An Giang", "BỘ CHỈ HUY QUÂN SỰ TỈNH AN GIANG", "BCH",
               "QUÂN KHU 9", "An Giang", kind=UnitKind.MILITARY, children=[
                   office("an-giang-bchqs-pct", "Phòng Chính trị, Bộ Chỉ huy Quân sự tỉnh An Giang",
                          "PHÒNG CHÍNH TRỊ", "PCT", "BỘ CHỈ HUY QUÂN SỰ TỈNH AN GIANG", "An Giang", children=[
                              office("an-giang-bchqs-pct-bth", "Ban Tuyên huấn, Phòng Chính trị", "BAN TUYÊN HUẤN",
                                     "BTH", "PHÒNG CHÍNH TRỊ", "An Giang"),
                          ]),
               ]),
        office("an-giang-snv", "Sở Nội vụ tỉnh An Giang", "SỞ NỘI VỤ", "SNV", AN_GIANG_UBND, "An Giang",
               kind=UnitKind.DEPARTMENT),
        office("an-giang-stc", "Sở Tài chính tỉnh An Giang", "SỞ TÀI CHÍNH", "STC", AN_GIANG_UBND, "An Giang",
               kind=UnitKind.DEPARTMENT),
        office("an-giang-sgddt", "Sở Giáo dục và Đào tạo tỉnh An Giang", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT",
               AN_GIANG_UBND, "An Giang", kind=UnitKind.DEPARTMENT),
        office("an-giang-ca", "Công an tỉnh An Giang", "CÔNG AN TỈNH AN GIANG", "CAT", "BỘ CÔNG AN", "An Giang",
               kind=UnitKind.POLICE),
        office("an-giang-tinh-doan", "Tỉnh Đoàn An Giang", "BAN CHẤP HÀNH ĐOÀN\nTỈNH AN GIANG", "TĐTN",
               "ĐOÀN TNCS HỒ CHÍ MINH", "An Giang", kind=UnitKind.MASS_ORGANISATION),
        office("an-giang-hlhpn", "Hội Liên hiệp Phụ nữ tỉnh An Giang", "HỘI LIÊN HIỆP PHỤ NỮ\nTỈNH AN GIANG",
               "HLHPN", "", "An Giang", kind=UnitKind.MASS_ORGANISATION),
        office("an-giang-cdn", "Trường Cao đẳng nghề An Giang", "TRƯỜNG CAO ĐẲNG NGHỀ\nAN GIANG", "CĐN",
               AN_GIANG_UBND, "An Giang", kind=UnitKind.SCHOOL, children=[
                   office("an-giang-cdn-tchc", "Phòng Tổ chức - Hành chính", "PHÒNG TỔ CHỨC - HÀNH CHÍNH", "TCHC",
                          "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG", "An Giang"),
                   office("an-giang-cdn-dt", "Phòng Đào tạo", "PHÒNG ĐÀO TẠO", "PĐT",
                          "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG", "An Giang"),
                   office("an-giang-cdn-bchqs", "Ban Chỉ huy quân sự cơ quan Trường Cao đẳng nghề An Giang",
                          "BAN CHỈ HUY QUÂN SỰ", "BCHQS", "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG", "An Giang",
                          kind=UnitKind.MILITARY),
                   office("an-giang-cdn-cd", "Công đoàn cơ sở Trường Cao đẳng nghề An Giang", "CÔNG ĐOÀN CƠ SỞ",
                          "CĐCS", "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG", "An Giang", kind=UnitKind.MASS_ORGANISATION),
                   office("an-giang-cdn-doan", "Đoàn Thanh niên Trường Cao đẳng nghề An Giang", "ĐOÀN TRƯỜNG",
                          "ĐTN", "TRƯỜNG CAO ĐẲNG NGHỀ AN GIANG", "An Giang", kind=UnitKind.MASS_ORGANISATION),
               ]),
        *[an_giang_district(*district) for district in AN_GIANG_DISTRICTS],
    ]),
    people_committee("quang-ngai", "tỉnh", "Quảng Ngãi", UnitKind.PROVINCE, children=[
        office("quang-ngai-bchqs", "Bộ Chỉ huy Quân sự tỉnh Quảng Ngãi", "BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG NGÃI",
               "BCH", "QUÂN KHU 5", "Quảng Ngãi", kind=UnitKind.MILITARY),
        office("quang-ngai-snv", "Sở Nội vụ tỉnh Quảng Ngãi", "SỞ NỘI VỤ", "SNV", QUANG_NGAI_UBND, "Quảng Ngãi",
               kind=UnitKind.DEPARTMENT),
        people_committee("ba-to", "huyện", "Ba Tơ", UnitKind.DISTRICT, children=[
            office("ba-to-bchqs", "Ban Chỉ huy Quân sự huyện Ba Tơ", "BAN CHỈ HUY QUÂN SỰ HUYỆN BA TƠ", "QS",
                   "BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG NGÃI", "Ba Tơ", kind=UnitKind.MILITARY),
            office("ba-to-pnv", "Phòng Nội vụ huyện Ba Tơ", "PHÒNG NỘI VỤ", "NV", "ỦY BAN NHÂN DÂN HUYỆN BA TƠ",
                   "Ba Tơ"),
            office("ba-to-ttvh", "Trung tâm Truyền thông - Văn hóa - Thể thao huyện Ba Tơ",
                   "TRUNG TÂM TRUYỀN THÔNG - VĂN HÓA - THỂ THAO", "TTVH", "ỦY BAN NHÂN DÂN HUYỆN BA TƠ", "Ba Tơ"),
            commune("ba-to-tt-ba-to", "thị trấn", "Ba Tơ"),
            commune("ba-to-ba-dong", "xã", "Ba Động", place_name="Ba Tơ"),
            commune("ba-to-ba-thanh", "xã", "Ba Thành", place_name="Ba Tơ"),
        ]),
    ]),
    people_committee("dong-thap", "tỉnh", "Đồng Tháp", UnitKind.PROVINCE, children=[
        office("dong-thap-ca", "Công an tỉnh Đồng Tháp", "CÔNG AN TỈNH ĐỒNG THÁP", "CAT", "BỘ CÔNG AN", "Đồng Tháp",
               kind=UnitKind.POLICE),
        office("dong-thap-snv", "Sở Nội vụ tỉnh Đồng Tháp", "SỞ NỘI VỤ", "SNV", DONG_THAP_UBND, "Đồng Tháp",
               kind=UnitKind.DEPARTMENT),
        office("dong-thap-svhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp",
               "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SVHTTDL", DONG_THAP_UBND, "Đồng Tháp", kind=UnitKind.DEPARTMENT),
        office("dong-thap-mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Tháp",
               "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH ĐỒNG THÁP", "MTTQ", "", "Đồng Tháp",
               kind=UnitKind.MASS_ORGANISATION),
        commune("dong-thap-p-cao-lanh", "phường", "Cao Lãnh"),
        commune("dong-thap-p-sa-dec", "phường", "Sa Đéc"),
        commune("dong-thap-p-my-tho", "phường", "Mỹ Tho"),
        commune("dong-thap-x-thap-muoi", "xã", "Tháp Mười"),
        commune("dong-thap-x-thanh-binh", "xã", "Thanh Bình"),
    ]),
]

BLOCS = [
    # (organiser code, name, kind, member codes or a callable picking members)
    ("an-giang", "Khối các huyện, thị xã, thành phố", BlocKind.BLOC,
     [f"an-giang-{code}" for code, *_ in AN_GIANG_DISTRICTS]),
    ("an-giang", "Khối các sở, ban, ngành, đoàn thể tỉnh", BlocKind.BLOC,
     ["an-giang-vpubnd", "an-giang-snv", "an-giang-stc", "an-giang-sgddt", "an-giang-tinh-doan", "an-giang-hlhpn"]),
    ("an-giang", "Khối lực lượng vũ trang tỉnh", BlocKind.BLOC, ["an-giang-bchqs", "an-giang-ca"]),
    ("dong-thap", "Khối các sở, ban, ngành tỉnh", BlocKind.BLOC,
     ["dong-thap-snv", "dong-thap-svhttdl", "dong-thap-ca"]),
    ("dong-thap", "Cụm thi đua các xã, phường", BlocKind.CLUSTER,
     ["dong-thap-p-cao-lanh", "dong-thap-p-sa-dec", "dong-thap-p-my-tho", "dong-thap-x-thap-muoi",
      "dong-thap-x-thanh-binh"]),
]

# (username, full name, position, unit code, roles)
PEOPLE = [
    ("quantri", "Trần Minh Quân", "Chuyên viên Sở Nội vụ, quản trị hệ thống", "an-giang", [Role.ADMINISTRATOR]),
    # No national body in the demo tree: the role reaches every province wherever it is held.
    ("quantri.toanquoc", "Phạm Quốc Việt", "Chuyên viên Vụ Thi đua - Khen thưởng, quản trị hệ thống toàn quốc",
     "an-giang", [Role.NATIONAL_ADMINISTRATOR]),
    ("soanthao", "Nguyễn Thị Lan", "Chuyên viên Văn phòng UBND tỉnh", "an-giang", [Role.DRAFTER]),
    ("chutich", "Hồ Văn Mừng", "Chủ tịch UBND tỉnh An Giang, Chủ tịch Hội đồng Thi đua – Khen thưởng tỉnh",
     "an-giang", [Role.SIGNER, Role.COUNCIL_MEMBER]),
    ("canbo.longxuyen", "Lê Văn Tâm", "Cán bộ thi đua UBND thành phố Long Xuyên", "an-giang-long-xuyen",
     [Role.UNIT_OFFICER]),
    ("thamdinh", "Đặng Quốc Huy", "Trợ lý Ban Tuyên huấn, Phòng Chính trị", "an-giang-bchqs-pct", [Role.REVIEWER]),
    ("hoidong", "Võ Thị Hạnh", "Ủy viên Hội đồng Thi đua – Khen thưởng tỉnh", "an-giang", [Role.COUNCIL_MEMBER]),
    ("canbo.chaudoc", "Phan Thị Thu", "Cán bộ thi đua UBND thành phố Châu Đốc", "an-giang-chau-doc",
     [Role.UNIT_OFFICER]),
    ("canbo.tanchau", "Nguyễn Văn Lộc", "Cán bộ thi đua UBND thị xã Tân Châu", "an-giang-tan-chau",
     [Role.UNIT_OFFICER]),
    ("canbo.anphu", "Trần Thị Yến", "Cán bộ thi đua UBND huyện An Phú", "an-giang-an-phu", [Role.UNIT_OFFICER]),
    ("canbo.caolanh", "Võ Văn Khánh", "Công chức Văn phòng UBND phường Cao Lãnh", "dong-thap-p-cao-lanh",
     [Role.UNIT_OFFICER]),
    ("thamdinh.congan", "Lâm Hoàng Phúc", "Cán bộ Phòng Tham mưu, Công an tỉnh Đồng Tháp", "dong-thap-ca",
     [Role.REVIEWER]),
    ("canbo.mybinh", "Huỳnh Văn Phúc", "Công chức Văn phòng - Thống kê phường Mỹ Bình",
     "an-giang-long-xuyen-phuong-my-binh", [Role.UNIT_OFFICER]),
    ("soanthao.bato", "Đinh Văn Sáu", "Chuyên viên Văn phòng HĐND và UBND huyện Ba Tơ", "ba-to", [Role.DRAFTER]),
    ("chutich.bato", "Phạm Giang Nam", "Chủ tịch UBND huyện Ba Tơ", "ba-to", [Role.SIGNER]),
    ("hieutruong", "Nguyễn Thanh Hải", "Hiệu trưởng Trường Cao đẳng nghề An Giang", "an-giang-cdn", [Role.SIGNER]),
    ("soanthao.cdn", "Trương Thị Mai", "Chuyên viên Phòng Tổ chức - Hành chính", "an-giang-cdn", [Role.DRAFTER]),
    ("chutich.dongthap", "Phạm Thành Ngại", "Chủ tịch UBND tỉnh Đồng Tháp", "dong-thap", [Role.SIGNER]),
    ("soanthao.dongthap", "Lý Thị Ngọc", "Chuyên viên Văn phòng UBND tỉnh Đồng Tháp", "dong-thap", [Role.DRAFTER]),
    ("quantri.dongthap", "Nguyễn Hữu Trí", "Chuyên viên Sở Nội vụ tỉnh Đồng Tháp", "dong-thap", [Role.ADMINISTRATOR]),
    ("vanthu", "Lê Thị Văn", "Văn thư Văn phòng UBND tỉnh An Giang", "an-giang", [Role.CLERK]),
    ("vanthu.bato", "Nguyễn Thị Thư", "Văn thư Văn phòng HĐND và UBND huyện Ba Tơ", "ba-to", [Role.CLERK]),
    ("vanthu.cdn", "Đoàn Thị Lưu", "Văn thư Trường Cao đẳng nghề An Giang", "an-giang-cdn", [Role.CLERK]),
    ("vanthu.dongthap", "Trần Thị Sổ", "Văn thư Văn phòng UBND tỉnh Đồng Tháp", "dong-thap", [Role.CLERK]),
]


def _sync_unit(spec: UnitSpec, parent: Unit | None) -> Unit:
    fields = {
        "kind": spec.kind, "name": spec.name, "header_name": spec.header_name,
        "parent_header_name": spec.parent_header_name, "abbreviation": spec.abbreviation,
        "place_name": spec.place_name,
    }
    unit = Unit.objects.filter(code=spec.code).first()
    if unit is None:
        unit = services.unit_create(actor=None, parent=parent, code=spec.code, **fields)
    else:
        unit = services.unit_update(actor=None, unit=unit, parent=parent, **fields)
    for child in spec.children:
        _sync_unit(child, unit)
    return unit


@transaction.atomic
def load_units_and_people() -> list[tuple[str, str, str, str]]:
    """Returns (username, password, full name, roles) for printing."""
    for root in TREE:
        _sync_unit(root, None)
    units = {unit.code: unit for unit in Unit.objects.all()}
    for organiser, name, kind, members in BLOCS:
        bloc = EmulationBloc.objects.filter(organiser=units[organiser], name=name).first()
        services.bloc_save(actor=None, bloc=bloc, organiser=units[organiser], name=name, kind=kind,
                           members=[units[code] for code in members])
    printed = []
    for username, full_name, position, unit_code, roles in PEOPLE:
        person = User.objects.filter(username=username).first()
        if person is None:
            person = services.person_create(
                actor=None, username=username, full_name=full_name, position=position,
                email=f"{username}@thidua.local", password=DEMO_PASSWORD, unit=units[unit_code], roles=roles,
            )
        else:
            person.set_password(DEMO_PASSWORD)
            person.save(update_fields=["password"])
            for role in roles:
                services.role_assign(actor=None, user=person, unit=units[unit_code], role=role)
        labels = ", ".join(str(Role(role).label) for role in roles)
        printed.append((username, DEMO_PASSWORD, full_name, f"{labels} — {units[unit_code].name}"))
    return printed

