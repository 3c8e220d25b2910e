"""The one check for files people attach (nomination dossiers, reports):
type by extension, size, and content that matches the extension."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# extension -> what the file must start with (and, for DOCX, contain)
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def check_upload(upload) -> str:
    """Type by extension, size, and content that matches the extension."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_SIGNATURES:
        raise ValidationError(_("Tệp “%(name)s” không đúng loại: chỉ nhận PDF, DOCX, PNG, JPG.") % {"name": name})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa 10 MB.") % {
            "name": name, "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")})
    head = upload.read(8)
    upload.seek(0)
    matches = any(head.startswith(signature) for signature in FILE_SIGNATURES[extension])
    if matches and extension == "docx":
        try:
            matches = "word/document.xml" in zipfile.ZipFile(upload).namelist()
        except zipfile.BadZipFile:
            matches = False
        upload.seek(0)
    if not matches:
        raise ValidationError(_("Nội dung tệp “%(name)s” không khớp với phần mở rộng .%(ext)s (tệp có thể bị đổi "
                                "tên hoặc hỏng).") % {"name": name, "ext": extension})
    return extension
