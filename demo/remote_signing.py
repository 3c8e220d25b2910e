"""A stand-in for a Vietnamese remote signing provider ("ký số từ xa": VNPT
SmartCA, Viettel MySign…), for the tests and ``make run``.

Those providers follow the Cloud Signature Consortium API v1 (``credentials/
list``, ``credentials/info``, ``signatures/signHash``) but sign asynchronously:
``signHash`` answers with a transaction id, the person approves on their phone,
and the server polls ``signatures/status`` until the signature arrives, the
person refuses, or the request expires. This server does the same over real
HTTP on loopback, holding the keys itself.

How each credential's requests end is set through ``POST /_demo/behaviour``
(see ``RemoteSigningServer.set_behaviour``); the behaviour is copied into a
request when it is made, so changing it later leaves pending requests alone.
Decisions are worked out when someone looks (status, phone page, cancel), from
the request's own clock, so a slow poller sees what a fast one would have.
"""

import base64
import binascii
import functools
import hmac
import html
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.hashes import SHA256
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

SHA256_OID = "2.16.840.1.101.3.4.2.1"
RSA_ENCRYPTION_OID = "1.2.840.113549.1.1.1"
SHA256_WITH_RSA_OID = "1.2.840.113549.1.1.11"
SPECS_VERSION = "1.0.4.0"
SERVICE_NAME = "DEMO Ký số từ xa"

MODES = ("approve", "refuse", "expire", "garbage", "manual")
# What the status endpoint answers once a "garbage" request's delay has passed.
GARBAGE_KINDS = ("not-json", "wrong-shape", "bad-base64", "server-error")
MAX_DESCRIPTION_LENGTH = 500


@dataclass
class Credential:
    credential_id: str
    user_id: str
    private_key_pem: bytes
    certificate_pems: list[str]  # leaf first, then the chain
    label: str


@dataclass(frozen=True)
class _Behaviour:
    mode: str
    approve_after: float
    expires_in: float
    garbage: str = "not-json"


@dataclass
class _LoadedCredential:
    credential: Credential
    key: rsa.RSAPrivateKey
    certificates: list[x509.Certificate]


@dataclass
class _Transaction:
    transaction_id: str
    credential_id: str
    user_id: str
    digests: list[bytes]
    description: str
    created_at: float
    behaviour: _Behaviour
    # "pending", "approved", "refused", "expired", "cancelled", or "garbage"
    # (internal: the status endpoint answers nonsense from then on).
    state: str = "pending"
    signatures: list[str] = field(default_factory=list)

    @property
    def expires_at(self) -> float:
        return self.created_at + self.behaviour.expires_in


class _ApiError(ValueError):
    """An answer in the CSC error shape: {"error", "error_description"}."""

    def __init__(self, status: int, error: str, description: str):
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


class _Request(Request):
    max_content_length = 1024 * 1024
    max_form_memory_size = 64 * 1024


def _json(payload: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status=status, headers=headers,
                    mimetype="application/json")


def _seconds(value: float) -> int | float:
    """Whole seconds as an integer, as CSC writes them; fractions (tests) as they are."""
    return int(value) if float(value).is_integer() else value


