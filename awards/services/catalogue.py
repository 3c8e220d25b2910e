"""Writes for the award catalogue."""

from django.db import transaction

from awards.catalogue import catalogue_rows
from awards.models import AwardType
from awards.rules import AwardAction
from emulation.models import User
from emulation.permissions import require
from emulation.services import audit_record


@transaction.atomic
def award_type_save(*, actor: User, award_type: AwardType, values: dict) -> AwardType:
    require(actor, AwardAction.MANAGE_CATALOGUE, award_type)
    created = award_type.pk is None
    changes = {}
    for name, value in values.items():
        if getattr(award_type, name) != value:
            changes[str(AwardType._meta.get_field(name).verbose_name)] = str(value)
            setattr(award_type, name, value)
    award_type.full_clean()
    award_type.save()
    if changes or created:
        audit_record(actor=actor, target=award_type, action="awardtype.save", changes=changes)
    return award_type


def award_catalogue_load() -> int:
    """Add the statutory catalogue entries that are missing; edits made by
    administrators to existing entries are kept. Returns how many were added."""
    added = 0
    for row in catalogue_rows():
        _, created = AwardType.objects.get_or_create(name=row["name"], defaults=row)
        added += created
    return added
