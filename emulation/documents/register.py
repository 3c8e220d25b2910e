"""Numbering and the outgoing register: numbers run from 01 each year per
issuer, per document type or shared (a unit setting), and never repeat."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from emulation.models import NumberCounter, NumberingMode, RegisterEntry, Unit


def document_symbol(*, doc_type: str, issuer: Unit) -> str:
    return f"{doc_type}-{issuer.abbreviation}"


def _counter_key(issuer: Unit, doc_type: str) -> str:
    return "*" if issuer.numbering_mode == NumberingMode.SHARED else doc_type


def _locked_counter(issuer: Unit, year: int, key: str) -> NumberCounter:
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(issuer=issuer, year=year, counter_key=key)
    except IntegrityError:
        pass  # another transaction created it first; lock it below
    return NumberCounter.objects.select_for_update().get(issuer=issuer, year=year, counter_key=key)


def _highest_registered(issuer: Unit, year: int, doc_type: str) -> int:
    entries = RegisterEntry.objects.filter(issuer=issuer, year=year)
    if issuer.numbering_mode == NumberingMode.PER_TYPE:
        entries = entries.filter(doc_type=doc_type)
    return entries.aggregate(highest=Max("number"))["highest"] or 0


@transaction.atomic
def register_document(
    *, issuer: Unit, doc_type: str, issued_on: datetime.date, subject: str, signer_name: str,
    recipients: str = "", file_copy_unit: str = "", document=None, registered_by=None, number: int | None = None,
    symbol: str | None = None,
) -> RegisterEntry:
    """Give the next number (or record a given one with the symbol it bears, e.g.
    a document issued on paper) and write the register line. Refuses a duplicate
    number + symbol."""
    year = issued_on.year
    counter = _locked_counter(issuer, year, _counter_key(issuer, doc_type))
    highest = max(counter.last_number, _highest_registered(issuer, year, doc_type))
    symbol = symbol or document_symbol(doc_type=doc_type, issuer=issuer)
    if number is None:
        number = highest + 1
    elif RegisterEntry.objects.filter(issuer=issuer, year=year, number=number, symbol=symbol).exists():
        raise ValidationError(_("Số %(number)02d/%(symbol)s năm %(year)s đã được dùng.") % {
            "number": number, "symbol": symbol, "year": year})
    counter.last_number = max(highest, number)
    counter.save(update_fields=["last_number"])
    return RegisterEntry.objects.create(
        issuer=issuer, year=year, number=number, doc_type=doc_type, symbol=symbol, issued_on=issued_on,
        subject=subject, signer_name=signer_name, recipients=recipients, file_copy_unit=file_copy_unit,
        content_type=ContentType.objects.get_for_model(document) if document is not None else None,
        object_id=document.pk if document is not None else None, registered_by=registered_by,
    )
