from asn1crypto import pem
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.chain import configured_pki
from emulation.documents.token import TokenKeyExists, TokenUnavailable, token_import


class Command(BaseCommand):
    help = ("Đưa khóa cơ quan DEMO của các đơn vị trong SIGNING_TOKEN_KEYS lên thiết bị PKCS#11 (SoftHSM2 khi "
            "chạy thử), một lần; khóa đã có thì giữ nguyên. Chỉ dùng thử.")

    def handle(self, *args, **options):
        configured = settings.SIGNING_TOKEN
        if not configured:
            raise CommandError("Chưa cấu hình SIGNING_TOKEN_MODULE / SIGNING_TOKEN_LABEL / SIGNING_TOKEN_PIN.")
        pki = configured_pki()
        for unit_code, key_label in configured["KEYS"].items():
            label = f"agency:{unit_code}"
            if label not in pki.labels:
                raise CommandError(f"PKI DEMO không có khóa cơ quan cho đơn vị {unit_code}.")
            try:
                token_import(module_path=configured["MODULE"], token_label=configured["TOKEN_LABEL"],
                             pin=configured["PIN"], key_label=key_label, private_key_pem=pki.private_key_pem(label),
                             certificate_pem=pki.certificate_pem(label),
                             issuer_certificates_pem=[pem.armor("CERTIFICATE", issuer.dump()).decode()
                                                      for issuer in pki.chain(label)])
            except TokenKeyExists:
                self.stdout.write(f"  {unit_code}: khóa “{key_label}” đã có trên thiết bị.")
                continue
            except TokenUnavailable as error:
                raise CommandError(f"{unit_code}: {error.message}") from error
            self.stdout.write(self.style.SUCCESS(f"  {unit_code}: đã đưa khóa “{key_label}” lên thiết bị."))
