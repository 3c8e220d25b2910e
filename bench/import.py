#!/usr/bin/env python
"""Benchmark: the plan importer. Reads the four seed plans from their texts
(tests/seeds/*.txt, as copied from the PDFs) and from the Word files the app
exports for them (the round trip), turns each into a PlanSpec
(``campaigns.importing.to_spec.plan_spec``) and compares it with the seed plan
written by hand in demo/seed_plans. Prints, per part, precision and recall
over all documents for each source, the lines left unrecognised and the time
per document; exits 1 when a target is missed.

    .venv/bin/python bench/import.py [--misses]

Targets: ≥ 95 % of parts right on the seed texts (precision and recall over
all parts), 100 % on the round trip, no unrecognised line, < 1 s a document.

How parts are compared: each part is a bag of items (a section is its depth,
heading, body and block; a quota its award, count, recipients, per-parent,
occasion and target group; …); an item is right when the same item is on the
other side. Text is compared with whitespace collapsed, trailing punctuation
dropped and case folded. Units are compared by name: the seed's codes are the
demo units, the importer's printed names are resolved to those units by their
name, header name or name without the place (abbreviations spelled out).
Header fields the seed texts lost in PDF extraction (see demo/seed_plans) are
not asked of the text source.

Runs on a throw-away SQLite database loaded with the demo units and seed plans.
"""

import argparse
import collections
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "tests" / "seeds"
PARTS = ("header", "bases", "sections", "target groups", "criteria", "targets", "period", "quotas", "assignments",
         "deadlines", "recipients", "signature")
# Seed prefix → the seed plan's key; and the header fields each seed text does not have.
SEED_KEYS = {"000": "an-giang-169-2025", "001": "ba-to-2025", "002": "cdn-484-2024", "003": "dong-thap-antq-2025"}
# 002 prints only the body above the college (001 and 003 name their issuer in the preamble).
LOST_IN_EXTRACTION = {"000": {"date"}, "002": {"issuer"}, "003": {"number", "date"}}
TEXT_TARGET, ROUND_TRIP_TARGET, SECONDS_TARGET = 0.95, 1.0, 1.0


def norm(text) -> str:
    from emulation.text import fold  # noqa: PLC0415 — after django.setup() in main()

    if not isinstance(text, str):
        return text
    text = " ".join(text.replace("*", " ").replace("–", "-").split())
    text = re.sub(r"\s+([.,;:)])", r"\1", re.sub(r"\(\s+", "(", text))
    return fold(re.sub(r"^[-–+•]\s*", "", text).rstrip(" .;:,/")).replace("“", '"').replace("”", '"')


class Units:
    """The demo units by code; a printed name resolved to a unit's code by the importer's own
    matcher (``campaigns.importing.matching.unit_matches``), as the review screen resolves it."""

    def __init__(self):
        from emulation.models import Unit  # noqa: PLC0415 — after django.setup() in main()

        self.by_code = {unit.code: unit for unit in Unit.objects.all()}
        self.codes = {unit.pk: unit.code for unit in self.by_code.values()}

    def code(self, printed: str, near: str = "") -> str:
        """The code of the one unit a printed name names, seen from the issuer ``near`` (a code)."""
        from campaigns.importing.matching import unit_matches  # noqa: PLC0415 — after django.setup() in main()

        match = unit_matches([printed], self.by_code[near])[printed]
        return self.codes[match.units[0]] if match.sure and len(match.units) == 1 else f"?{norm(printed)}"


def catalogue_name(printed: str) -> str:
    """The award type a printed award name is matched to, as the review screen matches it."""
    from campaigns.importing.matching import award_matches, award_names  # noqa: PLC0415 — after django.setup()

    match = award_matches([printed])[printed]
    return award_names([match.award]).get(match.award, f"?{printed}")


def flatten(sections, depth=0):
    for section in sections:
        yield depth, section
        yield from flatten(section.children, depth + 1)


