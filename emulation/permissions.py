"""The one answer to "may this person do this to this object".

Every view and service asks ``can(user, action, obj)`` (or ``require``).
Rules follow the unit tree: a role held in a unit reaches either that unit
only (SELF) or the unit and everything below it (SUBTREE), never a sibling
or a parent. The one exception is the national administrator, whose role
reaches every top-level unit (TOP_LEVEL) wherever it is held: provinces are
created, merged and archived above any province.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from emulation.models import Role, RoleAssignment, Unit, User


class Action(StrEnum):
    VIEW_UNIT = "unit.view"
    MANAGE_UNIT = "unit.manage"
    # Create, rename, merge, archive and restore provinces (top-level units).
    MANAGE_TOP_LEVEL_UNIT = "unit.manage_top_level"
    DRAFT_PLAN = "plan.draft"
    SIGN_PLAN = "plan.sign"
    ISSUE_DOCUMENT = "document.issue"
    ACT_FOR_UNIT = "unit.act"
    REVIEW_FOR_UNIT = "unit.review"
    VOTE_IN_COUNCIL = "council.vote"


class Scope(StrEnum):
    SELF = "self"
    SUBTREE = "subtree"
    TOP_LEVEL = "top_level"


@dataclass(frozen=True)
class HeldRole:
    role: str
    unit_id: int
    unit_path: str


@dataclass(frozen=True)
class UnitRule:
    roles: frozenset[str]
    scope: Scope


NATIONAL_ADMINISTRATORS = frozenset({Role.NATIONAL_ADMINISTRATOR})

# An action is allowed when any of its rules allows it.
UNIT_RULES: dict[Action, tuple[UnitRule, ...]] = {
    Action.VIEW_UNIT: (UnitRule(frozenset(Role.values), Scope.SUBTREE),
                       # A province is opened to be renamed, merged or archived, not what is under it.
                       UnitRule(NATIONAL_ADMINISTRATORS, Scope.TOP_LEVEL)),
    Action.MANAGE_UNIT: (UnitRule(frozenset({Role.ADMINISTRATOR}), Scope.SUBTREE),),
    Action.MANAGE_TOP_LEVEL_UNIT: (UnitRule(NATIONAL_ADMINISTRATORS, Scope.TOP_LEVEL),),
    # Unit officers draft their own unit's implementing plans too.
    Action.DRAFT_PLAN: (UnitRule(frozenset({Role.DRAFTER, Role.UNIT_OFFICER}), Scope.SELF),),
    Action.SIGN_PLAN: (UnitRule(frozenset({Role.SIGNER}), Scope.SELF),),
    # The records clerk numbers, applies the agency's signature and issues.
    Action.ISSUE_DOCUMENT: (UnitRule(frozenset({Role.CLERK}), Scope.SELF),),
    Action.ACT_FOR_UNIT: (UnitRule(frozenset({Role.UNIT_OFFICER}), Scope.SUBTREE),),
    Action.REVIEW_FOR_UNIT: (UnitRule(frozenset({Role.REVIEWER}), Scope.SELF),),
    Action.VOTE_IN_COUNCIL: (UnitRule(frozenset({Role.COUNCIL_MEMBER}), Scope.SELF),),
}

# Object rules contributed by other apps: (action, model) -> predicate.
OBJECT_RULES: dict[tuple[str, type], Callable[[object, object], bool]] = {}

_CACHE_ATTR = "_held_roles_cache"


def held_roles(user) -> list[HeldRole]:
    """The person's roles, read once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = [
            HeldRole(role=role, unit_id=unit_id, unit_path=path)
            for role, unit_id, path in RoleAssignment.objects.filter(
                user=user, unit__archived_at__isnull=True
            ).values_list("role", "unit_id", "unit__path")
        ]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def roles_fingerprint(user) -> str:
    """The same for two people who may see and do the same things (every rule here
    reads only the roles, their units' places in the tree and superuser status): a
    cache key for what a page shows them, without a copy per person."""
    held = sorted((held.role, held.unit_id, held.unit_path) for held in held_roles(user))
    standing = (bool(getattr(user, "is_superuser", False)), bool(getattr(user, "is_active", False)), held)
    return hashlib.sha256(repr(standing).encode()).hexdigest()[:32]


_MEMO_ATTR = "_scope_memo"


