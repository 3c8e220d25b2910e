"""The register of documents issued outside the system (văn bản ngoài hệ thống)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from campaigns.models import OutsideDocument, outside_document_identity
from campaigns.rules import may_register_outside_documents
from emulation.models import User
from emulation.services import audit_record
from emulation.uploads import check_upload


def _duplicate_error(existing: OutsideDocument) -> ValidationError:
    return ValidationError({"number_symbol": _(
        "Văn bản này đã có trong sổ: %(name)s ngày %(date)s của %(issuer)s. Hãy dùng văn bản đã có.") % {
        "name": existing.short_name, "date": existing.issued_on.strftime("%d/%m/%Y"),
        "issuer": existing.issuer_name or "—"}})


def outside_document_create(*, actor: User, doc_type: str, number_symbol: str, issued_on: datetime.date,
                            issuer_name: str, subject: str, connector: str = "về", file=None) -> OutsideDocument:
    """Enter a document once for the whole country: the same number and symbol, issuer
    and year a second time is refused with the entry that exists."""
    if not may_register_outside_documents(actor):
        raise PermissionDenied(_("Chỉ người soạn kế hoạch và văn thư thêm được văn bản vào sổ."))
    document = OutsideDocument(doc_type=doc_type, number_symbol=number_symbol.strip(), issued_on=issued_on,
                               issuer_name=issuer_name.strip(), subject=subject.strip(), connector=connector.strip(),
                               created_by=actor)
    if file:
        check_upload(file)
        document.file = file
    identity = outside_document_identity(doc_type, document.number_symbol, document.issuer_name, issued_on.year,
                                         document.subject)
    existing = OutsideDocument.objects.filter(identity=identity).first()
    if existing is not None:
        raise _duplicate_error(existing)
    document.full_clean(exclude=["identity"])
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # Someone entered the same document in the moment between the check and the save.
        raise _duplicate_error(OutsideDocument.objects.get(identity=identity)) from None
    audit_record(actor=actor, target=document, action="outside_document.create",
                 changes={"văn bản": document.short_name, "ngày": issued_on.strftime("%d/%m/%Y")})
    return document
