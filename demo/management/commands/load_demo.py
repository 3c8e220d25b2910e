from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from awards.services.catalogue import award_catalogue_load
from demo.chain import load_demo_certificates
from demo.live import live_campaign_is_stale, load_live_campaign
from demo.nominations import load_demo_nominations
from demo.plans import load_seed_plans
from demo.units import load_units_and_people


class Command(BaseCommand):
    help = ("Load the demo units, blocs, people, the seed plans and a campaign dated from today. "
            "Development only; safe to run twice.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--reset", action="store_true",
                            help="Empty the whole database first (manage.py flush), then load the demo "
                                 "dated from today.")
        parser.add_argument("--no-input", action="store_false", dest="interactive",
                            help="With --reset: do not ask for confirmation.")

    def handle(self, *args, force: bool = False, reset: bool = False, interactive: bool = True, **options):
        if not settings.DEBUG and not force:
            raise CommandError("load_demo creates accounts with known passwords: run it with DEBUG=true, or --force.")
        if reset:
            # flush asks "yes" itself and stops here on anything else.
            call_command("flush", interactive=interactive, verbosity=options["verbosity"])
        # In this order, each step safe to run twice: the plans need the units, signers and
        # award types; the nominations need the plans.
        logins = load_units_and_people()
        award_catalogue_load()
        load_demo_certificates()
        load_seed_plans()
        load_demo_nominations()
        # Dated from today, beside the seeds' history: every demo desk has work waiting.
        live = load_live_campaign()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Logins (development only):"))
        width = max(len(username) for username, *_ in logins)
        for username, password, full_name, roles in logins:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {full_name} — {roles}")
        if live_campaign_is_stale(live):
            # Its dates are printed on its signed document and fixed in the register: it stays as it was issued.
            self.stdout.write(self.style.WARNING(
                f"The live demo campaign was issued on {live.issued_on:%d/%m/%Y}: its deadlines have passed. "
                "To load it again dated from today, empty the demo database: DEMO_RESET=1 make run "
                "(or manage.py load_demo --reset)."))
