"""A DEMO test PKI for the signing chain: root CA, intermediate CA, OCSP responder,
CRLs and an RFC 3161 timestamp server, made by certomancer and served over HTTP
on loopback (the tests and `make run`).

Only the RSA keys are kept on disk (made once, reused); the certificates are
rebuilt by certomancer on every start, because their CRL/OCSP URLs carry the
port the server happened to bind.
"""

import datetime
import os
import tempfile
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from asn1crypto import pem, x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, KeyLabel, PKIArchitecture, ServiceLabel
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from werkzeug.serving import BaseWSGIServer, make_server

ARCH = ArchLabel("demo")
COUNTRY = "VN"
ORGANISATION = "DEMO Thi đua"

# Infrastructure: label → common name. Labels with "ca:" cannot clash with a username.
ROOT, INTERMEDIATE, OCSP_RESPONDER, TSA = "ca:root", "ca:intermediate", "ca:ocsp", "ca:tsa"
AUTHORITY_NAMES = {
    ROOT: "DEMO Root CA Thi đua (chỉ dùng thử)",
    INTERMEDIATE: "DEMO CA chuyên dùng công vụ (chỉ dùng thử)",
    OCSP_RESPONDER: "DEMO Máy chủ OCSP (chỉ dùng thử)",
    TSA: "DEMO Máy chủ cấp dấu thời gian",
}

# End entities: label → common name. A person's label is the demo username.
PERSONS = {
    "chutich": "Hồ Văn Mừng (DEMO)",
    "phochutich": "Lê Văn Phó (DEMO)",
    "chutich.bato": "Phạm Giang Nam (DEMO)",
    "hieutruong": "Nguyễn Thanh Hải (DEMO)",
    "chutich.dongthap": "Phạm Thành Ngại (DEMO)",
    "person:test": "Nguyễn Văn Thử (DEMO)",
    "person:other": "Trần Thị Khác (DEMO)",
    "person:revoked": "Đỗ Văn Thu Hồi (DEMO)",
    "person:expired": "Vũ Thị Hết Hạn (DEMO)",
}
AGENCIES = {
    "agency:an-giang": "UBND tỉnh An Giang (DEMO)",
    "agency:ba-to": "UBND huyện Ba Tơ (DEMO)",
    "agency:an-giang-cdn": "Trường Cao đẳng nghề An Giang (DEMO)",
    "agency:dong-thap": "UBND tỉnh Đồng Tháp (DEMO)",
    "agency:test": "UBND Thử nghiệm (DEMO)",
}
END_ENTITY_NAMES = PERSONS | AGENCIES
STRANGER_NAME = "Người Lạ Tự Ký (DEMO)"

# Fixed windows, so that tests under time_machine anywhere in 2025–2039 see the same PKI.
CA_VALIDITY = {"valid-from": "2020-01-01T00:00:00+00:00", "valid-to": "2045-01-01T00:00:00+00:00"}
END_ENTITY_VALIDITY = {"valid-from": "2025-01-01T00:00:00+00:00", "valid-to": "2040-01-01T00:00:00+00:00"}
EXPIRED_VALIDITY = {"valid-from": "2024-01-01T00:00:00+00:00", "valid-to": "2025-01-01T00:00:00+00:00"}
# The revoked certificate starts earlier than the others and is revoked before 2025: the CRL lists
# revocations as of its thisUpdate (up to 30 days back), so even a test in January 2025 sees it revoked
# in both the CRL and the OCSP answer.
REVOKED_VALIDITY = {"valid-from": "2024-06-01T00:00:00+00:00", "valid-to": "2040-01-01T00:00:00+00:00"}
REVOKED_SINCE = "2024-12-01T00:00:00+00:00"


def _key_path(directory: Path, label: str) -> Path:
    return directory / f"{label.replace(':', '_')}.key.pem"


