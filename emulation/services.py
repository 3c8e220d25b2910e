"""Writes for units, people, roles, blocs, history and notifications."""

import datetime
import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Concat, Substr
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation import selectors
from emulation.models import (
    AuditEntry,
    EmulationBloc,
    Notification,
    Role,
    RoleAssignment,
    Unit,
    UnitKind,
    User,
    mergeable_kinds,
)
from emulation.official_units import ABBREVIATION, OfficialUnit
from emulation.permissions import (
    Action,
    forget_roles,
    may_assign_role,
    may_create_top_level_unit,
    may_edit_unit,
    require,
    structure_action,
)
from emulation.text import clean_text, fold, single_line
from emulation.vn import header_text

logger = logging.getLogger(__name__)

UNIT_EDITABLE_FIELDS = (
    "code", "official_code", "kind", "name", "header_name", "parent_header_name", "abbreviation", "place_name",
    "numbering_mode", "dissolved_on",
)


def audit_record(
    *, actor: User | None, target, action: str, from_state: str = "", to_state: str = "",
    reason: str = "", changes: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=changes or {},
    )


def field_label(model, name: str) -> str:
    """The Vietnamese label of a field, for history entries people read."""
    return str(model._meta.get_field(name).verbose_name)


def _path_for(unit: Unit, parent: Unit | None) -> tuple[str, int]:
    segment = f"{unit.pk:08d}/"
    if parent is None:
        return segment, 0
    return parent.path + segment, parent.depth + 1


def _subtree_rebase(*, old_path: str, new_path: str, exclude_pk: int | None = None) -> int:
    """Move everything under ``old_path`` to under ``new_path`` in one UPDATE,
    however large the subtree (a province's thousand units)."""
    depth_shift = new_path.count("/") - old_path.count("/")
    descendants = Unit.objects.filter(path__startswith=old_path)
    if exclude_pk is not None:
        descendants = descendants.exclude(pk=exclude_pk)
    return descendants.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1), output_field=CharField()),
        depth=F("depth") + depth_shift, updated_at=timezone.now(),
    )


def _check_kind_fits(kind: str, parent: Unit | None) -> None:
    if kind == UnitKind.PROVINCE and parent is not None:
        raise ValidationError({"kind": _("Tỉnh, thành phố trực thuộc trung ương chỉ ở cấp cao nhất.")})


def _clean_header_names(fields: dict) -> dict:
    """The issuer's header as the lines it prints; the parent body as typed
    (one line unless the administrator broke it)."""
    if fields.get("header_name"):
        fields["header_name"] = header_text(fields["header_name"])
    if fields.get("parent_header_name"):
        fields["parent_header_name"] = header_text(fields["parent_header_name"], split_lead=False)
    return fields


@transaction.atomic
def unit_create(*, actor: User | None, parent: Unit | None, **fields) -> Unit:
    """Create a unit under ``parent``. ``actor=None`` is the system (demo data, imports)."""
    if actor is not None:
        if parent is None:
            if not may_create_top_level_unit(actor):
                raise PermissionDenied(_("Chỉ quản trị hệ thống toàn quốc được tạo đơn vị cấp cao nhất."))
        else:
            require(actor, Action.MANAGE_UNIT, parent)
    _check_kind_fits(fields.get("kind", ""), parent)
    unit = Unit(parent=parent, path="", **_clean_header_names(fields))
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path, unit.depth = _path_for(unit, parent)
    unit.save(update_fields=["path", "depth"])
    audit_record(actor=actor, target=unit, action="unit.create", changes={field_label(Unit, "name"): unit.name})
    return unit


