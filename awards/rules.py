from awards.models import AwardType
from emulation.models import Role
from emulation.permissions import OBJECT_RULES, held_roles


def may_manage_catalogue(user, award_type: AwardType | None = None) -> bool:
    """The catalogue is shared by every province: only administrators of a
    top-level unit (or superusers) change it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(
        held.role == Role.ADMINISTRATOR and held.unit_path.count("/") == 1 for held in held_roles(user)
    )


def register() -> None:
    OBJECT_RULES[("awardtype.manage", AwardType)] = may_manage_catalogue