def _write_once(path: Path, data: bytes) -> None:
    """Create `path` with `data` unless it exists; the first writer wins, so that
    concurrent test processes sharing the key directory end up with one key."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def _ensure_key(path: Path) -> None:
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        _write_once(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))


def _config(directory: Path, base_url: str) -> dict:
    """The certomancer configuration, as the dict its YAML file would load into."""
    issued_by_intermediate = {"issuer": INTERMEDIATE, "validity": END_ENTITY_VALIDITY,
                              "profiles": ["digsig-commitment"]}  # key usage digital_signature + non_repudiation
    end_entities = {label: dict(issued_by_intermediate) for label in END_ENTITY_NAMES}
    end_entities["person:revoked"] |= {"validity": REVOKED_VALIDITY,
                                       "revocation": {"revoked-since": REVOKED_SINCE, "reason": "key_compromise"}}
    end_entities["person:expired"] |= {"validity": EXPIRED_VALIDITY}
    all_labels = [*AUTHORITY_NAMES, *END_ENTITY_NAMES]
    return {
        "external-url-prefix": base_url,
        "keysets": {ARCH.value: {"keys": {label: {"path": str(_key_path(directory, label))} for label in all_labels}}},
        "pki-architectures": {ARCH.value: {
            "keyset": ARCH.value,
            "entity-defaults": {"country-name": COUNTRY, "organization-name": ORGANISATION},
            "entities": {label: {"common-name": name} for label, name in (AUTHORITY_NAMES | END_ENTITY_NAMES).items()},
            "certs": {
                # simple-ca puts its crl-repo / ocsp-service URLs into every certificate the CA issues.
                ROOT: {"subject": ROOT, "issuer": ROOT, "validity": CA_VALIDITY,
                       "profiles": [{"id": "simple-ca", "params": {"crl-repo": "root"}}]},
                INTERMEDIATE: {"issuer": ROOT, "validity": CA_VALIDITY, "profiles": [{"id": "simple-ca", "params": {
                    "max-path-len": 0, "crl-repo": "intermediate", "ocsp-service": "intermediate"}}]},
                OCSP_RESPONDER: {"issuer": INTERMEDIATE, "validity": CA_VALIDITY, "profiles": ["ocsp-responder"]},
                TSA: {"issuer": ROOT, "validity": CA_VALIDITY, "profiles": ["digsig-commitment"], "extensions": [
                    {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]}]},
                **end_entities,
            },
            "services": {
                "ocsp": {"intermediate": {"for-issuer": INTERMEDIATE, "responder-cert": OCSP_RESPONDER,
                                          "signing-key": OCSP_RESPONDER}},
                "crl-repo": {
                    "root": {"for-issuer": ROOT, "signing-key": ROOT, "simulated-update-schedule": "P90D"},
                    "intermediate": {"for-issuer": INTERMEDIATE, "signing-key": INTERMEDIATE,
                                     "simulated-update-schedule": "P30D"},
                },
                "time-stamping": {"tsa": {"signing-cert": TSA, "signing-key": TSA}},
            },
        }},
    }


class DemoPki:
    """The DEMO PKI: certificates, keys and the WSGI app that serves OCSP, CRLs and timestamps."""

    def __init__(self, directory: Path, arch: PKIArchitecture):
        self.directory = directory
        self.arch = arch
        self.labels = list(END_ENTITY_NAMES)
        # Build every certificate now: the server threads then only read certomancer's cache.
        for label in [*AUTHORITY_NAMES, *END_ENTITY_NAMES]:
            arch.get_cert(CertLabel(label))
        self.roots_file = directory / "demo-root.pem"
        self._replace_file(self.roots_file, self.root_pem.encode())

    def certificate(self, label: str) -> x509.Certificate:
        return self.arch.get_cert(CertLabel(label))

    def certificate_pem(self, label: str) -> str:
        return pem.armor("CERTIFICATE", self.certificate(label).dump()).decode()

    def private_key_pem(self, label: str) -> bytes:
        """Unencrypted PKCS#8 PEM, from the key the certificates were built with."""
        private_key_info = self.arch.key_set.get_private_key(KeyLabel(label))
        return pem.armor("PRIVATE KEY", private_key_info.dump())

    def pkcs12(self, label: str, password: str) -> bytes:
        """Key, certificate and chain (intermediate, root)."""
        return self.arch.package_pkcs12(CertLabel(label), password=password.encode())

    def chain(self, label: str) -> list[x509.Certificate]:
        """The issuers of `label`, intermediate then root."""
        return [self.arch.get_cert(issuer) for issuer in self.arch.get_chain(CertLabel(label))]

    @property
    def root(self) -> x509.Certificate:
        return self.certificate(ROOT)

    @property
    def root_pem(self) -> str:
        return self.certificate_pem(ROOT)

    @property
    def timestamp_url(self) -> str:
        return self.arch.service_registry.get_tsa_info(ServiceLabel("tsa")).url

    @property
    def ocsp_url(self) -> str:
        return self.arch.service_registry.get_ocsp_info(ServiceLabel("intermediate")).url

    @property
    def crl_url(self) -> str:
        """The intermediate CA's latest CRL (the one end-entity certificates point to)."""
        return self.arch.service_registry.get_crl_repo_info(ServiceLabel("intermediate")).latest_external_url

    @cached_property
    def wsgi_app(self) -> Animator:
        return Animator(AnimatorArchStore({ARCH: self.arch}))

    def stranger_pkcs12(self, password: str) -> bytes:
        """A self-signed certificate that is not part of this PKI."""
        key_path = self.directory / "stranger.key.pem"
        _ensure_key(key_path)
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        certificate_path = self.directory / "stranger.cert.pem"
        if not certificate_path.exists():
            certificate = self._self_signed(key, STRANGER_NAME)
            _write_once(certificate_path, certificate.public_bytes(serialization.Encoding.PEM))
        certificate = pyca_x509.load_pem_x509_certificate(certificate_path.read_bytes())
        return pkcs12.serialize_key_and_certificates(
            name=None, key=key, cert=certificate, cas=None,
            encryption_algorithm=serialization.BestAvailableEncryption(password.encode()))

    @staticmethod
    def _self_signed(key: rsa.RSAPrivateKey, common_name: str) -> pyca_x509.Certificate:
        name = pyca_x509.Name([pyca_x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY),
                               pyca_x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                               pyca_x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        return (
            pyca_x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(pyca_x509.random_serial_number())
            .not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
            .not_valid_after(datetime.datetime(2040, 1, 1, tzinfo=datetime.UTC))
            .add_extension(pyca_x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                              data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                              crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256())
        )

    @staticmethod
    def _replace_file(path: Path, data: bytes) -> None:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)


