"""The signer's, the clerk's and everyone's own pages of the signing chain.
Thin: the checks live in ``emulation.documents.workflow`` and ``certificates``."""

import functools
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from emulation import selectors
from emulation.documents import certificates, workflow
from emulation.documents.issue import view_action_of
from emulation.documents.providers import ProviderError
from emulation.documents.register import document_symbol
from emulation.documents.verify import read_upload
from emulation.forms import CertificateUploadForm, RemoteCredentialForm, SignatureImageForm, SignedUploadForm
from emulation.models import (
    DocumentSigning,
    PersonCertificate,
    RemoteSigning,
    RemoteSigningState,
    Role,
    SigningStage,
    User,
)
from emulation.permissions import Action, can_somewhere, people_holding, require
from emulation.views import apply_validation_error, flash_errors, paginate

logger = logging.getLogger(__name__)


def signer_from_post(request: HttpRequest, issuer) -> User | None:
    """The signer chosen on a “Trình ký” form, when it is one of the unit's signers."""
    chosen = request.POST.get("signer", "")
    return people_holding(Role.SIGNER, issuer).filter(pk=chosen).first() if chosen.isdigit() else None


def _signing_for(request: HttpRequest, signing_id: int) -> DocumentSigning:
    """A signing whose document the person may read."""
    document_signing = get_object_or_404(DocumentSigning.objects.select_related("signer", "issuer", "content_type"),
                                         pk=signing_id)
    require(request.user, view_action_of(document_signing.target), document_signing.target)
    return document_signing


def _approval_file_response(document_signing: DocumentSigning) -> FileResponse:
    return FileResponse(document_signing.approval_pdf.open("rb"), content_type="application/pdf", as_attachment=True,
                        filename=f"trinh-ky-{document_signing.verification_code}.pdf")


def _back(document_signing: DocumentSigning):
    return redirect(workflow.page_url_of(document_signing.target))


def signing_queue(request: HttpRequest) -> HttpResponse:
    """Documents waiting for my signature, or (a clerk) for a number."""
    tab = request.GET.get("tab", "cho-ky")
    tab = tab if tab in selectors.SIGNING_QUEUE_TABS else "cho-ky"
    query = request.GET.get("q", "").strip()
    page = paginate(request, selectors.signing_queue(request.user, tab=tab, query=query))
    rows = [(document_signing, workflow.page_url_of(document_signing.target)) for document_signing in page]
    return render(request, "emulation/signing_queue.html", {
        "page": page, "rows": rows, "tab": tab, "query": query,
        "is_clerk": can_somewhere(request.user, Action.ISSUE_DOCUMENT)})


def signing_file(request: HttpRequest, signing_id: int) -> HttpResponse:
    """The file prepared for the signer, to sign in their own tool."""
    document_signing = _signing_for(request, signing_id)
    if document_signing.stage == SigningStage.PREPARING:
        messages.info(request, _("Tệp để ký đang được chuẩn bị, vui lòng thử lại sau ít giây."))
        return _back(document_signing)
    return _approval_file_response(document_signing)


def signing_signed_file(request: HttpRequest, signing_id: int) -> HttpResponse:
    """The file as the person signed it (before the clerk's number and seal)."""
    document_signing = _signing_for(request, signing_id)
    if not document_signing.signed_pdf:
        raise PermissionDenied(_("Văn bản chưa được người ký ký số."))
    return FileResponse(document_signing.signed_pdf.open("rb"), content_type="application/pdf", as_attachment=True,
                        filename=f"da-ky-{document_signing.verification_code}.pdf")


@require_POST
def signing_upload(request: HttpRequest, signing_id: int) -> HttpResponse:
    document_signing = _signing_for(request, signing_id)
    form = SignedUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp PDF đã ký số để tải lên."))
        return _back(document_signing)
    try:
        workflow.person_upload(actor=request.user, document_signing=document_signing,
                               uploaded=read_upload(form.cleaned_data["pdf"]))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Đã nhận tệp đã ký số. Văn bản chuyển sang văn thư để vào số và ban hành."))
    return _back(document_signing)


