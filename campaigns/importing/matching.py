"""The names an imported plan prints, matched to rows: units in the issuer's
province, award types in the catalogue, documents it cites in the register of
outside documents or among the plans issued here.

A match is *sure* only when the rules leave exactly one answer; otherwise the
review screen offers the candidates as choices and the officer decides."""

import re
from dataclasses import dataclass, field

from campaigns.importing.names import levels_named, name_key, successor_key
from campaigns.models import OutsideDocument, Plan, PlanState, Quota, outside_document_identity
from emulation.models import Unit
from emulation.text import fold

CANDIDATES_SHOWN = 8
NOT_LINKED = "none"  # the officer's choice for a name that is no unit (kept as printed) or no award (left out)
# The award catalogue, through the quota's key to it (campaigns does not import awards).
AwardType = Quota._meta.get_field("award_type").related_model


@dataclass
class UnitMatch:
    name: str
    units: list[int] = field(default_factory=list)  # the chosen units: one, or a whole level
    sure: bool = False
    candidates: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class AwardMatch:
    name: str
    award: int | None = None
    sure: bool = False


@dataclass
class CitationMatch:
    """A cited document: an outside document or a plan issued here, or none yet (a new entry is proposed)."""

    outside_document: int | None = None
    plan: int | None = None
    label: str = ""


def _province_units(issuer: Unit) -> list[Unit]:
    root_path = issuer.path.split("/", 1)[0] + "/"
    return list(Unit.objects.filter(path__startswith=root_path, archived_at__isnull=True)
                .only("id", "name", "header_name", "kind", "path", "depth", "place_name", "parent_id")
                .order_by("path"))


def _named(key: str, keys: dict[int, set[str]], units: dict[int, Unit], issuer: Unit, places: set[str]) -> list[int]:
    """The units whose name (or printed header name) is ``key``; else is ``key`` and then the place
    (“Bộ CHQS tỉnh” → “… tỉnh An Giang”); else, within the issuer, begins with ``key``."""
    for rule in (
        lambda unit_key: unit_key == key,
        lambda unit_key: unit_key.startswith(key + " ") and unit_key.removeprefix(key + " ") in places,
    ):
        found = [pk for pk, unit_keys in keys.items() if any(rule(unit_key) for unit_key in unit_keys)]
        if found:
            return found
    return [pk for pk, unit_keys in keys.items() if units[pk].path.startswith(issuer.path)
            and any(unit_key.startswith(key + " ") for unit_key in unit_keys)]


def unit_matches(names: list[str], issuer: Unit) -> dict[str, UnitMatch]:
    """Each printed name → the unit(s) it names within the issuer's province."""
    units = {unit.pk: unit for unit in _province_units(issuer)}
    keys = {pk: {name_key(unit.name), name_key(unit.header_name)} - {""} for pk, unit in units.items()}
    places = {fold(unit.place_name) for unit in units.values() if issuer.path.startswith(unit.path)} - {""}
    matches = {}
    for name in dict.fromkeys(names):
        key = name_key(name)
        kinds = levels_named(name)
        if kinds:
            below = [unit for unit in units.values() if unit.kind in kinds and unit.path.startswith(issuer.path)
                     and unit.pk != issuer.pk]
            nearest = min((unit.depth for unit in below), default=None)
            chosen = [unit.pk for unit in below if unit.depth == nearest]
            matches[name] = UnitMatch(name, chosen, sure=bool(chosen))
            continue
        found = _named(key, keys, units, issuer, places) or _named(successor_key(key), keys, units, issuer, places)
        words = set(key.split())
        scored = sorted(((max(len(words & set(unit_key.split())) / len(words | set(unit_key.split()))
                              for unit_key in unit_keys), pk) for pk, unit_keys in keys.items()), reverse=True)
        candidates = [(pk, units[pk].name) for score, pk in scored[:CANDIDATES_SHOWN] if score >= 0.3]
        matches[name] = UnitMatch(name, found if len(found) == 1 else [], sure=len(found) == 1,
                                  candidates=candidates)
    return matches


def award_matches(names: list[str]) -> dict[str, AwardMatch]:
    catalogue = {name_key(award.name): award.pk for award in AwardType.objects.only("id", "name")}
    return {name: AwardMatch(name, catalogue.get(name_key(name)), sure=name_key(name) in catalogue)
            for name in dict.fromkeys(names)}


def award_names(ids: list[int | None]) -> dict[int, str]:
    return dict(AwardType.objects.filter(pk__in=[pk for pk in ids if pk]).values_list("pk", "name"))


def award_choices() -> list[tuple[int, str]]:
    return list(AwardType.objects.order_by("name").values_list("id", "name"))


NUMBER_SYMBOL = re.compile(r"^(?P<number>\d+)/(?P<symbol>[A-ZĐ][A-ZĐ0-9\-.&]*)$")


def citation_match(citation: dict | None) -> CitationMatch | None:
    """The document a basis cites by number (or a law by name), where the system knows it."""
    if not citation:
        return None
    year = int(str(citation["issued_on"])[:4]) if citation.get("issued_on") else None
    if year is None:
        return None
    identity = outside_document_identity(citation.get("doc_type", ""), citation.get("number_symbol", ""),
                                         citation.get("issuer_name", ""), year, citation.get("subject", ""))
    document = OutsideDocument.objects.filter(identity=identity).first()
    if document is None and citation.get("number_symbol"):
        same_number = OutsideDocument.objects.filter(number_symbol__iexact=citation["number_symbol"],
                                                     issued_on__year=year)
        document = same_number.first() if same_number.count() == 1 else None
    if document is not None:
        return CitationMatch(outside_document=document.pk, label=document.short_name)
    number = NUMBER_SYMBOL.match(citation.get("number_symbol", "").strip())
    if number:
        plans = Plan.objects.filter(state=PlanState.ISSUED, number=int(number["number"]),
                                    symbol__iexact=number["symbol"], issued_on__year=year)
        plan = plans.first() if plans.count() == 1 else None
        if plan is not None:
            return CitationMatch(plan=plan.pk, label=f"Kế hoạch số {plan.number}/{plan.symbol}")
    return CitationMatch()
