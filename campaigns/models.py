from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.models import BlocKind, Unit, UnitKind
from emulation.text import fold


class Versioned(models.Model):
    """Optimistic locking: a save states the revision it was edited from."""

    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class PeriodKind(models.TextChoices):
    FIXED = "fixed", _("Có thời hạn")
    CONTINUOUS = "continuous", _("Thường xuyên, liên tục")
    UNTIL_EVENT = "until_event", _("Đến một sự kiện (ngày kết thúc ghi sau)")


class SignAuthority(models.TextChoices):
    """How the signature block is headed (Nghị định 30/2020, Phụ lục I)."""

    HEAD = "head", _("Người đứng đầu ký (ví dụ: CHỦ TỊCH, HIỆU TRƯỞNG)")
    ON_BEHALF = "tm", _("TM. tập thể, người đứng đầu ký")
    ON_BEHALF_DEPUTY = "tm_kt", _("TM. tập thể, KT. người đứng đầu, cấp phó ký")
    DEPUTY = "kt", _("KT. người đứng đầu, cấp phó ký")
    ACTING = "q", _("Q. quyền người đứng đầu ký")


class Plan(Versioned):
    """A KẾ HOẠCH: the campaign plan of one issuing unit."""

    issuer = models.ForeignKey(Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT,
                               related_name="plans")
    parent = models.ForeignKey("self", verbose_name=_("kế hoạch cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="derived_plans")
    supersedes = models.OneToOneField("self", verbose_name=_("thay thế kế hoạch"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by")
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    state = models.CharField(_("trạng thái"), max_length=24, choices=PlanState.choices, default=PlanState.DRAFT)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True, editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    register_entry = models.OneToOneField("emulation.RegisterEntry", null=True, blank=True, editable=False,
                                          on_delete=models.PROTECT, related_name="plan")
    draft_date = models.DateField(
        _("tháng, năm dự kiến ban hành"), null=True, blank=True,
        help_text=_("Dự thảo in “ngày … tháng … năm …” theo tháng, năm này; ngày để trống."),
    )
    place_name = models.CharField(_("địa danh"), max_length=100)
    title = models.TextField(_("trích yếu"))
    preamble = models.TextField(_("lời mở đầu"), blank=True)
    bases_end_with = models.CharField(
        _("dấu cuối của căn cứ cuối cùng"), max_length=1, default=".",
        choices=[(".", _("Dấu chấm (.)")), (";", _("Dấu chấm phẩy (;): lời mở đầu nối tiếp câu"))])
    theme = models.CharField(_("chủ đề"), max_length=500, blank=True)
    motto = models.CharField(_("khẩu hiệu, tư tưởng chỉ đạo"), max_length=500, blank=True)
    period_kind = models.CharField(_("thời gian thi đua"), max_length=16, choices=PeriodKind.choices,
                                   default=PeriodKind.FIXED)
    starts_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    ends_at_event = models.CharField(
        _("kết thúc khi"), max_length=300, blank=True,
        help_text=_("Ví dụ: tổ chức Đại hội Thi đua yêu nước tỉnh lần thứ VI. Ngày kết thúc ghi sau, khi đã biết."))
    review_month = models.PositiveSmallIntegerField(
        _("sơ kết hằng năm vào tháng"), null=True, blank=True, help_text=_("Ví dụ: 11 (đầu tháng 11 hằng năm)")
    )
    summary_every_years = models.PositiveSmallIntegerField(_("tổng kết sau mỗi (năm)"), null=True, blank=True)
    funding = models.TextField(_("kinh phí"), blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True,
                               help_text=_("Ví dụ: Trên đây là Kế hoạch …; văn bản kết thúc bằng “./.”"))
    frozen_header = models.JSONField(default=dict, blank=True, editable=False)
    reminder_days = models.JSONField(
        _("nhắc trước hạn (ngày)"), default=list, blank=True,
        help_text=_("Ví dụ: 14, 7, 3, 1. Để trống để dùng mặc định 14, 7, 3, 1."),
    )
    archive_note = models.CharField(
        _("lưu"), max_length=120, default="VT", help_text=_("In thành “- Lưu: VT, …”. Ví dụ: VT, QS (Sáu)")
    )
    sign_authority = models.CharField(_("thẩm quyền ký"), max_length=8, choices=SignAuthority.choices,
                                      default=SignAuthority.HEAD)
    sign_collective = models.CharField(_("tên tập thể (sau TM.)"), max_length=120, blank=True,
                                       help_text=_("Ví dụ: ỦY BAN NHÂN DÂN"))
    sign_title = models.CharField(_("chức vụ người đứng đầu"), max_length=120,
                                  help_text=_("Ví dụ: CHỦ TỊCH, HIỆU TRƯỞNG, GIÁM ĐỐC"))
    sign_deputy_title = models.CharField(_("chức vụ cấp phó"), max_length=120, blank=True,
                                         help_text=_("Ví dụ: PHÓ CHỦ TỊCH"))
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["issued", "superseded"]) | (
                    Q(number__isnull=False) & Q(issued_on__isnull=False)),
                name="plan_issued_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="plan_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(review_month__isnull=True) | Q(review_month__gte=1, review_month__lte=12),
                name="plan_review_month_valid",
            ),
        ]
        # By issuer and state, newest first: a unit's plans, and the plans issued under a province (the units
        # of its subtree, one index range each).
        indexes = [models.Index(fields=["issuer", "state", "-issued_on"], name="plan_issuer_state_issued")]

    def __str__(self) -> str:
        return f"{self.number_symbol or _('Dự thảo')} — {self.title[:80]}"

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else ""

    @property
    def is_editable(self) -> bool:
        return self.state == PlanState.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.state in (PlanState.ISSUED, PlanState.SUPERSEDED)


class OutsideDocumentType(models.TextChoices):
    LAW = "law", _("Luật")
    RESOLUTION = "resolution", _("Nghị quyết")
    DECREE = "decree", _("Nghị định")
    DIRECTIVE = "directive", _("Chỉ thị")
    DECISION = "decision", _("Quyết định")
    CIRCULAR = "circular", _("Thông tư")
    PLAN = "plan", _("Kế hoạch")
    CONCLUSION = "conclusion", _("Kết luận")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    GUIDANCE = "guidance", _("Hướng dẫn")
    OTHER = "other", _("Văn bản khác")


class OutsideDocument(models.Model):
    """A document issued outside the system (văn bản ngoài hệ thống) — a law, a
    decree, a Prime Minister's directive, a higher body's plan — that plans cite
    and implement. One register for the whole country: the same document is
    entered once (``identity``: number and symbol, issuer and year)."""

    doc_type = models.CharField(_("loại văn bản"), max_length=24, choices=OutsideDocumentType.choices)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True,
        help_text=_("Ví dụ: 19/CT-TTg, 98/2023/NĐ-CP. Để trống với luật được trích dẫn theo tên."))
    issued_on = models.DateField(_("ngày ban hành"))
    issuer_name = models.CharField(_("cơ quan, người ban hành"), max_length=255, blank=True,
                                   help_text=_("Ví dụ: Thủ tướng Chính phủ, Chính phủ, Bộ Nội vụ"))
    connector = models.CharField(_("từ nối trước trích yếu"), max_length=20, blank=True, default="về",
                                 help_text=_("Ví dụ: về, về việc, quy định, hướng dẫn"))
    subject = models.TextField(_("trích yếu"), help_text=_("Với luật: tên luật, ví dụ “Thi đua, khen thưởng”."))
    file = models.FileField(_("tệp văn bản"), upload_to="van-ban-ngoai/%Y/", blank=True)
    identity = models.CharField(max_length=400, unique=True, editable=False)
    search_key = models.CharField(max_length=600, editable=False, db_index=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản ngoài hệ thống")
        verbose_name_plural = _("văn bản ngoài hệ thống")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="outsidedocument_has_subject"),
            models.CheckConstraint(condition=Q(doc_type="law") | ~Q(number_symbol=""),
                                   name="outsidedocument_number_unless_law"),
        ]

    def __str__(self) -> str:
        return self.short_name

    def save(self, *args, **kwargs):
        self.identity = outside_document_identity(self.doc_type, self.number_symbol, self.issuer_name,
                                                  self.issued_on.year, self.subject)
        self.search_key = fold(f"{self.number_symbol} {self.issuer_name} {self.subject}")[:600]
        super().save(*args, **kwargs)

    @property
    def short_name(self) -> str:
        """“Chỉ thị số 19/CT-TTg”, “Luật Thi đua, khen thưởng”."""
        if self.doc_type == OutsideDocumentType.LAW:
            return f"Luật {self.subject}"
        return f"{self.get_doc_type_display()} số {self.number_symbol}"


