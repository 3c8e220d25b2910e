from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class ConferringLevel(models.TextChoices):
    STATE = "state", _("Chủ tịch nước")
    GOVERNMENT = "government", _("Thủ tướng Chính phủ")
    PROVINCE = "province", _("Bộ trưởng, Chủ tịch UBND tỉnh")
    UNIT = "unit", _("Thủ trưởng đơn vị, Chủ tịch UBND xã")


class AwardType(models.Model):
    """An entry of the award catalogue (danh hiệu thi đua / hình thức khen thưởng).

    Editable, because the rules change (2023, 2025, 2026)."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=AwardKind.choices)
    for_individuals = models.BooleanField(_("cá nhân"), default=False)
    for_collectives = models.BooleanField(_("tập thể"), default=False)
    for_households = models.BooleanField(_("hộ gia đình"), default=False)
    conferring_level = models.CharField(_("cấp quyết định"), max_length=16, choices=ConferringLevel.choices)
    conferred_by = models.CharField(_("thẩm quyền"), max_length=255)
    frequency = models.CharField(_("thời điểm xét"), max_length=255, blank=True)
    conditions = models.TextField(_("điều kiện cần kiểm tra"), blank=True)
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ phiếu tối thiểu của Hội đồng (%)"), null=True, blank=True,
        help_text=_("Tính trên tổng số thành viên Hội đồng; để trống nếu không cần bỏ phiếu."),
    )
    cash_multiple = models.DecimalField(
        _("tiền thưởng (lần mức lương cơ sở)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loại khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_individuals=True) | Q(for_collectives=True) | Q(for_households=True),
                name="awardtype_has_a_recipient",
            ),
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__isnull=True) | Q(vote_threshold_percent__lte=100),
                name="awardtype_threshold_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def recipients_display(self) -> str:
        parts = []
        if self.for_individuals:
            parts.append(str(_("cá nhân")))
        if self.for_collectives:
            parts.append(str(_("tập thể")))
        if self.for_households:
            parts.append(str(_("hộ gia đình")))
        return ", ".join(parts)
