"""Stored files follow their rows: deleted with them on commit, discarded when
the save fails, and anything left over is found by find_orphan_files."""

import datetime
import io
import os
import time
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from awards.models import Attachment
from awards.services.nominations import attachment_add, attachment_delete, nomination_create
from campaigns.models import Deadline, Report, ReportAttachment
from campaigns.services import plans as plan_services
from campaigns.services import reports as report_services
from emulation.documents.issue import official_document_prepare
from emulation.models import DocumentSigning, OfficialDocument
from tests.builders import build_plan, issued_plan_with_progress_report

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TZ = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A media folder of the test's own: the session's one collects other tests' files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media: Path) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


@pytest.fixture
def draft(tree, people, media):
    """An issued plan and a district's draft nomination under it."""
    plan = build_plan(tree, people)
    Deadline.objects.filter(plan=plan, kind="nominations").update(
        due_on=timezone.localdate() + datetime.timedelta(days=30))
    plan_services.plan_submit(actor=people["drafter"], plan=plan)
    plan = people["chain"].issue(plan)
    nomination = nomination_create(
        actor=people["officer_a"], plan=plan, quota=plan.quotas.get(per_parent=True),
        nominating_unit=tree["district_a"], kind="collective", nominee_unit=tree["commune_a"])
    return {"plan": plan, "nomination": nomination, "officer": people["officer_a"]}


def attach(draft, kind: str = "cover", name: str = "to-trinh.pdf") -> Attachment:
    return attachment_add(actor=draft["officer"], nomination=draft["nomination"], kind=kind,
                          upload=SimpleUploadedFile(name, PDF, "application/pdf"))


def test_deleting_an_attachment_removes_its_file_once_committed(draft, django_capture_on_commit_callbacks):
    attachment = attach(draft)
    name = attachment.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=draft["officer"], attachment=attachment)
        assert default_storage.exists(name)  # not before the delete is committed
    assert default_storage.exists(name) is False


def test_deleting_a_nomination_removes_the_files_of_its_dossier(draft, django_capture_on_commit_callbacks):
    names = [attach(draft, kind, f"{kind}.pdf").file.name for kind in ("cover", "minutes", "report")]
    assert [default_storage.exists(name) for name in names] == [True, True, True]
    with django_capture_on_commit_callbacks(execute=True):
        draft["nomination"].delete()
    assert [default_storage.exists(name) for name in names] == [False, False, False]


def test_a_rolled_back_delete_keeps_the_file(draft, django_capture_on_commit_callbacks):
    attachment = attach(draft)
    pk, name = attachment.pk, attachment.file.name

    class Changed(Exception):
        """Raised to roll the delete back."""

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Changed), transaction.atomic():
            attachment_delete(actor=draft["officer"], attachment=attachment)
            raise Changed
    assert callbacks == []
    assert default_storage.exists(name)
    assert Attachment.objects.filter(pk=pk).exists()


def test_a_delete_leaves_a_file_another_row_still_refers_to(draft, django_capture_on_commit_callbacks):
    first = attach(draft)
    second = attach(draft, "minutes", "bien-ban.pdf")
    Attachment.objects.filter(pk=second.pk).update(file=first.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=draft["officer"], attachment=first)
    assert default_storage.exists(first.file.name)


def refuse_inserts_into(table: str) -> None:
    """Make the database itself refuse new rows, as a full disk or a lost
    connection would, after the file has already been written."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        else:
            cursor.execute("CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")
            cursor.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_row()")


def test_an_attachment_whose_row_cannot_be_saved_leaves_no_file(draft, media):
    before = stored_files(media)
    refuse_inserts_into(Attachment._meta.db_table)
    with pytest.raises(DatabaseError):
        attach(draft)
    assert stored_files(media) == before
    assert Attachment.objects.count() == 0


def test_a_report_attachment_whose_row_cannot_be_saved_leaves_no_file(draft, people, media):
    report = Report.objects.create(plan=draft["plan"], unit=draft["nomination"].nominating_unit, period_year=2026)
    before = stored_files(media)
    refuse_inserts_into(ReportAttachment._meta.db_table)
    with pytest.raises(DatabaseError):
        report_services.report_attach(actor=people["officer_a"], report=report,
                                  upload=SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf"))
    assert stored_files(media) == before


@pytest.fixture
def report_due(tree, people, media):
    """An issued plan whose progress report is due from district A."""
    with time_machine.travel(datetime.datetime(2026, 11, 1, 8, tzinfo=TZ), tick=False):
        return issued_plan_with_progress_report(tree, people)


def test_a_report_saved_with_one_bad_file_keeps_none_of_the_files(client, report_due, people, media):
    client.force_login(people["officer_a"])
    before = stored_files(media)
    response = client.post(reverse("report_edit", args=[report_due.pk, 2026]), {
        "narrative": "Báo cáo có tệp", "save": "1",
        "attachments": [SimpleUploadedFile("bao-cao.pdf", PDF), SimpleUploadedFile("phu-luc.pdf", b"not a pdf")],
    }, follow=True)
    assert "không khớp với phần mở rộng .pdf" in response.content.decode()
    assert report_due.reports.exists() is False
    assert stored_files(media) == before


def write(media: Path, name: str, content: bytes = PDF, *, age_minutes: int = 120) -> str:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    then = time.time() - age_minutes * 60
    os.utime(path, (then, then))
    return name


def orphan_report(*args) -> list[str]:
    out = io.StringIO()
    call_command("find_orphan_files", *args, stdout=out)
    return out.getvalue().splitlines()


def test_find_orphan_files_reports_files_without_a_row_and_rows_without_a_file(draft, media):
    official_document_prepare(document_id=OfficialDocument.objects.get().pk)  # the issued plan's PDF, by the worker
    kept = attach(draft)
    lost = attach(draft, "minutes", "bien-ban.pdf")
    (media / lost.file.name).unlink()
    write(media, "ho-so/2026/01/mo-coi.pdf")
    write(media, "van-ban/2026/dang-tai-len.pdf", age_minutes=1)  # an upload that may still be committing

    assert orphan_report() == [
        "Orphan file (no row refers to it): ho-so/2026/01/mo-coi.pdf",
        f"Missing file: awards.Attachment #{lost.pk} (file): {lost.file.name}",
        "1 orphan file (45 bytes), 1 missing file. Run with --delete to delete the orphan files.",
    ]
    assert orphan_report("--delete") == [
        "Orphan file (no row refers to it): ho-so/2026/01/mo-coi.pdf",
        f"Missing file: awards.Attachment #{lost.pk} (file): {lost.file.name}",
        "1 orphan file (45 bytes), 1 missing file. Deleted the orphan files.",
    ]
    issued_plan = OfficialDocument.objects.get().pdf.name
    signing = DocumentSigning.objects.get()
    assert stored_files(media) == sorted([kept.file.name, issued_plan, "van-ban/2026/dang-tai-len.pdf",
                                          signing.approval_pdf.name, signing.signed_pdf.name])
    assert orphan_report("--min-age-minutes", "0") == [
        "Orphan file (no row refers to it): van-ban/2026/dang-tai-len.pdf",
        f"Missing file: awards.Attachment #{lost.pk} (file): {lost.file.name}",
        "1 orphan file (45 bytes), 1 missing file. Run with --delete to delete the orphan files.",
    ]


def test_find_orphan_files_is_quiet_when_everything_matches(draft, media):
    attach(draft)
    assert orphan_report() == ["No orphan files, no missing files."]
