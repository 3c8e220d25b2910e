"""The country's administrative units after the 2025 reform (34 provinces and
3,321 communes, wards and special zones), read from the ``vietnam-provinces``
package and named the way the demo names its people's committees."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward

from emulation.models import UnitKind
from emulation.vn import header_text

SOURCE = f"vietnam-provinces {vietnam_provinces.__version__} (data of {vietnam_provinces.__data_version__})"

# How the package's division type is written inside a name ("Thành phố Huế",
# "Đặc khu Phú Quốc") and the unit kind it is.
LEVELS: dict[VietNamDivisionType, tuple[str, str]] = {
    VietNamDivisionType.TINH: ("tỉnh", UnitKind.PROVINCE),
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: ("thành phố", UnitKind.PROVINCE),
    VietNamDivisionType.XA: ("xã", UnitKind.COMMUNE),
    VietNamDivisionType.PHUONG: ("phường", UnitKind.WARD),
    VietNamDivisionType.DAC_KHU: ("đặc khu", UnitKind.SPECIAL_ZONE),
}

ABBREVIATION = "UBND"

# The date line names the city, not the man: "Thành phố Hồ Chí Minh, ngày …".
PLACE_NAMES = {"Hồ Chí Minh": "Thành phố Hồ Chí Minh"}


@dataclass(frozen=True)
class OfficialUnit:
    """One people's committee as the unit tree holds it. ``province_code`` is
    empty for a province, its province's official code for a commune."""

    official_code: str
    kind: str
    name: str
    header_name: str
    place_name: str
    code: str
    province_code: str = ""


def province_code_text(code: int) -> str:
    """Province codes are two digits ("01" Hà Nội), communes five ("00004")."""
    return f"{code:02d}"


def commune_code_text(code: int) -> str:
    return f"{code:05d}"


def _people_committee(division: Province | Ward) -> tuple[str, str, str, str]:
    """(kind, name, header_name, place_name) of the division's Ủy ban nhân dân:
    "Xã Ba Chúc" → "Ủy ban nhân dân xã Ba Chúc", "ỦY BAN NHÂN DÂN\nXÃ BA CHÚC", "Ba Chúc"."""
    level, kind = LEVELS[division.division_type]
    if not division.name.lower().startswith(f"{level} "):
        raise ValueError(f"{division.name!r} does not start with its division type {level!r}")
    place = division.name[len(level) + 1:].strip()
    # "Phường 2 Bảo Lộc" is no place called "2 Bảo Lộc": a numbered name keeps its division.
    place_name = division.name if place[:1].isdigit() else PLACE_NAMES.get(place, place)
    return (kind, f"Ủy ban nhân dân {level} {place}", header_text(f"ỦY BAN NHÂN DÂN {level.upper()} {place.upper()}"),
            place_name)


def _slug(codename: str) -> str:
    return codename.replace("_", "-")


def official_units(province_codes: Iterable[str] | None = None) -> list[OfficialUnit]:
    """Every province (or those of ``province_codes``) followed by its communes,
    in the package's order."""
    wanted = None if province_codes is None else {province_code_text(int(code)) for code in province_codes}
    provinces = [province for province in Province.iter_all()
                 if wanted is None or province_code_text(province.code.value) in wanted]
    if wanted is not None and len(provinces) != len(wanted):
        known = {province_code_text(province.code.value) for province in provinces}
        raise ValueError(f"Unknown province code(s): {', '.join(sorted(wanted - known))}")
    units: list[OfficialUnit] = []
    chosen = {province.code for province in provinces}
    wards_by_province: dict = {}
    for ward in Ward.iter_all():
        if ward.province_code in chosen:
            wards_by_province.setdefault(ward.province_code, []).append(ward)
    for province in provinces:
        kind, name, header, place = _people_committee(province)
        province_code = province_code_text(province.code.value)
        province_slug = _slug(province.codename)
        units.append(OfficialUnit(province_code, kind, name, header, place, province_slug))
        wards = wards_by_province.get(province.code, [])
        # "Xã Ba Tơ" and "Xã Ba Tô" share a codename: such slugs take the official code.
        repeated = Counter(ward.codename for ward in wards)
        for ward in wards:
            kind, name, header, place = _people_committee(ward)
            code = commune_code_text(ward.code.value)
            slug = f"{province_slug}-{_slug(ward.codename)}"
            if repeated[ward.codename] > 1:
                slug = f"{slug}-{code}"
            units.append(OfficialUnit(code, kind, name, header, place, slug, province_code))
    return units
