"""Writes for reports: a unit's report against a plan's targets, saved,
with its files, submitted (which fulfils the obligation) and returned by the
unit it is owed to. Every change of a report's state goes through
``REPORT_TRANSITIONS`` and is recorded on the report."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    REPORT_KINDS,
    REPORT_YEARS,
    Obligation,
    Plan,
    Report,
    ReportAttachment,
    ReportState,
    ReportValue,
)
from campaigns.selectors import report_targets
from campaigns.transitions import REPORT_TRANSITIONS
from emulation.files import file_store, files_discarded_on_error
from emulation.models import Role, Unit, User
from emulation.permissions import Action, people_holding, require
from emulation.services import notification_send
from emulation.uploads import check_upload


@transaction.atomic
def report_save(*, actor: User, plan: Plan, unit: Unit, period_year: int, narrative: str,
                values: dict[int, tuple[Decimal, Decimal | None]]) -> Report:
    """``values``: target id -> (value, denominator)."""
    require(actor, Action.ACT_FOR_UNIT, unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if period_year not in REPORT_YEARS:
        raise ValidationError(_("Năm báo cáo phải từ %(first)s đến %(last)s.") % {
            "first": REPORT_YEARS[0], "last": REPORT_YEARS[-1]})
    report, _created = Report.objects.select_for_update().get_or_create(
        plan=plan, unit=unit, period_year=period_year, defaults={"created_by": actor})
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã nộp; chỉ sửa được khi bị trả lại."))
    errors = []
    targets = {target.pk: target for target in report_targets(plan, period_year)}
    for target_id, (value, denominator) in values.items():
        target = targets.get(target_id)
        if target is None:
            raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch."))
        if value is not None and value < 0:
            errors.append(_("%(measure)s: kết quả không được âm.") % {"measure": target.measure})
        if target.is_share and value is not None and not denominator:
            errors.append(_("%(measure)s: hãy ghi tổng số (mẫu số) để tính tỷ lệ.") % {"measure": target.measure})
        if target.is_share and value is not None and denominator and value > denominator:
            errors.append(_("%(measure)s: kết quả (%(v)s) lớn hơn tổng số (%(d)s).") % {
                "measure": target.measure, "v": value, "d": denominator})
    if errors:
        raise ValidationError(errors)
    report.narrative = narrative
    report.save(update_fields=["narrative", "updated_at"])
    for target_id, (value, denominator) in values.items():
        if value is None:
            ReportValue.objects.filter(report=report, target_id=target_id).delete()
            continue
        ReportValue.objects.update_or_create(report=report, target_id=target_id,
                                             defaults={"value": value, "denominator": denominator})
    return report


@files_discarded_on_error()
@transaction.atomic
def report_attach(*, actor: User, report: Report, upload) -> ReportAttachment:
    require(actor, Action.ACT_FOR_UNIT, report.unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã nộp; chỉ sửa được khi bị trả lại."))
    check_upload(upload)
    attachment = ReportAttachment(report=report, original_name=upload.name, size=upload.size, uploaded_by=actor)
    file_store(attachment.file, upload.name, upload)
    attachment.save()
    return attachment


@transaction.atomic
def report_submit(*, actor: User, report: Report) -> Report:
    """Submit (or submit again, once returned); fulfils the year's report obligation
    and tells the unit it is owed to."""
    report = Report.objects.select_for_update().select_related("plan", "unit").get(pk=report.pk)
    require(actor, Action.ACT_FOR_UNIT, report.unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    if report.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã được nộp."))
    if not report.narrative.strip():
        raise ValidationError(_("Hãy viết nội dung báo cáo trước khi nộp."))
    report.submitted_at = timezone.now()
    REPORT_TRANSITIONS.move(report, ReportState.SUBMITTED, actor=actor, action="report.submit",
                            update_fields=("submitted_at",),
                            changes={_("đơn vị"): report.unit.name, _("năm"): report.period_year})
    obligation = Obligation.objects.filter(
        plan=report.plan, unit=report.unit, kind__in=REPORT_KINDS, due_on__year=report.period_year).first()
    if obligation and obligation.is_open:
        Obligation.objects.filter(pk=obligation.pk).update(fulfilled_at=timezone.now(),
                                                          fulfilment=_("Báo cáo năm %(y)s") % {"y": report.period_year})
        Report.objects.filter(pk=report.pk).update(obligation=obligation)
    receivers = people_holding([Role.REVIEWER, Role.UNIT_OFFICER], obligation.owed_to if obligation
                               else report.plan.issuer)
    for person in receivers:
        notification_send(recipient=person, title=_("%(unit)s đã nộp báo cáo năm %(y)s") % {
            "unit": report.unit.name, "y": report.period_year}, url=reverse("plan_rollup", args=[report.plan_id]))
    return report


@transaction.atomic
def report_return(*, actor: User, report: Report, reason: str) -> Report:
    """Send a submitted report back to its unit, with the reason; its obligation is open again."""
    report = Report.objects.select_for_update().select_related("plan", "unit").get(pk=report.pk)
    obligation = report.obligation
    receiver = obligation.owed_to if obligation else report.plan.issuer
    require(actor, "reports.review", receiver, _("Chỉ đơn vị nhận báo cáo mới trả lại được."))
    if report.state != ReportState.SUBMITTED or not reason.strip():
        raise ValidationError(_("Chỉ trả lại báo cáo đã nộp, kèm lý do."))
    report.return_reason = reason.strip()
    REPORT_TRANSITIONS.move(report, ReportState.RETURNED, actor=actor, action="report.return", reason=reason,
                            update_fields=("return_reason",),
                            changes={_("đơn vị"): report.unit.name, _("năm"): report.period_year})
    if obligation:
        Obligation.objects.filter(pk=obligation.pk).update(fulfilled_at=None, fulfilment="")
    for person in people_holding(Role.UNIT_OFFICER, report.unit):
        notification_send(recipient=person, title=_("Báo cáo năm %(y)s bị trả lại") % {"y": report.period_year},
                          body=reason.strip(), url=reverse("report_edit", args=[report.plan_id, report.period_year]))
    return report
