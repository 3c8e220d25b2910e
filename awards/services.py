from django.db import transaction

from awards.models import AwardType
from emulation.models import User
from emulation.permissions import require
from emulation.services import audit_record


@transaction.atomic
def award_type_save(*, actor: User, award_type: AwardType, values: dict) -> AwardType:
    require(actor, "awardtype.manage", award_type)
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
