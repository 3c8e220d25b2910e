"""The CSC-style remote signing client against the stand-in provider, both
over real HTTP on loopback: listing and describing credentials, a signature
that is approved, refused, expires or comes back as nonsense, cancelling,
the phone page, and the errors a person sees."""

import datetime
import hashlib
import re
import socket
import time

import pytest
import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured

from demo.remote_signing import Credential, RemoteSigningServer
from emulation.documents.providers import (
    CredentialInfo,
    PendingSignature,
    ProviderBadAnswer,
    ProviderRefusedCredentials,
    ProviderUnknownCredential,
    ProviderUnknownTransaction,
    ProviderUnreachable,
    SignatureStatus,
    remote_signing_provider,
)
from emulation.documents.providers.csc import CSCProvider

CLIENT_ID = "thidua-test"
CLIENT_SECRET = "bi-mat-cua-ung-dung-0123456789"
USER = "nguyen-van-an"
OTHER_USER = "tran-thi-binh"
DOCUMENT = "Quyết định khen thưởng số 12/QĐ-UBND".encode()
DIGEST = hashlib.sha256(DOCUMENT).digest()
DELAY = 0.2

UNREACHABLE = ("Không kết nối được với nhà cung cấp ký số từ xa. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, "
               "báo cho quản trị hệ thống.")
BAD_ANSWER = ("Nhà cung cấp ký số từ xa trả lời không hợp lệ. Vui lòng thử lại; nếu vẫn lỗi, báo cho "
              "quản trị hệ thống.")
REFUSED_CREDENTIALS = ("Máy chủ không được nhà cung cấp ký số từ xa chấp nhận (sai mã ứng dụng hoặc khóa bí mật). "
                       "Vui lòng báo cho quản trị hệ thống.")
UNKNOWN_TRANSACTION = ("Nhà cung cấp ký số từ xa không tìm thấy yêu cầu ký này (có thể đã quá hạn và bị xóa). "
                       "Vui lòng gửi lại yêu cầu ký.")
UNKNOWN_CREDENTIAL = "Nhà cung cấp ký số từ xa không tìm thấy chứng thư số này. Vui lòng chọn lại chứng thư số."


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, key, issuer: str, issuer_key, *, ca: bool, serial: int) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    return (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
            .public_key(key.public_key()).serial_number(serial)
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(issuer_key, hashes.SHA256()))


def _pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


@pytest.fixture(scope="module")
def pki():
    """A test CA, a signing certificate it issued, and a second, self-signed one."""
    ca_key, leaf_key, other_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3))
    ca = _certificate("DEMO Remote CA", ca_key, "DEMO Remote CA", ca_key, ca=True, serial=1001)
    leaf = _certificate("Nguyễn Văn An", leaf_key, "DEMO Remote CA", ca_key, ca=False, serial=0x5EED)
    other = _certificate("Nguyễn Văn An (dự phòng)", other_key, "Nguyễn Văn An (dự phòng)", other_key, ca=True,
                         serial=77)
    key_pem = {name: key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
               for name, key in (("leaf", leaf_key), ("other", other_key))}
    credentials = [
        Credential("an-chinh", USER, key_pem["leaf"], [_pem(leaf), _pem(ca)], "Nguyễn Văn An — ký chính"),
        Credential("an-du-phong", USER, key_pem["other"], [_pem(other)], "Nguyễn Văn An — dự phòng"),
        Credential("binh", OTHER_USER, key_pem["other"], [_pem(other)], "Trần Thị Bình"),
    ]
    return {"ca": ca, "leaf": leaf, "credentials": credentials}


@pytest.fixture
def provider_server(pki):
    server = RemoteSigningServer(pki["credentials"], client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                 approve_after=DELAY)
    base_url, stop = server.serve()
    yield server, base_url, stop
    stop()


@pytest.fixture
def base_url(provider_server):
    return provider_server[1]


@pytest.fixture
def client(base_url):
    return CSCProvider(base_url, CLIENT_ID, CLIENT_SECRET, timeout=5)


def behave(base_url: str, credential_id: str = "an-chinh", **behaviour) -> dict:
    response = requests.post(f"{base_url}/_demo/behaviour", json={"credentialID": credential_id, **behaviour},
                             timeout=5)
    assert response.status_code == 200, response.text
    return response.json()


def wait_until_finished(client, transaction_id: str, within: float = 3.0) -> SignatureStatus:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        status = client.status(transaction_id)
        if status.finished:
            return status
        time.sleep(0.05)
    raise AssertionError(f"still pending after {within} s")