def _number(value, name: str, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise _ApiError(400, "invalid_request", f"Invalid parameter {name}")
    return float(value)


class RemoteSigningServer:
    """The WSGI application; ``serve()`` runs it on a local port."""

    def __init__(self, credentials: list[Credential], *, client_id: str, client_secret: str,
                 approve_after: float = 2.0, default_expiry: float = 300.0, token_lifetime: float = 3600.0):
        self._client_id = client_id
        self._client_secret = client_secret
        self._token_lifetime = token_lifetime
        self._credentials: dict[str, _LoadedCredential] = {}
        self._behaviours: dict[str, _Behaviour] = {}
        for credential in credentials:
            if credential.credential_id in self._credentials:
                raise ValueError(f"Credential {credential.credential_id!r} is given twice.")
            self._credentials[credential.credential_id] = self._load(credential)
            self._behaviours[credential.credential_id] = _Behaviour("approve", approve_after, default_expiry)
        self._tokens: dict[str, float] = {}  # access token → when it expires (monotonic)
        self._transactions: dict[str, _Transaction] = {}
        self._lock = threading.Lock()
        self.tokens_issued = 0  # lets a test see that the client cached, or refreshed, its token
        self._urls = Map([
            Rule("/oauth2/token", methods=["POST"], endpoint="token"),
            Rule("/csc/v1/info", methods=["POST", "GET"], endpoint="info"),
            Rule("/csc/v1/credentials/list", methods=["POST"], endpoint="credentials_list"),
            Rule("/csc/v1/credentials/info", methods=["POST"], endpoint="credentials_info"),
            Rule("/csc/v1/signatures/signHash", methods=["POST"], endpoint="sign_hash"),
            Rule("/csc/v1/signatures/status", methods=["POST"], endpoint="signature_status"),
            Rule("/csc/v1/signatures/cancel", methods=["POST"], endpoint="signature_cancel"),
            Rule("/_demo/behaviour", methods=["POST"], endpoint="demo_behaviour"),
            Rule("/_demo/revoke_tokens", methods=["POST"], endpoint="demo_revoke_tokens"),
            Rule("/phone/<user_id>", methods=["GET"], endpoint="phone"),
            Rule("/phone/<user_id>/<transaction_id>/<any(approve, refuse):decision>", methods=["POST"],
                 endpoint="phone_decide"),
        ])

    @staticmethod
    def _load(credential: Credential) -> _LoadedCredential:
        key = _private_key(credential.private_key_pem)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"Credential {credential.credential_id!r}: only RSA keys are supported.")
        if not credential.certificate_pems:
            raise ValueError(f"Credential {credential.credential_id!r} has no certificate.")
        certificates = [x509.load_pem_x509_certificate(pem.encode()) for pem in credential.certificate_pems]
        if certificates[0].public_key() != key.public_key():
            raise ValueError(f"Credential {credential.credential_id!r}: the first certificate is not the key's.")
        return _LoadedCredential(credential, key, certificates)

    # Control, from Python or through /_demo/… ---------------------------------

    def set_behaviour(self, credential_id: str, *, mode: str | None = None, approve_after: float | None = None,
                      expires_in: float | None = None, garbage: str | None = None) -> dict:
        """How this credential's next requests end; fields left out stay as they were."""
        if credential_id not in self._credentials:
            raise _ApiError(400, "invalid_request", "Invalid parameter credentialID")
        if mode is not None and mode not in MODES:
            raise _ApiError(400, "invalid_request", f"Invalid parameter mode (one of {', '.join(MODES)})")
        if garbage is not None and garbage not in GARBAGE_KINDS:
            raise _ApiError(400, "invalid_request", f"Invalid parameter garbage (one of {', '.join(GARBAGE_KINDS)})")
        changes = {"mode": mode, "garbage": garbage}
        if approve_after is not None:
            changes["approve_after"] = _number(approve_after, "approveAfter")
        if expires_in is not None:
            changes["expires_in"] = _number(expires_in, "expiresIn", minimum=0.001)
        with self._lock:
            behaviour = replace(self._behaviours[credential_id],
                                **{name: value for name, value in changes.items() if value is not None})
            self._behaviours[credential_id] = behaviour
        return {"credentialID": credential_id, "mode": behaviour.mode,
                "approveAfter": _seconds(behaviour.approve_after), "expiresIn": _seconds(behaviour.expires_in),
                "garbage": behaviour.garbage}

    def revoke_tokens(self) -> None:
        """Forget every access token, as a provider does when it restarts."""
        with self._lock:
            self._tokens.clear()

    def pending(self, user_id: str) -> list[dict]:
        """The requests waiting on this person's phone."""
        now = time.monotonic()
        with self._lock:
            waiting = []
            for transaction in self._transactions.values():
                if transaction.user_id != user_id:
                    continue
                self._settle(transaction, now)
                if transaction.state == "pending":
                    waiting.append({"transactionID": transaction.transaction_id,
                                    "credentialID": transaction.credential_id,
                                    "label": self._credentials[transaction.credential_id].credential.label,
                                    "description": transaction.description,
                                    "expiresIn": max(0, round(transaction.expires_at - now))})
        return waiting

    def serve(self, host: str = "127.0.0.1", port: int = 0):
        """Runs the server in a daemon thread; returns its base URL and a
        function that stops it (closing open keep-alive connections too, so a
        client really finds nobody there)."""
        server = make_server(host, port, self, threaded=True, request_handler=_RequestHandler)
        server.open_connections = set()
        server.open_connections_lock = threading.Lock()
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                                  name="demo-remote-signing", daemon=True)
        thread.start()
        stopped = threading.Event()

        def stop() -> None:
            if stopped.is_set():
                return
            stopped.set()
            server.shutdown()
            server.server_close()
            with server.open_connections_lock:
                connections = list(server.open_connections)
            for connection in connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # the client already closed it
            thread.join(timeout=5)

        shown_host = f"[{host}]" if ":" in host else host
        return f"http://{shown_host}:{server.server_port}", stop

    # WSGI ---------------------------------------------------------------------

    def __call__(self, environ, start_response):
        request = _Request(environ)
        try:
            endpoint, arguments = self._urls.bind_to_environ(environ).match()
            response = getattr(self, f"_{endpoint}")(request, **arguments)
        except _ApiError as error:
            headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if error.status == 401 else None
            response = _json({"error": error.error, "error_description": error.description}, error.status, headers)
        except HTTPException as error:
            response = _json({"error": (error.name or "error").lower().replace(" ", "_"),
                              "error_description": error.description or ""}, error.code or 500)
        return response(environ, start_response)

    def _body(self, request: Request) -> dict:
        body = request.get_json(force=True, silent=True)
        if not isinstance(body, dict):
            raise _ApiError(400, "invalid_request", "The request body must be a JSON object")
        return body

    def _authorise(self, request: Request) -> None:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        with self._lock:
            expires_at = self._tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if expires_at is None or expires_at <= time.monotonic():
            raise _ApiError(401, "invalid_token", "The access token is missing, unknown or expired")

    def _credential(self, body: dict) -> _LoadedCredential:
        credential_id = body.get("credentialID")
        if not isinstance(credential_id, str) or credential_id not in self._credentials:
            raise _ApiError(400, "invalid_request", "Invalid parameter credentialID")
        return self._credentials[credential_id]

    def _transaction(self, body: dict) -> _Transaction:
        """Called with the lock held."""
        transaction_id = body.get("transactionID")
        if not isinstance(transaction_id, str) or transaction_id not in self._transactions:
            raise _ApiError(400, "invalid_request", "Invalid parameter transactionID")
        return self._transactions[transaction_id]

    def _settle(self, transaction: _Transaction, now: float) -> None:
        """Decides a pending request whose time has come. Called with the lock
        held. A decision due before the expiry wins even when nobody looked
        until after it."""
        if transaction.state != "pending":
            return
        behaviour = transaction.behaviour
        decides_at = transaction.created_at + behaviour.approve_after
        decides_by_itself = behaviour.mode in ("approve", "refuse", "garbage")
        if decides_by_itself and decides_at < transaction.expires_at and now >= decides_at:
            if behaviour.mode == "approve":
                self._approve(transaction)
            else:
                transaction.state = "refused" if behaviour.mode == "refuse" else "garbage"
        elif now >= transaction.expires_at:
            transaction.state = "expired"

    def _approve(self, transaction: _Transaction) -> None:
        key = self._credentials[transaction.credential_id].key
        transaction.signatures = [base64.b64encode(key.sign(digest, PKCS1v15(), Prehashed(SHA256()))).decode()
                                  for digest in transaction.digests]
        transaction.state = "approved"

    # OAuth 2.0 and CSC --------------------------------------------------------

    def _token(self, request: Request) -> Response:
        values = self._body(request) if request.mimetype == "application/json" else request.form
        client_id, client_secret = values.get("client_id"), values.get("client_secret")
        if request.authorization and request.authorization.type == "basic":
            client_id, client_secret = request.authorization.username, request.authorization.password
        if values.get("grant_type") != "client_credentials":
            return _json({"error": "unsupported_grant_type"}, 400)
        if not (isinstance(client_id, str) and isinstance(client_secret, str)
                and hmac.compare_digest(client_id.encode(), self._client_id.encode())
                and hmac.compare_digest(client_secret.encode(), self._client_secret.encode())):
            return _json({"error": "invalid_client"}, 401)
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._tokens = {known: expires for known, expires in self._tokens.items() if expires > now}
            self._tokens[token] = now + self._token_lifetime
            self.tokens_issued += 1
        return _json({"access_token": token, "token_type": "Bearer", "expires_in": int(self._token_lifetime)},
                     headers={"Cache-Control": "no-store"})

    def _info(self, request: Request) -> Response:
        return _json({"specs": SPECS_VERSION, "name": SERVICE_NAME, "logo": "", "region": "VN", "lang": "vi-VN",
                      "description": "Nhà cung cấp ký số từ xa DEMO, chỉ dùng để thử.",
                      "authType": ["oauth2client"],
                      "methods": ["oauth2/token", "credentials/list", "credentials/info", "signatures/signHash",
                                  "signatures/status", "signatures/cancel"]})

    def _credentials_list(self, request: Request) -> Response:
        self._authorise(request)
        user_id = self._body(request).get("userID")
        if not isinstance(user_id, str):
            raise _ApiError(400, "invalid_request", "Invalid parameter userID")
        return _json({"credentialIDs": [credential_id for credential_id, loaded in self._credentials.items()
                                        if loaded.credential.user_id == user_id]})

    def _credentials_info(self, request: Request) -> Response:
        self._authorise(request)
        body = self._body(request)
        loaded = self._credential(body)
        which = body.get("certificates", "single")
        if which not in ("none", "single", "chain"):
            raise _ApiError(400, "invalid_request", "Invalid parameter certificates")
        leaf = loaded.certificates[0]
        shown = {"none": [], "single": [leaf], "chain": loaded.certificates}[which]
        cert = {"status": "valid",
                "issuerDN": leaf.issuer.rfc4514_string(), "serialNumber": format(leaf.serial_number, "X"),
                "subjectDN": leaf.subject.rfc4514_string(),
                "validFrom": leaf.not_valid_before_utc.strftime("%Y%m%d%H%M%SZ"),
                "validTo": leaf.not_valid_after_utc.strftime("%Y%m%d%H%M%SZ")}
        if shown:
            cert["certificates"] = [base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()
                                    for certificate in shown]
        return _json({"description": loaded.credential.label,
                      "key": {"status": "enabled", "algo": [SHA256_WITH_RSA_OID], "len": loaded.key.key_size},
                      "cert": cert, "authMode": "oauth2code", "multisign": 1})

    def _sign_hash(self, request: Request) -> Response:
        self._authorise(request)
        body = self._body(request)
        loaded = self._credential(body)
        hashes = body.get("hash")
        if not isinstance(hashes, list) or not hashes or not all(isinstance(value, str) for value in hashes):
            raise _ApiError(400, "invalid_request", "Invalid parameter hash")
        digests = []
        for value in hashes:
            try:
                digest = base64.b64decode(value, validate=True)
            except binascii.Error:
                raise _ApiError(400, "invalid_request", "Invalid parameter hash") from None
            if len(digest) != 32:
                raise _ApiError(400, "invalid_request", "Invalid parameter hash (a SHA-256 digest is 32 bytes)")
            digests.append(digest)
        if body.get("hashAlgo") != SHA256_OID:
            raise _ApiError(400, "invalid_request", "Invalid parameter hashAlgo")
        if body.get("signAlgo") not in (RSA_ENCRYPTION_OID, SHA256_WITH_RSA_OID):
            raise _ApiError(400, "invalid_request", "Invalid parameter signAlgo")
        description = body.get("description", "")
        if not isinstance(description, str) or len(description) > MAX_DESCRIPTION_LENGTH:
            raise _ApiError(400, "invalid_request", "Invalid parameter description")
        with self._lock:
            transaction = _Transaction(
                transaction_id=secrets.token_hex(16), credential_id=loaded.credential.credential_id,
                user_id=loaded.credential.user_id, digests=digests, description=description,
                created_at=time.monotonic(), behaviour=self._behaviours[loaded.credential.credential_id])
            self._transactions[transaction.transaction_id] = transaction
        # Accepted, not done: the person still has to approve on the phone.
        return _json({"transactionID": transaction.transaction_id,
                      "expiresIn": _seconds(transaction.behaviour.expires_in)}, 202)

    def _signature_status(self, request: Request) -> Response:
        self._authorise(request)
        body = self._body(request)
        with self._lock:
            transaction = self._transaction(body)
            self._settle(transaction, time.monotonic())
            state, signatures, garbage = transaction.state, list(transaction.signatures), transaction.behaviour.garbage
        if state == "garbage":
            return self._garbage(garbage)
        if state == "approved":
            return _json({"status": state, "signatures": signatures})
        return _json({"status": state})

    @staticmethod
    def _garbage(kind: str) -> Response:
        if kind == "wrong-shape":
            return _json({"status": ["approved"], "signatures": "AAAA"})
        if kind == "bad-base64":
            return _json({"status": "approved", "signatures": ["không phải base64!"]})
        if kind == "server-error":
            return Response("<html><body><h1>502 Bad Gateway</h1></body></html>", status=502, mimetype="text/html")
        return Response('{"status": "appro', mimetype="application/json")  # cut short

    def _signature_cancel(self, request: Request) -> Response:
        self._authorise(request)
        body = self._body(request)
        with self._lock:
            transaction = self._transaction(body)
            self._settle(transaction, time.monotonic())
            if transaction.state in ("pending", "garbage"):
                transaction.state = "cancelled"
            # Too late to cancel a request already decided: say how it ended.
            return _json({"status": transaction.state})

    def _demo_behaviour(self, request: Request) -> Response:
        body = self._body(request)
        for name, kind in (("mode", str), ("garbage", str), ("credentialID", str)):
            if name in body and not isinstance(body[name], kind):
                raise _ApiError(400, "invalid_request", f"Invalid parameter {name}")
        return _json(self.set_behaviour(body.get("credentialID", ""), mode=body.get("mode"),
                                        approve_after=body.get("approveAfter"), expires_in=body.get("expiresIn"),
                                        garbage=body.get("garbage")))

    def _demo_revoke_tokens(self, request: Request) -> Response:
        self.revoke_tokens()
        return _json({"revoked": True})

    # The phone -----------------------------------------------------------------

    def _phone(self, request: Request, user_id: str) -> Response:
        if not any(loaded.credential.user_id == user_id for loaded in self._credentials.values()):
            return _page("Không có điện thoại", f"<p>Không có người dùng {html.escape(user_id)}.</p>", 404)
        waiting = self.pending(user_id)
        items = []
        for entry in waiting:
            action = f"/phone/{quote(user_id, safe='')}/{quote(entry['transactionID'], safe='')}"
            items.append(
                f'<li data-transaction-id="{html.escape(entry["transactionID"])}">'
                f"<p><strong>{html.escape(entry['description'] or 'Yêu cầu ký')}</strong></p>"
                f"<p>Chứng thư số: {html.escape(entry['label'])}. Còn {entry['expiresIn']} giây.</p>"
                f'<form method="post" action="{action}/approve"><button type="submit">Xác nhận ký</button></form>'
                f'<form method="post" action="{action}/refuse"><button type="submit">Từ chối</button></form>'
                "</li>")
        content = (f"<ul>{''.join(items)}</ul>" if items
                   else "<p>Không có yêu cầu ký nào đang chờ xác nhận.</p>")
        content += f'<p><a href="/phone/{quote(user_id, safe="")}">Tải lại</a></p>'
        # Refresh only while there is nothing to click, so a new request shows
        # up by itself but a page being clicked is not reloaded under the finger.
        return _page(f"Điện thoại DEMO của {user_id}", content, refresh=not items)

    def _phone_decide(self, request: Request, user_id: str, transaction_id: str, decision: str) -> Response:
        with self._lock:
            transaction = self._transactions.get(transaction_id)
            if transaction is None or transaction.user_id != user_id:
                return _page("Không tìm thấy", "<p>Không tìm thấy yêu cầu ký này.</p>", 404)
            self._settle(transaction, time.monotonic())
            if transaction.state != "pending":
                return _page("Không còn chờ xác nhận",
                             "<p>Yêu cầu ký này không còn chờ xác nhận (đã hết hạn, đã bị hủy hoặc đã được xử lý).</p>"
                             f'<p><a href="/phone/{quote(user_id, safe="")}">Quay lại</a></p>', 409)
            if decision == "approve":
                self._approve(transaction)
            else:
                transaction.state = "refused"
        return Response(status=303, headers={"Location": f"/phone/{quote(user_id, safe='')}"})


@functools.lru_cache(maxsize=64)
def _private_key(pem: bytes):
    """Loading checks the RSA key, which takes tens of milliseconds: the tests
    start a fresh server with the same keys for every test."""
    return serialization.load_pem_private_key(pem, password=None)


def _page(title: str, content: str, status: int = 200, *, refresh: bool = False) -> Response:
    refresh_tag = '<meta http-equiv="refresh" content="3">' if refresh else ""
    document = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{refresh_tag}<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{content}</body></html>")
    return Response(document, status=status, mimetype="text/html")


class _RequestHandler(WSGIRequestHandler):
    """Quiet (tests and the demo poll every few hundred milliseconds), and
    keeps track of its connection so that stopping the server closes it."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No access log: the stand-in's requests are the tests' own."""

    def setup(self) -> None:
        super().setup()
        with self.server.open_connections_lock:
            self.server.open_connections.add(self.connection)

    def finish(self) -> None:
        with self.server.open_connections_lock:
            self.server.open_connections.discard(self.connection)
        super().finish()
