from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from emulation import services
from emulation.models import UnitKind
from emulation.official_units import SOURCE, official_units


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = ("Load every province and commune-level unit of the 2025 reform (34 provinces, 3,321 communes, wards "
            "and special zones) from the vietnam-provinces package. Safe to run again: it creates what is missing, "
            "renames what the data renamed, and never deletes a unit.")

    def add_arguments(self, parser):
        parser.add_argument("--province", action="append", default=None, metavar="CODE",
                            help="Load only this province (official code, e.g. 91) and its communes; repeatable.")

    def handle(self, *args, province: list[str] | None = None, **options):
        try:
            units = official_units(province)
        except ValueError as error:
            raise CommandError(str(error)) from error
        result = services.official_units_load(units=units, complete=province is None)
        verbose = options["verbosity"] > 1
        kinds = Counter(unit.kind for unit in result.created)
        by_kind = ", ".join(_count(kinds[kind], kind.replace("_", " ")) for kind in UnitKind.values if kinds[kind])
        self.stdout.write(f"Source: {SOURCE}.")
        self.stdout.write(f"Created {_count(len(result.created), 'unit')}" + (f" ({by_kind})." if by_kind else "."))
        if verbose:
            for unit in result.created:
                self.stdout.write(f"  + {unit.official_code} {unit.name}")
        self.stdout.write(f"Updated {_count(len(result.updated), 'unit')}" + (":" if result.updated else "."))
        for unit, changes in result.updated:
            described = "; ".join(f"{label}: {old or '—'} → {new}" for label, (old, new) in changes.items())
            self.stdout.write(f"  ~ {unit.name} ({unit.code}): {described}".replace("\n", " / "))
        self.stdout.write(f"Unchanged {_count(result.unchanged, 'unit')}.")
        left_alone = len(result.archived) + len(result.not_listed)
        self.stdout.write(f"Left alone (never deleted) {_count(left_alone, 'unit')}" + (":" if left_alone else "."))
        for unit in result.archived:
            self.stdout.write(f"  = {unit.official_code} {unit.name}: archived ({unit.archive_reason})")
        for unit in result.not_listed:
            self.stdout.write(f"  = {unit.official_code} {unit.name}: no longer in {SOURCE}")