def demo_pki(directory: Path, *, base_url: str) -> DemoPki:
    """The DEMO PKI with its service URLs under `base_url`; keys made in `directory` only if missing."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for label in [*AUTHORITY_NAMES, *END_ENTITY_NAMES]:
        _ensure_key(_key_path(directory, label))
    config = CertomancerConfig(_config(directory, base_url.rstrip("/")), key_search_dir=str(directory))
    return DemoPki(directory, config.get_pki_arch(ARCH))


@dataclass
class ServedPki:
    pki: DemoPki
    base_url: str
    server: BaseWSGIServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def _not_ready(environ, start_response):
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"PKI not built yet"]


def pki_serve(directory: Path, *, host: str = "127.0.0.1", port: int = 0) -> ServedPki:
    """Serve the DEMO PKI in a daemon thread. The socket is bound first, so that with port=0
    the certificates can carry the port the system picked."""
    server = make_server(host, port, _not_ready, threaded=True)
    base_url = f"http://{host}:{server.server_port}"
    try:
        pki = demo_pki(directory, base_url=base_url)
    except BaseException:
        server.server_close()
        raise
    server.app = pki.wsgi_app
    thread = threading.Thread(target=server.serve_forever, name=f"demo-pki {base_url}", daemon=True)
    thread.start()
    return ServedPki(pki=pki, base_url=base_url, server=server, thread=thread)
