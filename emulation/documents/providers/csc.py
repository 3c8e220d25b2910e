"""The CSC-style adapter: Cloud Signature Consortium API v1 endpoints, made
asynchronous the way Vietnamese providers do it.

``URL`` is the provider's root: the access token comes from
``<URL>/oauth2/token`` (OAuth 2.0 client credentials) and the API lives under
``<URL>/csc/v1/``. ``signatures/signHash`` answers with a transaction id,
``signatures/status`` with the state (and, once approved, the signature),
``signatures/cancel`` withdraws a request.

Answers are checked strictly: a provider that answers something else than
agreed is reported as ProviderBadAnswer rather than half-understood. The
client secret and the access token never appear in errors or logs.
"""

import base64
import binascii
import json
import logging
import threading
import time

import requests
from cryptography import x509

from emulation.documents.providers import (
    SIGNATURE_STATES,
    CredentialInfo,
    PendingSignature,
    ProviderBadAnswer,
    ProviderRefusedCredentials,
    ProviderRejectedRequest,
    ProviderUnknownCredential,
    ProviderUnknownTransaction,
    ProviderUnreachable,
    SignatureStatus,
)

logger = logging.getLogger(__name__)

SHA256_OID = "2.16.840.1.101.3.4.2.1"
RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1"
SHA256_DIGEST_LENGTH = 32
# Certificates and one signature fit in a few kilobytes; anything much bigger
# is not an answer to what was asked.
MAX_ANSWER_BYTES = 1024 * 1024
# A cached token is dropped a little before the provider says it expires, so
# that it does not run out between being checked and being used.
TOKEN_EXPIRY_MARGIN = 30.0
DEFAULT_TOKEN_LIFETIME = 3600.0
_UNSET = object()


def _is_number(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float)


