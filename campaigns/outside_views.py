"""Pages of the register of documents issued outside the system."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.document import outside_citation
from campaigns.forms import OutsideDocumentForm, OutsideDocumentSearchForm
from campaigns.models import OutsideDocument
from campaigns.rules import may_register_outside_documents
from campaigns.services.outside_documents import outside_document_create
from emulation.idempotency import submitted_once
from emulation.views import apply_validation_error, paginate


def outside_document_list(request: HttpRequest) -> HttpResponse:
    form = OutsideDocumentSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    documents = selectors.outside_documents(query=filters.get("q", ""), doc_type=filters.get("doc_type", ""),
                                            year=filters.get("year"))
    return render(request, "campaigns/outside_document_list.html", {
        "form": form, "page": paginate(request, documents),
        "may_add": may_register_outside_documents(request.user)})


@submitted_once
def outside_document_add(request: HttpRequest) -> HttpResponse:
    if not may_register_outside_documents(request.user):
        raise PermissionDenied(_("Chỉ người soạn kế hoạch và văn thư thêm được văn bản vào sổ."))
    form = OutsideDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = outside_document_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã thêm %(name)s vào sổ văn bản ngoài hệ thống.") % {
                "name": document.short_name})
            return redirect("outside_document_detail", document_id=document.pk)
    return render(request, "campaigns/outside_document_form.html", {"form": form})


def outside_document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(OutsideDocument, pk=document_id)
    return render(request, "campaigns/outside_document_detail.html", {
        "document": document, "citation": outside_citation(document),
        "implementers": selectors.outside_document_implementers(document, request.user)})


def outside_document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(OutsideDocument, pk=document_id)
    if not document.file:
        raise Http404(_("Văn bản này không có tệp đính kèm."))
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.file.name.rsplit("/", 1)[-1])
