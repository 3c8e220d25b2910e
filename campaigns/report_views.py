from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors
from campaigns.ical import calendar_ics
from campaigns.models import (
    OBLIGATION_STATUS_LABELS,
    REPORT_KINDS,
    REPORT_YEARS,
    Obligation,
    Plan,
    Report,
    ReportAttachment,
    ReportState,
    UnitCalendar,
)
from campaigns.rules import plans_visible_to, reporting_units
from campaigns.services import obligations as obligation_services
from campaigns.services import reports as report_services
from emulation.files import files_discarded_on_error
from emulation.idempotency import submitted_once
from emulation.models import Role, Unit
from emulation.permissions import Action, can, held_roles, require, require_somewhere
from emulation.selectors import history_for
from emulation.views import flash_errors, paginate


def obligation_list(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.ACT_FOR_UNIT)
    own = [held.unit_id for held in held_roles(request.user)]
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    items = Obligation.objects.filter(unit_id__in=own).select_related("plan", "owed_to", "unit").order_by("due_on")
    if show == "open":
        items = items.filter(selectors.open_obligation_filter())
    page = paginate(request, items, per_page=30)
    rows = [(o, o.status(today), OBLIGATION_STATUS_LABELS[o.status(today)]) for o in page]
    calendars = [(unit, obligation_services.calendar_token(unit)) for unit in Unit.objects.filter(
        pk__in=[held.unit_id for held in held_roles(request.user) if held.role == Role.UNIT_OFFICER])]
    return render(request, "campaigns/obligation_list.html", {"page": page, "rows": rows, "show": show,
                                                              "calendars": calendars, "today": today})


def _values_from(request: HttpRequest, plan: Plan, year: int) -> dict:
    values = {}
    for target in selectors.report_targets(plan, year):
        raw_value = request.POST.get(f"value_{target.pk}", "").strip().replace(",", ".")
        raw_denominator = request.POST.get(f"denominator_{target.pk}", "").strip().replace(",", ".")
        try:
            value = Decimal(raw_value) if raw_value else None
            denominator = Decimal(raw_denominator) if raw_denominator else None
        except InvalidOperation as error:
            raise ValidationError(_("“%(measure)s”: hãy nhập số.") % {"measure": target.measure}) from error
        values[target.pk] = (value, denominator)
    return values


@submitted_once
def report_edit(request: HttpRequest, plan_id: int, year: int) -> HttpResponse:
    if year not in REPORT_YEARS:
        raise Http404(_("Không có báo cáo năm %(year)s.") % {"year": year})
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    require(request.user, "plan.report", plan, _("Đơn vị của bạn không phải báo cáo theo kế hoạch này."))
    units = reporting_units(request.user, plan)
    unit = units.filter(pk=request.GET.get("unit") or request.POST.get("unit") or 0).first() or units.first()
    report = Report.objects.filter(plan=plan, unit=unit, period_year=year).first()
    typed = {}
    if request.method == "POST":
        typed = {key: value for key, value in request.POST.items()}
        try:
            # One block for the report and all its files: a bad file keeps none of the others.
            with files_discarded_on_error(), transaction.atomic():
                report = report_services.report_save(actor=request.user, plan=plan, unit=unit, period_year=year,
                                                     narrative=request.POST.get("narrative", ""),
                                                     values=_values_from(request, plan, year))
                for upload in request.FILES.getlist("attachments"):
                    report_services.report_attach(actor=request.user, report=report, upload=upload)
            if "submit" in request.POST:
                report_services.report_submit(actor=request.user, report=report)
                messages.success(request, _("Đã nộp báo cáo năm %(y)s.") % {"y": year})
                return redirect("obligation_list")
            messages.success(request, _("Đã lưu báo cáo (chưa nộp)."))
            return redirect(f"{request.path}?unit={unit.pk}")
        except ValidationError as error:
            flash_errors(request, error)
    existing = {value.target_id: value for value in report.values.all()} if report else {}
    rows = []
    for target in selectors.report_targets(plan, year):
        current = existing.get(target.pk)
        rows.append({"target": target,
                     "value": typed.get(f"value_{target.pk}", current.value if current else ""),
                     "denominator": typed.get(f"denominator_{target.pk}", current.denominator if current else "")})
    return render(request, "campaigns/report_edit.html", {
        "plan": plan, "unit": unit, "year": year, "report": report, "rows": rows,
        "narrative": typed.get("narrative", report.narrative if report else ""),
        "locked": report is not None and report.state == ReportState.SUBMITTED,
        "history": history_for(report)[:50] if report else [],
    })


def plan_rollup(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user).select_related("issuer"), pk=plan_id)
    require(request.user, "plan.rollup", plan, _("Chỉ đơn vị ban hành và đơn vị nhận báo cáo xem được tổng hợp."))
    years = [day.year for day in Obligation.objects.filter(plan=plan, kind__in=REPORT_KINDS).dates(
        "due_on", "year", order="DESC")] or [timezone.localdate().year]
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isascii() and asked.isdecimal() and len(asked) <= 4 else None
    if year not in REPORT_YEARS:
        year = years[0]
        if asked:
            messages.error(request, _("Năm “%(asked)s” không hợp lệ; đang hiển thị năm %(year)s.") % {
                "asked": asked[:20], "year": year})
    # Drafts stay with the reporting unit until submitted.
    reports = Report.objects.filter(plan=plan, period_year=year).exclude(state=ReportState.DRAFT).select_related(
        "unit").prefetch_related("attachments").order_by("unit__path")
    today = timezone.localdate()
    pending = [(o, OBLIGATION_STATUS_LABELS[o.status(today)]) for o in Obligation.objects.filter(
        plan=plan, due_on__year=year).filter(selectors.open_obligation_filter()).select_related("unit", "owed_to")
        if can(request.user, "reports.review", o.owed_to)]
    return render(request, "campaigns/plan_rollup.html", {
        "plan": plan, "year": year, "years": years, "rows": selectors.rollup(plan, year), "reports": reports,
        "pending": pending})


@require_POST
def report_return(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(Report, pk=report_id)
    try:
        report_services.report_return(actor=request.user, report=report, reason=request.POST.get("reason", ""))
        messages.success(request, _("Đã trả lại báo cáo."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("plan_rollup", plan_id=report.plan_id)


def report_attachment(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(ReportAttachment.objects.select_related("report__unit", "report__plan__issuer"),
                                   pk=attachment_id)
    require(request.user, "report.view", attachment.report, _("Tài liệu này nằm ngoài phạm vi bạn được xem."))
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@require_POST
def obligation_waive(request: HttpRequest, obligation_id: int) -> HttpResponse:
    obligation = get_object_or_404(Obligation.objects.select_related("owed_to", "unit", "plan"), pk=obligation_id)
    try:
        obligation_services.obligation_waive(actor=request.user, obligation=obligation,
                                             reason=request.POST.get("reason", ""))
        messages.success(request, _("Đã miễn nghĩa vụ cho %(unit)s.") % {"unit": obligation.unit.name})
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("plan_rollup", plan_id=obligation.plan_id)


@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    calendar = get_object_or_404(UnitCalendar.objects.select_related("unit"), token=token)
    response = HttpResponse(calendar_ics(calendar.unit), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="han-nop.ics"'
    return response


@require_POST
def calendar_renew(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request.user, Action.ACT_FOR_UNIT, unit, _("Bạn không phải cán bộ thi đua của đơn vị này."))
    obligation_services.calendar_token(unit, renew=True)
    messages.success(request, _("Đã tạo đường dẫn lịch mới; đường dẫn cũ không còn dùng được."))
    return redirect("obligation_list")
