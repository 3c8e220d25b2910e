"""manage.py load_units: the country's provinces and communes from the
vietnam-provinces package, loaded once, matched with the units already there,
never deleted."""

import dataclasses
import datetime
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.units import load_units_and_people
from emulation import services
from emulation.models import AuditEntry, DocumentType, RegisterEntry, Unit, UnitKind
from emulation.official_units import SOURCE, OfficialUnit, official_units
from tests.factories import UnitFactory, UserFactory

COMMUNE_LEVEL = [UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE]


def load(*provinces: str) -> str:
    out = StringIO()
    call_command("load_units", *[f"--province={code}" for code in provinces], stdout=out)
    return out.getvalue()


def assert_paths_right(units):
    for unit in units:
        parent = unit.parent
        if parent is None:
            assert (unit.path, unit.depth) == (f"{unit.pk:08d}/", 0)
        else:
            assert (unit.path, unit.depth) == (f"{parent.path}{unit.pk:08d}/", parent.depth + 1)


def test_a_commune_is_named_as_the_demo_names_its_communes():
    units = official_units(["91"])
    assert len(units) == 103
    assert units[0] == OfficialUnit(
        official_code="91", kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh An Giang",
        header_name="ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", place_name="An Giang", code="an-giang")
    ba_chuc = next(unit for unit in units if unit.official_code == "30547")
    assert ba_chuc == OfficialUnit(
        official_code="30547", kind=UnitKind.COMMUNE, name="Ủy ban nhân dân xã Ba Chúc",
        header_name="ỦY BAN NHÂN DÂN\nXÃ BA CHÚC", place_name="Ba Chúc", code="an-giang-xa-ba-chuc",
        province_code="91")
    phu_quoc = next(unit for unit in units if unit.name == "Ủy ban nhân dân đặc khu Phú Quốc")
    assert (phu_quoc.kind, phu_quoc.header_name) == (UnitKind.SPECIAL_ZONE, "ỦY BAN NHÂN DÂN\nĐẶC KHU PHÚ QUỐC")


def test_centrally_run_cities_and_numbered_wards_get_a_readable_place_name():
    ho_chi_minh = official_units(["79"])[0]
    assert (ho_chi_minh.name, ho_chi_minh.header_name, ho_chi_minh.place_name) == (
        "Ủy ban nhân dân thành phố Hồ Chí Minh", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh")
    numbered = next(unit for unit in official_units(["68"]) if unit.name == "Ủy ban nhân dân phường 2 Bảo Lộc")
    assert numbered.place_name == "Phường 2 Bảo Lộc"


def test_names_sharing_a_codename_get_distinct_codes():
    # "Xã Ba Tơ" and "Xã Ba Tô" are both xa_ba_to in the package.
    codes = {unit.name: unit.code for unit in official_units(["51"]) if unit.name.endswith(("Ba Tơ", "Ba Tô"))}
    assert codes == {"Ủy ban nhân dân xã Ba Tơ": "quang-ngai-xa-ba-to-21484",
                     "Ủy ban nhân dân xã Ba Tô": "quang-ngai-xa-ba-to-21523"}


def test_an_unknown_province_code_is_refused(db):
    with pytest.raises(CommandError, match="Unknown province code"):
        load("99")
    assert Unit.objects.count() == 0


def test_load_creates_the_province_and_its_communes_with_paths_and_history(db):
    output = load("82")
    province = Unit.objects.get(official_code="82")
    assert (province.code, province.kind, province.name, province.header_name, province.parent_header_name,
            province.abbreviation, province.place_name, province.parent) == (
        "dong-thap", UnitKind.PROVINCE, "Ủy ban nhân dân tỉnh Đồng Tháp", "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP", "",
        "UBND", "Đồng Tháp", None)
    communes = Unit.objects.filter(parent=province)
    assert communes.count() == 102
    assert set(communes.values_list("kind", flat=True)) == {UnitKind.COMMUNE, UnitKind.WARD}
    cao_lanh = communes.get(name="Ủy ban nhân dân phường Cao Lãnh")
    assert (cao_lanh.code, cao_lanh.header_name, cao_lanh.parent_header_name, cao_lanh.place_name) == (
        "dong-thap-phuong-cao-lanh", "ỦY BAN NHÂN DÂN\nPHƯỜNG CAO LÃNH", "", "Cao Lãnh")
    assert cao_lanh.search_key == "uy ban nhan dan phuong cao lanh ubnd dong-thap-phuong-cao-lanh"
    assert_paths_right(Unit.objects.select_related("parent"))
    assert AuditEntry.objects.filter(action="unit.create").count() == 103
    assert AuditEntry.objects.get(action="unit.create", object_id=cao_lanh.pk).changes == {
        "tên đầy đủ": "Ủy ban nhân dân phường Cao Lãnh"}
    assert output.splitlines() == [
        f"Source: {SOURCE}.",
        "Created 103 units (1 province, 82 communes, 20 wards).",
        "Updated 0 units.",
        "Unchanged 0 units.",
        "Left alone (never deleted) 0 units.",
    ]


def test_a_second_run_changes_nothing(db):
    load("82", "91")
    before = list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "header_name", "updated_at"))
    audit_count = AuditEntry.objects.count()
    output = load("82", "91")
    assert list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "header_name", "updated_at")) == before
    assert AuditEntry.objects.count() == audit_count
    assert output.splitlines()[1:] == [
        "Created 0 units.", "Updated 0 units.", "Unchanged 206 units.", "Left alone (never deleted) 0 units."]