@transaction.atomic
def unit_update(*, actor: User | None, unit: Unit, parent: Unit | None = None, **fields) -> Unit:
    if actor is not None:
        if not may_edit_unit(actor, unit):
            raise PermissionDenied(_("Bạn không quản trị đơn vị này."))
        if parent is not None and parent != unit.parent:
            require(actor, Action.MANAGE_UNIT, parent)
    changes = {}
    for key, value in _clean_header_names(fields).items():
        if key not in UNIT_EDITABLE_FIELDS:
            raise TypeError(f"unit_update does not change {key!r}")
        old = getattr(unit, key)
        if old != value:
            changes[field_label(Unit, key)] = [str(old or ""), str(value or "")]
            setattr(unit, key, value)
    moved = parent is not None and parent.pk != unit.parent_id
    if moved:
        if parent.path.startswith(unit.path):
            raise ValidationError(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
        changes[field_label(Unit, "parent")] = [str(unit.parent or ""), str(parent)]
        unit.parent = parent
    _check_kind_fits(unit.kind, parent if parent is not None else unit.parent)
    unit.full_clean(exclude=["path"])
    unit.save()
    if moved:
        old_path = unit.path
        unit.path, unit.depth = _path_for(unit, parent)
        unit.save(update_fields=["path", "depth"])
        _subtree_rebase(old_path=old_path, new_path=unit.path, exclude_pk=unit.pk)
    if changes:
        audit_record(actor=actor, target=unit, action="unit.update", changes=changes)
    return unit


@transaction.atomic
def unit_archive(*, actor: User, unit: Unit, reason: str, dissolved_on: datetime.date | None = None) -> Unit:
    """Archive a unit and everything under it; its history stays readable."""
    require(actor, structure_action(unit), unit)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do lưu trữ đơn vị.")})
    now = timezone.now()
    subtree = Unit.objects.select_for_update().filter(path__startswith=unit.path, archived_at__isnull=True)
    archived = list(subtree)
    for member in archived:
        member.archived_at = now
        member.archive_reason = reason
        if dissolved_on and member.dissolved_on is None:
            member.dissolved_on = dissolved_on
        member.save(update_fields=["archived_at", "archive_reason", "dissolved_on", "updated_at"])
        audit_record(actor=actor, target=member, action="unit.archive", from_state="active", to_state="archived",
                     reason=reason)
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_restore(*, actor: User, unit: Unit) -> Unit:
    if unit.parent is not None and unit.parent.is_archived:
        raise ValidationError(_("Hãy khôi phục đơn vị cấp trên trước."))
    unit.archived_at = None
    unit.archive_reason = ""
    # MANAGE_UNIT refuses archived units, so check against the restored state.
    require(actor, structure_action(unit), unit)
    unit.save(update_fields=["archived_at", "archive_reason", "updated_at"])
    audit_record(actor=actor, target=unit, action="unit.restore", from_state="archived", to_state="active")
    return unit


@transaction.atomic
def unit_merge(*, actor: User | None, unit: Unit, into: Unit, reason: str = "",
               dissolved_on: datetime.date | None = None) -> Unit:
    """Merge ``unit`` into ``into``, a unit at the same level: the children
    move under ``into`` with their whole subtrees, ``unit`` is archived
    saying where it went. Its plans, nominations and register entries keep
    pointing at it, so its history reads as it happened."""
    locked = {member.pk: member for member in Unit.objects.select_for_update().filter(pk__in=[unit.pk, into.pk])}
    unit, into = locked[unit.pk], locked[into.pk]
    if actor is not None:
        require(actor, structure_action(unit), unit)
        require(actor, structure_action(into), into)
    if unit.pk == into.pk:
        raise ValidationError({"into": _("Hãy chọn một đơn vị khác để sáp nhập vào.")})
    if unit.parent_id != into.parent_id:
        raise ValidationError({"into": _("Chỉ sáp nhập vào đơn vị cùng cấp, cùng đơn vị cấp trên.")})
    if into.kind not in mergeable_kinds(unit.kind):
        raise ValidationError({"into": _("Chỉ sáp nhập vào đơn vị cùng loại.")})
    if unit.is_archived or into.is_archived:
        raise ValidationError(_("Không sáp nhập đơn vị đã lưu trữ."))
    children = list(Unit.objects.filter(parent=unit).order_by("path"))
    Unit.objects.filter(parent=unit).update(parent=into)
    # Same level, so every depth stays; only the prefix changes.
    _subtree_rebase(old_path=unit.path, new_path=into.path, exclude_pk=unit.pk)
    merged_reason = _("Sáp nhập vào %(name)s.") % {"name": into.name}
    extra = single_line(reason)
    if extra:
        merged_reason = f"{merged_reason} {extra}"
    unit.archived_at = timezone.now()
    unit.archive_reason = single_line(merged_reason, max_length=Unit._meta.get_field("archive_reason").max_length)
    if dissolved_on and unit.dissolved_on is None:
        unit.dissolved_on = dissolved_on
    unit.save(update_fields=["archived_at", "archive_reason", "dissolved_on", "updated_at"])
    moved = _("Đơn vị trực thuộc chuyển sang")
    audit_record(actor=actor, target=unit, action="unit.merge", from_state="active", to_state="archived",
                 reason=unit.archive_reason,
                 changes={_("Sáp nhập vào"): into.name, moved: [child.name for child in children]})
    audit_record(actor=actor, target=into, action="unit.merge_in",
                 changes={_("Đơn vị sáp nhập"): unit.name, moved: [child.name for child in children]})
    parent_label = field_label(Unit, "parent")
    unit_type = ContentType.objects.get_for_model(Unit)
    AuditEntry.objects.bulk_create([
        AuditEntry(content_type=unit_type, object_id=child.pk, actor=actor, action="unit.update",
                   reason=unit.archive_reason, changes={parent_label: [unit.name, into.name]})
        for child in children])
    return unit


@dataclass
class OfficialUnitsLoad:
    """What a load of the official units did, for the command to print."""

    created: list[Unit] = field(default_factory=list)
    updated: list[tuple[Unit, dict]] = field(default_factory=list)
    unchanged: int = 0
    # Never deleted, never changed: archived units the data still lists, and
    # official units the data no longer lists.
    archived: list[Unit] = field(default_factory=list)
    not_listed: list[Unit] = field(default_factory=list)


OFFICIAL_FIELDS = ("official_code", "kind", "name", "header_name", "place_name")


@transaction.atomic
def official_units_load(*, units: Sequence[OfficialUnit], complete: bool) -> OfficialUnitsLoad:
    """Bring the tree in line with the official provinces and communes:
    create the missing ones, rename the renamed ones, and leave alone (and
    report) archived units and units the data no longer lists. A unit made
    before official codes existed is found by kind and name under the same
    parent. ``complete``: ``units`` is the whole country, so an official unit
    outside it is reported as missing; otherwise only within its provinces.
    A fixed number of queries per level, whatever the number of units."""
    result = OfficialUnitsLoad()
    provinces = [spec for spec in units if not spec.province_code]
    communes = [spec for spec in units if spec.province_code]
    by_official = {unit.official_code: unit for unit in Unit.objects.filter(official_code__isnull=False)}
    taken_codes = set(Unit.objects.values_list("code", flat=True))
    now = timezone.now()
    loaded_provinces = _official_level_sync(
        specs=provinces, parents={}, by_official=by_official, taken_codes=taken_codes, now=now, result=result,
        by_name=_unnumbered_by_name(Unit.objects.filter(parent__isnull=True)))
    _official_level_sync(
        specs=communes, parents=loaded_provinces, by_official=by_official, taken_codes=taken_codes, now=now,
        result=result,
        by_name=_unnumbered_by_name(Unit.objects.filter(parent__in=[unit.pk for unit in loaded_provinces.values()])))
    listed = {spec.official_code for spec in units}
    province_ids = {unit.pk for unit in loaded_provinces.values()}
    for code, unit in sorted(by_official.items()):
        if code not in listed and not unit.is_archived and (complete or unit.parent_id in province_ids):
            result.not_listed.append(unit)
    unit_type = ContentType.objects.get_for_model(Unit)
    AuditEntry.objects.bulk_create(
        [AuditEntry(content_type=unit_type, object_id=unit.pk, action="unit.create",
                    changes={field_label(Unit, "name"): unit.name}) for unit in result.created]
        + [AuditEntry(content_type=unit_type, object_id=unit.pk, action="unit.update", changes=changes)
           for unit, changes in result.updated],
        batch_size=500)
    return result


def _unnumbered_by_name(candidates) -> dict[tuple, Unit]:
    """Units without an official code, by (parent, kind, name); the oldest of
    any same-named pair."""
    found: dict[tuple, Unit] = {}
    for unit in candidates.filter(official_code__isnull=True).order_by("pk"):
        found.setdefault((unit.parent_id, unit.kind, unit.name), unit)
    return found


def _official_level_sync(*, specs: Sequence[OfficialUnit], parents: dict[str, Unit], by_official: dict[str, Unit],
                         by_name: dict[tuple, Unit], taken_codes: set[str], now, result: OfficialUnitsLoad,
                         ) -> dict[str, Unit]:
    """One level of the tree (provinces, then communes): a bulk insert, a bulk
    path update and a bulk field update. Returns the live unit of each spec."""
    live: dict[str, Unit] = {}
    new: list[Unit] = []
    changed: list[Unit] = []
    for spec in specs:
        parent = parents.get(spec.province_code) if spec.province_code else None
        if spec.province_code and parent is None:
            continue  # its province is left alone, and so is everything in it
        unit = by_official.get(spec.official_code) or by_name.pop((parent.pk if parent else None, spec.kind,
                                                                   spec.name), None)
        if unit is None:
            code = spec.code if spec.code not in taken_codes else f"{spec.code}-{spec.official_code}"
            taken_codes.add(code)
            unit = Unit(code=code, official_code=spec.official_code, kind=spec.kind, name=spec.name,
                        header_name=spec.header_name, parent_header_name="", abbreviation=ABBREVIATION,
                        place_name=spec.place_name, parent=parent, path="")
            new.append(unit)
        elif unit.is_archived:
            result.archived.append(unit)
            continue
        else:
            changes = {}
            for name in OFFICIAL_FIELDS:
                old, value = getattr(unit, name), getattr(spec, name)
                if old != value:
                    changes[field_label(Unit, name)] = [str(old or ""), value]
                    setattr(unit, name, value)
            if changes:
                changed.append(unit)
                result.updated.append((unit, changes))
            else:
                result.unchanged += 1
        live[spec.official_code] = unit
    for unit in new + changed:
        # bulk_create and bulk_update skip Unit.save, which keeps the search key.
        unit.search_key = fold(f"{unit.name} {unit.abbreviation} {unit.code}")
        unit.updated_at = now
    Unit.objects.bulk_create(new, batch_size=500)
    for unit in new:
        unit.path, unit.depth = _path_for(unit, unit.parent)
    Unit.objects.bulk_update(new, ["path", "depth"], batch_size=500)
    Unit.objects.bulk_update(changed, [*OFFICIAL_FIELDS, "search_key", "updated_at"], batch_size=500)
    result.created.extend(new)
    return live


@transaction.atomic
def role_assign(*, actor: User | None, user: User, unit: Unit, role: str) -> RoleAssignment:
    if actor is not None:
        _require_may_assign(actor, unit, role)
        # Administering a unit is no licence over every account in the country.
        if not selectors.people_assignable_by(actor).filter(pk=user.pk).exists():
            raise PermissionDenied(_("Bạn chỉ phân công vai trò cho người đang có vai trò ở đơn vị bạn quản trị."))
    return _role_grant(actor=actor, user=user, unit=unit, role=role)


def _role_grant(*, actor: User | None, user: User, unit: Unit, role: str) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if actor is not None:
        _require_may_assign(actor, unit, role)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        audit_record(actor=actor, target=unit, action="role.assign",
                     changes={_("người dùng"): user.username, _("vai trò"): str(Role(role).label)})
    forget_roles(user)
    return assignment


def _require_may_assign(actor: User, unit: Unit, role: str) -> None:
    if not may_assign_role(actor, unit, role):
        raise PermissionDenied(_("Chỉ quản trị hệ thống toàn quốc được giao vai trò này.")
                               if role == Role.NATIONAL_ADMINISTRATOR else _("Bạn không quản trị đơn vị này."))


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    _require_may_assign(actor, assignment.unit, assignment.role)
    if assignment.user_id == actor.pk and assignment.role in {Role.ADMINISTRATOR, Role.NATIONAL_ADMINISTRATOR}:
        raise ValidationError(_("Bạn không thể tự thu hồi quyền quản trị của chính mình."))
    if not actor.is_superuser and not RoleAssignment.objects.filter(user_id=assignment.user_id).exclude(
            pk=assignment.pk).exists():
        # With no role left the person is nobody's to administer (people_assignable_by): only a
        # superuser could give them a role again.
        raise ValidationError(_("Đây là vai trò cuối cùng của %(name)s. Muốn đổi vai trò, hãy giao vai trò mới trước "
                                "rồi thu hồi vai trò này.") % {"name": assignment.user.get_full_name()})
    audit_record(actor=actor, target=assignment.unit, action="role.revoke",
                 changes={_("người dùng"): assignment.user.username, _("vai trò"): assignment.get_role_display()})
    assignment.delete()
    forget_roles(assignment.user)


@transaction.atomic
def person_create(
    *, actor: User | None, username: str, full_name: str, email: str = "", position: str = "",
    password: str, unit: Unit, roles: Iterable[str],
) -> User:
    if actor is not None:
        require(actor, Action.MANAGE_UNIT, unit)
    person = User(username=username.strip(), full_name=full_name.strip(), email=email.strip(), position=position)
    person.set_password(password)
    person.full_clean(exclude=["password"])
    person.save()
    for role in roles:
        # The person is new, so no unit of the actor's holds them yet: the check on ``unit`` above covers it.
        _role_grant(actor=actor, user=person, unit=unit, role=role)
    audit_record(actor=actor, target=unit, action="person.create", changes={_("người dùng"): person.username})
    return person


@transaction.atomic
def bloc_save(
    *, actor: User | None, organiser: Unit, name: str, kind: str, members: Iterable[Unit],
    description: str = "", bloc: EmulationBloc | None = None,
) -> EmulationBloc:
    if actor is not None:
        require(actor, Action.MANAGE_UNIT, organiser)
    members = list(members)
    outside = [member.name for member in members if not member.path.startswith(organiser.path)]
    if outside:
        raise ValidationError({"members": _("Các đơn vị không thuộc cấp tổ chức: %(units)s") % {
            "units": ", ".join(outside)}})
    before = None
    if bloc is not None:
        before = (bloc.organiser_id, bloc.name, bloc.kind, bloc.description,
                  sorted(bloc.members.values_list("pk", flat=True)))
    bloc = bloc or EmulationBloc()
    bloc.organiser = organiser
    bloc.name = name.strip()
    bloc.kind = kind
    bloc.description = description
    bloc.full_clean()
    bloc.save()
    bloc.members.set(members)
    after = (organiser.pk, bloc.name, bloc.kind, bloc.description, sorted(member.pk for member in members))
    if before == after:
        return bloc
    audit_record(actor=actor, target=bloc, action="bloc.save",
                 changes={field_label(EmulationBloc, "name"): bloc.name,
                          field_label(EmulationBloc, "members"): sorted(member.name for member in members)})
    return bloc


def notification_send(
    *, recipient: User, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Create an in-app notification; when wanted, email it after commit."""
    from emulation.tasks import notification_email_deliver  # noqa: PLC0415 — tasks import this module

    # The model puts the title on one bounded line; the body keeps its lines.
    notification = Notification.objects.create(
        recipient=recipient, title=title, body=clean_text(body), url=url,
        email_wanted=email and recipient.email_notifications and bool(recipient.email),
    )
    if notification.email_wanted:
        transaction.on_commit(lambda: enqueue_safely(notification_email_deliver, notification.pk))
    return notification


def notifications_send(*, recipients: Iterable[User], title: str, body: str = "", url: str = "",
                       email: bool = True) -> list[Notification]:
    """The same notice to many people in one insert (an issue binds hundreds
    of units); emails after commit as ``notification_send`` does."""
    notifications = Notification.objects.bulk_create(notifications_build(
        recipients=recipients, title=title, body=body, url=url, email=email))
    notification_emails_enqueue_on_commit(notifications)
    return notifications


def notifications_build(*, recipients: Iterable[User], title: str, body: str = "", url: str = "",
                        email: bool = True) -> list[Notification]:
    """Unsaved notifications, cleaned as notification_send cleans them, for one
    bulk_create (which skips Notification.save)."""
    title = single_line(title, max_length=Notification._meta.get_field("title").max_length)
    body = clean_text(body)
    return [Notification(recipient=person, title=title, body=body, url=url,
                         email_wanted=email and person.email_notifications and bool(person.email))
            for person in recipients]


def notification_emails_enqueue_on_commit(notifications: Iterable[Notification]) -> None:
    """After commit, an email task for each saved notification that wants one. When the broker
    is down every other one would wait for the same timeout: stop; the sweep's catch-up sends them."""
    from emulation.tasks import notification_email_deliver  # noqa: PLC0415 — tasks import this module

    wanted = [notification.pk for notification in notifications if notification.email_wanted]

    def enqueue() -> None:
        for pk in wanted:
            if not enqueue_safely(notification_email_deliver, pk):
                break

    if wanted:
        transaction.on_commit(enqueue)


def enqueue_safely(task, *args) -> bool:
    """Put a task on the broker; when the broker is down the caller's work
    still stands, the failure is logged and the reminder sweep catches up."""
    try:
        task.delay(*args)
    except Exception:  # kombu/redis raise many kinds of connection errors
        logger.exception("Could not enqueue %s%s; the next sweep will catch up.", task.name, args)
        return False
    return True


def notification_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def _email_failure_is_transient(error: Exception) -> bool:
    """A mail server or database that cannot be reached now, or a 4xx reply
    (greylisting, a busy mailbox), may work later: the task retries, the sweep
    catches up. A message that cannot be built, or a 5xx refusal of the message
    or of every recipient, fails the same way every time."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, OSError | DatabaseError)


def mail_server_unreachable(error: Exception) -> bool:
    """No usable connection at all: every other email would wait for the same timeout."""
    if isinstance(error, smtplib.SMTPConnectError):
        return True
    # A reply from the server concerns this message only; any other OSError is the connection.
    return isinstance(error, OSError) and not isinstance(
        error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of one notification at most once; True when sent now.
    An email that can never go out is marked on the notification and logged,
    not raised, so that neither its task nor the sweep tries it forever."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if (notification is None or not notification.email_wanted or notification.emailed_at is not None
                or notification.email_failed_at is not None):
            return False
        context = {"notification": notification, "site_url": settings.SITE_URL}
        try:
            message = EmailMultiAlternatives(
                # Rows written before titles were cleaned still reach this point.
                subject=single_line(f"[Thi đua] {notification.title}"),
                body=render_to_string("emulation/email/notification.txt", context),
                to=[notification.recipient.email],
            )
            message.attach_alternative(render_to_string("emulation/email/notification.html", context), "text/html")
            message.send()
        except Exception as error:
            if _email_failure_is_transient(error):
                raise
            logger.exception("The email of notification %s can never be sent; marked, not retried.", notification.pk)
            notification.email_failed_at = timezone.now()
            notification.email_error = f"{type(error).__name__}: {error}"[:500]
            notification.save(update_fields=["email_failed_at", "email_error"])
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        return True
