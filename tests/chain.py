"""Pytest plugin: issuing through the whole Nghị định 30 chain, as tests that
only need an issued document do it. The signer signs with a DEMO certificate
the way an external tool would (pyHanko with the key in hand — the test plays
the person), uploads, and the unit's clerk issues."""

from dataclasses import dataclass

import pytest
from asn1crypto import pem as asn1_pem

from demo import chain as demo_chain
from demo.pki import PERSONS
from demo.remote_signing import Credential, RemoteSigningServer
from emulation.documents import workflow
from emulation.models import Role, Unit, User
from tests.factories import person_with_role

pytest_plugins = ["tests.pki_fixtures"]


@dataclass
class Chain:
    pki: object

    def register(self, user: User, label: str = "person:test") -> None:
        demo_chain.certificate_registered(self.pki, user, label)

    def agency_key(self, unit: Unit, label: str = "agency:test") -> None:
        demo_chain.agency_key_installed(self.pki, unit, label)

    def clerk(self, unit: Unit) -> User:
        return demo_chain.clerk_of(unit) or person_with_role(Role.CLERK, unit, full_name="Văn Thư")

    def person_signs(self, target, label: str | None = None):
        """The prepared file, signed by the assigned signer with their own key
        (a demo signer's DEMO key, else "person:test"), uploaded."""
        if label is None:
            signer = workflow.signing_of(target).signer
            label = signer.username if signer.username in PERSONS else "person:test"
        return demo_chain.person_signs(self.pki, target, label)

    def issue(self, target, *, clerk: User | None = None):
        """From a submitted document to issued: the person signs, the clerk issues."""
        document_signing = self.person_signs(target)
        self.agency_key(document_signing.issuer)
        return workflow.document_issue(actor=clerk or self.clerk(document_signing.issuer),
                                       document_signing=document_signing)


@pytest.fixture
def chain(served_pki, settings) -> Chain:
    """Trust the DEMO root; no timestamp server (faster; the chain's own tests use one).
    The demo data (load_demo) takes its DEMO certificates from the same PKI."""
    settings.SIGNATURE_TRUST_ROOTS = [str(served_pki.pki.roots_file)]
    settings.DEMO_PKI_DIRECTORY, settings.DEMO_PKI_URL = str(served_pki.pki.directory), served_pki.base_url
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
