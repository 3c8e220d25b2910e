import os

from django.core.management.base import BaseCommand, CommandError

from emulation.documents import signing
from emulation.documents.material import signing_material_reseal


class Command(BaseCommand):
    help = ("Re-seal the stored certificates and their passwords with the current SIGNING_SECRET. The secret they "
            "are sealed with now comes from the environment (OLD_SIGNING_SECRET), never from the command line. "
            "Material stored before SIGNING_SECRET existed was sealed with SECRET_KEY: give the old SECRET_KEY.")

    def add_arguments(self, parser):
        parser.add_argument("--old-env", default="OLD_SIGNING_SECRET", metavar="NAME",
                            help="Environment variable holding the secret the material is sealed with now "
                                 "(default OLD_SIGNING_SECRET).")

    def handle(self, *args, old_env: str = "OLD_SIGNING_SECRET", **options):
        old_secret = os.environ.get(old_env, "")
        if not old_secret:
            raise CommandError(f"Set {old_env} to the secret the stored material is sealed with now (the old "
                               "SECRET_KEY if SIGNING_SECRET was never set) and SIGNING_SECRET to the new one.")
        if signing.signing_secret_fingerprint(old_secret) == signing.signing_secret_fingerprint():
            raise CommandError(f"{old_env} is the current SIGNING_SECRET: set SIGNING_SECRET to the new secret.")
        try:
            count = signing_material_reseal(old_secret=old_secret)
        except signing.SigningSecretMismatch as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Re-sealed the signing material of {count} unit(s) with the current SIGNING_SECRET "
                          f"(fingerprint {signing.signing_secret_fingerprint()}). Start the app with it from now on.")
