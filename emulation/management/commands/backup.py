from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from emulation import backups


def _files(count: int) -> str:
    return f"{count} media file{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = ("Write one archive with the database, every file under MEDIA_ROOT and a manifest (SHA-256 of each "
            "member). SIGNING_SECRET is not included unless asked for: keep it apart from the backups.")

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?",
                            help="Where to write it (default: thidua-backup-<date>-<time>.tar.gz here); a name "
                                 "ending in .tar.gz or .tgz is compressed, .tar is not.")
        parser.add_argument("--include-signing-secret", action="store_true",
                            help="Put SIGNING_SECRET in the archive too, so that it restores onto a host with "
                                 "another secret (the certificates are re-sealed there). Whoever holds such an "
                                 "archive can use every stored certificate: keep it like the secret itself.")

    def handle(self, *args, archive: str | None = None, include_signing_secret: bool = False, **options):
        path = Path(archive or f"thidua-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = backups.backup_create(path=path, include_signing_secret=include_signing_secret)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {path}: {manifest['database']['engine']} database, "
                          f"{_files(manifest['media']['files'])}.")
        if include_signing_secret:
            self.stdout.write("It holds SIGNING_SECRET: whoever has this file can use every stored certificate.")
        else:
            self.stdout.write(
                f"It does not hold SIGNING_SECRET (fingerprint {manifest['signing']['secret_fingerprint']}): keep the "
                "secret apart from the backup; restoring needs it to open the stored certificates.")