def verifies(certificate: x509.Certificate, signature: bytes) -> bool:
    try:
        # Over the digest as given, and so over the document itself.
        certificate.public_key().verify(signature, DIGEST, PKCS1v15(), Prehashed(hashes.SHA256()))
        certificate.public_key().verify(signature, DOCUMENT, PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


# Credentials ---------------------------------------------------------------------


def test_the_info_endpoint_needs_no_token(base_url):
    answer = requests.post(f"{base_url}/csc/v1/info", json={}, timeout=5).json()
    assert (answer["specs"], answer["name"]) == ("1.0.4.0", "DEMO Ký số từ xa")
    assert answer["methods"] == ["oauth2/token", "credentials/list", "credentials/info", "signatures/signHash",
                                 "signatures/status", "signatures/cancel"]


def test_the_api_needs_a_bearer_token(base_url):
    response = requests.post(f"{base_url}/csc/v1/credentials/list", json={"userID": USER}, timeout=5)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    response = requests.post(f"{base_url}/csc/v1/credentials/list", json={"userID": USER}, timeout=5,
                             headers={"Authorization": "Bearer made-up"})
    assert response.status_code == 401


def test_credentials_lists_only_the_persons_own(client):
    assert client.credentials(USER) == ["an-chinh", "an-du-phong"]
    assert client.credentials(OTHER_USER) == ["binh"]
    assert client.credentials("nobody") == []


def test_credential_info_gives_the_chain_leaf_first(client, pki):
    assert client.credential_info("an-chinh") == CredentialInfo(
        credential_id="an-chinh", certificates=[_der(pki["leaf"]), _der(pki["ca"])],
        subject=pki["leaf"].subject.rfc4514_string(), issuer="CN=DEMO Remote CA,C=VN", serial=0x5EED,
        key_enabled=True, certificate_status="valid")


def test_an_unknown_credential_is_said_so(client):
    with pytest.raises(ProviderUnknownCredential) as raised:
        client.credential_info("khong-co")
    assert raised.value.message == UNKNOWN_CREDENTIAL
    assert raised.value.description == "Invalid parameter credentialID"
    with pytest.raises(ProviderUnknownCredential):
        client.sign_hash("khong-co", DIGEST, description="Ký thử")


def test_the_token_is_fetched_once_and_again_after_the_provider_forgets_it(client, provider_server):
    server, base_url, _ = provider_server
    client.credentials(USER)
    client.credential_info("an-chinh")
    assert server.tokens_issued == 1
    assert requests.post(f"{base_url}/_demo/revoke_tokens", timeout=5).status_code == 200
    assert client.credentials(USER) == ["an-chinh", "an-du-phong"]
    assert server.tokens_issued == 2


# Signing ---------------------------------------------------------------------------


def test_an_approved_request_brings_a_signature_that_verifies(client, pki):
    started = time.monotonic()
    pending = client.sign_hash("an-chinh", DIGEST, description="Quyết định khen thưởng số 12")
    assert isinstance(pending, PendingSignature)
    assert re.fullmatch(r"[0-9a-f]{32}", pending.transaction_id)
    assert pending.expires_in == 300.0
    assert client.status(pending.transaction_id) == SignatureStatus(state="pending", signature=None)
    status = wait_until_finished(client, pending.transaction_id)
    assert time.monotonic() - started >= DELAY
    assert status.state == "approved"
    assert len(status.signature) == 256  # RSA-2048
    assert verifies(pki["leaf"], status.signature)
    assert client.status(pending.transaction_id) == status  # asking again changes nothing


def test_a_refused_request_has_no_signature(client, base_url):
    behave(base_url, mode="refuse", approveAfter=DELAY)
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    assert client.status(pending.transaction_id).state == "pending"
    assert wait_until_finished(client, pending.transaction_id) == SignatureStatus(state="refused", signature=None)


def test_a_request_nobody_approves_expires(client, base_url):
    assert behave(base_url, mode="expire", expiresIn=0.5) == {
        "credentialID": "an-chinh", "mode": "expire", "approveAfter": DELAY, "expiresIn": 0.5, "garbage": "not-json"}
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    assert pending.expires_in == 0.5
    assert client.status(pending.transaction_id).state == "pending"
    time.sleep(0.55)
    assert client.status(pending.transaction_id) == SignatureStatus(state="expired", signature=None)


def test_an_approval_due_after_the_expiry_never_comes(client, base_url):
    behave(base_url, mode="approve", approveAfter=0.6, expiresIn=0.3)
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    time.sleep(0.7)
    assert client.status(pending.transaction_id).state == "expired"


def test_behaviour_is_per_credential_and_fixed_when_the_request_is_made(client, base_url):
    behave(base_url, "an-du-phong", mode="refuse", approveAfter=0)
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    behave(base_url, mode="refuse", approveAfter=0)  # too late for the request above
    assert client.status(client.sign_hash("an-du-phong", DIGEST, description="Ký thử").transaction_id).state == (
        "refused")
    assert wait_until_finished(client, pending.transaction_id).state == "approved"


@pytest.mark.parametrize("garbage", ["not-json", "wrong-shape", "bad-base64", "server-error"])
def test_a_nonsense_status_answer_is_a_bad_answer(client, base_url, garbage):
    behave(base_url, mode="garbage", approveAfter=DELAY, garbage=garbage)
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    assert client.status(pending.transaction_id).state == "pending"  # sensible until the delay is over
    time.sleep(DELAY + 0.05)
    with pytest.raises(ProviderBadAnswer) as raised:
        client.status(pending.transaction_id)
    assert raised.value.message == BAD_ANSWER
    assert str(raised.value) == BAD_ANSWER
    assert raised.value.detail == {
        "not-json": "signatures/status: HTTP 200 with a body that is not JSON",
        "wrong-shape": "signatures/status: status is a list, not a str",
        "bad-base64": "signatures/status: signatures[0] is not base64",
        "server-error": "signatures/status: HTTP 502",
    }[garbage]


def test_cancelling_a_pending_request(client, base_url):
    behave(base_url, mode="manual")
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    assert client.cancel(pending.transaction_id) is None
    assert client.status(pending.transaction_id) == SignatureStatus(state="cancelled", signature=None)
    assert USER in requests.get(f"{base_url}/phone/{USER}", timeout=5).text
    assert pending.transaction_id not in requests.get(f"{base_url}/phone/{USER}", timeout=5).text


def test_cancelling_a_decided_request_leaves_it_decided(client):
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    assert wait_until_finished(client, pending.transaction_id).state == "approved"
    client.cancel(pending.transaction_id)
    assert client.status(pending.transaction_id).state == "approved"


def test_an_unknown_transaction_is_said_so(client):
    for ask in (client.status, client.cancel):
        with pytest.raises(ProviderUnknownTransaction) as raised:
            ask("khong-co-giao-dich-nay")
        assert raised.value.message == UNKNOWN_TRANSACTION
        assert (raised.value.error, raised.value.description) == ("invalid_request", "Invalid parameter transactionID")


def test_a_digest_must_be_sha256(client):
    with pytest.raises(ValueError, match="A SHA-256 digest is 32 bytes, not 20"):
        client.sign_hash("an-chinh", hashlib.sha1(DOCUMENT).digest(), description="Ký thử")


# The phone -------------------------------------------------------------------------


def test_the_phone_page_lists_a_pending_request_and_approves_it(client, base_url, pki):
    behave(base_url, mode="manual")
    pending = client.sign_hash("an-chinh", DIGEST, description="Kế hoạch thi đua năm 2025 <b>")
    page = requests.get(f"{base_url}/phone/{USER}", timeout=5)
    assert page.status_code == 200
    assert "<h1>Điện thoại DEMO của nguyen-van-an</h1>" in page.text
    assert "Kế hoạch thi đua năm 2025 &lt;b&gt;" in page.text
    approve = f"/phone/{USER}/{pending.transaction_id}/approve"
    assert f'<form method="post" action="{approve}"><button type="submit">Xác nhận ký</button></form>' in page.text
    assert f'action="/phone/{USER}/{pending.transaction_id}/refuse"><button type="submit">Từ chối</button>' in page.text
    time.sleep(DELAY + 0.05)
    assert client.status(pending.transaction_id).state == "pending"  # manual: waits for the click

    clicked = requests.post(f"{base_url}{approve}", timeout=5)  # follows the 303 back to the phone
    assert [response.status_code for response in clicked.history] == [303]
    assert "Không có yêu cầu ký nào đang chờ xác nhận." in clicked.text
    status = client.status(pending.transaction_id)
    assert status.state == "approved"
    assert verifies(pki["leaf"], status.signature)
    again = requests.post(f"{base_url}{approve}", timeout=5)
    assert again.status_code == 409
    assert "không còn chờ xác nhận" in again.text


def test_the_phone_refuse_button_refuses(client, base_url):
    behave(base_url, mode="manual")
    pending = client.sign_hash("an-chinh", DIGEST, description="Ký thử")
    requests.post(f"{base_url}/phone/{USER}/{pending.transaction_id}/refuse", timeout=5)
    assert client.status(pending.transaction_id).state == "refused"


def test_the_phone_shows_only_its_owners_requests(client, base_url):
    behave(base_url, "binh", mode="manual")
    pending = client.sign_hash("binh", DIGEST, description="Ký thử")
    assert pending.transaction_id not in requests.get(f"{base_url}/phone/{USER}", timeout=5).text
    clicked = requests.post(f"{base_url}/phone/{USER}/{pending.transaction_id}/approve", timeout=5)
    assert clicked.status_code == 404
    assert requests.get(f"{base_url}/phone/nobody", timeout=5).status_code == 404
    assert client.status(pending.transaction_id).state == "pending"


# What goes wrong between the server and the provider -----------------------------


def test_a_wrong_client_secret_is_refused_credentials(base_url):
    client = CSCProvider(base_url, CLIENT_ID, "sai-khoa-bi-mat", timeout=5)
    with pytest.raises(ProviderRefusedCredentials) as raised:
        client.credentials(USER)
    assert raised.value.message == REFUSED_CREDENTIALS
    assert raised.value.detail == "oauth2/token: HTTP 401 invalid_client"
    assert "sai-khoa-bi-mat" not in repr(client) + repr(raised.value) + str(raised.value)


def test_a_stopped_provider_is_unreachable(client, provider_server):
    client.credentials(USER)  # a kept-alive connection, which stopping must close too
    provider_server[2]()
    with pytest.raises(ProviderUnreachable) as raised:
        client.credentials(USER)
    assert raised.value.message == UNREACHABLE


def test_a_provider_that_never_answers_is_unreachable():
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts the connection, says nothing
        client = CSCProvider(f"http://127.0.0.1:{silent.getsockname()[1]}", CLIENT_ID, CLIENT_SECRET, timeout=0.3)
        with pytest.raises(ProviderUnreachable) as raised:
            client.credentials(USER)
    assert raised.value.detail.startswith("oauth2/token: ReadTimeout talking to http://127.0.0.1:")


def test_the_control_endpoint_refuses_what_it_does_not_know(base_url):
    response = requests.post(f"{base_url}/_demo/behaviour", json={"credentialID": "an-chinh", "mode": "maybe"},
                             timeout=5)
    assert response.status_code == 400
    assert response.json()["error_description"].startswith("Invalid parameter mode")


# Configuration ---------------------------------------------------------------------


def test_the_configured_provider(settings, base_url):
    settings.REMOTE_SIGNING = {"ADAPTER": "csc", "URL": base_url, "CLIENT_ID": CLIENT_ID,
                               "CLIENT_SECRET": CLIENT_SECRET, "TIMEOUT": 5}
    provider = remote_signing_provider()
    assert isinstance(provider, CSCProvider)
    assert provider is remote_signing_provider()  # its token and connections are reused
    assert provider.credentials(USER) == ["an-chinh", "an-du-phong"]


@pytest.mark.parametrize(("configuration", "complaint"), [
    (None, "REMOTE_SIGNING is missing ADAPTER, URL, CLIENT_ID, CLIENT_SECRET"),
    ({"ADAPTER": "csc", "URL": "https://ca.example.vn"}, "REMOTE_SIGNING is missing CLIENT_ID, CLIENT_SECRET"),
    ({"ADAPTER": "pkcs11", "URL": "https://ca.example.vn", "CLIENT_ID": "a", "CLIENT_SECRET": "b"},
     "REMOTE_SIGNING['ADAPTER'] is 'pkcs11'; known adapters: csc."),
    ({"ADAPTER": "csc", "URL": "ca.example.vn", "CLIENT_ID": "a", "CLIENT_SECRET": "b"},
     "REMOTE_SIGNING['URL'] must be an http:// or https:// address."),
    ({"ADAPTER": "csc", "URL": "https://ca.example.vn", "CLIENT_ID": "a", "CLIENT_SECRET": "b", "TIMEOUT": 0},
     "REMOTE_SIGNING['TIMEOUT'] must be a positive number of seconds."),
])
def test_a_missing_or_wrong_configuration_says_what_is_wrong(settings, configuration, complaint):
    if configuration is None:
        del settings.REMOTE_SIGNING
    else:
        settings.REMOTE_SIGNING = configuration
    with pytest.raises(ImproperlyConfigured) as raised:
        remote_signing_provider()
    assert str(raised.value).startswith(complaint)
