import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from emulation.documents.register import register_document
from emulation.models import NumberingMode, RegisterEntry

DAY = datetime.date(2026, 3, 2)


def register(unit, doc_type="KH", day=DAY, number=None):
    return register_document(issuer=unit, doc_type=doc_type, issued_on=day, subject="Trích yếu", signer_name="A",
                             number=number)


def test_numbers_run_per_type_per_year_with_a_leading_zero(tree):
    province = tree["province"]
    assert [register(province).number_symbol for _ in range(2)] == ["01/KH-UBND", "02/KH-UBND"]
    assert register(province, "QĐ").number_symbol == "01/QĐ-UBND"
    assert register(province, day=datetime.date(2027, 1, 2)).number_symbol == "01/KH-UBND"
    assert register(tree["district_a"]).number_symbol == "01/KH-UBND"


def test_a_shared_counter_numbers_every_type_in_one_series(tree):
    province = tree["province"]
    province.numbering_mode = NumberingMode.SHARED
    province.save()
    assert [register(province, kind).number_symbol for kind in ("KH", "QĐ", "KH")] == [
        "01/KH-UBND", "02/QĐ-UBND", "03/KH-UBND"]


def test_a_recorded_number_moves_the_counter_and_a_duplicate_is_refused(tree):
    province = tree["province"]
    register(province, number=169)
    assert register(province).number == 170
    with pytest.raises(ValidationError) as refused:
        register(province, number=169)
    assert refused.value.messages == ["Số 169/KH-UBND năm 2026 đã được dùng."]


def test_the_database_itself_refuses_a_duplicate(tree):
    register(tree["province"])
    with pytest.raises(IntegrityError), transaction.atomic():
        RegisterEntry.objects.create(issuer=tree["province"], year=2026, number=1, doc_type="KH", symbol="KH-UBND",
                                     issued_on=DAY, subject="Trùng", signer_name="B")
