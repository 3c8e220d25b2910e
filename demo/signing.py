"""Signing material made on the spot: a certificate authority, PKCS#12
files and transparent PNG images (stand-in signatures and seals, for the
demo data and the tests). The demo's certificates come from the DEMO PKI
(demo/pki.py)."""

import datetime
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_authority(common_name: str = "Thidua Test Root CA"):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_pkcs12(common_name: str, password: str, authority=None, *, expired: bool = False) -> tuple[bytes, str]:
    """A signing certificate for ``common_name`` issued by ``authority`` (or
    self-signed); returns the PKCS#12 bytes and the PEM of the root to trust."""
    ca_key, ca_cert = authority or (None, None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    start, end = (now - datetime.timedelta(days=400), now - datetime.timedelta(days=10)) if expired else (
        now - datetime.timedelta(days=1), now + datetime.timedelta(days=730))
    builder = (
        x509.CertificateBuilder().subject_name(_name(common_name))
        .issuer_name(ca_cert.subject if ca_cert else _name(common_name)).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=not ca_cert,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
    )
    if not ca_cert:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    cert = builder.sign(ca_key or key, hashes.SHA256())
    bundle = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(), key=key, cert=cert, cas=[ca_cert] if ca_cert else None,
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    root = ca_cert or cert
    return bundle, root.public_bytes(serialization.Encoding.PEM).decode()


def make_png(width: int = 300, height: int = 120, *, color=(20, 40, 200, 255), transparent: bool = True) -> bytes:
    """An ellipse on a transparent background: a stand-in seal or signature."""
    image = Image.new("RGBA" if transparent else "RGB", (width, height), (0, 0, 0, 0) if transparent else "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((5, 5, width - 5, height - 5), outline=color, width=6)
    if width == height and width > 60:
        draw.ellipse((22, 22, width - 22, height - 22), outline=color, width=3)
    else:
        draw.line([(20, height * 0.7), (width * 0.35, height * 0.2), (width * 0.55, height * 0.75),
                   (width * 0.8, height * 0.25)], fill=color, width=5)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