def test_the_demo_units_are_matched_not_duplicated(db):
    load_units_and_people()
    demo_dong_thap = Unit.objects.get(code="dong-thap")
    demo_cao_lanh = Unit.objects.get(code="dong-thap-p-cao-lanh")
    demo_count = Unit.objects.count()
    output = load("82", "91", "51")
    dong_thap = Unit.objects.get(official_code="82")
    assert dong_thap.pk == demo_dong_thap.pk
    assert Unit.objects.get(official_code="91").code == "an-giang"
    assert Unit.objects.get(official_code="51").code == "quang-ngai"
    cao_lanh = Unit.objects.get(name="Ủy ban nhân dân phường Cao Lãnh")
    assert (cao_lanh.pk, cao_lanh.code) == (demo_cao_lanh.pk, "dong-thap-p-cao-lanh")
    assert cao_lanh.official_code is not None
    # Five demo communes of Đồng Tháp found by kind and name; the demo's districts and their
    # pre-reform communes stay where they are, untouched.
    assert Unit.objects.filter(parent=dong_thap, kind__in=COMMUNE_LEVEL).count() == 102
    assert Unit.objects.count() == demo_count + (102 - 5) + 102 + 96
    assert Unit.objects.filter(code="an-giang-tri-ton-xa-ba-chuc", official_code__isnull=True).exists()
    assert_paths_right(Unit.objects.select_related("parent"))
    lines = output.splitlines()
    assert lines[1] == "Created 295 units (251 communes, 40 wards, 4 special zones)."
    assert lines[2] == "Updated 8 units:"
    assert "  ~ Ủy ban nhân dân tỉnh Đồng Tháp (dong-thap): mã đơn vị hành chính: — → 82" in lines
    assert f"  ~ Ủy ban nhân dân phường Cao Lãnh (dong-thap-p-cao-lanh): mã đơn vị hành chính: — → " \
           f"{cao_lanh.official_code}" in lines
    assert AuditEntry.objects.get(action="unit.update", object_id=dong_thap.pk).changes == {
        "mã đơn vị hành chính": ["", "82"]}


