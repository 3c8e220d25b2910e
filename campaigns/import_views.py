"""Pages for bringing in a plan from a Word file or pasted text: upload, review, confirm."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors
from campaigns.forms import ImportChoicesForm, PlanImportForm, RecordIssuedForm
from campaigns.importing.matching import award_choices
from campaigns.models import PeriodKind, PlanImport
from campaigns.rules import (
    may_import_as_draft,
    may_import_as_issued,
    may_import_plans,
    may_review_import,
    plan_import_units,
)
from campaigns.services import plan_import as import_services
from emulation.documents.layout import signature_lines
from emulation.idempotency import submitted_once
from emulation.views import apply_validation_error, paginate

NOT_YOURS = _("Bản nhập này không phải của bạn, hoặc đã được xác nhận hay bỏ.")


@submitted_once
def plan_import_start(request: HttpRequest) -> HttpResponse:
    if not may_import_plans(request.user):
        raise PermissionDenied(_("Chỉ người soạn kế hoạch và văn thư được nhập kế hoạch từ tệp."))
    units = list(plan_import_units(request.user))
    form = PlanImportForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_import = import_services.plan_import_start(
                actor=request.user, source_name=data["source_name"], lines=data["lines"],
                from_docx=data["from_docx"], unit=data.get("unit"))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("plan_import_review", import_id=plan_import.pk)
    if request.method == "POST" and request.FILES and not form.is_valid():
        messages.warning(request, _("Trình duyệt không giữ được tệp đã chọn: hãy chọn lại tệp sau khi sửa."))
    return render(request, "campaigns/plan_import_start.html", {
        "form": form, "page": paginate(request, selectors.open_plan_imports(request.user))})


def _review_allowed(request: HttpRequest, import_id: int) -> PlanImport:
    plan_import = get_object_or_404(PlanImport.objects.select_related("unit"), pk=import_id)
    if not may_review_import(request.user, plan_import):
        raise PermissionDenied(NOT_YOURS)
    return plan_import


def _review_page(request, plan_import, *, choices_form=None, record_form=None, status=200) -> HttpResponse:
    review = import_services.plan_import_review(plan_import)
    choices_form = choices_form or ImportChoicesForm(
        review=review, unit_choices=selectors.import_unit_choices(plan_import.unit), award_choices=award_choices())
    header = review.imported.header
    record_form = record_form or RecordIssuedForm(initial={
        "number": header.number, "symbol": header.symbol, "issued_on": header.issued_on,
        "signer_name": review.spec.signer_name})
    part_of_line = review.imported.part_of_line()
    unrecognised = {line.number for line in review.imported.unrecognised}
    lines_of: dict[str, list[int]] = defaultdict(list)
    for number, part in part_of_line.items():
        lines_of[part].append(number)
    spans = {part: (min(numbers), max(numbers)) for part, numbers in lines_of.items()}
    names = selectors.unit_names(pk for match in review.units.values() for pk in match.units)

    def linked(printed: list[str]) -> list[tuple[str, list[str], bool]]:
        """Each printed unit name with the units it is linked to, and whether that is settled."""
        return [(name, [names[pk] for pk in review.units[name].units if pk in names], review.units[name].sure)
                for name in printed if name in review.units]

    spec = review.spec
    catalogue = dict(award_choices())
    return render(request, "campaigns/plan_import_review.html", {
        "plan_import": plan_import, "review": review, "spec": review.spec, "choices_form": choices_form,
        "record_form": record_form,
        "source_rows": [(line.number, line.text, part_of_line.get(line.number, ""), line.number in unrecognised)
                        for line in review.imported.source if line.text.strip()],
        "unrecognised": review.imported.unrecognised,
        "header_span": spans.get("header"), "signature_span": spans.get("signature"),
        "recipients_span": spans.get("recipients"), "closing_span": spans.get("closing"),
        "preamble_span": spans.get("preamble"),
        "bases": [(basis, cited, spans.get(f"basis-{index}"))
                  for index, (basis, cited) in enumerate(zip(review.spec.legal_bases, review.citations,
                                                             strict=True))],
        "section_rows": list(_section_rows(review.imported.sections, "section-", spans)),
        "period_label": _period_label(spec),
        "signature_label": " / ".join(_signature(spec.signature)),
        "assignment_rows": [(item, linked(item.units)) for item in spec.assignments],
        "deadline_rows": [(item, linked(item.from_units), linked([item.to_unit])) for item in spec.deadlines],
        "recipient_rows": [(item, linked(item.units)) for item in spec.recipients],
        "quota_rows": [(quota, catalogue.get(review.awards[quota.award].award)) for quota in spec.quotas],
        "may_draft": may_import_as_draft(request.user, plan_import.unit),
        "may_record": may_import_as_issued(request.user, plan_import.unit),
    }, status=status)


def plan_import_review(request: HttpRequest, import_id: int) -> HttpResponse:
    plan_import = _review_allowed(request, import_id)
    if request.method == "POST":
        review = import_services.plan_import_review(plan_import)
        form = ImportChoicesForm(request.POST, review=review,
                                 unit_choices=selectors.import_unit_choices(plan_import.unit),
                                 award_choices=award_choices())
        if form.is_valid():
            units, awards = form.chosen()
            import_services.plan_import_choose(actor=request.user, plan_import=plan_import, units=units,
                                               awards=awards)
            messages.success(request, _("Đã lưu lựa chọn. Bạn có thể rời trang và quay lại xem tiếp."))
            return redirect("plan_import_review", import_id=plan_import.pk)
        return _review_page(request, plan_import, choices_form=form, status=400)
    return _review_page(request, plan_import)


def _period_label(spec) -> str:
    kind, starts_on, ends_on = spec.period
    dates = " – ".join(day.strftime("%d/%m/%Y") for day in (starts_on, ends_on) if day)
    review = _("; sơ kết hằng năm tháng %(month)s") % {"month": spec.review_month} if spec.review_month else ""
    return f"{PeriodKind(kind).label}{': ' + dates if dates else ''}{review}"


def _signature(signature: tuple) -> list[str]:
    authority, collective, title, deputy_title = signature
    return signature_lines(title=title, collective=collective if authority in {"tm", "tm_kt"} else "",
                           deputy_title=deputy_title, deputy=authority in {"kt", "tm_kt"}, acting=authority == "q")


def _section_rows(sections, prefix: str, spans: dict, depth: int = 0):
    """The recognised section tree as rows to indent: (depth, section, part id, first and last line)."""
    for index, section in enumerate(sections):
        part = f"{prefix}{index}"
        yield depth, section, part, spans.get(part)
        yield from _section_rows(section.children, f"{part}-", spans, depth + 1)


@require_POST
def plan_import_confirm(request: HttpRequest, import_id: int) -> HttpResponse:
    plan_import = _review_allowed(request, import_id)
    as_issued = request.POST.get("as_issued") == "1"
    record_form = RecordIssuedForm(request.POST, request.FILES) if as_issued else None
    if as_issued and not record_form.is_valid():
        return _review_page(request, plan_import, record_form=record_form, status=400)
    try:
        plan = import_services.plan_import_confirm(actor=request.user, plan_import=plan_import, as_issued=as_issued,
                                                   **(record_form.cleaned_data if as_issued else {}))
    except ValidationError as error:
        if record_form is None:
            record_form = RecordIssuedForm()
            messages.error(request, " ".join(error.messages))
        else:
            apply_validation_error(record_form, error)
        return _review_page(request, plan_import, record_form=record_form, status=400)
    if as_issued:
        messages.success(request, _("Đã ghi nhận Kế hoạch số %(number)s vào sổ văn bản đi.") % {
            "number": plan.number_symbol})
    else:
        messages.success(request, _("Đã tạo dự thảo kế hoạch từ tệp “%(name)s”. Hãy soát lại từng phần trước khi "
                                    "trình ký.") % {"name": plan_import.source_name})
    return redirect("plan_detail", plan_id=plan.pk)


@require_POST
def plan_import_discard(request: HttpRequest, import_id: int) -> HttpResponse:
    plan_import = _review_allowed(request, import_id)
    import_services.plan_import_discard(actor=request.user, plan_import=plan_import)
    messages.success(request, _("Đã bỏ bản nhập “%(name)s”.") % {"name": plan_import.source_name})
    return redirect("plan_import_start")
