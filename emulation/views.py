from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from emulation import health, selectors, services
from emulation.documents.issue import (
    draft_pdf,
    layout_for,
    official_document_of,
    official_document_view_action,
    official_status_context,
)
from emulation.documents.issue import official_document_retry as official_document_retry_service
from emulation.documents.material import signing_material_save, stamp_for
from emulation.documents.render import RenderFailed, RenderTimeout
from emulation.documents.verify import document_compare, read_upload, stored_verification
from emulation.forms import (
    BlocForm,
    NotificationPreferencesForm,
    PersonCreateForm,
    RoleAssignForm,
    SigningMaterialForm,
    UnitArchiveForm,
    UnitForm,
    UnitMergeForm,
    VerifyCodeForm,
    VerifyUploadForm,
)
from emulation.models import (
    DocumentState,
    EmulationBloc,
    OfficialDocument,
    RoleAssignment,
    SigningMaterial,
    Unit,
    UnitKind,
)
from emulation.permissions import (
    Action,
    can,
    can_somewhere,
    may_assign_role,
    may_create_top_level_unit,
    may_edit_unit,
    require,
    require_somewhere,
    roles_assignable,
    structure_action,
    units_for,
)
from emulation.selectors import COUNT_LIMIT, bounded_count

PAGE_SIZE = 50


class BoundedPaginator(Paginator):
    """A paginator that counts at most ``COUNT_LIMIT`` + 1 rows; beyond that,
    pages stop at the limit and the page says there are more. A page that has
    counted its rows already (the review queue, by state) passes ``known_count``."""

    def __init__(self, object_list, per_page, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        return bounded_count(self.object_list) if isinstance(self.object_list, QuerySet) else len(self.object_list)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_LIMIT

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_LIMIT) // self.per_page))


def paginate(request: HttpRequest, items: QuerySet, per_page: int = PAGE_SIZE, known_count: int | None = None):
    return BoundedPaginator(items, per_page, known_count).get_page(request.GET.get("page"))


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal, shown after a redirect."""
    for message in error.messages:
        messages.error(request, message)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "emulation/home.html", {
        "desks": selectors.role_desks(request.user),
        "recent_notifications": selectors.notifications_for(user=request.user, unread_only=True)[:5],
    })


def unit_directory(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    include_archived = request.GET.get("archived") == "1"
    missing = request.GET.get("missing", "")
    missing_role = selectors.MISSING_ROLE_FILTERS.get(missing, "")
    units = selectors.unit_directory(
        user=request.user, query=query, include_archived=include_archived, missing_role=missing_role
    )
    page = paginate(request, units, per_page=100)
    return render(request, "emulation/unit_directory.html", {
        "page": page, "query": query, "include_archived": include_archived, "missing": missing if missing_role else "",
        "can_manage_any": can_somewhere(request.user, Action.MANAGE_UNIT),
        "may_create_top_level": may_create_top_level_unit(request.user),
    })


def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request.user, Action.VIEW_UNIT, unit, _("Đơn vị này nằm ngoài phạm vi bạn được xem."))
    unit = selectors.unit_detail(unit_id=unit.pk)
    may_manage = can(request.user, Action.MANAGE_UNIT, unit)
    assignable = roles_assignable(request.user, unit)
    return render(request, "emulation/unit_detail.html", {
        "unit": unit,
        "ancestors": [a for a in selectors.unit_ancestors(unit) if can(request.user, Action.VIEW_UNIT, a)],
        "may_manage": may_manage,
        "may_edit": may_edit_unit(request.user, unit),
        "may_restructure": can(request.user, structure_action(unit), unit),
        "may_restore": unit.is_archived and (
            can(request.user, Action.MANAGE_UNIT, unit.parent) if unit.parent else may_create_top_level_unit(
                request.user)
        ),
        "role_form": RoleAssignForm(actor=request.user, roles=assignable) if assignable else None,
        "revocable": {assignment.pk for assignment in unit.roles.all() if assignment.role in assignable},
        "history": selectors.history_for(unit)[:50],
    })


def unit_create(request: HttpRequest, parent_id: int) -> HttpResponse:
    parent = get_object_or_404(Unit, pk=parent_id)
    require(request.user, Action.MANAGE_UNIT, parent, _("Bạn không quản trị đơn vị này."))
    form = UnitForm(request.POST or None, initial={"place_name": parent.place_name}, under_a_parent=True)
    return _unit_create_page(request, form, parent)


def unit_create_top_level(request: HttpRequest) -> HttpResponse:
    if not may_create_top_level_unit(request.user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống toàn quốc được tạo đơn vị cấp cao nhất."))
    form = UnitForm(request.POST or None, initial={"kind": UnitKind.PROVINCE, "abbreviation": "UBND"})
    return _unit_create_page(request, form, None)


def _unit_create_page(request: HttpRequest, form: UnitForm, parent: Unit | None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name})
            return redirect("unit_detail", unit_id=unit.pk)
    return render(request, "emulation/unit_form.html", {"form": form, "parent": parent})


def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not may_edit_unit(request.user, unit):
        raise PermissionDenied(_("Bạn không quản trị đơn vị này."))
    parent_choices = None
    if unit.parent is not None:
        parent_choices = units_for(request.user, Action.MANAGE_UNIT).exclude(path__startswith=unit.path)
    form = UnitForm(request.POST or None, instance=unit, parent_choices=parent_choices)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in UnitForm.Meta.fields}
        unit.refresh_from_db()
        try:
            services.unit_update(actor=request.user, unit=unit, parent=form.cleaned_data.get("parent"), **fields)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("unit_detail", unit_id=unit.pk)
    return render(request, "emulation/unit_form.html", {"form": form, "unit": unit, "parent": unit.parent})


def unit_archive(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request.user, structure_action(unit), unit, _("Bạn không quản trị đơn vị này."))
    form = UnitArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_archive(actor=request.user, unit=unit, reason=form.cleaned_data["reason"],
                                  dissolved_on=form.cleaned_data["dissolved_on"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã lưu trữ đơn vị %(name)s và các đơn vị trực thuộc.") % {"name": unit.name})
            return redirect("unit_detail", unit_id=unit.pk)
    descendants = Unit.objects.filter(path__startswith=unit.path, archived_at__isnull=True).count() - 1
    return render(request, "emulation/unit_archive.html", {"form": form, "unit": unit, "descendants": descendants})


def unit_merge(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Choose the unit to merge into, then confirm on a second page: the merge cannot be undone."""
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request.user, structure_action(unit), unit, _("Bạn không quản trị đơn vị này."))
    form = UnitMergeForm(request.POST or None, actor=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "1":
            try:
                services.unit_merge(actor=request.user, unit=unit, into=data["into"], reason=data["reason"],
                                    dissolved_on=data["dissolved_on"])
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Đã sáp nhập %(name)s vào %(into)s.") % {
                    "name": unit.name, "into": data["into"].name})
                return redirect("unit_detail", unit_id=data["into"].pk)
        else:
            return render(request, "emulation/unit_merge_confirm.html", {
                "form": form, "unit": unit, "into": data["into"], **selectors.merge_preview(unit=unit)})
    return render(request, "emulation/unit_merge.html", {"form": form, "unit": unit})