def outside_document_identity(doc_type: str, number_symbol: str, issuer_name: str, year: int, subject: str) -> str:
    """What makes two entries the same document: number and symbol, issuer and year
    (a law, cited by its name, by name and year), whatever the case and accents typed."""
    if number_symbol.strip():
        return fold(f"{number_symbol}|{issuer_name}|{year}").replace(" ", "")[:400]
    return fold(f"{doc_type}|{subject}|{year}")[:400]


class BasisOpening(models.TextChoices):
    BASED_ON = "Căn cứ", _("Căn cứ")
    IMPLEMENTING = "Thực hiện", _("Thực hiện")
    ACCORDING_TO = "Theo", _("Theo")
    NONE = "", _("(không có từ mở đầu)")


class LegalBasis(Versioned):
    """A “Căn cứ …” line: free text, a plan in the system or a document from outside."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    position = models.PositiveIntegerField(default=0)
    opening = models.CharField(_("từ mở đầu"), max_length=20, choices=BasisOpening.choices, blank=True,
                               default=BasisOpening.BASED_ON)
    text = models.TextField(_("nội dung căn cứ"), blank=True,
                            help_text=_("Không cần gõ từ mở đầu và dấu chấm phẩy ở cuối."))
    linked_plan = models.ForeignKey(Plan, verbose_name=_("hoặc: kế hoạch trong hệ thống"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="cited_by")
    outside_document = models.ForeignKey(OutsideDocument, verbose_name=_("hoặc: văn bản ngoài hệ thống"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="cited_by")
    connector = models.CharField(_("từ nối trước trích yếu"), max_length=20, default="về")
    # A plan implements the outside documents it cites so (a directive, a higher council's plan):
    # their pages list it, as a plan's page lists the plans derived from it.
    implements = models.BooleanField(_("kế hoạch này triển khai văn bản này"), default=False)

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | Q(linked_plan__isnull=False) | Q(outside_document__isnull=False),
                name="legalbasis_text_or_link"),
            models.CheckConstraint(condition=Q(linked_plan__isnull=True) | Q(outside_document__isnull=True),
                                   name="legalbasis_one_link"),
            models.CheckConstraint(condition=Q(implements=False) | Q(outside_document__isnull=False),
                                   name="legalbasis_implements_an_outside_document"),
        ]

    def __str__(self) -> str:
        return self.text[:80] if self.text else str(self.linked_plan)


class SectionNumbering(models.TextChoices):
    AUTO = "auto", _("Tự động theo cấp (I., 1., a))")
    ORDINAL_WORDS = "ordinal_words", _("Một là, Hai là, …")
    BULLET = "bullet", _("Gạch đầu dòng (-)")
    NONE = "none", _("Không đánh số")


class SectionBlock(models.TextChoices):
    """What a section holds besides its own text; the structured rows print there."""

    TEXT = "text", _("Chỉ có văn bản")
    TARGET_GROUPS = "target_groups", _("Đối tượng thi đua")
    CRITERIA = "criteria", _("Tiêu chí thi đua")
    TARGETS = "targets", _("Chỉ tiêu")
    PERIOD = "period", _("Thời gian thi đua")
    AWARDS = "awards", _("Hình thức khen thưởng")
    FUNDING = "funding", _("Kinh phí khen thưởng")
    ASSIGNMENTS = "assignments", _("Tổ chức thực hiện (phân công)")


class Section(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", verbose_name=_("thuộc mục"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("tiêu đề mục"), max_length=500, blank=True)
    numbering = models.CharField(_("cách đánh số"), max_length=16, choices=SectionNumbering.choices,
                                 default=SectionNumbering.AUTO)
    run_in = models.BooleanField(_("nội dung liền sau tiêu đề"), default=False,
                                 help_text=_("In “1. Đối tượng: …” trên cùng một dòng."))
    body = models.TextField(_("nội dung"), blank=True, help_text=_("Mỗi dòng là một đoạn văn."))
    block = models.CharField(_("phần có cấu trúc đặt tại mục này"), max_length=16, choices=SectionBlock.choices,
                             default=SectionBlock.TEXT)
    is_movement = models.BooleanField(
        _("là một phong trào thi đua"), default=False,
        help_text=_("Đối tượng, tiêu chí, chỉ tiêu và khen thưởng gắn với phong trào này chỉ in trong mục này."))

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(heading="") | ~Q(body="") | ~Q(block="text"),
                                   name="section_not_empty"),
        ]

    def __str__(self) -> str:
        return self.heading or self.body[:80] or self.get_block_display()


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")


class TargetGroup(Versioned):
    """Đối tượng thi đua: who competes. Members are the units of the given
    kinds under ``scope`` (the issuer when empty)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_groups")
    # The named movement (phong trào) this row belongs to: it prints only in that section's blocks.
    movement = models.ForeignKey("Section", verbose_name=_("thuộc phong trào"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", limit_choices_to={"is_movement": True})
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("tên đối tượng"), max_length=500)
    recipient_kind = models.CharField(_("là"), max_length=16, choices=RecipientKind.choices,
                                      default=RecipientKind.COLLECTIVE)
    unit_kinds = models.JSONField(_("loại đơn vị thuộc đối tượng"), default=list, blank=True)
    scope = models.ForeignKey(Unit, verbose_name=_("trong phạm vi"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    levels_below = models.PositiveSmallIntegerField(
        _("cách phạm vi bao nhiêu cấp"), null=True, blank=True,
        help_text=_("1: trực thuộc; 2: cấp dưới nữa (ví dụ xã thuộc huyện thuộc tỉnh). Để trống: mọi cấp."),
    )

    class Meta:
        verbose_name = _("đối tượng thi đua")
        verbose_name_plural = _("đối tượng thi đua")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def unit_kind_labels(self) -> list[str]:
        labels = dict(UnitKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.unit_kinds]


class CriterionGroup(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="criterion_groups")
    # The named movement (phong trào) this row belongs to: it prints only in that section's blocks.
    movement = models.ForeignKey("Section", verbose_name=_("thuộc phong trào"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", limit_choices_to={"is_movement": True})
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("nhóm tiêu chí"), max_length=500)
    target_group = models.ForeignKey(TargetGroup, verbose_name=_("áp dụng cho đối tượng"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="criterion_groups")

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Criterion(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE,
                              related_name="criteria")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("tiêu chí"))

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    EXACTLY = "eq", "="
    AT_MOST = "lte", "≤"


class Target(Versioned):
    """Chỉ tiêu: a measure, a comparison and a value with its unit."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    # The named movement (phong trào) this row belongs to: it prints only in that section's blocks.
    movement = models.ForeignKey("Section", verbose_name=_("thuộc phong trào"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", limit_choices_to={"is_movement": True})
    section = models.ForeignKey(Section, verbose_name=_("nêu tại mục"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="targets")
    position = models.PositiveIntegerField(default=0)
    measure = models.CharField(_("nội dung chỉ tiêu"), max_length=500)
    comparison = models.CharField(_("so sánh"), max_length=4, choices=Comparison.choices, default=Comparison.AT_LEAST)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, default="%")
    year = models.PositiveSmallIntegerField(_("áp dụng cho năm"), null=True, blank=True,
                                            help_text=_("Để trống: áp dụng mọi năm của kế hoạch."))

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.display_value}"

    @property
    def is_share(self) -> bool:
        return self.unit_of_measure.strip() == "%"

    @property
    def display_value(self) -> str:
        value = f"{self.value.normalize():f}".replace(".", ",")
        separator = " " if self.unit_of_measure else ""
        return f"{self.get_comparison_display()} {value}{separator}{self.unit_of_measure}"


class AwardOccasion(models.TextChoices):
    CAMPAIGN = "campaign", _("Khi kết thúc đợt thi đua")
    ANNUAL = "annual", _("Khen thưởng hằng năm")
    SUMMARY = "summary", _("Khen thưởng tổng kết")


class Quota(Versioned):
    """An award form the plan offers, and how many (blank: no fixed number)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="quotas")
    # The named movement (phong trào) this row belongs to: it prints only in that section's blocks.
    movement = models.ForeignKey("Section", verbose_name=_("thuộc phong trào"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", limit_choices_to={"is_movement": True})
    position = models.PositiveIntegerField(default=0)
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("hình thức, danh hiệu"),
                                   on_delete=models.PROTECT, related_name="quotas")
    printed_name = models.CharField(_("tên in trong kế hoạch"), max_length=255, blank=True,
                                    help_text=_("Để trống để dùng tên trong danh mục."))
    occasion = models.CharField(_("dịp khen thưởng"), max_length=16, choices=AwardOccasion.choices,
                                default=AwardOccasion.CAMPAIGN)
    count = models.PositiveIntegerField(_("số lượng"), null=True, blank=True)
    target_group = models.ForeignKey(TargetGroup, verbose_name=_("cho đối tượng"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="quotas")
    per_parent = models.BooleanField(_("mỗi đơn vị cấp trên một suất"), default=False,
                                     help_text=_("Ví dụ: “xã dẫn đầu mỗi huyện”."))
    recipient_phrase = models.CharField(_("cho (cách ghi trong kế hoạch)"), max_length=255, blank=True,
                                        help_text=_("Ví dụ: xã, phường, thị trấn dẫn đầu mỗi huyện"))
    per_bloc = models.PositiveSmallIntegerField(
        _("số suất mỗi khối, cụm thi đua"), null=True, blank=True,
        help_text=_("Ví dụ: 1 — một Cờ thi đua cho đơn vị dẫn đầu mỗi cụm; 2 — hai Bằng khen mỗi khối. Các khối, "
                    "cụm là của đơn vị ban hành kế hoạch."))
    bloc_kind = models.CharField(_("chia theo"), max_length=16, choices=BlocKind.choices, blank=True,
                                 help_text=_("Để trống: mọi khối và cụm của đơn vị ban hành."))
    per_nominating_unit = models.PositiveSmallIntegerField(_("tối đa mỗi đơn vị đề nghị"), null=True, blank=True)
    share_cap_percent = models.PositiveSmallIntegerField(
        _("tối đa (% số đơn vị thuộc đối tượng)"), null=True, blank=True,
        help_text=_("Ví dụ: 30 — không quá 30% số đơn vị thuộc đối tượng được khen."))
    amount = models.PositiveBigIntegerField(_("tiền thưởng mỗi suất (đồng)"), null=True, blank=True)

    class Meta:
        verbose_name = _("hình thức, số lượng khen thưởng")
        verbose_name_plural = _("hình thức, số lượng khen thưởng")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(count__isnull=True) | Q(count__gte=1), name="quota_count_positive"),
            models.CheckConstraint(condition=Q(per_bloc__isnull=True) | Q(per_bloc__gte=1),
                                   name="quota_per_bloc_positive"),
            models.CheckConstraint(condition=Q(per_nominating_unit__isnull=True) | Q(per_nominating_unit__gte=1),
                                   name="quota_per_nominating_unit_positive"),
            models.CheckConstraint(condition=Q(share_cap_percent__isnull=True)
                                   | Q(share_cap_percent__gte=1, share_cap_percent__lte=100),
                                   name="quota_share_cap_is_a_percentage"),
            models.CheckConstraint(condition=Q(bloc_kind="") | Q(per_bloc__isnull=False),
                                   name="quota_bloc_kind_needs_per_bloc"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.printed_name or self.award_type.name


class Assignment(Versioned):
    """Tổ chức thực hiện: a unit (or group of units) and what it must do."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    position = models.PositiveIntegerField(default=0)
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị thực hiện"), blank=True, related_name="+")
    text = models.TextField(_("nhiệm vụ"), help_text=_("Mỗi dòng là một đoạn văn; đoạn đầu được đánh số."))
    is_lead = models.BooleanField(_("đơn vị chủ trì theo dõi"), default=False)

    class Meta:
        verbose_name = _("nhiệm vụ tổ chức thực hiện")
        verbose_name_plural = _("nhiệm vụ tổ chức thực hiện")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class DeadlineKind(models.TextChoices):
    IMPLEMENTING_PLAN = "implementing_plan", _("Kế hoạch triển khai của đơn vị")
    PROGRESS_REPORT = "progress_report", _("Báo cáo tiến độ, sơ kết")
    NOMINATIONS = "nominations", _("Hồ sơ đề nghị khen thưởng")
    SUMMARY_REPORT = "summary_report", _("Báo cáo tổng kết")


# The deadlines a unit answers with a report against the plan's targets.
REPORT_KINDS = (DeadlineKind.PROGRESS_REPORT, DeadlineKind.SUMMARY_REPORT)


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    YEARLY = "yearly", _("Hằng năm")


class Deadline(Versioned):
    """What is due, from which units, to which unit, by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("việc phải nộp"), max_length=24, choices=DeadlineKind.choices)
    from_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị phải nộp"), related_name="deadlines_owed")
    to_unit = models.ForeignKey(Unit, verbose_name=_("nộp về đơn vị"), on_delete=models.PROTECT,
                                related_name="deadlines_received")
    due_on = models.DateField(_("hạn (lần đầu)"), null=True, blank=True)
    recurrence = models.CharField(_("lặp lại"), max_length=8, choices=Recurrence.choices, default=Recurrence.ONCE)
    assignment = models.ForeignKey(Assignment, verbose_name=_("in sau nhiệm vụ"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="deadlines")
    lead = models.TextField(_("câu in trước hạn"), blank=True,
                            help_text=_("Ví dụ: Thời gian báo cáo hồ sơ đề nghị khen thưởng về Phòng Chính trị"))

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__isnull=False) | Q(kind="implementing_plan"),
                                   name="deadline_has_date_unless_implementing_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.due_on or ''}"


class Recipient(Versioned):
    """A line of “Nơi nhận”. A linked unit is also notified in the app."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("nơi nhận"), max_length=500)
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị được thông báo"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class PlanBinding(models.Model):
    """The units a plan binds, fixed when it is issued: members of its target
    groups, units owing a deadline, units given a task, notified recipients."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bindings")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="plan_bindings")
    expected_to_implement = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("đơn vị chịu sự điều chỉnh")
        verbose_name_plural = _("đơn vị chịu sự điều chỉnh")
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="binding_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.unit_id}"


class UnitCalendar(models.Model):
    """The secret behind a unit's calendar feed; renewing it retires the old link."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="calendar")
    token = models.CharField(max_length=64, unique=True)
    renewed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.unit}"


class Obligation(models.Model):
    """What one unit owes under one deadline, for one due date."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="obligations")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị phải nộp"), on_delete=models.CASCADE,
                             related_name="obligations")
    owed_to = models.ForeignKey(Unit, verbose_name=_("nộp về"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("việc phải nộp"), max_length=24, choices=DeadlineKind.choices)
    due_on = models.DateField(_("hạn"))
    fulfilled_at = models.DateTimeField(_("đã nộp lúc"), null=True, blank=True)
    fulfilment = models.CharField(_("đã nộp"), max_length=255, blank=True)
    waived_at = models.DateTimeField(_("miễn lúc"), null=True, blank=True)
    waived_reason = models.CharField(_("lý do miễn"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nghĩa vụ nộp")
        verbose_name_plural = _("nghĩa vụ nộp")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "unit", "due_on"], name="one_obligation_per_due_date"),
        ]
        indexes = [
            models.Index(fields=["unit", "due_on"]), models.Index(fields=["due_on"]),
            # What the hourly reminder sweep reads: the open ones by due date, however many were fulfilled.
            models.Index(fields=["due_on"], name="obligation_open_by_due_on",
                         condition=Q(fulfilled_at__isnull=True, waived_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_kind_display()} — {self.due_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None and self.waived_at is None

    def status(self, today) -> str:
        if self.fulfilled_at:
            return "fulfilled"
        if self.waived_at:
            return "waived"
        if today > self.due_on:
            return "overdue"
        if (self.due_on - today).days <= 7:
            return "due_soon"
        return "upcoming"


OBLIGATION_STATUS_LABELS = {
    "upcoming": _("Sắp đến hạn"), "due_soon": _("Gần đến hạn"), "overdue": _("Quá hạn"),
    "fulfilled": _("Đã nộp"), "waived": _("Được miễn"),
}


class ReminderLog(models.Model):
    """One reminder, sent once ever: the database refuses a second row."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=24)  # "before:7", "overdue:1", "overdue:w2"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obligation", "key"], name="one_reminder_per_lead_time")]

    def __str__(self) -> str:
        return f"{self.obligation_id}:{self.key}"


class OverdueSummaryLog(models.Model):
    """The weekly overdue summary to the unit owed, once per ISO week."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=10)  # "2026-W48"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "week"], name="one_overdue_summary_per_week")]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.week}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")


# The years a report may be for: anything else is a typo or a probe (and 32767+ does not fit the column).
REPORT_YEARS = range(2000, 2101)


class Report(models.Model):
    """A unit's progress or summary report against a plan's targets."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                             related_name="reports")
    obligation = models.OneToOneField(Obligation, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="report")
    period_year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    state = models.CharField(_("trạng thái"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    narrative = models.TextField(_("nội dung báo cáo"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "period_year"], name="one_report_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period_year}"


class ReportValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reported_values")
    value = models.DecimalField(_("kết quả"), max_digits=14, decimal_places=2)
    denominator = models.DecimalField(_("trên tổng số"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="one_value_per_target"),
            models.CheckConstraint(condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                                   name="denominator_positive"),
            models.CheckConstraint(condition=Q(value__gte=0), name="value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.value}/{self.denominator}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="bao-cao/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu kèm báo cáo")
        verbose_name_plural = _("tài liệu kèm báo cáo")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class PlanImportState(models.TextChoices):
    REVIEWING = "reviewing", _("Đang xem lại")
    CONFIRMED = "confirmed", _("Đã tạo kế hoạch")
    DISCARDED = "discarded", _("Đã bỏ")


class PlanImport(models.Model):
    """A plan read from a Word file or pasted text, kept while its officer reviews
    it: the source lines and the choices made, not yet a plan. The recognised
    structure is read again from the lines each time (the rules are quick and
    the same lines give the same plan)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_imports")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+")
    source_name = models.CharField(_("tệp nguồn"), max_length=255)
    from_docx = models.BooleanField(default=False)
    lines = models.JSONField(default=list)  # [{"number", "text", "bold", "in_header_table"}, …]
    choices = models.JSONField(default=dict)  # {"units": {name: [ids]}, "awards": {name: id}, "bases": {i: …}}
    state = models.CharField(max_length=16, choices=PlanImportState.choices, default=PlanImportState.REVIEWING)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch nhập từ tệp")
        verbose_name_plural = _("kế hoạch nhập từ tệp")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["created_by", "state", "-updated_at"], name="plan_import_of_person")]
        constraints = [
            models.CheckConstraint(condition=~Q(state="confirmed") | Q(plan__isnull=False),
                                   name="plan_import_confirmed_has_plan"),
        ]

    def __str__(self) -> str:
        return self.source_name