def test_a_rename_in_the_data_updates_the_name_and_header_lines(db):
    units = official_units(["82"])
    old = [dataclasses.replace(unit, name="Ủy ban nhân dân xã Tên Cũ", header_name="ỦY BAN NHÂN DÂN\nXÃ TÊN CŨ",
                               place_name="Tên Cũ") if unit.name == "Ủy ban nhân dân xã Tháp Mười" else unit
           for unit in units]
    services.official_units_load(units=old, complete=False)
    renamed = Unit.objects.get(name="Ủy ban nhân dân xã Tên Cũ")
    result = services.official_units_load(units=units, complete=False)
    assert [(unit.pk, changes) for unit, changes in result.updated] == [(renamed.pk, {
        "tên đầy đủ": ["Ủy ban nhân dân xã Tên Cũ", "Ủy ban nhân dân xã Tháp Mười"],
        "tên in ở tiêu đề văn bản": ["ỦY BAN NHÂN DÂN\nXÃ TÊN CŨ", "ỦY BAN NHÂN DÂN\nXÃ THÁP MƯỜI"],
        "địa danh ghi ngày tháng": ["Tên Cũ", "Tháp Mười"],
    })]
    renamed.refresh_from_db()
    assert (renamed.name, renamed.header_name, renamed.place_name, renamed.search_key) == (
        "Ủy ban nhân dân xã Tháp Mười", "ỦY BAN NHÂN DÂN\nXÃ THÁP MƯỜI", "Tháp Mười",
        f"uy ban nhan dan xa thap muoi ubnd {renamed.code}")
    assert (result.created, result.unchanged) == ([], 102)
    assert AuditEntry.objects.filter(action="unit.update", object_id=renamed.pk).count() == 1


def test_units_the_data_no_longer_lists_or_that_are_archived_are_left_alone(db):
    load("82")
    province = Unit.objects.get(official_code="82")
    gone = UnitFactory(parent=province, name="Ủy ban nhân dân xã Đã Nhập", official_code="99999")
    # History points at it: a register entry of a document it issued.
    RegisterEntry.objects.create(issuer=gone, year=2025, number=7, doc_type=DocumentType.PLAN, symbol="KH-UBND",
                                 issued_on=datetime.date(2025, 3, 1), subject="Kế hoạch thi đua năm 2025",
                                 signer_name="Nguyễn Văn A")
    archived = Unit.objects.get(name="Ủy ban nhân dân xã Tháp Mười")
    services.unit_archive(actor=UserFactory(is_superuser=True), unit=archived, reason="Sáp nhập vào xã Mỹ Quí.")
    output = load("82")
    assert Unit.objects.filter(pk=gone.pk, archived_at__isnull=True).exists()
    assert RegisterEntry.objects.filter(issuer=gone).count() == 1
    assert Unit.objects.get(pk=archived.pk).archive_reason == "Sáp nhập vào xã Mỹ Quí."
    assert output.splitlines()[1:] == [
        "Created 0 units.", "Updated 0 units.", "Unchanged 102 units.", "Left alone (never deleted) 2 units:",
        f"  = {archived.official_code} Ủy ban nhân dân xã Tháp Mười: archived (Sáp nhập vào xã Mỹ Quí.)",
        f"  = 99999 Ủy ban nhân dân xã Đã Nhập: no longer in {SOURCE}",
    ]


def test_the_load_runs_the_same_queries_for_one_province_as_for_three(db):
    with CaptureQueriesContext(connection) as one:
        load("82")
    with CaptureQueriesContext(connection) as three:
        load("91", "51", "01")
    assert Unit.objects.count() == 103 + 103 + 97 + 127
    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_whole_country(db):
    started = time.monotonic()
    output = load()
    elapsed = time.monotonic() - started
    assert Unit.objects.filter(kind=UnitKind.PROVINCE, parent=None, official_code__isnull=False).count() == 34
    communes = Unit.objects.filter(kind__in=COMMUNE_LEVEL, depth=1, official_code__isnull=False)
    assert communes.count() == 3321
    assert Unit.objects.filter(kind=UnitKind.SPECIAL_ZONE).count() == 13
    assert output.splitlines()[1] == "Created 3,355 units (34 provinces, 2,621 communes, 687 wards, 13 special zones)."
    ba_chuc = Unit.objects.select_related("parent").get(official_code="30547")
    assert (ba_chuc.parent.official_code, ba_chuc.path) == ("91", f"{ba_chuc.parent.path}{ba_chuc.pk:08d}/")
    # Every commune's path is its province's plus its own segment.
    assert not [unit for unit in communes.select_related("parent")
                if unit.path != f"{unit.parent.path}{unit.pk:08d}/"]
    again = load()
    assert again.splitlines()[1:4] == ["Created 0 units.", "Updated 0 units.", "Unchanged 3,355 units."]
    print(f"\nWhole-country load: {elapsed:.1f} s")