class CSCProvider:
    def __init__(self, url: str, client_id: str, client_secret: str, timeout: float = 10):
        self._url = url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers.update({"Accept": "application/json"})
        self._token: str | None = None
        self._token_good_until = 0.0
        self._token_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CSCProvider(url={self._url!r}, client_id={self._client_id!r})"

    # The interface --------------------------------------------------------------

    def credentials(self, user_id: str) -> list[str]:
        answer = self._call("credentials/list", {"userID": user_id})
        credential_ids = self._field(answer, "credentialIDs", list, "credentials/list")
        if not all(isinstance(credential_id, str) and credential_id for credential_id in credential_ids):
            raise self._bad("credentials/list", "credentialIDs must be non-empty strings")
        return credential_ids

    def _call_on_credential(self, where: str, payload: dict, **options) -> dict:
        """A call about one credential: the provider's "unknown credential" becomes its own error."""
        try:
            return self._call(where, payload, **options)
        except ProviderRejectedRequest as rejected:
            if self._names_the_credential(rejected):
                raise ProviderUnknownCredential(detail=rejected.detail, error=rejected.error,
                                                description=rejected.description) from rejected
            raise

    def credential_info(self, credential_id: str) -> CredentialInfo:
        where = "credentials/info"
        answer = self._call_on_credential(where, {"credentialID": credential_id, "certificates": "chain",
                                                   "certInfo": True})
        key = self._field(answer, "key", dict, where)
        cert = self._field(answer, "cert", dict, where)
        key_status = self._field(key, "status", str, where, "key.status")
        algorithms = self._field(key, "algo", list, where, "key.algo")
        if not algorithms or not all(isinstance(algorithm, str) for algorithm in algorithms):
            raise self._bad(where, "key.algo must be a non-empty list of OIDs")
        self._field(key, "len", int, where, "key.len")
        certificate_status = self._field(cert, "status", str, where, "cert.status")
        for name in ("issuerDN", "subjectDN", "serialNumber", "validFrom", "validTo"):
            self._field(cert, name, str, where, f"cert.{name}", default=None)
        encoded = self._field(cert, "certificates", list, where, "cert.certificates")
        if not encoded:
            raise self._bad(where, "cert.certificates is empty")
        certificates = [self._base64(value, where, "cert.certificates[]") for value in encoded]
        try:
            leaf = x509.load_der_x509_certificate(certificates[0])
            for der in certificates[1:]:
                x509.load_der_x509_certificate(der)
        except ValueError as error:
            raise self._bad(where, f"cert.certificates holds something that is not a DER certificate ({error})") \
                from error
        return CredentialInfo(credential_id=credential_id, certificates=certificates,
                              subject=leaf.subject.rfc4514_string(), issuer=leaf.issuer.rfc4514_string(),
                              serial=leaf.serial_number, key_enabled=key_status == "enabled",
                              certificate_status=certificate_status)

    def sign_hash(self, credential_id: str, digest: bytes, *, description: str) -> PendingSignature:
        if len(digest) != SHA256_DIGEST_LENGTH:
            raise ValueError(f"A SHA-256 digest is {SHA256_DIGEST_LENGTH} bytes, not {len(digest)}.")
        where = "signatures/signHash"
        answer = self._call_on_credential(where, {"credentialID": credential_id,
                                                   "hash": [base64.b64encode(digest).decode()],
                                                   "hashAlgo": SHA256_OID, "signAlgo": RSA_ENCRYPTION_OID,
                                                   "description": description}, accepted=(200, 202))
        transaction_id = self._field(answer, "transactionID", str, where)
        if not transaction_id:
            raise self._bad(where, "transactionID is empty")
        expires_in = answer.get("expiresIn")
        if not _is_number(expires_in) or expires_in <= 0:
            raise self._bad(where, "expiresIn must be a positive number of seconds")
        return PendingSignature(transaction_id=transaction_id, expires_in=float(expires_in))

    def status(self, transaction_id: str) -> SignatureStatus:
        where = "signatures/status"
        answer = self._call_about_transaction(where, transaction_id)
        state = self._state(answer, where)
        if state != "approved":
            return SignatureStatus(state=state)
        signatures = self._field(answer, "signatures", list, where)
        if len(signatures) != 1:
            raise self._bad(where, f"one signature was asked for, {len(signatures)} came back")
        return SignatureStatus(state="approved", signature=self._base64(signatures[0], where, "signatures[0]"))

    def cancel(self, transaction_id: str) -> None:
        where = "signatures/cancel"
        self._state(self._call_about_transaction(where, transaction_id), where)

    # HTTP -------------------------------------------------------------------------

    def _call_about_transaction(self, where: str, transaction_id: str) -> dict:
        try:
            return self._call(where, {"transactionID": transaction_id})
        except ProviderRejectedRequest as rejected:
            # The transaction id is the only thing these requests carry.
            raise ProviderUnknownTransaction(detail=rejected.detail, error=rejected.error,
                                             description=rejected.description) from rejected

    def _call(self, where: str, body: dict, *, accepted: tuple[int, ...] = (200,)) -> dict:
        """POSTs ``body`` to the API with the access token; a 401 gets one new
        token and one retry (the provider may have restarted and forgotten it)."""
        url = f"{self._url}/csc/v1/{where}"
        for attempt in (1, 2):
            token = self._access_token()
            status, content = self._post(url, where, json=body, headers={"Authorization": f"Bearer {token}"})
            if status != 401:
                break
            self._forget_token(token)
            if attempt == 2:
                raise ProviderRefusedCredentials(detail=f"{where}: HTTP 401 even with a new access token")
            logger.info("Remote signing: %s answered 401; getting a new access token.", where)
        if status in accepted:
            return self._json_object(content, where, status)
        if 400 <= status < 500:
            error, description = self._error_body(content)
            raise ProviderRejectedRequest(detail=f"{where}: HTTP {status} {error}: {description}".rstrip(": "),
                                          error=error, description=description)
        raise self._bad(where, f"HTTP {status}")

    def _access_token(self) -> str:
        with self._token_lock:
            if self._token and time.monotonic() < self._token_good_until:
                return self._token
            where = "oauth2/token"
            status, content = self._post(f"{self._url}/oauth2/token", where, data={
                "grant_type": "client_credentials", "client_id": self._client_id,
                "client_secret": self._client_secret})
            if status == 401 or (status == 400 and self._error_body(content)[0] in (
                    "invalid_client", "unauthorized_client", "invalid_grant")):
                raise ProviderRefusedCredentials(detail=f"{where}: HTTP {status} {self._error_body(content)[0]}")
            if status != 200:
                raise self._bad(where, f"HTTP {status}")
            answer = self._json_object(content, where, status)
            token = self._field(answer, "access_token", str, where)
            token_type = self._field(answer, "token_type", str, where)
            lifetime = answer.get("expires_in", DEFAULT_TOKEN_LIFETIME)
            if not token or token_type.lower() != "bearer":
                raise self._bad(where, "expected a non-empty Bearer access_token")
            if not _is_number(lifetime) or lifetime <= 0:
                raise self._bad(where, "expires_in must be a positive number of seconds")
            self._token = token
            self._token_good_until = time.monotonic() + lifetime - min(TOKEN_EXPIRY_MARGIN, lifetime / 2)
            return token

    def _forget_token(self, token: str) -> None:
        with self._token_lock:
            if self._token == token:  # another thread may have fetched a fresh one already
                self._token = None

    def _post(self, url: str, where: str, **arguments) -> tuple[int, bytes]:
        """The answer's status and body, read up to MAX_ANSWER_BYTES."""
        try:
            with self._session.post(url, timeout=self._timeout, stream=True, allow_redirects=False,
                                    **arguments) as response:
                content = bytearray()
                for chunk in response.iter_content(64 * 1024):
                    content += chunk
                    if len(content) > MAX_ANSWER_BYTES:
                        raise self._bad(where, f"answer longer than {MAX_ANSWER_BYTES} bytes")
                return response.status_code, bytes(content)
        except (requests.ConnectionError, requests.Timeout) as error:
            raise ProviderUnreachable(detail=f"{where}: {type(error).__name__} talking to {self._url}") from error
        except requests.RequestException as error:
            raise self._bad(where, f"{type(error).__name__} while reading the answer") from error

    # Checking answers -------------------------------------------------------------

    @staticmethod
    def _bad(where: str, what: str) -> ProviderBadAnswer:
        logger.warning("Remote signing: bad answer from %s: %s", where, what)
        return ProviderBadAnswer(detail=f"{where}: {what}")

    def _json_object(self, content: bytes, where: str, status: int) -> dict:
        def refuse_constant(name: str):
            raise ValueError(f"{name} is not JSON")

        try:
            answer = json.loads(content, parse_constant=refuse_constant)
        except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise self._bad(where, f"HTTP {status} with a body that is not JSON") from None
        if not isinstance(answer, dict):
            raise self._bad(where, f"HTTP {status} with JSON that is not an object")
        return answer

    @staticmethod
    def _error_body(content: bytes) -> tuple[str, str]:
        """The CSC / OAuth error code and description, if the body has them."""
        try:
            answer = json.loads(content)
        except ValueError:
            return "", ""
        if not isinstance(answer, dict):
            return "", ""
        error, description = answer.get("error"), answer.get("error_description")
        return (error if isinstance(error, str) else "", description if isinstance(description, str) else "")

    def _field(self, answer: dict, key: str, kind: type, where: str, name: str = "", *, default=_UNSET):
        name = name or key
        if key not in answer:
            if default is not _UNSET:
                return default
            raise self._bad(where, f"{name} is missing")
        value = answer[key]
        # bool is an int to Python, but never a length or a count here.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self._bad(where, f"{name} is a {type(value).__name__}, not a {kind.__name__}")
        return value

    def _base64(self, value, where: str, name: str) -> bytes:
        if not isinstance(value, str):
            raise self._bad(where, f"{name} is a {type(value).__name__}, not base64 text")
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII text
            raise self._bad(where, f"{name} is not base64") from None
        if not decoded:
            raise self._bad(where, f"{name} is empty")
        return decoded

    def _state(self, answer: dict, where: str) -> str:
        state = self._field(answer, "status", str, where)
        if state not in SIGNATURE_STATES:
            raise self._bad(where, f"unknown status {state[:40]!r}")
        return state

    @staticmethod
    def _names_the_credential(rejected: ProviderRejectedRequest) -> bool:
        """CSC names the parameter it did not accept: "Invalid parameter credentialID"."""
        return "credentialid" in rejected.description.lower()
