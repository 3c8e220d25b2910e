"""Trust roots (the national roots and any others an administrator names in
SIGNATURE_TRUST_ROOTS, PEM files) and the validation contexts built on them."""

import logging

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings

logger = logging.getLogger(__name__)


def configured_roots_pem() -> list[str]:
    """The PEM text of each configured root file; a file lost in a move or a
    restore is logged and left out rather than taking a page down."""
    texts = []
    for path in getattr(settings, "SIGNATURE_TRUST_ROOTS", []):
        try:
            with open(path, encoding="ascii") as handle:
                texts.append(handle.read())
        except OSError:
            logger.exception("Trust root %s in SIGNATURE_TRUST_ROOTS cannot be read; left out.", path)
    return texts


def certificates_from_pem(texts: list[str]) -> list[asn1_x509.Certificate]:
    """Every certificate in the given PEM texts (a root file may hold several,
    e.g. the national root and its successor). A text that is not a
    certificate is logged and left out, as an unreadable root file is."""
    certificates = []
    for text in texts:
        data = text.encode()
        if not asn1_pem.detect(data):
            logger.error("A trust root is not PEM text; left out.")
            continue
        try:
            for kind, _headers, der in asn1_pem.unarmor(data, multiple=True):
                if kind == "CERTIFICATE":
                    certificate = asn1_x509.Certificate.load(der)
                    certificate.native  # noqa: B018 — asn1crypto parses lazily: a damaged root fails here, once
                    certificates.append(certificate)
        except ValueError:
            logger.exception("A trust root cannot be parsed; left out.")
    return certificates


def trust_roots(extra_pem: list[str] = ()) -> list[asn1_x509.Certificate]:
    return certificates_from_pem([*configured_roots_pem(), *extra_pem])


def validation_context(*, extra_roots_pem: list[str] = (), other_certificates: list = ()):
    """For signing with embedded validation information (PAdES B-LT): the
    configured roots, fetching OCSP answers and CRLs as the certificates say."""
    from pyhanko_certvalidator import ValidationContext  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    return ValidationContext(trust_roots=trust_roots(list(extra_roots_pem)), other_certs=list(other_certificates),
                             allow_fetching=True)
