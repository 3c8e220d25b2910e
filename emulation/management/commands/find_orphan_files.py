import datetime

from django.core.management.base import BaseCommand

from emulation import files


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = ("Report stored files that no row refers to (orphans) and rows whose file is missing; "
            "--delete deletes the orphans.")

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the orphan files found.")
        parser.add_argument("--min-age-minutes", type=int, default=60,
                            help="Leave alone files written more recently than this: an upload may still be "
                                 "committing (default 60).")

    def handle(self, *args, delete: bool = False, min_age_minutes: int = 60, **options):
        orphans = total = 0
        for orphan in files.orphan_files(older_than=datetime.timedelta(minutes=min_age_minutes)):
            self.stdout.write(f"Orphan file (no row refers to it): {orphan.name}")
            orphans += 1
            total += orphan.size
            if delete:
                orphan.storage.delete(orphan.name)
        missing = 0
        for row in files.missing_files():
            self.stdout.write(f"Missing file: {row.label} #{row.pk} ({row.field}): {row.name}")
            missing += 1
        if not orphans and not missing:
            self.stdout.write("No orphan files, no missing files.")
            return
        summary = f"{_count(orphans, 'orphan file')} ({total:,} bytes), {_count(missing, 'missing file')}."
        if orphans:
            summary += " Deleted the orphan files." if delete else " Run with --delete to delete the orphan files."
        self.stdout.write(summary)
