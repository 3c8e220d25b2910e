"""The agency's (cơ quan) signing key on a PKCS#11 token.

In the Nghị định 30 chain the records clerk applies the agency's signature;
its key stays on a token held by the server: an HSM in production, SoftHSM2
(``scripts/softhsm-token``) in development and tests. The key never leaves the
token: pyHanko hands it the digest and gets the signature back.

Loading the module. python-pkcs11 loads a module once per path and process
(``pkcs11.lib`` keeps it, initialised, in a dict) and the module reads its
configuration and lists its tokens when it is initialised. For SoftHSM2 that
means SOFTHSM2_CONF must be set, and the token created, before the process
first loads libsofthsm2.so; changing either later has no effect until the
module is initialised again (``pkcs11.lib(path).reinitialize()``, which ends
every session of the process). A module must be initialised anew in each
process, so a forking server loads it in its workers, not before the fork:
nothing here loads it at import time.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pkcs11
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from pkcs11 import Attribute, CertificateType, ObjectClass
from pkcs11.util.rsa import decode_rsa_private_key
from pkcs11.util.x509 import decode_x509_certificate


@dataclass(frozen=True)
class TokenSettings:
    module_path: str
    token_label: str
    pin: str = field(repr=False)
    key_label: str


def agency_token_settings(unit_code: str) -> TokenSettings | None:
    """Where unit ``unit_code`` keeps its agency key, from the SIGNING_TOKEN
    setting; None when the unit has no key on the token."""
    configured = getattr(settings, "SIGNING_TOKEN", None)
    if not configured:
        return None
    key_label = (configured.get("KEYS") or {}).get(unit_code)
    if not key_label:
        return None
    missing = [name for name in ("MODULE", "TOKEN_LABEL", "PIN") if not configured.get(name)]
    if missing:
        raise ImproperlyConfigured(f"SIGNING_TOKEN lacks {', '.join(missing)}.")
    return TokenSettings(module_path=configured["MODULE"], token_label=configured["TOKEN_LABEL"],
                         pin=configured["PIN"], key_label=key_label)


class TokenUnavailable(Exception):
    """The token cannot sign. ``message`` says why in Vietnamese, for the
    user; ``str()`` is the technical detail, for the log."""

    def __init__(self, reason: str, detail: str):
        self.message = _("Không mở được thiết bị ký số của cơ quan (%(reason)s).") % {"reason": reason}
        super().__init__(detail)


class TokenKeyExists(Exception):
    """token_import refuses to put a second key under a label already in use."""

    def __init__(self, key_label: str, token_label: str):
        self.message = _("Thiết bị ký số “%(token)s” đã có khóa hoặc chứng thư số mang nhãn “%(key)s”; "
                         "hãy chọn nhãn khác hoặc xóa khóa cũ trên thiết bị trước.") % {
            "token": token_label, "key": key_label}
        super().__init__(f"Token {token_label!r} already holds objects labelled {key_label!r}; nothing imported.")


def _module(module_path: str):
    if not os.path.isfile(module_path):
        raise TokenUnavailable(_("không có mô-đun PKCS#11 tại %(path)s") % {"path": module_path},
                               f"PKCS#11 module not found: {module_path}")
    # python-pkcs11 keeps one loaded module per path string, but the dynamic
    # loader gives two paths of one file (the Debian symlink and its target)
    # the same library, which then refuses a second initialisation.
    resolved = os.path.realpath(module_path)
    try:
        return pkcs11.lib(resolved)
    except pkcs11.PKCS11Error as error:
        raise TokenUnavailable(_("không nạp được mô-đun PKCS#11 %(path)s") % {"path": module_path},
                               f"Cannot load or initialise the PKCS#11 module {resolved}: "
                               f"{type(error).__name__}: {error}") from error


def _open_session(module_path: str, token_label: str, pin: str, *, read_write: bool = False):
    module = _module(module_path)
    try:
        token = module.get_token(token_label=token_label)
    except (pkcs11.NoSuchToken, pkcs11.MultipleTokensReturned) as error:
        found = "several tokens" if isinstance(error, pkcs11.MultipleTokensReturned) else "no token"
        raise TokenUnavailable(_("không tìm thấy thiết bị “%(label)s”") % {"label": token_label},
                               f"{found} labelled {token_label!r} in {module_path}") from error
    except pkcs11.PKCS11Error as error:
        raise TokenUnavailable(_("không đọc được danh sách thiết bị"),
                               f"Listing tokens of {module_path}: {type(error).__name__}: {error}") from error
    try:
        return token.open(user_pin=pin, rw=read_write)
    except (pkcs11.PinIncorrect, pkcs11.PinInvalid, pkcs11.PinLenRange) as error:
        raise TokenUnavailable(_("sai mã PIN của thiết bị “%(label)s”") % {"label": token_label},
                               f"Login to token {token_label!r} refused: {type(error).__name__}") from error
    except pkcs11.PinLocked as error:
        raise TokenUnavailable(_("mã PIN của thiết bị “%(label)s” đã bị khóa") % {"label": token_label},
                               f"User PIN of token {token_label!r} is locked") from error
    except pkcs11.PKCS11Error as error:
        raise TokenUnavailable(_("không đăng nhập được vào thiết bị “%(label)s”") % {"label": token_label},
                               f"Opening a session on token {token_label!r}: {type(error).__name__}: {error}"
                               ) from error


def _only_object(session, attributes: dict, *, kind: str, label: str, token_label: str):
    found = list(session.get_objects(attributes))
    if len(found) == 1:
        return found[0]
    if not found:
        reason = (_("không tìm thấy khóa ký số “%(label)s”") if kind == "private key"
                  else _("không tìm thấy chứng thư số “%(label)s”")) % {"label": label}
    else:
        reason = _("có nhiều đối tượng cùng nhãn “%(label)s”") % {"label": label}
    raise TokenUnavailable(reason, f"{len(found)} {kind} objects labelled {label!r} on token {token_label!r}")


def ca_label(key_label: str, index: int) -> str:
    """The label of the ``index``-th issuing CA's certificate stored beside key ``key_label``."""
    return f"{key_label}/ca-{index}"


