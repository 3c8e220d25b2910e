import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.chain import configured_pki
from demo.pki import PERSONS
from demo.remote_signing import Credential, RemoteSigningServer


def demo_credentials(pki) -> list[Credential]:
    """One credential per demo signer, with their DEMO key and its chain."""
    from asn1crypto import pem  # noqa: PLC0415 — only this command needs it

    return [
        Credential(credential_id=f"demo-{username}", user_id=username, private_key_pem=pki.private_key_pem(username),
                   certificate_pems=[pki.certificate_pem(username), *(
                       pem.armor("CERTIFICATE", issuer.dump()).decode() for issuer in pki.chain(username))],
                   label=name)
        for username, name in PERSONS.items() if not username.startswith("person:")
    ]


class Command(BaseCommand):
    help = ("Chạy nhà cung cấp ký số từ xa DEMO (API kiểu CSC) trên 127.0.0.1 cho `make run`: giữ khóa DEMO của "
            "những người ký mẫu, tự xác nhận sau vài giây, hoặc xác nhận/từ chối tại trang /phone/<tên đăng nhập>. "
            "Chỉ dùng thử; Ctrl-C để dừng.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8471, help="Cổng lắng nghe (mặc định 8471).")
        parser.add_argument("--approve-after", type=float, default=8.0,
                            help="Số giây trước khi “điện thoại” tự xác nhận (mặc định 8).")

    def handle(self, *args, port: int, approve_after: float, **options):
        configured = settings.REMOTE_SIGNING
        if not configured.get("CLIENT_ID") or not configured.get("CLIENT_SECRET"):
            raise CommandError("Đặt REMOTE_SIGNING_CLIENT_ID và REMOTE_SIGNING_CLIENT_SECRET trước khi chạy.")
        server = RemoteSigningServer(demo_credentials(configured_pki()), client_id=configured["CLIENT_ID"],
                                     client_secret=configured["CLIENT_SECRET"], approve_after=approve_after)
        try:
            base_url, stop = server.serve(port=port)
        except OSError as error:
            raise CommandError(f"Không mở được cổng {port}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Nhà cung cấp ký số từ xa DEMO đang chạy tại {base_url}"))
        self.stdout.write(f"  “Điện thoại” của người ký: {base_url}/phone/<tên đăng nhập>, "
                          f"ví dụ {base_url}/phone/chutich")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            self.stdout.write("Đang dừng…")
        finally:
            stop()
