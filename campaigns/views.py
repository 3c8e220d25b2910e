from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from campaigns import selectors
from campaigns.document import build_plan_document
from campaigns.forms import (
    PART_FORMS,
    PART_TITLES,
    DeriveForm,
    PeriodCloseForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanForm,
    RecordIssuedForm,
    ReturnForm,
)
from campaigns.models import Plan, PlanState, Section
from campaigns.panels import panels_for
from campaigns.printing import plan_layout
from campaigns.rules import derivable_units, drafting_units, plans_visible_to, require_register_access
from campaigns.services import plans as plan_services
from campaigns.services.plans import EditConflict
from emulation.documents.issue import document_html, official_document_of, official_status_context
from emulation.documents.workflow import signing_panel
from emulation.idempotency import submitted_once
from emulation.models import RegisterEntry, Role
from emulation.permissions import Action, can, can_somewhere, people_holding, require, require_somewhere, units_for
from emulation.selectors import history_for
from emulation.signing_views import signer_from_post
from emulation.views import (
    apply_validation_error,
    document_docx_response,
    document_pdf_response,
    flash_errors,
    paginate,
)

PLAN_CHANGED = "plan-changed"  # the event a drafting write sends the page, so its preview reloads
PART_ORDER = ["legal_basis", "section", "target_group", "criterion_group", "criterion", "target", "quota",
              "assignment", "deadline", "recipient"]


def _visible_plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=plan_id)
    require(request.user, "plan.view", plan, _("Kế hoạch này nằm ngoài phạm vi bạn được xem."))
    return plan


def _plan_allowing(request: HttpRequest, plan_id: int, action: str, refusal: str) -> Plan:
    plan = _visible_plan(request, plan_id)
    require(request.user, action, plan, refusal)
    return plan


def _editable_plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = _visible_plan(request, plan_id)
    refusal = (_("Bạn không được soạn thảo kế hoạch của đơn vị này.") if plan.state == PlanState.DRAFT
               else _("Kế hoạch không còn ở trạng thái dự thảo nên không sửa được."))
    require(request.user, "plan.edit", plan, refusal)
    return plan


def plan_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "all")
    if tab not in selectors.PLAN_TABS:
        tab = "all"
    issuers = selectors.issuer_choices(request.user)
    form = PlanFilterForm(request.GET or None, issuers=issuers)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plan_list(
        user=request.user, tab=tab, query=filters.get("q", "") or "", year=filters.get("year"),
        issuer_id=filters["issuer"].pk if filters.get("issuer") else None, state=filters.get("state", "") or "",
    )
    return render(request, "campaigns/plan_list.html", {
        "page": paginate(request, plans, per_page=20), "form": form, "tab": tab, "tabs": selectors.PLAN_TABS,
        "may_create": can_somewhere(request.user, Action.DRAFT_PLAN),
        "may_import": can_somewhere(request.user, Action.DRAFT_PLAN) or can_somewhere(request.user,
                                                                                     Action.ISSUE_DOCUMENT),
    })