def remembered(user, key: str, compute: Callable[[], object]):
    """What ``compute()`` finds from the person's roles (the units of their scope, say),
    once per user object (i.e. once per request); forgotten with their roles."""
    memo = user.__dict__.setdefault(_MEMO_ATTR, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget_roles(user) -> None:
    for attribute in (_CACHE_ATTR, _MEMO_ATTR):
        if hasattr(user, attribute):
            delattr(user, attribute)


def _reaches(held: HeldRole, unit: Unit, scope: Scope) -> bool:
    if scope is Scope.SELF:
        return held.unit_id == unit.pk
    if scope is Scope.TOP_LEVEL:
        return unit.parent_id is None
    return unit.path.startswith(held.unit_path)


def can(user, action: str, obj) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    action = Action(action) if action in Action._value2member_map_ else action
    if isinstance(obj, Unit) and action in UNIT_RULES:
        # A dissolved unit stays readable for its history and accepts no new work.
        if obj.is_archived and action is not Action.VIEW_UNIT:
            return False
        if user.is_superuser:
            return True
        return any(held.role in rule.roles and _reaches(held, obj, rule.scope)
                   for rule in UNIT_RULES[action] for held in held_roles(user))
    predicate = OBJECT_RULES.get((str(action), type(obj)))
    if predicate is None:
        raise LookupError(f"No permission rule for {action!r} on {type(obj).__name__}")
    return predicate(user, obj)


def require(user, action: str, obj, message: str | None = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(message or _("Bạn không có quyền thực hiện thao tác này."))


def units_for(user, action: str) -> QuerySet[Unit]:
    """Every unit on which ``action`` is allowed, as one query (archived
    units only for viewing)."""
    action = Action(action)
    units = Unit.objects.all() if action is Action.VIEW_UNIT else Unit.objects.filter(archived_at__isnull=True)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return units.none()
    if user.is_superuser:
        return units
    condition = Q()
    for rule in UNIT_RULES[action]:
        for held in held_roles(user):
            if held.role not in rule.roles:
                continue
            if rule.scope is Scope.SELF:
                condition |= Q(pk=held.unit_id)
            elif rule.scope is Scope.TOP_LEVEL:
                condition |= Q(parent__isnull=True)
            else:
                condition |= Q(path__startswith=held.unit_path)
    if not condition:
        return units.none()
    return units.filter(condition)


def may_create_top_level_unit(user) -> bool:
    """A new province has no unit to check a role against: a national
    administrator (or a superuser) may create one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(held.role in NATIONAL_ADMINISTRATORS for held in held_roles(user))


def may_grant_role(user, role: str) -> bool:
    """The national role is given only by those who hold it: administering a
    province is no licence over the whole country."""
    return role not in NATIONAL_ADMINISTRATORS or may_create_top_level_unit(user)


def may_assign_role(user, unit: Unit, role: str) -> bool:
    """Roles in a unit are its administrators' to give and take back. Above
    them, a national administrator gives a top-level unit its administrators
    (a new province has nobody else to appoint them) and the national role."""
    if role in NATIONAL_ADMINISTRATORS:
        return can(user, Action.MANAGE_TOP_LEVEL_UNIT, unit)
    if role == Role.ADMINISTRATOR and can(user, Action.MANAGE_TOP_LEVEL_UNIT, unit):
        return True
    return can(user, Action.MANAGE_UNIT, unit)


def roles_assignable(user, unit: Unit) -> list[str]:
    return [role for role in Role.values if may_assign_role(user, unit, role)]


def structure_action(unit: Unit) -> Action:
    """What archiving, restoring or merging ``unit`` asks: a province is the
    national administrators' to dissolve, never its own administrators'."""
    return Action.MANAGE_TOP_LEVEL_UNIT if unit.parent_id is None else Action.MANAGE_UNIT


def may_edit_unit(user, unit: Unit) -> bool:
    """A province's administrators keep its print facts; national
    administrators rename it."""
    return can(user, Action.MANAGE_UNIT, unit) or can(user, Action.MANAGE_TOP_LEVEL_UNIT, unit)


def has_role(user, role: str) -> bool:
    return user.is_superuser or any(held.role == role for held in held_roles(user))


def can_somewhere(user, action: str) -> bool:
    """May the person do ``action`` in at least one unit (a list page, a "new" button)?
    From the roles read once per request: a role a rule names, held on a unit, reaches that
    unit itself (roles on archived units are not read); only a rule over the top-level
    units, and a superuser, ask the database whether there is such a unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return units_for(user, action).exists()
    rules = UNIT_RULES[Action(action)]
    held = {role.role for role in held_roles(user)}
    if any(rule.roles & held for rule in rules if rule.scope is not Scope.TOP_LEVEL):
        return True
    return any(rule.roles & held for rule in rules) and units_for(user, action).exists()


def require_somewhere(user, action: str, message: str | None = None) -> None:
    """For pages that list across units: refuse people who may do ``action`` nowhere."""
    if not can_somewhere(user, action):
        raise PermissionDenied(message or _("Bạn không có quyền truy cập trang này."))


def people_holding(roles: Iterable[str] | str, units) -> QuerySet[User]:
    """Who holds one of ``roles`` in ``units`` (a unit, unit ids or a queryset of
    units): active accounts only. The one answer to "who does this here": who is
    notified, who may be chosen as reviewer, who sits on the council."""
    roles = [roles] if isinstance(roles, str) else list(roles)
    units = [units] if isinstance(units, Unit) else units
    return User.objects.filter(roles__unit__in=units, roles__role__in=roles, is_active=True).distinct()
