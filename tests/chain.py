"""Pytest plugin: issuing through the whole Nghị định 30 chain, as tests that
only need an issued document do it. The signer signs with a DEMO certificate
the way an external tool would (pyHanko with the key in hand — the test plays
the person), uploads, and the unit's clerk issues."""

from dataclasses import dataclass

import pytest
from asn1crypto import pem as asn1_pem

from demo.remote_signing import Credential, RemoteSigningServer
from emulation.documents import chain as signing_chain
from emulation.documents import workflow
from emulation.documents.certificates import certificate_register
from emulation.documents.material import signing_material_save
from emulation.models import PersonCertificate, Role, SigningMaterial, Unit, User
from emulation.permissions import people_holding
from tests.factories import person_with_role

pytest_plugins = ["tests.pki_fixtures"]

PKCS12_PASSWORD = "demo-pass"


def person_signer(pki, label: str):
    """A pyHanko signer holding a DEMO person's key, as the person's own tool does."""
    from pyhanko.sign import signers  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return signers.SimpleSigner.load_pkcs12_data(pki.pkcs12(label, PKCS12_PASSWORD), other_certs=[],
                                                 passphrase=PKCS12_PASSWORD.encode())


@dataclass
class Chain:
    pki: object

    def register(self, user: User, label: str = "person:test") -> None:
        if not PersonCertificate.objects.filter(user=user, retired_at__isnull=True).exists():
            certificate_register(actor=user, user=user, data=self.pki.certificate_pem(label).encode())

    def agency_key(self, unit: Unit, label: str = "agency:test") -> None:
        material = SigningMaterial.objects.filter(unit=unit).first()
        if material is None or not material.has_certificate:
            signing_material_save(actor=None, unit=unit, pkcs12=self.pki.pkcs12(label, PKCS12_PASSWORD),
                                  pkcs12_password=PKCS12_PASSWORD)

    def clerk(self, unit: Unit) -> User:
        return people_holding(Role.CLERK, unit).first() or person_with_role(Role.CLERK, unit, full_name="Văn Thư")

    def person_signs(self, target, label: str = "person:test"):
        """The prepared file, signed by the assigned signer with their own key, uploaded."""
        document_signing = workflow.signing_of(target)
        workflow.signing_prepare(signing_id=document_signing.pk)
        document_signing.refresh_from_db()
        self.register(document_signing.signer, label)
        signed = signing_chain.person_sign(workflow.approval_file(document_signing), person_signer(self.pki, label),
                                           name=document_signing.signer.get_full_name(), signature_png=None)
        return workflow.person_upload(actor=document_signing.signer, document_signing=document_signing,
                                      uploaded=signed)

    def issue(self, target, *, clerk: User | None = None):
        """From a submitted document to issued: the person signs, the clerk issues."""
        document_signing = self.person_signs(target)
        self.agency_key(document_signing.issuer)
        return workflow.document_issue(actor=clerk or self.clerk(document_signing.issuer),
                                       document_signing=document_signing)


@pytest.fixture
def chain(served_pki, settings) -> Chain:
    """Trust the DEMO root; no timestamp server (faster; the chain's own tests use one)."""
    settings.SIGNATURE_TRUST_ROOTS = [str(served_pki.pki.roots_file)]
    return Chain(pki=served_pki.pki)


REMOTE_CLIENT_ID, REMOTE_CLIENT_SECRET = "thidua-test", "bi-mat-ung-dung-kiem-thu"


@pytest.fixture
def remote_provider(served_pki, settings):
    """``start(user, label=…)``: the loopback signing provider holding the DEMO
    key ``label`` for ``user`` (their phone approves after 0.2 s); returns the
    server and the credential id. The app is configured to use it."""
    stops = []

    def start(user: User, label: str = "person:test", **behaviour):
        pki = served_pki.pki
        credential = Credential(
            credential_id=f"cred-{user.username}", user_id=user.username, private_key_pem=pki.private_key_pem(label),
            certificate_pems=[pki.certificate_pem(label), *(
                asn1_pem.armor("CERTIFICATE", issuer.dump()).decode() for issuer in pki.chain(label))],
            label=f"{user.get_full_name()} (DEMO)")
        server = RemoteSigningServer([credential], client_id=REMOTE_CLIENT_ID, client_secret=REMOTE_CLIENT_SECRET,
                                     approve_after=0.2)
        if behaviour:
            server.set_behaviour(credential.credential_id, **behaviour)
        url, stop = server.serve()
        stops.append(stop)
        settings.REMOTE_SIGNING = {"ADAPTER": "csc", "URL": url, "CLIENT_ID": REMOTE_CLIENT_ID,
                                   "CLIENT_SECRET": REMOTE_CLIENT_SECRET, "TIMEOUT": 5}
        return server, credential.credential_id

    yield start
    for stop in stops:
        stop()