def _issuer_certificates(session, key_label: str) -> list:
    prefix = ca_label(key_label, 0).removesuffix("0")
    return [asn1_x509.Certificate.load(found[Attribute.VALUE])
            for found in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
            if found[Attribute.LABEL].startswith(prefix)]


def _certificate_der(session, token: TokenSettings) -> bytes:
    certificate = _only_object(session, {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: token.key_label},
                               kind="certificate", label=token.key_label, token_label=token.token_label)
    return certificate[Attribute.VALUE]


@contextmanager
def token_signer(token: TokenSettings) -> Iterator:
    """A pyHanko PKCS11Signer for the agency key ``token`` names, on a session
    that is closed on leaving. The key and its certificate (an X.509 object
    with the key's label) are looked up at once, so that a missing key fails
    here rather than midway through signing."""
    from pyhanko.sign.pkcs11 import PKCS11Signer  # noqa: PLC0415 — pyHanko is slow to import (~0.5 s)

    session = _open_session(token.module_path, token.token_label, token.pin)
    try:
        try:
            _only_object(session, {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: token.key_label,
                                   Attribute.SIGN: True},
                         kind="private key", label=token.key_label, token_label=token.token_label)
            certificate = asn1_x509.Certificate.load(_certificate_der(session, token))
            issuers = _issuer_certificates(session, token.key_label)
        except pkcs11.PKCS11Error as error:
            raise TokenUnavailable(_("không đọc được khóa ký số “%(label)s”") % {"label": token.key_label},
                                   f"Looking up {token.key_label!r}: {type(error).__name__}: {error}") from error
        # Given the certificate read above, pyHanko does not search for it
        # again; it finds the key by the same label when it first signs.
        signer = PKCS11Signer(session, cert_label=token.key_label, key_label=token.key_label,
                              signing_cert=certificate, ca_chain=issuers)
        try:
            yield signer
        except pkcs11.PKCS11Error as error:
            raise TokenUnavailable(_("thiết bị báo lỗi khi ký"),
                                   f"Signing with {token.key_label!r} on token {token.token_label!r}: "
                                   f"{type(error).__name__}: {error}") from error
    finally:
        # A token that went away cannot close the session either; that must
        # not hide the signature already made or the error that ended it.
        with suppress(pkcs11.PKCS11Error):
            session.close()


