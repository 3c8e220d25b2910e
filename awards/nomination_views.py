from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import selectors
from awards.forms import (
    AchievementsForm,
    AssignForm,
    AttachmentForm,
    CouncilOpenForm,
    NominationCreateForm,
    QueueFilterForm,
    ReasonForm,
    ReopenForm,
)
from awards.models import Attachment, AwardDecision, CouncilMeeting, Nomination, NominationState
from awards.printing import decision_layout
from awards.rules import AwardAction
from awards.services import council, decisions, nominations, review
from campaigns.models import Plan, PlanBinding, PlanState, Quota, TargetGroup
from campaigns.rules import plans_visible_to
from campaigns.services.plans import EditConflict
from emulation.documents.issue import official_document_of, official_status_context
from emulation.documents.workflow import signing_panel
from emulation.idempotency import submitted_once
from emulation.models import Role, Unit
from emulation.permissions import Action, can, people_holding, require, require_somewhere, units_for
from emulation.selectors import COUNT_LIMIT, history_for
from emulation.signing_views import signer_from_post
from emulation.views import (
    apply_validation_error,
    document_docx_response,
    document_pdf_response,
    flash_errors,
    paginate,
)


def _nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    nomination = get_object_or_404(Nomination.objects.select_related(*selectors.NOMINATION_JOINS, "plan__issuer"),
                                   pk=nomination_id)
    require(request.user, AwardAction.VIEW_NOMINATION, nomination, _("Hồ sơ này nằm ngoài phạm vi bạn được xem."))
    return nomination


