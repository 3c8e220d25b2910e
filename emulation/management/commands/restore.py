from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from emulation import backups
from emulation.management.commands.backup import _files


class Command(BaseCommand):
    help = ("Replace the database and everything under MEDIA_ROOT with an archive made by `manage.py backup`. "
            "The archive is checked in full first; stop the web and worker processes before running it.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")
        parser.add_argument("--ignore-signing-secret", action="store_true",
                            help="Restore even though the running SIGNING_SECRET cannot open the stored "
                                 "certificates (they must be uploaded again).")

    def handle(self, *args, archive: str, interactive: bool = True, ignore_signing_secret: bool = False,
               **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        try:
            with backups.workspace_for_restore() as work:
                manifest = backups.backup_describe(path, into=Path(work), ignore_signing_secret=ignore_signing_secret)
                if interactive:
                    self._confirm(manifest)
                restored = backups.backup_restore(manifest=manifest, work=Path(work))
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if restored.needs_migrate:
            call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
        self.stdout.write(f"Restored the database and {_files(restored.media_files)} from {path}.")

    def _confirm(self, manifest: dict) -> None:
        self.stdout.write(
            f"Backup made {backups.created_at(manifest)} (app version {manifest['app']['version']}, "
            f"{manifest['database']['engine']} database, {_files(manifest['media']['files'])}).\n"
            f"Restoring replaces the database \"{connection.settings_dict['NAME']}\" and everything under "
            f"{settings.MEDIA_ROOT}.")
        if input("Type 'yes' to continue: ").strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
