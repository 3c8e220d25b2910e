"""Remote signing ("ký số từ xa" on the phone): the interface every provider
adapter offers, its errors, and the configured provider.

Vietnamese providers (VNPT SmartCA, Viettel MySign…) model their APIs on the
Cloud Signature Consortium API v1 but sign asynchronously: ``sign_hash`` only
starts a request, the person approves it on their phone, and the caller polls
``status`` until it is approved (with the signature value), refused, expired
or cancelled. An adapter turns one provider's HTTP API into this interface;
``csc.py`` is the CSC-style one.

Every error is a ``ProviderError`` whose ``message`` can be shown to the
person as it is; ``detail`` says, in English and without secrets, what went
wrong, for the logs.
"""

import functools
from dataclasses import dataclass
from typing import Literal, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from emulation.errors import ExplainedError

type SignatureState = Literal["pending", "approved", "refused", "expired", "cancelled"]
SIGNATURE_STATES: frozenset[str] = frozenset({"pending", "approved", "refused", "expired", "cancelled"})
FINISHED_STATES: frozenset[str] = SIGNATURE_STATES - {"pending"}


@dataclass(frozen=True)
class CredentialInfo:
    credential_id: str
    certificates: list[bytes]  # DER, leaf first, then the chain as the provider gave it
    subject: str  # the leaf's subject, RFC 4514
    issuer: str  # the leaf's issuer, RFC 4514
    serial: int  # the leaf's serial number
    key_enabled: bool = True
    certificate_status: str = "valid"  # as the provider says: "valid", "expired", "revoked", "suspended"


@dataclass(frozen=True)
class PendingSignature:
    transaction_id: str
    expires_in: float  # seconds the person has to approve on the phone


@dataclass(frozen=True)
class SignatureStatus:
    state: SignatureState
    signature: bytes | None = None  # the raw signature value, only when approved

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES


class RemoteSigningProvider(Protocol):
    def credentials(self, user_id: str) -> list[str]:
        """The ids of the person's credentials (signing keys) at the provider."""

    def credential_info(self, credential_id: str) -> CredentialInfo: ...

    def sign_hash(self, credential_id: str, digest: bytes, *, description: str) -> PendingSignature:
        """Asks the person to sign ``digest`` (SHA-256, 32 bytes) on their
        phone, where ``description`` is shown. Returns at once."""

    def status(self, transaction_id: str) -> SignatureStatus: ...

    def cancel(self, transaction_id: str) -> None:
        """Withdraws a pending request. One already decided stays as it was."""


class ProviderError(ExplainedError):
    default_message = _("Lỗi khi ký số từ xa. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị hệ thống.")



class ProviderUnreachable(ProviderError):
    default_message = _("Không kết nối được với nhà cung cấp ký số từ xa. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, "
                        "báo cho quản trị hệ thống.")


class ProviderBadAnswer(ProviderError):
    default_message = _("Nhà cung cấp ký số từ xa trả lời không hợp lệ. Vui lòng thử lại; nếu vẫn lỗi, báo cho "
                        "quản trị hệ thống.")


class ProviderRefusedCredentials(ProviderError):
    default_message = _("Máy chủ không được nhà cung cấp ký số từ xa chấp nhận (sai mã ứng dụng hoặc khóa bí mật). "
                        "Vui lòng báo cho quản trị hệ thống.")


class ProviderRejectedRequest(ProviderError):
    """The provider understood the request and said no (a 4xx other than 401)."""

    default_message = _("Nhà cung cấp ký số từ xa từ chối yêu cầu. Vui lòng kiểm tra lại chứng thư số đã chọn; nếu "
                        "vẫn lỗi, báo cho quản trị hệ thống.")

    def __init__(self, message: str | None = None, *, detail: str = "", error: str = "", description: str = ""):
        super().__init__(message, detail=detail)
        self.error = error  # the provider's error code, e.g. "invalid_request"
        self.description = description  # the provider's error_description


class ProviderUnknownCredential(ProviderRejectedRequest):
    default_message = _("Nhà cung cấp ký số từ xa không tìm thấy chứng thư số này. Vui lòng chọn lại chứng thư số.")


class ProviderUnknownTransaction(ProviderRejectedRequest):
    default_message = _("Nhà cung cấp ký số từ xa không tìm thấy yêu cầu ký này (có thể đã quá hạn và bị xóa). "
                        "Vui lòng gửi lại yêu cầu ký.")


ADAPTERS = ("csc",)


def remote_signing_provider() -> RemoteSigningProvider:
    """The provider configured in settings.REMOTE_SIGNING:
    {"ADAPTER": "csc", "URL": ..., "CLIENT_ID": ..., "CLIENT_SECRET": ..., "TIMEOUT": 10}."""
    configuration = getattr(settings, "REMOTE_SIGNING", {}) or {}
    if not isinstance(configuration, dict):
        raise ImproperlyConfigured("REMOTE_SIGNING must be a dict with ADAPTER, URL, CLIENT_ID and CLIENT_SECRET.")
    missing = [key for key in ("ADAPTER", "URL", "CLIENT_ID", "CLIENT_SECRET") if not configuration.get(key)]
    if missing:
        raise ImproperlyConfigured(f"REMOTE_SIGNING is missing {', '.join(missing)} (remote signing needs "
                                   "ADAPTER, URL, CLIENT_ID and CLIENT_SECRET).")
    adapter, url = configuration["ADAPTER"], configuration["URL"]
    if adapter not in ADAPTERS:
        raise ImproperlyConfigured(f"REMOTE_SIGNING['ADAPTER'] is {adapter!r}; known adapters: {', '.join(ADAPTERS)}.")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ImproperlyConfigured("REMOTE_SIGNING['URL'] must be an http:// or https:// address.")
    timeout = configuration.get("TIMEOUT", 10)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ImproperlyConfigured("REMOTE_SIGNING['TIMEOUT'] must be a positive number of seconds.")
    return _provider(adapter, url, str(configuration["CLIENT_ID"]), str(configuration["CLIENT_SECRET"]),
                     float(timeout))


@functools.lru_cache(maxsize=4)
def _provider(adapter: str, url: str, client_id: str, client_secret: str, timeout: float) -> RemoteSigningProvider:
    """One provider per configuration, so that its access token and its
    connections are reused across requests (polling asks every few seconds)."""
    from emulation.documents.providers.csc import CSCProvider  # noqa: PLC0415 — csc.py imports this module's types

    return CSCProvider(url, client_id, client_secret, timeout)