def items(spec, units: Units, plans: dict, *, lost: set[str], expected: bool, near: str,
          seed_items: dict | None = None) -> dict[str, list]:
    """The bag of comparable items per part. ``expected`` marks the seed side (unit codes);
    ``seed_items`` are the seed's, given for the importer's side (which leads to compare); printed unit
    names are resolved nearest to ``near``, the seed's issuer."""
    issuer_code = spec.issuer if expected else units.code(spec.issuer, near)

    def unit(value: str) -> str:
        return value if expected else units.code(value, near)

    header = [("title", norm(spec.title))]
    if "issuer" not in lost:
        header.append(("issuer", issuer_code))
    if "number" not in lost:
        header.append(("number", spec.number))
    if "date" not in lost:
        header.append(("date", spec.issued_on or spec.draft_date))
    bases = []
    for basis in spec.legal_bases:
        if isinstance(basis, tuple):
            parent = plans[basis[1]]
            bases.append(("plan", parent.number_symbol))
        elif isinstance(basis, str):
            bases.append(norm(basis))
        elif basis.citation and basis.citation["doc_type"] == "plan":
            bases.append(("plan", basis.citation["number_symbol"]))
        else:
            bases.append(norm(basis.text))
    sections = [(depth, norm(section.heading), norm(section.body), section.block)
                for depth, section in flatten(spec.sections)]
    sections += [(field, norm(getattr(spec, field))) for field in ("preamble", "theme", "motto", "funding", "closing")
                 if getattr(spec, field)]
    criteria = []
    for group in spec.criterion_groups:
        criteria.append(("group", norm(group.title)))
        criteria += [("criterion", norm(group.title), norm(text)) for text in group.criteria]
    period = [("period", spec.period)] if spec.period != ("fixed", None, None) else []
    period += [(field, getattr(spec, field)) for field in ("review_month", "summary_every_years")
               if getattr(spec, field)]
    assignments = []
    for assignment in spec.assignments:
        # A seed lists every unit a collective phrase covers; the importer has the phrase: the lead is compared
        # only when the seed names one unit or marks it the lead.
        lead = unit(assignment.units[0]) if assignment.units and (
            assignment.is_lead or len(assignment.units) == 1) else "*"
        assignments.append((norm(assignment.text), lead))
    # A recipient's unit is compared where the seed's recipient is one unit, as with leads.
    recipients = [(norm(recipient.text), unit(recipient.units[0]) if len(recipient.units) == 1 else "*")
                  for recipient in spec.recipients]
    if seed_items is not None:
        # Compare a unit only where the seed gives one (see above).
        leads, seed_units = dict(seed_items["assignments"]), dict(seed_items["recipients"])
        assignments = [(text, lead if leads.get(text, "*") != "*" else "*") for text, lead in assignments]
        recipients = [(text, code if seed_units.get(text, "*") != "*" else "*") for text, code in recipients]
    return {
        "header": header, "bases": bases, "sections": sections,
        "target groups": [norm(group.name) for group in spec.target_groups],
        "criteria": criteria,
        "targets": [(norm(target.measure), target.comparison, target.value) for target in spec.targets],
        "period": period,
        "quotas": [(quota.award if expected else catalogue_name(quota.award), quota.count,
                    norm(quota.recipient_phrase), quota.per_parent, quota.occasion, quota.target_group)
                   for quota in spec.quotas],
        "assignments": assignments,
        "deadlines": [(deadline.kind, deadline.due_on, deadline.recurrence, unit(deadline.to_unit) if deadline.to_unit
                       else "") for deadline in spec.deadlines],
        "recipients": recipients,
        "signature": [("signature", tuple(norm(value) for value in spec.signature)),
                      ("signer", spec.signer_name), ("archive", norm(spec.archive_note))],
    }


def compare(expected: list, got: list) -> tuple[int, list, list]:
    """Items right, items missed (expected, not got), items extra (got, not expected)."""
    wanted, found = collections.Counter(expected), collections.Counter(got)
    right = wanted & found
    return sum(right.values()), list((wanted - right).elements()), list((found - right).elements())