@submitted_once
def nomination_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user).filter(state=PlanState.ISSUED), pk=plan_id)
    require(request.user, AwardAction.NOMINATE_UNDER_PLAN, plan,
            _("Kế hoạch này không có hình thức khen thưởng nào đơn vị bạn đề nghị được."))
    quotas = Quota.objects.filter(pk__in=[q.pk for q in selectors.offered_quotas(plan, request.user)]).select_related(
        "award_type", "target_group")
    nominating_units = selectors.nominating_units(request.user, plan)
    units = units_for(request.user, Action.ACT_FOR_UNIT).order_by("path")
    form = NominationCreateForm(request.POST or None, quotas=quotas, units=units, nominating_units=nominating_units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = nominations.nomination_create(
                actor=request.user, plan=plan, quota=data["quota"], nominating_unit=data["nominating_unit"],
                kind=data["kind"], nominee_unit=data["nominee_unit"], person_name=data["person_name"],
                person_gender=data["person_gender"], person_position=data["person_position"],
                person_unit=data["person_unit"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã tạo hồ sơ. Hãy viết báo cáo thành tích, tự đánh giá và đính kèm tài liệu."))
            return redirect("nomination_detail", nomination_id=nomination.pk)
    deadline = selectors.nominations_deadline(plan)
    return render(request, "awards/nomination_create.html", {"plan": plan, "form": form, "deadline": deadline})


def _assessment_rows(nomination: Nomination, by_reviewer: bool):
    existing = {(a.criterion_id, a.by_reviewer): a for a in nomination.assessments.filter(
        round__in=[0, nomination.round])}
    rows = []
    for criterion in selectors.applicable_criteria(nomination):
        rows.append({"criterion": criterion, "own": existing.get((criterion.pk, False)),
                     "review": existing.get((criterion.pk, True))})
    return rows


def nomination_detail(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    may_edit = can(request.user, AwardAction.EDIT_NOMINATION, nomination)
    may_review = can(request.user, AwardAction.REVIEW_NOMINATION, nomination)
    return render(request, "awards/nomination_detail.html", {
        "nomination": nomination, "may_edit": may_edit, "may_review": may_review,
        "reviewable": can(request.user, AwardAction.JUDGE_NOMINATION, nomination),
        "missing": selectors.missing_items(nomination) if may_edit else [],
        "open_until": selectors.submission_open_until(nomination),
        "rows": _assessment_rows(nomination, may_review),
        "attachments": nomination.attachments.all(),
        "achievements_form": AchievementsForm(initial={"achievements": nomination.achievements,
                                                       "revision": nomination.revision}),
        "attachment_form": AttachmentForm(), "reason_form": ReasonForm(),
        "assign_form": AssignForm(reviewers=selectors.reviewer_choices(nomination),
                                  initial={"reviewer": nomination.reviewer_id})
        if may_review else None,
        "history": history_for(nomination)[:100],
    })


@require_POST
def nomination_achievements(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    form = AchievementsForm(request.POST)
    if form.is_valid():
        try:
            nominations.nomination_update(actor=request.user, nomination=nomination,
                                          expected_revision=form.cleaned_data["revision"],
                                          achievements=form.cleaned_data["achievements"])
            messages.success(request, _("Đã lưu báo cáo thành tích."))
        except EditConflict as conflict:
            # Both versions side by side: what was saved meanwhile, and what was just typed,
            # which a second save (against the new revision) keeps deliberately.
            nomination.refresh_from_db()
            return render(request, "awards/achievements_conflict.html", {
                "nomination": nomination, "message": conflict.message, "saved": history_for(nomination).filter(
                    action="nomination.update").first(),
                "form": AchievementsForm(initial={"achievements": form.cleaned_data["achievements"],
                                                  "revision": nomination.revision}),
            }, status=409)
        except ValidationError as error:
            flash_errors(request, error)
    return redirect("nomination_detail", nomination_id=nomination.pk)


def _parse_assessments(request: HttpRequest, nomination: Nomination) -> list[dict]:
    entries = []
    for criterion in selectors.applicable_criteria(nomination):
        met = request.POST.get(f"met_{criterion.pk}", "")
        raw_score = request.POST.get(f"score_{criterion.pk}", "").strip().replace(",", ".")
        try:
            score = Decimal(raw_score) if raw_score else None
        except InvalidOperation as error:
            raise ValidationError(_("Điểm “%(value)s” không phải là số.") % {"value": raw_score}) from error
        entries.append({"criterion": criterion, "met": {"yes": True, "no": False}.get(met), "score": score,
                        "comment": request.POST.get(f"comment_{criterion.pk}", "").strip()})
    return entries


@require_POST
def nomination_assess(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    by_reviewer = request.POST.get("as") == "reviewer"
    try:
        nominations.assessment_save(actor=request.user, nomination=nomination,
                                    entries=_parse_assessments(request, nomination), by_reviewer=by_reviewer)
        messages.success(request, _("Đã lưu đánh giá theo tiêu chí."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("nomination_detail", nomination_id=nomination.pk)


@submitted_once
def nomination_attach(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    require(request.user, AwardAction.EDIT_NOMINATION, nomination, _("Hồ sơ này không sửa được lúc này."))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            nominations.attachment_add(actor=request.user, nomination=nomination, kind=form.cleaned_data["kind"],
                                       upload=form.cleaned_data["file"],
                                       description=form.cleaned_data["description"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã đính kèm tài liệu."))
            return redirect("nomination_detail", nomination_id=nomination.pk)
    return render(request, "awards/attachment_form.html", {"nomination": nomination, "form": form})


def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("nomination"), pk=attachment_id)
    _nomination(request, attachment.nomination_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("nomination"), pk=attachment_id)
    nomination = _nomination(request, attachment.nomination_id)
    if request.method == "POST":
        try:
            nominations.attachment_delete(actor=request.user, attachment=attachment)
            messages.success(request, _("Đã xóa tài liệu."))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("nomination_detail", nomination_id=nomination.pk)
    return render(request, "awards/confirm.html", {
        "title": _("Xóa tài liệu?"), "message": attachment.original_name,
        "back": nomination.pk, "button": _("Xác nhận xóa")})


def nomination_delete(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    if request.method == "POST":
        try:
            nominations.nomination_delete(actor=request.user, nomination=nomination)
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("nomination_detail", nomination_id=nomination.pk)
        messages.success(request, _("Đã xóa hồ sơ nháp của %(name)s.") % {"name": nomination.nominee_name})
        return redirect("my_nominations")
    return render(request, "awards/confirm.html", {
        "title": _("Xóa hồ sơ nháp?"),
        "message": _("Hồ sơ đề nghị cho %(name)s và mọi tài liệu đính kèm sẽ bị xóa hẳn.") % {
            "name": nomination.nominee_name},
        "back": nomination.pk, "button": _("Xác nhận xóa hồ sơ")})


@require_POST
def nomination_submit(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    try:
        nominations.nomination_submit(actor=request.user, nomination=nomination)
        messages.success(request, _("Đã nộp hồ sơ về %(unit)s.") % {"unit": nomination.receiving_unit.name})
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("nomination_detail", nomination_id=nomination.pk)


def _decide(request: HttpRequest, nomination_id: int, action, *, success: str, needs_reason: bool) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    form = ReasonForm(request.POST or None) if needs_reason else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            action(actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"] if form else "")
        except ValidationError as error:
            if form is None:
                flash_errors(request, error)
                return redirect("nomination_detail", nomination_id=nomination.pk)
            apply_validation_error(form, error)
        else:
            messages.success(request, success)
            return redirect("nomination_detail", nomination_id=nomination.pk)
    require(request.user, AwardAction.REVIEW_NOMINATION, nomination, _("Bạn không thẩm định được hồ sơ này."))
    return render(request, "awards/decide.html", {"nomination": nomination, "form": form, "success": success})


def nomination_return(request, nomination_id):
    return _decide(request, nomination_id, review.nomination_return, needs_reason=True,
                   success=_("Đã trả lại hồ sơ để bổ sung."))


def nomination_reject(request, nomination_id):
    return _decide(request, nomination_id, review.nomination_reject, needs_reason=True,
                   success=_("Đã ghi nhận không đề nghị khen thưởng."))


@require_POST
def nomination_recommend(request, nomination_id):
    return _decide(request, nomination_id, review.nomination_recommend, needs_reason=False,
                   success=_("Đã đề nghị khen thưởng."))


@require_POST
def nomination_assign(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = _nomination(request, nomination_id)
    form = AssignForm(request.POST, reviewers=selectors.reviewer_choices(nomination))
    if form.is_valid():
        try:
            review.nomination_assign(actor=request.user, nomination=nomination,
                                     reviewer=form.cleaned_data["reviewer"])
            messages.success(request, _("Đã giao hồ sơ."))
        except ValidationError as error:
            flash_errors(request, error)
    return redirect("nomination_detail", nomination_id=nomination.pk)


def review_queue(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.REVIEW_FOR_UNIT,
                      _("Trang này dành cho cán bộ thẩm định của đơn vị nhận hồ sơ."))
    units = Unit.objects.filter(pk__in=selectors.received_distinct(request.user, "nominating_unit")).order_by("path")
    groups = TargetGroup.objects.filter(pk__in=Quota.objects.filter(
        pk__in=selectors.received_distinct(request.user, "quota")).values("target_group_id")).select_related("plan")
    form = QueueFilterForm(request.GET or None, units=units, groups=groups)
    filters = form.filters()
    queue = selectors.review_queue(user=request.user, **filters)
    counts = selectors.queue_counts(user=request.user, **filters)
    listed = counts.get(filters["state"], 0) if filters["state"] else sum(counts.values())
    return render(request, "awards/review_queue.html", {
        "form": form, "page": paginate(request, queue, per_page=20, known_count=listed),
        # (state, label, count shown, whether there are more than that)
        "counts": [(state, label, min(counts[state], COUNT_LIMIT), counts[state] > COUNT_LIMIT)
                   for state, label in NominationState.choices if state != NominationState.DRAFT],
    })


def my_nominations(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.ACT_FOR_UNIT, _("Trang này dành cho cán bộ thi đua của đơn vị."))
    query = request.GET.get("q", "").strip()
    own = selectors.my_nominations(user=request.user, query=query)
    return render(request, "awards/my_nominations.html", {"page": paginate(request, own, per_page=20),
                                                          "query": query})


def _plan_for_review(request: HttpRequest, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=plan_id)
    require(request.user, AwardAction.REVIEW_PLAN_NOMINATIONS, plan,
            _("Chỉ đơn vị nhận hồ sơ và đơn vị ban hành xem được trang này."))
    return plan


def quota_ledger(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_for_review(request, plan_id)
    reopen_form = None
    if can(request.user, AwardAction.REOPEN_SUBMISSIONS, plan):
        units = Unit.objects.filter(pk__in=PlanBinding.objects.filter(plan=plan).values("unit_id")).order_by("path")
        reopen_form = ReopenForm(request.POST or None, units=units)
        if request.method == "POST" and reopen_form.is_valid():
            data = reopen_form.cleaned_data
            try:
                review.submission_reopen(actor=request.user, plan=plan, nominating_unit=data["nominating_unit"],
                                         until=data["until"], reason=data["reason"])
            except ValidationError as error:
                apply_validation_error(reopen_form, error)
            else:
                messages.success(request, _("Đã mở lại việc nộp hồ sơ cho %(unit)s.") % {
                    "unit": data["nominating_unit"].name})
                return redirect("quota_ledger", plan_id=plan.pk)
    return render(request, "awards/quota_ledger.html", {
        "plan": plan, "rows": selectors.quota_ledger(plan), "reopen_form": reopen_form,
        "meetings": plan.council_meetings.all(), "decisions": plan.award_decisions.all(),
        "may_council": can(request.user, Action.VOTE_IN_COUNCIL, selectors.council_of(plan.issuer)),
        "may_draft": can(request.user, Action.DRAFT_PLAN, plan.issuer),
        "approved_types": plan.nominations.filter(state=NominationState.APPROVED, decisions__isnull=True)
        .order_by().values_list("award_type_id", "award_type__name").distinct(),
    })


def nominations_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    from awards.export import nominations_workbook_file  # noqa: PLC0415 — openpyxl is slow to import; only this export needs it

    plan = _plan_for_review(request, plan_id)
    units = Unit.objects.filter(pk__in=plan.nominations.values("nominating_unit_id"))
    form = QueueFilterForm(request.GET or None, units=units)
    rows = selectors.plan_nomination_rows(plan=plan, **form.filters())
    return FileResponse(nominations_workbook_file(plan, rows), as_attachment=True,
                        filename=f"danh-sach-de-nghi-khen-thuong-{plan.pk}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def council_meeting_open(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=plan_id)
    council_unit = selectors.council_of(plan.issuer)
    require(request.user, Action.VOTE_IN_COUNCIL, council_unit, _("Chỉ thành viên Hội đồng ghi được phiên họp."))
    form = CouncilOpenForm(request.POST or None, members=selectors.council_members(council_unit))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = council.council_meeting_open(actor=request.user, plan=plan,
                                                   held_on=form.cleaned_data["held_on"],
                                                   present=list(form.cleaned_data["present"]))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("council_meeting", meeting_id=meeting.pk)
    return render(request, "awards/council_open.html", {"plan": plan, "form": form})


COUNCIL_PAGE_SIZE = 25


def council_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(CouncilMeeting.objects.select_related("plan", "unit"), pk=meeting_id)
    require(request.user, AwardAction.VIEW_COUNCIL_MEETING, meeting, _("Chỉ thành viên Hội đồng xem được phiên họp."))
    present = list(meeting.present.order_by("full_name"))
    if request.method == "POST":
        try:
            if "close" in request.POST:
                council.council_meeting_close(actor=request.user, meeting=meeting)
                messages.success(request, _("Đã kết thúc phiên họp; kết quả đã được tính."))
            else:
                nomination = get_object_or_404(Nomination, pk=request.POST.get("nomination"), plan=meeting.plan)
                votes = {person.pk: request.POST.get(f"vote_{person.pk}") == "yes" for person in present
                         if request.POST.get(f"vote_{person.pk}") in ("yes", "no")}
                council.council_votes_record(actor=request.user, meeting=meeting, nomination=nomination, votes=votes)
                messages.success(request, _("Đã ghi phiếu cho %(name)s.") % {"name": nomination.nominee_name})
        except ValidationError as error:
            flash_errors(request, error)
        back = reverse("council_meeting", args=[meeting.pk])
        page_number = request.POST.get("page", "")
        return redirect(f"{back}?page={page_number}" if page_number.isascii() and page_number.isdecimal() else back)
    # A province's council votes on hundreds of dossiers: a page of the agenda at a time.
    page = paginate(request, selectors.council_agenda(meeting), per_page=COUNCIL_PAGE_SIZE)
    rows = selectors.council_meeting_rows(meeting, present, nominations=page.object_list)
    return render(request, "awards/council_meeting.html", {"meeting": meeting, "rows": rows, "present": present,
                                                           "page": page})


DECISION_OUT_OF_SCOPE = gettext_lazy("Quyết định này nằm ngoài phạm vi bạn được xem.")


@require_POST
def decision_draft(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    award_type = request.POST.get("award_type", "")
    try:
        decision = decisions.award_decision_draft(
            actor=request.user, plan=plan,
            award_type_id=int(award_type) if award_type.isascii() and award_type.isdecimal() else 0)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("quota_ledger", plan_id=plan.pk)
    messages.success(request, _("Đã soạn dự thảo quyết định khen thưởng."))
    return redirect("decision_detail", decision_id=decision.pk)


def _decision(request: HttpRequest, decision_id: int) -> AwardDecision:
    decision = get_object_or_404(AwardDecision.objects.select_related("issuer", "plan", "award_type"), pk=decision_id)
    require(request.user, AwardAction.VIEW_DECISION, decision, DECISION_OUT_OF_SCOPE)
    return decision


def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The decision; its submission to a signer, the signing chain's panel
    (the signer signs, the clerk numbers and issues) and the way back."""
    decision = _decision(request, decision_id)
    user = request.user
    may_submit = can(user, AwardAction.SUBMIT_DECISION, decision)
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "document": decision_layout(decision),
        **official_status_context(user, official_document_of(decision)),
        "may_submit": may_submit, "signers": people_holding(Role.SIGNER, decision.issuer) if may_submit else [],
        "may_return": can(user, AwardAction.RETURN_DECISION, decision),
        "signing_panel": signing_panel(user, decision),
        "history": history_for(decision)[:50],
    })


@require_POST
def decision_submit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    signer = signer_from_post(request, decision.issuer)
    try:
        decision = decisions.award_decision_submit(actor=request.user, decision=decision, signer=signer)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Đã trình %(name)s ký số. Người ký đã được thông báo.") % {
            "name": decision.signer_name})
    return redirect("decision_detail", decision_id=decision.pk)


@require_POST
def decision_return(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng ghi lý do trả lại để người soạn biết cần sửa gì."))
        return redirect("decision_detail", decision_id=decision.pk)
    try:
        decisions.award_decision_return(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Đã trả lại dự thảo quyết định cho người soạn."))
    return redirect("decision_detail", decision_id=decision.pk)


def decision_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(AwardDecision.objects.select_related("issuer"), pk=decision_id)
    require(request.user, AwardAction.VIEW_DECISION, decision, DECISION_OUT_OF_SCOPE)
    return document_docx_response(decision, name="Quyet-dinh")


def decision_pdf(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_object_or_404(AwardDecision.objects.select_related("issuer"), pk=decision_id)
    require(request.user, AwardAction.VIEW_DECISION, decision, DECISION_OUT_OF_SCOPE)
    return document_pdf_response(request, decision, draft_name="Du-thao-quyet-dinh",
                                 back_url=reverse("decision_detail", args=[decision.pk]))

