"""Backup and restore of everything the system is made of (database, media,
the secret that opens stored certificates), SIGNING_SECRET apart from
SECRET_KEY, and `make clean` keeping the data."""

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from awards.models import Attachment, Nomination
from campaigns.models import Plan, ReportAttachment
from demo.signing import make_pkcs12
from emulation import backups
from emulation.documents import signing
from emulation.documents.chain import signatures_report
from emulation.documents.issue import official_document_prepare
from emulation.documents.material import signing_material_save
from emulation.documents.trust import certificates_from_pem
from emulation.documents.verify import document_bytes, trust_roots_for
from emulation.models import DocumentSigning, OfficialDocument, SigningMaterial, Unit, User
from tests.factories import UnitFactory

ROOT = Path(__file__).resolve().parent.parent


# SIGNING_SECRET --------------------------------------------------------------

def store_certificate(unit, password: str = "mat-khau-ky") -> bytes:
    bundle, _root = make_pkcs12(unit.name, password)
    signing_material_save(actor=None, unit=unit, pkcs12=bundle, pkcs12_password=password)
    return bundle


def stored_certificate(unit) -> tuple[bytes, str]:
    material = SigningMaterial.objects.get(unit=unit)
    return signing.unseal(material.pkcs12_sealed), signing.unseal(material.password_sealed).decode()


def test_rotating_secret_key_leaves_stored_certificates_readable(db, settings):
    unit = UnitFactory(name="Ủy ban nhân dân tỉnh An Giang")
    bundle = store_certificate(unit)
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert stored_certificate(unit) == (bundle, "mat-khau-ky")
    assert signing.read_pkcs12(*stored_certificate(unit)).subject == "CN=Ủy ban nhân dân tỉnh An Giang,C=VN"


def test_rotate_signing_secret_re_seals_with_the_new_secret_only(db, settings, monkeypatch):
    settings.SIGNING_SECRET = "the-old-signing-secret"
    units = [UnitFactory(), UnitFactory()]
    bundles = [store_certificate(unit) for unit in units]
    settings.SIGNING_SECRET = "the-new-signing-secret"
    with pytest.raises(signing.SigningSecretMismatch):
        stored_certificate(units[0])
    monkeypatch.setenv("OLD_SIGNING_SECRET", "the-old-signing-secret")
    out = io.StringIO()
    call_command("rotate_signing_secret", stdout=out)
    fingerprint = signing.signing_secret_fingerprint("the-new-signing-secret")
    assert out.getvalue() == (f"Re-sealed the signing material of 2 unit(s) with the current SIGNING_SECRET "
                              f"(fingerprint {fingerprint}). Start the app with it from now on.\n")
    assert [stored_certificate(unit) for unit in units] == [(bundle, "mat-khau-ky") for bundle in bundles]
    call_command("rotate_signing_secret", stdout=io.StringIO())  # a second run changes nothing
    assert [stored_certificate(unit) for unit in units] == [(bundle, "mat-khau-ky") for bundle in bundles]
    settings.SIGNING_SECRET = "the-old-signing-secret"
    with pytest.raises(signing.SigningSecretMismatch):
        stored_certificate(units[0])


def test_material_sealed_with_the_old_secret_key_moves_to_signing_secret(db, settings, monkeypatch):
    """Before SIGNING_SECRET existed the key came from SECRET_KEY: the old
    SECRET_KEY is the old secret to rotate from."""
    old_secret_key = "the-secret-key-that-sealed-everything-before-0123456789"
    settings.SIGNING_SECRET = old_secret_key  # what _fernet() fell back to then
    unit = UnitFactory()
    bundle = store_certificate(unit)
    settings.SIGNING_SECRET = "a-signing-secret-of-its-own"
    monkeypatch.setenv("OLD_SIGNING_SECRET", old_secret_key)
    call_command("rotate_signing_secret", stdout=io.StringIO())
    assert stored_certificate(unit) == (bundle, "mat-khau-ky")


def test_rotate_signing_secret_with_a_wrong_old_secret_changes_nothing(db, settings, monkeypatch):
    settings.SIGNING_SECRET = "the-old-signing-secret"
    unit = UnitFactory(code="tinh-an-giang")
    store_certificate(unit)
    sealed = bytes(SigningMaterial.objects.get().pkcs12_sealed)
    settings.SIGNING_SECRET = "the-new-signing-secret"
    monkeypatch.setenv("OLD_SIGNING_SECRET", "not-the-old-one")
    with pytest.raises(CommandError) as refused:
        call_command("rotate_signing_secret")
    assert str(refused.value) == ("The signing material of 1 unit(s) (tinh-an-giang) opens with neither the old nor "
                                  "the current SIGNING_SECRET; nothing was changed.")
    assert bytes(SigningMaterial.objects.get().pkcs12_sealed) == sealed
    monkeypatch.delenv("OLD_SIGNING_SECRET")
    with pytest.raises(CommandError) as missing:
        call_command("rotate_signing_secret")
    assert str(missing.value).startswith("Set OLD_SIGNING_SECRET to the secret the stored material is sealed with")


