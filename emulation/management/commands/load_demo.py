from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

# Each app adds its loader here as it grows; all are safe to run twice.
DEMO_LOADERS = [
    "emulation.demo.load_units_and_people",
    "awards.services.award_catalogue_load",
    "emulation.demo.load_signing_material",
    "campaigns.demo.load_seed_plans",
    "awards.demo.load_demo_nominations",
]


class Command(BaseCommand):
    help = "Load the demo units, blocs, people (and the seed plans). Development only; safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo creates accounts with known passwords: run it with DEBUG=true, or --force.")
        logins = []
        for dotted in DEMO_LOADERS:
            result = import_string(dotted)()
            if dotted == "emulation.demo.load_units_and_people":
                logins = result
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Logins (development only):"))
        width = max(len(username) for username, *_ in logins)
        for username, password, full_name, roles in logins:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {full_name} — {roles}")
