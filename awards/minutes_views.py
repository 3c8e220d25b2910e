"""The council's minutes: recorded, confirmed by the secretary, signed digitally
by the chair, numbered and issued by the unit's clerk (the signing panel)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.forms import MinutesForm
from awards.models import CouncilMeeting
from awards.printing import minutes_layout
from awards.rules import AwardAction
from awards.services import minutes
from emulation.documents.issue import official_document_of, official_status_context
from emulation.documents.workflow import signing_panel
from emulation.permissions import can, require
from emulation.selectors import history_for
from emulation.views import apply_validation_error, document_docx_response, document_pdf_response, flash_errors

OUT_OF_SCOPE = _("Chỉ thành viên Hội đồng và văn thư của đơn vị xem được biên bản họp.")


def _meeting(request: HttpRequest, meeting_id: int) -> CouncilMeeting:
    meeting = get_object_or_404(CouncilMeeting.objects.select_related("plan", "unit", "chair", "secretary"),
                                pk=meeting_id)
    require(request.user, AwardAction.VIEW_MINUTES, meeting, OUT_OF_SCOPE)
    return meeting


def council_minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    present = meeting.present.order_by("full_name")
    form = MinutesForm(request.POST or None, present=present, initial={
        "place": meeting.place, "chair": meeting.chair_id, "secretary": meeting.secretary_id})
    if request.method == "POST" and form.is_valid():
        try:
            minutes.minutes_prepare(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin biên bản."))
            return redirect("council_minutes", meeting_id=meeting.pk)
    return render(request, "awards/council_minutes.html", {
        "meeting": meeting, "form": form, "document": minutes_layout(meeting),
        "may_edit": can(request.user, AwardAction.EDIT_MINUTES, meeting),
        "may_sign": can(request.user, AwardAction.SIGN_MINUTES, meeting),
        "signing_panel": signing_panel(request.user, meeting),
        "history": history_for(meeting)[:50],
        **official_status_context(request.user, official_document_of(meeting)),
    })


def council_minutes_sign(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The secretary's confirmation, or the chair's submission to their own
    digital signature; asks first: neither can be taken back."""
    meeting = _meeting(request, meeting_id)
    if request.method != "POST":
        require(request.user, AwardAction.SIGN_MINUTES, meeting, _("Biên bản này không chờ chữ ký của bạn."))
        return render(request, "awards/council_minutes_sign.html", {"meeting": meeting})
    try:
        meeting = minutes.minutes_sign(actor=request.user, meeting=meeting)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Đã trình ký số biên bản. Hãy ký số tệp biên bản; sau đó văn thư vào số và "
                                    "ban hành.") if request.user.pk == meeting.chair_id
                         else _("Đã ký biên bản; chờ người chủ trì ký."))
    return redirect("council_minutes", meeting_id=meeting.pk)


def council_minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return document_docx_response(_meeting(request, meeting_id), name="Bien-ban")


def council_minutes_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return document_pdf_response(request, meeting, draft_name="Du-thao-bien-ban",
                                 back_url=reverse("council_minutes", args=[meeting.pk]))