def production_env(tmp_path, **overrides) -> dict:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "emulation.settings", "DEBUG": "false",
            "SECRET_KEY": "k3Y-for-the-deploy-check_" + "x7Qz9LmP2vR8sT4wN6yB1cD5fG0hJ3" * 2,
            "ALLOWED_HOSTS": "thidua.example.gov.vn", "SITE_URL": "https://thidua.example.gov.vn",
            "THIDUA_VAR_DIR": str(tmp_path), **overrides}


def test_production_refuses_to_start_without_a_signing_secret(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True,
                            env=production_env(tmp_path, SIGNING_SECRET=""), timeout=120)
    assert result.returncode == 1
    assert "SIGNING_SECRET must be set when DEBUG is off." in result.stderr
    started = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True,
                             env=production_env(tmp_path, SIGNING_SECRET="s1gning-" + "q" * 40), timeout=120)
    assert started.returncode == 0, started.stderr


# make clean ------------------------------------------------------------------

@pytest.fixture
def checkout(tmp_path) -> Path:
    """A working directory with a virtualenv, caches and data where make runs."""
    for folder in (".venv/bin", ".pytest_cache", ".ruff_cache", "var/media/van-ban/2026"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "var/thidua.sqlite3").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "var/media/van-ban/2026/169-KH-UBND.pdf").write_bytes(b"%PDF-1.7")
    return tmp_path


def make(checkout: Path, *targets: str, stdin: str = "", **env) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(checkout), *targets],
                          input=stdin, capture_output=True, text=True, timeout=60, env={**os.environ, **env})


def test_make_clean_keeps_the_database_uploads_and_signed_pdfs(checkout):
    result = make(checkout, "clean")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in checkout.iterdir()) == ["var"]
    assert (checkout / "var/thidua.sqlite3").read_bytes() == b"SQLite format 3\x00"
    assert (checkout / "var/media/van-ban/2026/169-KH-UBND.pdf").read_bytes() == b"%PDF-1.7"


def test_make_clean_data_asks_first(checkout):
    refused = make(checkout, "clean-data", stdin="no\n")
    assert refused.returncode != 0
    assert "Nothing deleted." in refused.stdout
    assert (checkout / "var/thidua.sqlite3").exists()
    accepted = make(checkout, "clean-data", stdin="yes\n")
    assert accepted.returncode == 0, accepted.stderr
    assert not (checkout / "var").exists()
    assert (checkout / ".venv").exists()


def test_make_clean_data_with_force_does_not_ask(checkout):
    result = make(checkout, "clean-data", FORCE="1")
    assert result.returncode == 0, result.stderr
    assert not (checkout / "var").exists()


# backup and restore ----------------------------------------------------------

@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def media_files(media: Path) -> dict[str, bytes]:
    return {str(path.relative_to(media)): path.read_bytes() for path in sorted(media.rglob("*")) if path.is_file()}


def snapshot() -> dict:
    return {
        "users": sorted(User.objects.values_list("username", "password")),
        "plans": sorted(Plan.objects.values_list("pk", "title", "state", "revision")),
        "nominations": sorted(Nomination.objects.values_list("pk", "state", "achievements", "round")),
        "attachments": sorted((a.pk, a.file.name, a.file.open("rb").read()) for a in Attachment.objects.all()),
        "report_attachments": sorted(ReportAttachment.objects.values_list("pk", "file")),
        "documents": sorted(OfficialDocument.objects.values_list("pk", "number_symbol", "sha256", "signed", "pdf")),
        "signings": sorted(DocumentSigning.objects.values_list("pk", "stage", "approval_pdf", "approval_sha256",
                                                               "signed_pdf", "signed_sha256")),
        "certificates": sorted((m.unit_id, signing.read_pkcs12(signing.unseal(m.pkcs12_sealed),
                                                               signing.unseal(m.password_sealed).decode()).subject)
                               for m in SigningMaterial.objects.exclude(pkcs12_sealed=None)),
    }


def backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def restore(path: Path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_brings_back_every_plan_nomination_file_and_signature(settings, chain, media,
                                                                                 tmp_path):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    for document_id in OfficialDocument.objects.values_list("pk", flat=True):  # as the worker does
        official_document_prepare(document_id=document_id)
    before = snapshot()
    files_before = media_files(media)
    signed = OfficialDocument.objects.filter(signed=True).count()
    # The seeds, the live campaign and its four office drafts; seed 000's nine dossiers and the live one;
    # one more signed document than before the live campaign: its plan.
    assert (len(before["plans"]), len(before["nominations"]), signed) == (10, 10, 6)
    signing_files = [name for row in before["signings"] for name in (row[2], row[4]) if name]
    assert len(files_before) == len(before["attachments"]) + len(before["documents"]) + len(signing_files)

    archive = tmp_path / "thidua.tar.gz"
    written = backup(archive)
    assert written.splitlines()[0] == (f"Backup written to {archive}: {connection.vendor} database, "
                                       f"{len(files_before)} media files.")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format"] == "thidua-backup" and manifest["database"]["engine"] == connection.vendor
    assert manifest["signing"] == {"secret_fingerprint": signing.signing_secret_fingerprint(),
                                   "sealed_units": SigningMaterial.objects.exclude(pkcs12_sealed=None).count(),
                                   "secret_included": False}
    assert sorted(manifest["members"]) == sorted(
        [f"database.{'sqlite3' if connection.vendor == 'sqlite' else 'pgdump'}"]
        + [f"media/{name}" for name in files_before])
    assert manifest["members"]["media/" + before["documents"][0][4]]["sha256"] == before["documents"][0][2]
    assert ["emulation", "0001_initial"] in manifest["app"]["migrations"]

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert (Plan.objects.count(), User.objects.count(), media.exists()) == (0, 0, False)

    restored = restore(archive, "--no-input")
    assert restored.splitlines()[-1] == f"Restored the database and {len(files_before)} media files from {archive}."
    assert snapshot() == before
    assert media_files(media) == files_before
    for document in OfficialDocument.objects.all():
        pdf = document_bytes(document)
        assert hashlib.sha256(pdf).hexdigest() == document.sha256
        if document.signed:
            reports = signatures_report(pdf, certificates_from_pem(trust_roots_for(document)))
            assert reports and all(report.intact and report.trusted for report in reports)


@pytest.fixture
def small_archive(transactional_db, media, tmp_path, settings) -> Path:
    """An uncompressed backup of one unit with a certificate and two media files."""
    settings.SIGNING_SECRET = "the-secret-of-the-backup"
    store_certificate(UnitFactory(code="tinh"))
    for name, content in (("ho-so/2026/01/to-trinh.pdf", b"%PDF-1.4 to trinh"), ("van-ban/2026/kh.pdf", b"%PDF-kh")):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)
    archive = tmp_path / "thidua.tar"
    backup(archive)
    return archive


def rewrite(archive: Path, change) -> None:
    """Rebuild ``archive`` with change(name, data) -> data applied to each member."""
    with tarfile.open(archive) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    with tarfile.open(archive, "w") as tar:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def refusal(archive: Path, *args) -> str:
    with pytest.raises(CommandError) as refused:
        restore(archive, *args)
    return str(refused.value)


def untouched(media: Path) -> bool:
    return (SigningMaterial.objects.count(), media_files(media)) == (1, {
        "ho-so/2026/01/to-trinh.pdf": b"%PDF-1.4 to trinh", "van-ban/2026/kh.pdf": b"%PDF-kh"})


def test_restore_refuses_a_corrupted_archive(small_archive, media):
    raw = bytearray(small_archive.read_bytes())
    offset = raw.index(b"%PDF-1.4 to trinh")
    raw[offset + 9] ^= 0xFF
    small_archive.write_bytes(bytes(raw))
    assert refusal(small_archive, "--no-input") == (
        f"{small_archive} is damaged: media/ho-so/2026/01/to-trinh.pdf does not match its SHA-256 in the "
        "manifest. Nothing was restored.")
    assert untouched(media)


def test_restore_refuses_a_truncated_archive_and_a_file_that_is_no_backup(small_archive, media, tmp_path):
    truncated = tmp_path / "cut.tar"
    truncated.write_bytes(small_archive.read_bytes()[:1500])
    assert refusal(truncated, "--no-input").startswith(f"{truncated} is damaged or not a Thi đua backup")
    other = tmp_path / "notes.tar"
    with tarfile.open(other, "w") as tar:
        info = tarfile.TarInfo("notes.txt")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    assert refusal(other, "--no-input") == f"{other} is not a Thi đua backup: it has no manifest.json."
    assert untouched(media)