@submitted_once
def plan_create(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.DRAFT_PLAN)
    issuers = units_for(request.user, Action.DRAFT_PLAN).order_by("path")
    form = PlanCreateForm(request.POST or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.plan_create(actor=request.user, issuer=form.cleaned_data["issuer"],
                                        title=form.cleaned_data["title"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo. Hãy soạn từng phần của kế hoạch."))
            return redirect("plan_edit", plan_id=plan.pk)
    return render(request, "campaigns/plan_create.html", {"form": form})


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    _visible_plan(request, plan_id)
    plan = selectors.plan_with_parts(plan_id)
    user = request.user
    return render(request, "campaigns/plan_detail.html", {
        "plan": plan,
        "document": build_plan_document(plan),
        "history": history_for(plan)[:100],
        "implementation": selectors.implementation_status(plan) if plan.is_issued else [],
        "may_edit": can(user, "plan.edit", plan),
        "may_sign": can(user, "plan.sign", plan),
        "may_amend": can(user, "plan.amend", plan),
        "may_derive": can(user, "plan.derive", plan),
        "period_close_form": PeriodCloseForm() if can(user, "plan.close_period", plan) else None,
        "may_record_issued": can(user, "plan.record_issued", plan),
        "may_view_rollup": can(user, "plan.rollup", plan),
        "problems": selectors.plan_problems(plan) if plan.state == PlanState.DRAFT else [],
        "return_form": ReturnForm(),
        "signers": people_holding(Role.SIGNER, plan.issuer) if can(user, "plan.edit", plan) else [],
        "signing_panel": signing_panel(user, plan),
        **official_status_context(request.user, official_document_of(plan) if plan.is_issued else None),
        "contributed_panels": panels_for(user, plan),
    })


def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    form = PlanForm(request.POST or None, instance=plan, initial={"revision": plan.revision})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PlanForm.Meta.fields}
        try:
            plan_services.plan_update(actor=request.user, plan=Plan.objects.get(pk=plan.pk),
                                 expected_revision=form.cleaned_data["revision"], **fields)
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if request.htmx:
                return _general_info(request, Plan.objects.select_related("issuer").get(pk=plan.pk), saved=True)
            messages.success(request, _("Đã lưu thông tin chung của kế hoạch."))
            return redirect("plan_edit", plan_id=plan.pk)
    if request.htmx:
        return _general_info(request, plan, form=form)
    plan = selectors.plan_with_parts(plan.pk, for_editing=True)
    return render(request, "campaigns/plan_edit.html", {
        "plan": plan, "form": form, "panels": [_panel(plan, slug) for slug in PART_ORDER],
        "problems": selectors.plan_problems(plan),
        "signers": people_holding(Role.SIGNER, plan.issuer),
    })


def _general_info(request: HttpRequest, plan: Plan, *, form: PlanForm | None = None,
                  saved: bool = False) -> HttpResponse:
    """The general-info card alone, for htmx: saved (a fresh form at the new revision, and the
    preview told to reload) or with its errors (200, since htmx does not swap an error status)."""
    form = form or PlanForm(instance=plan, initial={"revision": plan.revision})
    response = render(request, "campaigns/plan_edit.html#general-info", {"plan": plan, "form": form, "saved": saved})
    return trigger_client_event(response, PLAN_CHANGED) if saved else response


def plan_preview(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan as it prints (the print view's layout), as a fragment for the drafting page."""
    plan = _visible_plan(request, plan_id)
    return render(request, "campaigns/_plan_preview.html", {"plan": plan, "document": plan_layout(plan),
                                                            "problems": selectors.plan_problems(plan)})


def _panel(plan: Plan, slug: str) -> dict:
    rows = {
        "legal_basis": plan.legal_bases.all(), "section": _section_rows(plan), "target_group": plan.target_groups.all(),
        "criterion_group": plan.criterion_groups.all(), "criterion": plan.criteria.all(), "target": plan.targets.all(),
        "quota": plan.quotas.all(), "assignment": plan.assignments.all(), "deadline": plan.deadlines.all(),
        "recipient": plan.recipients.all(),
    }[slug]
    return {"slug": slug, "title": PART_TITLES[slug], "rows": rows, "plan": plan,
            "row_template": f"campaigns/parts/{slug}.html"}


def _section_rows(plan: Plan) -> list[tuple[int, Section]]:
    by_parent: dict[int | None, list[Section]] = {}
    for section in plan.sections.all():
        by_parent.setdefault(section.parent_id, []).append(section)
    ordered = []

    def walk(parent_id, depth):
        for section in by_parent.get(parent_id, []):
            section.depth = depth
            ordered.append(section)
            walk(section.pk, depth + 1)

    walk(None, 0)
    return ordered


def _part_instance(plan: Plan, slug: str, part_id: int | None):
    """The part to work on, or None when it is no longer there: the editor only
    links to parts that existed, so a missing one was deleted in another session."""
    if slug not in PART_FORMS:
        raise Http404
    model = PART_FORMS[slug]._meta.model
    if part_id is None:
        return model(plan=plan)
    instance = model.objects.filter(pk=part_id).first()
    if instance is not None and instance.plan_id != plan.pk:
        raise Http404
    return instance


def _form_kwargs(request: HttpRequest, plan: Plan, slug: str) -> dict:
    if slug == "legal_basis":
        return {"linkable": plans_visible_to(request.user).filter(state=PlanState.ISSUED).exclude(pk=plan.pk)
                .select_related("issuer")}
    return {}


def _render_panel(request: HttpRequest, plan: Plan, slug: str, status: int = 200,
                  extra: dict | None = None, changed: bool = True) -> HttpResponse:
    """The part's panel as it now is; ``changed`` also tells the page to reload its preview."""
    plan = selectors.plan_with_parts(plan.pk, for_editing=True)
    response = render(request, "campaigns/_part_panel.html", {"panel": _panel(plan, slug), **(extra or {})},
                      status=status)
    return trigger_client_event(response, PLAN_CHANGED) if changed else response


def _part_gone(request: HttpRequest, plan: Plan, slug: str) -> HttpResponse:
    """Say the part was deleted elsewhere; what was typed comes back as a form adding it anew."""
    context = {"plan": plan, "slug": slug, "title": PART_TITLES[slug], "gone": True}
    if request.method == "POST":
        typed = request.POST.copy()
        typed.pop("revision", None)
        context["gone_instance"] = PART_FORMS[slug]._meta.model(plan=plan)
        context["gone_form"] = PART_FORMS[slug](typed, instance=context["gone_instance"], plan=plan,
                                                **_form_kwargs(request, plan, slug))
    if request.htmx:
        # The stale row sits in the panel, not in the form slot the request aimed at.
        return reswap(retarget(_render_panel(request, plan, slug, extra=context), f"#phan-{slug}"), "outerHTML")
    return render(request, "campaigns/part_gone.html", context, status=410)


def _part_already_deleted(request: HttpRequest, plan: Plan, slug: str) -> HttpResponse:
    messages.warning(request, _("Mục này đã bị xóa ở phiên khác."))
    if request.htmx:
        return _render_panel(request, plan, slug)
    return redirect(reverse("plan_edit", args=[plan.pk]) + f"#phan-{slug}")


def part_form(request: HttpRequest, plan_id: int, slug: str, part_id: int | None = None) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    instance = _part_instance(plan, slug, part_id)
    if instance is None:
        return _part_gone(request, plan, slug)
    form_class = PART_FORMS[slug]
    form = form_class(request.POST or None, instance=instance, plan=plan,
                      initial={"revision": instance.revision}, **_form_kwargs(request, plan, slug))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields
                  if name not in {f.name for f in instance._meta.many_to_many}}
        many = {name: form.cleaned_data[name] for name in form.Meta.fields
                if name in {f.name for f in instance._meta.many_to_many}}
        try:
            plan_services.plan_part_save(actor=request.user, plan=plan, instance=instance, values=values, many=many,
                                    expected_revision=form.cleaned_data.get("revision"))
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if request.htmx:
                return _render_panel(request, plan, slug)
            messages.success(request, _("Đã lưu."))
            return redirect(reverse("plan_edit", args=[plan.pk]) + f"#phan-{slug}")
    context = {"form": form, "plan": plan, "slug": slug, "title": PART_TITLES[slug], "instance": instance}
    if not request.htmx:
        return render(request, "campaigns/part_form.html", context)
    if request.method == "POST":
        # Back with its errors into the form's own slot (a saved form replaces the whole panel instead).
        response = render(request, "campaigns/_part_form.html", context, status=422)
        return reswap(retarget(response, f"#form-{slug}"), "innerHTML")
    return render(request, "campaigns/_part_form.html", context)


def part_delete(request: HttpRequest, plan_id: int, slug: str, part_id: int) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    instance = _part_instance(plan, slug, part_id)
    if instance is None:
        return _part_already_deleted(request, plan, slug)
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = None
        try:
            plan_services.plan_part_delete(actor=request.user, plan=plan, instance=instance, expected_revision=revision)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            deleted = False
        else:
            messages.success(request, _("Đã xóa."))
            deleted = True
        if request.htmx:
            return _render_panel(request, plan, slug, changed=deleted)
        return redirect(reverse("plan_edit", args=[plan.pk]) + f"#phan-{slug}")
    return render(request, "campaigns/part_delete.html", {"plan": plan, "slug": slug, "instance": instance,
                                                          "title": PART_TITLES[slug]})


@require_POST
def part_move(request: HttpRequest, plan_id: int, slug: str, part_id: int) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    instance = _part_instance(plan, slug, part_id)
    if instance is None:
        return _part_already_deleted(request, plan, slug)
    try:
        plan_services.plan_part_move(actor=request.user, plan=plan, instance=instance,
                                direction=request.POST.get("direction", ""))
    except ValidationError as error:
        flash_errors(request, error)
    if request.htmx:
        return _render_panel(request, plan, slug)
    return redirect(reverse("plan_edit", args=[plan.pk]) + f"#phan-{slug}")


@require_POST
def plan_submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _editable_plan(request, plan_id)
    signer = signer_from_post(request, plan.issuer)
    try:
        plan = plan_services.plan_submit(actor=request.user, plan=plan, signer=signer)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("plan_edit", plan_id=plan.pk)
    messages.success(request, _("Đã trình %(name)s ký số. Người ký đã được thông báo.") % {"name": plan.signer_name})
    return redirect("plan_detail", plan_id=plan.pk)


def plan_return(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_allowing(request, plan_id, "plan.sign", _("Bạn không phải người ký của dự thảo này."))
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_return(actor=request.user, plan=plan, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã trả lại dự thảo cho người soạn."))
            return redirect("plan_detail", plan_id=plan.pk)
    return render(request, "campaigns/plan_return.html", {"plan": plan, "form": form})


@submitted_once
def plan_derive(request: HttpRequest, plan_id: int) -> HttpResponse:
    parent = _plan_allowing(request, plan_id, "plan.derive",
                            _("Bạn không xây dựng được kế hoạch triển khai từ kế hoạch này."))
    form = DeriveForm(request.POST or None, units=derivable_units(request.user, parent).order_by("path"))
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.plan_derive(actor=request.user, parent=parent, unit=form.cleaned_data["unit"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo kế hoạch triển khai, điền sẵn từ kế hoạch cấp trên."))
            return redirect("plan_edit", plan_id=plan.pk)
    return render(request, "campaigns/plan_derive.html", {"plan": parent, "form": form})


def plan_record_issued(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_allowing(request, plan_id, "plan.record_issued",
                          _("Chỉ văn thư của đơn vị ban hành được ghi nhận văn bản đã ban hành."))
    form = RecordIssuedForm(request.POST or None, request.FILES or None,
                            initial={"symbol": plan.symbol or f"KH-{plan.issuer.abbreviation}",
                                     "signer_name": plan.signer_name})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_record_issued(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            plan.refresh_from_db()
            messages.success(request, _("Đã ghi nhận Kế hoạch số %(number)s vào sổ văn bản đi.") % {
                "number": plan.number_symbol})
            return redirect("plan_detail", plan_id=plan.pk)
    return render(request, "campaigns/plan_record_issued.html", {"plan": plan, "form": form})


@require_POST
def plan_period_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_allowing(request, plan_id, "plan.close_period",
                          _("Bạn không ghi được ngày kết thúc đợt thi đua của kế hoạch này."))
    form = PeriodCloseForm(request.POST)
    if form.is_valid():
        try:
            plan_services.plan_period_close(actor=request.user, plan=plan, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Đã ghi ngày kết thúc đợt thi đua: %(date)s.") % {
                "date": form.cleaned_data["ends_on"].strftime("%d/%m/%Y")})
    else:
        flash_errors(request, ValidationError(form.errors["ends_on"]))
    return redirect("plan_detail", plan_id=plan.pk)


@submitted_once
def plan_amend(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_allowing(request, plan_id, "plan.amend", _("Bạn không sửa đổi được kế hoạch này."))
    if request.method == "POST":
        try:
            amendment = plan_services.plan_amend(actor=request.user, plan=plan)
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("plan_detail", plan_id=plan.pk)
        messages.success(request, _("Đã tạo bản sửa đổi (dự thảo). Bản cũ vẫn có hiệu lực cho đến khi bản mới "
                                    "được ban hành."))
        return redirect("plan_edit", plan_id=amendment.pk)
    return render(request, "campaigns/plan_amend.html", {"plan": plan})


def register_list(request: HttpRequest) -> HttpResponse:
    require_register_access(request.user)
    units = drafting_units(request.user).values("pk")
    entries = RegisterEntry.objects.filter(issuer__in=units).select_related("issuer")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(subject__icontains=query) | entries.filter(symbol__icontains=query)
    year = request.GET.get("year", "")
    if year.isascii() and year.isdecimal():
        entries = entries.filter(year=int(year))
    return render(request, "campaigns/register_list.html", {
        "page": paginate(request, entries.order_by("-year", "-number", "-id")), "query": query, "year": year})


def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _visible_plan(request, plan_id)
    return document_pdf_response(request, plan, draft_name="Du-thao-ke-hoach",
                                 back_url=reverse("plan_detail", args=[plan.pk]))


def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    return document_docx_response(_visible_plan(request, plan_id), name="Ke-hoach")


def plan_print(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _visible_plan(request, plan_id)
    return HttpResponse(document_html(plan_layout(plan), for_browser=True,
                                      back_url=reverse("plan_detail", args=[plan.pk])))