def plan_pk(key: str) -> int:
    """A loaded seed plan, found the way demo.plans finds it (plans keep no seed key)."""
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup() in main()
    from demo.seed_plans import SEED_PLANS  # noqa: PLC0415 — after django.setup() in main()

    seed = next(seed for seed in SEED_PLANS if seed.key == key)
    return Plan.objects.filter(issuer__code=seed.issuer, title=seed.title).order_by("pk").values_list(
        "pk", flat=True).first()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every item missed or extra")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "true", "THIDUA_VAR_DIR": workdir,
        "LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
    })
    os.environ.pop("REDIS_URL", None)
    django.setup()
    call_command("migrate", verbosity=0)

    from awards.services.catalogue import award_catalogue_load  # noqa: PLC0415 — after django.setup()
    from campaigns.importing import read_docx, read_text, recognise  # noqa: PLC0415 — after django.setup()
    from campaigns.importing.to_spec import plan_spec  # noqa: PLC0415 — after django.setup()
    from campaigns.models import Plan  # noqa: PLC0415 — after django.setup()
    from campaigns.printing import plan_layout  # noqa: PLC0415 — after django.setup()
    from demo.plans import load_seed_plans  # noqa: PLC0415 — after django.setup()
    from demo.seed_plans import SEED_PLANS  # noqa: PLC0415 — after django.setup()
    from demo.units import load_units_and_people  # noqa: PLC0415 — after django.setup()
    from emulation.documents.word import layout_docx  # noqa: PLC0415 — after django.setup()

    load_units_and_people()
    award_catalogue_load()
    load_seed_plans()
    units = Units()
    seeds = {seed.key: seed for seed in SEED_PLANS}
    plans = {key: Plan.objects.get(pk=plan_pk(key)) for key in seeds}

    sources = {
        "text": {prefix: ("text", next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()) for prefix in SEED_KEYS},
        "round trip": {prefix: ("docx", layout_docx(plan_layout(plans[key]))) for prefix, key in SEED_KEYS.items()},
    }
    totals = {source: {part: [0, 0, 0] for part in PARTS} for source in sources}  # right, expected, got
    unrecognised = dict.fromkeys(sources, 0)
    seconds = {source: [] for source in sources}
    misses = []
    for source, documents in sources.items():
        for prefix, (kind, data) in documents.items():
            started = time.perf_counter()
            lines = read_text(data) if kind == "text" else read_docx(data)
            imported = recognise(lines, from_docx=kind == "docx")
            spec = plan_spec(imported)
            seconds[source].append(time.perf_counter() - started)
            unrecognised[source] += len(imported.unrecognised)
            lost = LOST_IN_EXTRACTION.get(prefix, set()) if source == "text" else set()
            seed = seeds[SEED_KEYS[prefix]]
            wanted = items(seed, units, plans, lost=lost, expected=True, near=seed.issuer)
            got = items(spec, units, plans, lost=lost, expected=False, near=seed.issuer,
                        seed_items=wanted)
            for part in PARTS:
                right, missed, extra = compare(wanted[part], got[part])
                totals[source][part][0] += right
                totals[source][part][1] += len(wanted[part])
                totals[source][part][2] += len(got[part])
                misses += [(source, prefix, part, "missed", item) for item in missed]
                misses += [(source, prefix, part, "extra", item) for item in extra]

    def share(right: int, of: int) -> float:
        return right / of if of else 1.0

    names = list(sources)
    print(f"{'part':<15}" + "".join(f"{name + ' P':>14}{name + ' R':>14}" for name in names)
          + f"{'items (seed)':>14}")
    for part in PARTS:
        row = f"{part:<15}"
        for name in names:
            right, expected, got = totals[name][part]
            row += f"{share(right, got):>14.0%}{share(right, expected):>14.0%}"
        print(row + f"{'/'.join(str(totals[name][part][1]) for name in names):>14}")
    verdicts = []
    overall_row = f"{'all parts':<15}"
    for name in names:
        right = sum(values[0] for values in totals[name].values())
        expected = sum(values[1] for values in totals[name].values())
        got = sum(values[2] for values in totals[name].values())
        precision, recall = share(right, got), share(right, expected)
        overall_row += f"{precision:>14.1%}{recall:>14.1%}"
        target = TEXT_TARGET if name == "text" else ROUND_TRIP_TARGET
        if min(precision, recall) < target:
            verdicts.append(f"{name}: {min(precision, recall):.1%} of parts right, target {target:.0%}")
    print(overall_row)
    print(f"{'lines not recognised':<29}" + "".join(f"{unrecognised[name]:>28}" for name in names))
    for label, measure in (("ms/document median", statistics.median), ("ms/document max", max)):
        print(f"{label:<29}" + "".join(f"{measure(seconds[name]) * 1000:>28.0f}" for name in names))
    for name in names:
        if unrecognised[name]:
            verdicts.append(f"{name}: {unrecognised[name]} lines not recognised, target 0")
        if max(seconds[name]) >= SECONDS_TARGET:
            verdicts.append(f"{name}: {max(seconds[name]):.2f} s for a document, target < 1 s")
    if args.misses or verdicts:
        print("\nitems missed or extra (source, seed, part):")
        for source, prefix, part, what, item in misses:
            print(f"  {source:<10} {prefix} {part:<13} {what:<6} {str(item)[:150]}")
    if verdicts:
        print("\nMISSES TARGETS:\n  " + "\n  ".join(verdicts))
        return 1
    print("\nmeets every target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