def _tool_answer(message: str, *, status: int = 200) -> JsonResponse:
    return JsonResponse({"ok": status == 200, "message": message}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def _tool_address(view):
    """A view for a signing tool: the address's token stands for the signing (and its signer)."""
    @functools.wraps(view)
    def resolved(request: HttpRequest, token: str) -> HttpResponse:
        try:
            document_signing = workflow.signing_of_tool_address(token)
        except workflow.ToolAddressRefused as refusal:
            return _tool_answer(refusal.message, status=refusal.status)
        return view(request, document_signing)
    return login_not_required(resolved)


@_tool_address
def signing_tool_file(request: HttpRequest, document_signing: DocumentSigning) -> HttpResponse:
    """The prepared file, for a signing tool holding the address (no session)."""
    return _approval_file_response(document_signing)


# The tool posts without the person's session or CSRF token: the signed, expiring address is the credential.
@csrf_exempt
@require_POST
@_tool_address
def signing_tool_upload(request: HttpRequest, document_signing: DocumentSigning) -> HttpResponse:
    """The signed file from a signing tool (multipart, any field name); the same checks as the signer's upload."""
    upload = next(iter(request.FILES.values()), None)
    if upload is None:
        return _tool_answer(_("Không có tệp PDF đã ký số trong yêu cầu."), status=400)
    try:
        workflow.person_upload(actor=document_signing.signer, document_signing=document_signing,
                               uploaded=read_upload(upload))
    except ValidationError as error:
        return _tool_answer(" ".join(error.messages), status=400)
    return _tool_answer(_("Đã nhận tệp đã ký số. Văn bản chuyển sang văn thư để vào số và ban hành."))


def signing_remote(request: HttpRequest, signing_id: int) -> HttpResponse:
    """Choose the credential and send the request to the phone; then wait."""
    document_signing = _signing_for(request, signing_id)
    pending = document_signing.remote_requests.filter(state=RemoteSigningState.PENDING).first()
    if pending is not None:
        return redirect("signing_remote_wait", remote_id=pending.pk)
    if request.user.pk != document_signing.signer_id:
        raise PermissionDenied(_("Văn bản này được trình cho %(name)s ký; chỉ người đó ký được.") % {
            "name": document_signing.signer.get_full_name()})
    try:
        credentials = workflow.remote_credentials(request.user)
    except ProviderError as error:
        messages.error(request, error.message)
        return _back(document_signing)
    form = RemoteCredentialForm(request.POST or None, credentials=credentials)
    if request.method == "POST" and form.is_valid():
        try:
            remote = workflow.remote_signing_start(actor=request.user, document_signing=document_signing,
                                                   credential_id=form.cleaned_data["credential"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("signing_remote_wait", remote_id=remote.pk)
    return render(request, "emulation/signing_remote.html", {
        "signing": document_signing, "form": form, "credentials": credentials,
        "unregistered": [info for info, registered in credentials if not registered]})


def _remote_for(request: HttpRequest, remote_id: int) -> RemoteSigning:
    remote = get_object_or_404(RemoteSigning.objects.select_related("signing", "signing__signer", "signing__issuer"),
                               pk=remote_id)
    if request.user.pk != remote.signing.signer_id:
        raise PermissionDenied(_("Chỉ người ký xem được yêu cầu ký của mình."))
    return remote


def signing_remote_wait(request: HttpRequest, remote_id: int) -> HttpResponse:
    """“Đang chờ xác nhận trên điện thoại…” with the time left; the status
    part asks again every two seconds (htmx) and the page also asks the
    provider itself, so a stopped worker does not leave the person waiting."""
    remote = _remote_for(request, remote_id)
    if remote.state == RemoteSigningState.PENDING:
        try:
            remote = workflow.remote_signing_poll(remote_id=remote.pk)
        except Exception:  # a timestamp server or the database failing now: the worker retries, the page asks again
            logger.exception("Polling remote signing %s from the page failed; the worker retries.", remote.pk)
    template = "emulation/_remote_status.html" if request.headers.get("HX-Request") else \
        "emulation/signing_remote_wait.html"
    response = render(request, template, {
        "remote": remote, "signing": remote.signing,
        "seconds_left": max(0, int((remote.expires_at - timezone.now()).total_seconds())),
        "back_url": workflow.page_url_of(remote.signing.target)})
    if request.headers.get("HX-Request") and remote.state == RemoteSigningState.SIGNED:
        response["HX-Redirect"] = workflow.page_url_of(remote.signing.target)
    return response


@require_POST
def signing_remote_cancel(request: HttpRequest, remote_id: int) -> HttpResponse:
    remote = _remote_for(request, remote_id)
    workflow.remote_signing_cancel(actor=request.user, remote=remote)
    messages.info(request, _("Đã hủy yêu cầu ký. Bạn có thể gửi lại yêu cầu khi sẵn sàng."))
    return _back(remote.signing)


def signing_issue(request: HttpRequest, signing_id: int) -> HttpResponse:
    """The clerk: number, date, the agency's signature, issue — after a confirmation."""
    document_signing = _signing_for(request, signing_id)
    if request.method == "POST":
        try:
            workflow.document_issue(actor=request.user, document_signing=document_signing)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Đã vào số và ban hành. Tệp PDF có chữ ký số của cơ quan đang được tạo."))
        return _back(document_signing)
    return render(request, "emulation/signing_issue.html", {
        "signing": document_signing, "target": document_signing.target,
        "symbol": document_symbol(doc_type=document_signing.doc_type, issuer=document_signing.issuer),
        "back_url": workflow.page_url_of(document_signing.target)})


def my_certificates(request: HttpRequest) -> HttpResponse:
    """The person's own certificates (public part) and signature image."""
    certificate_form = CertificateUploadForm(prefix="cert")
    image_form = SignatureImageForm(prefix="image")
    if request.method == "POST":
        if "cert-certificate" in request.FILES:
            certificate_form = CertificateUploadForm(request.POST, request.FILES, prefix="cert")
            if certificate_form.is_valid():
                try:
                    registered = certificates.certificate_register(
                        actor=request.user, user=request.user,
                        data=certificate_form.cleaned_data["certificate"].read())
                except ValidationError as error:
                    apply_validation_error(certificate_form, error)
                else:
                    messages.success(request, _("Đã đăng ký chứng thư số %(name)s.") % {"name": registered.subject})
                    return redirect("my_certificates")
        else:
            image_form = SignatureImageForm(request.POST, request.FILES, prefix="image")
            if image_form.is_valid():
                try:
                    certificates.signature_image_save(actor=request.user, user=request.user,
                                                      png=image_form.cleaned_data["signature_image"].read())
                except ValidationError as error:
                    apply_validation_error(image_form, error)
                else:
                    messages.success(request, _("Đã cập nhật ảnh chữ ký."))
                    return redirect("my_certificates")
    return render(request, "emulation/my_certificates.html", {
        "certificate_form": certificate_form, "image_form": image_form,
        "certificates": PersonCertificate.objects.filter(user=request.user).order_by("retired_at", "-registered_at"),
        "has_signature_image": bool(request.user.signature_image),
    })


@require_POST
def certificate_retire(request: HttpRequest, certificate_id: int) -> HttpResponse:
    certificate = get_object_or_404(PersonCertificate.objects.select_related("user"), pk=certificate_id)
    certificates.certificate_retire(actor=request.user, certificate=certificate)
    messages.success(request, _("Đã ngừng dùng chứng thư số %(name)s.") % {"name": certificate.subject})
    return redirect("my_certificates")
