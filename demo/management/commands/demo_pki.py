from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.chain import pki_directory
from demo.pki import pki_serve


class Command(BaseCommand):
    help = ("Chạy hạ tầng khóa công khai DEMO (CA gốc, CA trung gian, OCSP, CRL, máy chủ dấu thời gian) "
            "trên 127.0.0.1, cho `make run`. Chỉ dùng thử; Ctrl-C để dừng.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8470, help="Cổng lắng nghe (mặc định 8470).")
        parser.add_argument("--directory", type=Path, default=None,
                            help="Thư mục giữ khóa (mặc định DEMO_PKI_DIRECTORY, hoặc VAR_DIR/demo-pki).")
        parser.add_argument("--env-file", type=Path, default=None,
                            help="Ghi các biến môi trường cho ứng dụng (gốc tin cậy, máy chủ dấu thời gian) vào tệp "
                                 "này khi PKI đã sẵn sàng (cho scripts/run-dev).")

    def handle(self, *args, port: int, directory: Path | None, env_file: Path | None, **options):
        directory = directory or pki_directory()
        try:
            served = pki_serve(directory, port=port)
        except OSError as error:
            raise CommandError(f"Không mở được cổng {port}: {error}") from error
        pki = served.pki
        self.stdout.write(self.style.SUCCESS(f"PKI DEMO đang chạy tại {served.base_url}"))
        self.stdout.write(f"  Tệp CA gốc (SIGNATURE_TRUST_ROOTS): {pki.roots_file}")
        self.stdout.write(f"  Máy chủ dấu thời gian (SIGNING_TIMESTAMP_URL): {pki.timestamp_url}")
        self.stdout.write(f"  OCSP: {pki.ocsp_url}")
        self.stdout.write(f"  CRL: {pki.crl_url}")
        if env_file is not None:
            partial = env_file.with_suffix(".partial")
            partial.write_text(f"SIGNATURE_TRUST_ROOTS={pki.roots_file}\nSIGNING_TIMESTAMP_URL={pki.timestamp_url}\n",
                               encoding="utf-8")
            partial.replace(env_file)
        self.stdout.write("Nhấn Ctrl-C để dừng.")
        try:
            # Short joins rather than one long one, so that Ctrl-C is seen promptly.
            while served.thread.is_alive():
                served.thread.join(timeout=1)
        except KeyboardInterrupt:
            self.stdout.write("Đang dừng PKI DEMO…")
        finally:
            served.stop()
