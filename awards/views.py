from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards.forms import AwardTypeForm
from awards.models import AwardType
from awards.rules import AwardAction
from awards.services import catalogue
from emulation.permissions import can, require
from emulation.selectors import history_for
from emulation.views import apply_validation_error, paginate


def award_type_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    types = AwardType.objects.all()
    if query:
        types = types.filter(Q(name__icontains=query) | Q(conferred_by__icontains=query))
    if request.GET.get("kind") in ("title", "form"):
        types = types.filter(kind=request.GET["kind"])
    return render(request, "awards/award_type_list.html", {
        "page": paginate(request, types), "query": query, "kind": request.GET.get("kind", ""),
        "may_manage": can(request.user, AwardAction.MANAGE_CATALOGUE, AwardType()),
    })


def award_type_form(request: HttpRequest, award_type_id: int | None = None) -> HttpResponse:
    award_type = get_object_or_404(AwardType, pk=award_type_id) if award_type_id else AwardType()
    require(request.user, AwardAction.MANAGE_CATALOGUE, award_type,
            _("Chỉ quản trị cấp tỉnh được sửa danh mục khen thưởng."))
    form = AwardTypeForm(request.POST or None, instance=award_type)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in AwardTypeForm.Meta.fields}
        try:
            saved = catalogue.award_type_save(actor=request.user, award_type=AwardType.objects.get(pk=award_type.pk)
                                              if award_type.pk else AwardType(), values=values)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved.name})
            return redirect("award_type_list")
    return render(request, "awards/award_type_form.html", {
        "form": form, "award_type": award_type, "history": history_for(award_type)[:30] if award_type.pk else []})