def token_certificate_pem(token: TokenSettings) -> str:
    """The certificate stored on the token under the key's label, as PEM."""
    session = _open_session(token.module_path, token.token_label, token.pin)
    try:
        der = _certificate_der(session, token)
    finally:
        with suppress(pkcs11.PKCS11Error):
            session.close()
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM).decode()


def token_import(*, module_path: str, token_label: str, pin: str, key_label: str, private_key_pem: bytes,
                 certificate_pem: str, issuer_certificates_pem: list[str] = ()) -> None:
    """Put an RSA private key and its certificate on an existing token, both
    labelled ``key_label`` and sharing one CKA_ID (the certificate's subject
    key identifier). The key is stored sensitive and non-extractable, for
    signing only: once imported nothing reads it back. The certificates of its
    issuing CAs go beside it (labelled ``ca_label(key_label, n)``), so that its
    signatures carry the whole path to the root.

    For the DEMO agency key only. A production key must be generated inside the
    HSM (it is then also CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE, which
    an imported key can never be) and only its certificate loaded; a key that
    existed outside the token may have been copied there.

    Raises TokenKeyExists when the label is taken (nothing is replaced),
    ValueError for a key that is not RSA or does not match the certificate,
    TokenUnavailable when the token cannot be opened."""
    private_key = serialization.load_pem_private_key(private_key_pem, password=None)
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise ValueError(f"Only RSA keys can be imported, not {type(private_key).__name__}.")
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
    if certificate.public_key().public_numbers() != private_key.public_key().public_numbers():
        raise ValueError("The private key does not belong to the certificate.")
    certificate_der = certificate.public_bytes(serialization.Encoding.DER)
    object_id = x509.SubjectKeyIdentifier.from_public_key(private_key.public_key()).digest

    key_attributes = decode_rsa_private_key(private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
    key_attributes.update({
        Attribute.TOKEN: True, Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False,
        # An agency key that only signs: no decrypting or unwrapping with it.
        Attribute.SIGN: True, Attribute.DECRYPT: False, Attribute.UNWRAP: False,
        Attribute.LABEL: key_label, Attribute.ID: object_id, Attribute.SUBJECT: certificate.subject.public_bytes(),
    })
    certificate_attributes = decode_x509_certificate(certificate_der)
    certificate_attributes.update({
        Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True, Attribute.PRIVATE: False,
        Attribute.LABEL: key_label, Attribute.ID: object_id,
    })
    issuer_attributes = []
    for index, issuer_pem in enumerate(issuer_certificates_pem, start=1):
        attributes = decode_x509_certificate(
            x509.load_pem_x509_certificate(issuer_pem.encode()).public_bytes(serialization.Encoding.DER))
        attributes.update({Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True,
                           Attribute.PRIVATE: False, Attribute.LABEL: ca_label(key_label, index)})
        issuer_attributes.append(attributes)

    session = _open_session(module_path, token_label, pin, read_write=True)
    try:
        if list(session.get_objects({Attribute.LABEL: key_label})):
            raise TokenKeyExists(key_label, token_label)
        key_object = session.create_object(key_attributes)
        created = []
        try:
            for attributes in (certificate_attributes, *issuer_attributes):
                created.append(session.create_object(attributes))
        except BaseException:
            # A key without its certificates would block the label for a retry.
            for made in (*created, key_object):
                made.destroy()
            raise
    except pkcs11.PKCS11Error as error:
        raise TokenUnavailable(_("không ghi được khóa lên thiết bị “%(label)s”") % {"label": token_label},
                               f"Importing {key_label!r} onto token {token_label!r}: {type(error).__name__}: {error}"
                               ) from error
    finally:
        with suppress(pkcs11.PKCS11Error):
            session.close()
