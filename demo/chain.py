"""The signing chain in the demo: DEMO certificates for the demo signers
(registered on their profiles, public part only) and for the demo agencies
(their PKCS#12 sealed, as an agency's is), and the demo's own history issued
the way an office issues, the demo loader playing each signer with their
DEMO key — a stand-in for the person's own tool, never the app's path.

The PKI is the one ``manage.py demo_pki`` serves (DEMO_PKI_URL), so that
revocation answers and timestamps come from it."""

import functools
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from demo.pki import PERSONS, DemoPki, demo_pki
from demo.signing import make_png
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.documents.certificates import certificate_register
from emulation.documents.material import signing_material_save
from emulation.documents.trust import trust_roots
from emulation.models import PersonCertificate, Role, SigningMaterial, Unit, User
from emulation.permissions import people_holding

DEMO_PKCS12_PASSWORD = "demo-ky-so"
DEFAULT_PKI_URL = "http://127.0.0.1:8470"


def pki_directory() -> Path:
    return Path(settings.DEMO_PKI_DIRECTORY or Path(settings.VAR_DIR) / "demo-pki")


def pki_url() -> str:
    return settings.DEMO_PKI_URL or DEFAULT_PKI_URL


@functools.cache
def _pki(directory: Path, url: str) -> DemoPki:
    return demo_pki(directory, base_url=url)


def configured_pki() -> DemoPki:
    return _pki(pki_directory(), pki_url())


def person_signer(pki: DemoPki, label: str):
    """A pyHanko signer holding a DEMO person's key, as the person's own tool does."""
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return signers.SimpleSigner.load_pkcs12_data(pki.pkcs12(label, DEMO_PKCS12_PASSWORD), other_certs=[],
                                                 passphrase=DEMO_PKCS12_PASSWORD.encode())


def certificate_registered(pki: DemoPki, user: User, label: str) -> None:
    if not PersonCertificate.objects.filter(user=user, retired_at__isnull=True).exists():
        certificate_register(actor=user, user=user, data=pki.certificate_pem(label).encode())


def agency_key_installed(pki: DemoPki, unit: Unit, label: str) -> None:
    material = SigningMaterial.objects.filter(unit=unit).first()
    if material is None or not material.has_certificate:
        signing_material_save(actor=None, unit=unit, pkcs12=pki.pkcs12(label, DEMO_PKCS12_PASSWORD),
                              pkcs12_password=DEMO_PKCS12_PASSWORD,
                              seal_image=make_png(220, 220, color=(210, 20, 20, 255)))


def load_demo_certificates() -> None:
    """Each demo signer's DEMO certificate and signature image; each signing
    demo unit's DEMO agency key and seal."""
    pki = configured_pki()
    for username in PERSONS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        certificate_registered(pki, user, username)
        if not user.signature_image:
            user.signature_image = make_png()
            user.save(update_fields=["signature_image"])
    for label in pki.labels:
        if label.startswith("agency:"):
            unit = Unit.objects.filter(code=label.removeprefix("agency:")).first()
            if unit is not None:
                agency_key_installed(pki, unit, label)


def person_signs(pki: DemoPki, target, label: str | None = None):
    """The prepared file, signed by its assigned signer with their DEMO key, uploaded."""
    document_signing = workflow.signing_of(target)
    workflow.signing_prepare(signing_id=document_signing.pk)
    document_signing.refresh_from_db()
    signer = document_signing.signer
    label = label or signer.username
    certificate_registered(pki, signer, label)
    signed = signing_chain.person_sign(
        workflow.approval_file(document_signing), person_signer(pki, label), name=signer.get_full_name(),
        signature_png=bytes(signer.signature_image) if signer.signature_image else None)
    return workflow.person_upload(actor=signer, document_signing=document_signing, uploaded=signed)


def clerk_of(unit: Unit) -> User | None:
    return people_holding(Role.CLERK, unit).first()


def issued_through_chain(pki: DemoPki, target, *, clerk: User, label: str | None = None):
    """From submitted to issued: the signer signs, the clerk numbers and issues.
    The DEMO root must be trusted (``make run`` sets SIGNATURE_TRUST_ROOTS)."""
    if pki.root.sha256 not in {root.sha256 for root in trust_roots()}:
        raise ImproperlyConfigured(
            f"The demo issues its documents through the signing chain: add the DEMO root {pki.roots_file} to "
            "SIGNATURE_TRUST_ROOTS (make run does), with `manage.py demo_pki` running.")
    document_signing = person_signs(pki, target, label)
    return workflow.document_issue(actor=clerk, document_signing=document_signing)