@require_POST
def unit_restore(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    try:
        services.unit_restore(actor=request.user, unit=unit)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Đã khôi phục đơn vị %(name)s.") % {"name": unit.name})
    return redirect("unit_detail", unit_id=unit.pk)


@require_POST
def role_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    assignable = roles_assignable(request.user, unit)
    if not assignable:
        raise PermissionDenied(_("Bạn không quản trị đơn vị này."))
    form = RoleAssignForm(request.POST, actor=request.user, roles=assignable)
    if form.is_valid():
        services.role_assign(actor=request.user, user=form.cleaned_data["user"], unit=unit,
                             role=form.cleaned_data["role"])
        messages.success(request, _("Đã phân công vai trò."))
    else:
        messages.error(request, _("Chưa phân công được: hãy chọn người dùng và vai trò."))
    return redirect("unit_detail", unit_id=unit.pk)


def role_remove(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("unit", "user"), pk=assignment_id)
    if not may_assign_role(request.user, assignment.unit, assignment.role):
        raise PermissionDenied(_("Bạn không quản trị đơn vị này."))
    if request.method == "POST":
        try:
            services.role_revoke(actor=request.user, assignment=assignment)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Đã thu hồi vai trò."))
        return redirect("unit_detail", unit_id=assignment.unit_id)
    return render(request, "emulation/role_remove.html", {"assignment": assignment})


def person_list(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.MANAGE_UNIT)
    query = request.GET.get("q", "").strip()
    page = paginate(request, selectors.people_for(user=request.user, query=query))
    return render(request, "emulation/person_list.html", {"page": page, "query": query})


def person_create(request: HttpRequest) -> HttpResponse:
    require_somewhere(request.user, Action.MANAGE_UNIT)
    form = PersonCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user, username=data["username"], full_name=data["full_name"], email=data["email"],
                position=data["position"], password=data["password"], unit=data["unit"], roles=data["roles"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": person.full_name})
            return redirect("person_list")
    return render(request, "emulation/person_form.html", {"form": form})


def bloc_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, selectors.blocs_for(user=request.user, query=query))
    return render(request, "emulation/bloc_list.html", {
        "page": page, "query": query, "may_create": can_somewhere(request.user, Action.MANAGE_UNIT),
    })


def bloc_detail(request: HttpRequest, bloc_id: int) -> HttpResponse:
    bloc = get_object_or_404(EmulationBloc.objects.select_related("organiser"), pk=bloc_id)
    require(request.user, Action.VIEW_UNIT, bloc.organiser, _("Khối thi đua này nằm ngoài phạm vi bạn được xem."))
    return render(request, "emulation/bloc_detail.html", {
        "bloc": bloc,
        "members": bloc.members.order_by("path"),
        "may_manage": can(request.user, Action.MANAGE_UNIT, bloc.organiser),
        "history": selectors.history_for(bloc)[:50],
    })


def bloc_form(request: HttpRequest, bloc_id: int | None = None) -> HttpResponse:
    bloc = None
    if bloc_id is not None:
        bloc = get_object_or_404(EmulationBloc, pk=bloc_id)
        require(request.user, Action.MANAGE_UNIT, bloc.organiser, _("Bạn không quản trị khối thi đua này."))
    require_somewhere(request.user, Action.MANAGE_UNIT)
    form = BlocForm(request.POST or None, instance=bloc, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.bloc_save(
                actor=request.user, bloc=bloc, organiser=data["organiser"], name=data["name"], kind=data["kind"],
                members=data["members"], description=data["description"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã lưu khối thi đua %(name)s.") % {"name": saved.name})
            return redirect("bloc_detail", bloc_id=saved.pk)
    return render(request, "emulation/bloc_form.html", {"form": form, "bloc": bloc})


def notification_inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = paginate(request, selectors.notifications_for(user=request.user, unread_only=unread_only))
    return render(request, "emulation/notification_inbox.html", {"page": page, "unread_only": unread_only})


@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.getlist("notification")
    ids = [int(value) for value in chosen if value.isascii() and value.isdecimal() and len(value) <= 18]
    # No choice at all means "all read"; a choice of nothing valid marks nothing.
    services.notification_mark_read(user=request.user, notification_ids=ids if chosen else None)
    target = request.POST.get("next", "")
    # A path on this site only; never a URL name, which redirect() would try to reverse.
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure())):
        target = reverse("notification_inbox")
    return HttpResponseRedirect(target)


def preferences(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu tùy chọn."))
        return redirect("preferences")
    return render(request, "emulation/preferences.html", {"form": form})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 "ok", or 503 naming what failed."""
    found = health.problems()
    if not found:
        return HttpResponse("ok", content_type="text/plain")
    return HttpResponse("".join(f"{part}: {problem}\n" for part, problem in found.items()),
                        content_type="text/plain; charset=utf-8", status=503)


def client_ip(request: HttpRequest) -> str:
    """The address rate limits count by: the one axes resolves for lockouts
    (X-Forwarded-For only behind TRUSTED_PROXY_COUNT proxies). Requests
    whose address cannot be told share one budget."""
    return get_client_ip_address(request) or "0.0.0.0"


@login_not_required
@ratelimit(group="verify-start", key="ip", rate=settings.VERIFY_LOOKUP_RATE, method="GET")
def document_verify_start(request: HttpRequest) -> HttpResponse:
    form = VerifyCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        if OfficialDocument.objects.filter(verification_code=code, state=DocumentState.READY).exists():
            return redirect("document_verify", code=code)
        form.add_error("code", _("Không có văn bản nào mang mã này. Hãy kiểm tra lại mã in trên văn bản."))
    return render(request, "emulation/verify_start.html", {"form": form})


@login_not_required
@ratelimit(group="verify-lookup", key="ip", rate=settings.VERIFY_LOOKUP_RATE, method="GET")
@ratelimit(group="verify-upload", key="ip", rate=settings.VERIFY_UPLOAD_RATE, method="POST")
def document_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what was issued under this code, and whether a given file is that document."""
    document = get_object_or_404(OfficialDocument.objects.select_related("issuer"), verification_code=code.upper(),
                                 state=DocumentState.READY)
    stored = stored_verification(document)
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    comparison = None
    if request.method == "POST" and form.is_valid():
        try:
            uploaded = read_upload(form.cleaned_data["pdf"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            comparison = document_compare(document, uploaded)
    # One list of signatures per file shown, so that the page lays each out the same way.
    listings = []
    if document.signed:
        listings.append({"anchor": "chu-ky-ban-luu", "reports": stored.signatures,
                         "title": _("Từng chữ ký số của bản lưu trên hệ thống")})
        if comparison is not None:
            listings.append({"anchor": "chu-ky-tep-tai-len", "reports": comparison.signatures,
                             "title": _("Từng chữ ký số của tệp vừa tải lên")})
    return render(request, "emulation/verify.html", {
        "document": document, "stored": stored, "stored_signature": stored.check, "form": form,
        "comparison": comparison, "listings": listings,
    })


def signing_material(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require(request.user, Action.MANAGE_UNIT, unit, _("Bạn không quản trị đơn vị này."))
    material = SigningMaterial.objects.filter(unit=unit).first()
    form = SigningMaterialForm(request.POST or None, request.FILES or None,
                               initial={"signature_owner": material.signature_owner if material else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def content(name):
            return data[name].read() if data.get(name) else None

        try:
            signing_material_save(
                actor=request.user, unit=unit, signature_image=content("signature_image"),
                signature_owner=data.get("signature_owner") or None, seal_image=content("seal_image"),
                pkcs12=content("pkcs12"), pkcs12_password=data.get("pkcs12_password", ""),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật vật liệu ký số của đơn vị."))
            return redirect("signing_material", unit_id=unit.pk)
    return render(request, "emulation/signing_material.html", {
        "unit": unit, "material": material, "form": form,
        "signature_preview": stamp_for(unit) if material else None,
    })


def official_document_status(request: HttpRequest, document_id: int) -> HttpResponse:
    """The issued PDF's state, for the document's page; polled while it is prepared."""
    document = get_object_or_404(OfficialDocument.objects.select_related("issuer", "content_type"), pk=document_id)
    require(request.user, official_document_view_action(document), document.target)
    return render(request, "documents/_official.html", official_status_context(request.user, document))


def document_pdf_response(request: HttpRequest, target, *, draft_name: str, back_url: str) -> HttpResponse:
    """A document's PDF for whoever may see ``target``: once issued, the stored
    file; before, rendered now and marked DỰ THẢO."""
    official = official_document_of(target)
    if official is not None:
        return redirect("official_document_pdf", document_id=official.pk)
    try:
        pdf = draft_pdf(target)
    except (RenderTimeout, RenderFailed) as error:
        messages.error(request, _("Không tạo được bản PDF lúc này, vui lòng thử lại sau. (%(why)s)") % {"why": error})
        return redirect(back_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{draft_name}-{target.pk}.pdf"'
    return response


def document_docx_response(target, *, name: str) -> HttpResponse:
    """The document as a Word file in the Nghị định 30 layout, for whoever may see ``target``:
    as issued (its number and date) once it is, a draft (DỰ THẢO) before."""
    from emulation.documents.word import layout_docx  # noqa: PLC0415 — python-docx is slow to import; only this needs it

    layout = layout_for(target)
    number = layout.metadata.number_symbol if layout.metadata and layout.metadata.number_symbol else ""
    stem = f"{name}-{number or f'du-thao-{target.pk}'}".replace("/", "-").replace(" ", "-")
    response = HttpResponse(layout_docx(layout),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.docx")
    return response


def official_document_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    """The stored, signed file, as issued."""
    document = get_object_or_404(OfficialDocument.objects.select_related("issuer", "content_type"), pk=document_id)
    require(request.user, official_document_view_action(document), document.target)
    if document.state != DocumentState.READY:
        messages.info(request, _("Tệp PDF đã ban hành đang được chuẩn bị, vui lòng thử lại sau ít phút."))
        return redirect(request.META.get("HTTP_REFERER") if url_has_allowed_host_and_scheme(
            request.META.get("HTTP_REFERER"), allowed_hosts={request.get_host()}) else "home")
    name = f"{document.get_doc_type_display()}-{document.number_symbol}".replace("/", "-").replace(" ", "-")
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", as_attachment=True,
                        filename=f"{name}.pdf")


@require_POST
def official_document_retry(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(OfficialDocument.objects.select_related("issuer", "content_type"), pk=document_id)
    require(request.user, official_document_view_action(document), document.target)
    document = official_document_retry_service(actor=request.user, document=document)
    if request.headers.get("HX-Request"):
        return render(request, "documents/_official.html", official_status_context(request.user, document))
    messages.info(request, _("Đã yêu cầu tạo lại tệp PDF; trang sẽ tự cập nhật khi xong."))
    return redirect(request.POST.get("next") if url_has_allowed_host_and_scheme(
        request.POST.get("next"), allowed_hosts={request.get_host()}) else "home")