def test_restore_refuses_a_member_the_manifest_does_not_list(small_archive, media):
    with tarfile.open(small_archive, "a") as tar:
        info = tarfile.TarInfo("media/extra.pdf")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"abc"))
    assert refusal(small_archive, "--no-input") == (
        f"{small_archive} is damaged: media/extra.pdf is not listed in the manifest. Nothing was restored.")
    assert untouched(media)


def test_restore_refuses_an_archive_sealed_with_another_signing_secret(small_archive, media, settings):
    old = signing.signing_secret_fingerprint()
    settings.SIGNING_SECRET = "a-different-secret"
    assert refusal(small_archive, "--no-input") == (
        f"The certificates in this backup were sealed with another SIGNING_SECRET (fingerprint {old}); this "
        f"installation runs with fingerprint {signing.signing_secret_fingerprint()}. Start it with the "
        "SIGNING_SECRET that was in use when the backup was made, or pass --ignore-signing-secret to restore "
        "anyway and upload the certificates again.")
    assert untouched(media)


def test_restore_refuses_another_database_engine_and_a_newer_schema(small_archive, media):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def engine(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["engine"] = other
        return json.dumps(manifest).encode()

    rewrite(small_archive, engine)
    assert refusal(small_archive, "--no-input") == (
        f"This backup holds a {other} database; this installation runs on {connection.vendor}. Restore it where "
        f"DATABASE_URL points at a {other} database.")

    def newer(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["engine"] = connection.vendor
        manifest["app"]["migrations"].append(["awards", "9999_from_the_future"])
        return json.dumps(manifest).encode()

    rewrite(small_archive, newer)
    assert refusal(small_archive, "--no-input") == (
        "This backup was made by a newer version of the app (migrations unknown here: awards.9999_from_the_future). "
        "Install that version, then restore.")
    assert untouched(media)


def test_restore_asks_before_replacing_anything(small_archive, media, monkeypatch):
    SigningMaterial.objects.all().delete()
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")
    assert refusal(small_archive) == "Restore cancelled; nothing was changed."
    assert questions[-1] == "Type 'yes' to continue: "
    assert SigningMaterial.objects.count() == 0
    monkeypatch.setattr("builtins.input", lambda question: "yes")
    restore(small_archive)
    assert untouched(media)


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_database_step_fails_leaves_the_database_and_the_files_as_they_were(media, tmp_path):
    (media / "tai-lieu").mkdir(parents=True)
    (media / "tai-lieu" / "dang-dung.pdf").write_bytes(b"%PDF-1.4 dang dung")
    work = tmp_path / "work"
    (work / backups.MEDIA / "tu-ban-sao").mkdir(parents=True)
    (work / backups.MEDIA / "tu-ban-sao" / "cu.pdf").write_bytes(b"%PDF-1.4 cu")
    unit = UnitFactory(name="Ủy ban nhân dân xã Còn Nguyên")
    with pytest.raises(backups.BackupError):
        backups.backup_restore(manifest={"database": {"member": "khong-co.dump"}}, work=work)
    assert sorted(str(path.relative_to(media)) for path in media.rglob("*")) == ["tai-lieu", "tai-lieu/dang-dung.pdf"]
    connection.close()
    assert Unit.objects.get(pk=unit.pk).name == "Ủy ban nhân dân xã Còn Nguyên"


def test_an_archive_with_its_signing_secret_restores_onto_a_host_with_another(transactional_db, media, tmp_path,
                                                                             settings):
    settings.SIGNING_SECRET = "the-secret-of-the-old-host"
    unit = UnitFactory(code="tinh")
    bundle = store_certificate(unit)
    archive = tmp_path / "thidua-co-khoa.tar"
    out = io.StringIO()
    call_command("backup", str(archive), "--include-signing-secret", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "It holds SIGNING_SECRET: whoever has this file can use every stored certificate.")
    SigningMaterial.objects.all().delete()
    settings.SIGNING_SECRET = "the-secret-of-the-new-host"
    restore(archive, "--no-input")
    assert stored_certificate(unit) == (bundle, "mat-khau-ky")
    settings.SIGNING_SECRET = "the-secret-of-the-old-host"
    with pytest.raises(signing.SigningSecretMismatch):
        stored_certificate(unit)


def test_restoring_without_the_secret_drops_certificates_nobody_can_open(small_archive, media, settings):
    settings.SIGNING_SECRET = "a-different-secret"
    restore(small_archive, "--no-input", "--ignore-signing-secret")
    material = SigningMaterial.objects.get()
    assert (material.has_certificate, material.certificate_pem != "") == (False, True)
