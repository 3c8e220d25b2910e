from django.conf import settings
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


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    UNDER_REVIEW = "under_review", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    RECOMMENDED = "recommended", _("Đề nghị khen thưởng")
    REJECTED = "rejected", _("Không đề nghị")
    APPROVED = "approved", _("Hội đồng thông qua")
    NOT_APPROVED = "not_approved", _("Hội đồng không thông qua")
    AWARDED = "awarded", _("Đã được khen thưởng")


# States that hold a place in the quota.
QUOTA_STATES = (NominationState.RECOMMENDED, NominationState.APPROVED, NominationState.AWARDED)
# The nominating unit changes the dossier only in these; the reviewers judge it only in those.
EDITABLE_STATES = (NominationState.DRAFT, NominationState.RETURNED)
REVIEWABLE_STATES = (NominationState.SUBMITTED, NominationState.UNDER_REVIEW)
# A dossier in these is closed without an award: the collective may be nominated again.
CLOSED_STATES = (NominationState.REJECTED, NominationState.NOT_APPROVED)


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class Nomination(models.Model):
    """A unit or a person proposed for an award under a plan."""

    plan = models.ForeignKey("campaigns.Plan", verbose_name=_("kế hoạch"), on_delete=models.PROTECT,
                             related_name="nominations")
    # Indexed with the state below (the quota ledger counts by both, from the index alone).
    quota = models.ForeignKey("campaigns.Quota", verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT,
                              related_name="nominations", db_index=False)
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="nominations", editable=False)
    nominating_unit = models.ForeignKey("emulation.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                                        related_name="nominations_made")
    receiving_unit = models.ForeignKey("emulation.Unit", verbose_name=_("đơn vị nhận hồ sơ"),
                                       on_delete=models.PROTECT, related_name="nominations_received", editable=False)
    kind = models.CharField(_("đối tượng"), max_length=16, choices=NomineeKind.choices)
    nominee_unit = models.ForeignKey("emulation.Unit", verbose_name=_("tập thể được đề nghị"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="nominations_for")
    person_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    person_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    person_position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    person_unit = models.ForeignKey("emulation.Unit", verbose_name=_("đơn vị công tác"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    achievements = models.TextField(_("báo cáo thành tích"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=NominationState.choices,
                             default=NominationState.DRAFT)
    round = models.PositiveSmallIntegerField(_("lần nộp"), default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ thẩm định"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="nominations_to_review")
    decision_reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-updated_at", "-id"]
        indexes = [
            # On PostgreSQL this index also covers the conflict-of-interest columns (migration 0007), which
            # the model state cannot say on every database; there too, nomination_person_name_trgm, the
            # trigram index of the name search.
            models.Index(fields=["receiving_unit", "state"], name="nomination_received_state"),
            models.Index(fields=["plan", "state"]),
            models.Index(fields=["quota", "state"], name="nomination_quota_state"),
            # The orders of the review queue and of "my dossiers": read in order, stopped at a page.
            models.Index(fields=["receiving_unit", "-submitted_at", "-id"], name="nomination_queue_order"),
            models.Index(fields=["nominating_unit", "-updated_at", "-id"], name="nomination_mine_order"),
            # A reviewer's home: the dossiers assigned to them, still to review, newest first.
            models.Index(fields=["reviewer", "receiving_unit", "-submitted_at", "-id"],
                         name="nomination_assigned_order", condition=Q(state__in=["submitted", "under_review"])),
            # The review queue's filter lists: the units and quotas a receiving unit has dossiers from.
            models.Index(fields=["receiving_unit", "nominating_unit"], name="nomination_received_from"),
            models.Index(fields=["receiving_unit", "quota"], name="nomination_received_quota"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="collective") & Q(nominee_unit__isnull=False))
                | (Q(kind="individual") & ~Q(person_name="")),
                name="nomination_has_a_nominee",
            ),
            # One live dossier per collective and award under a plan: a second one would take a second place.
            models.UniqueConstraint(
                fields=["plan", "award_type", "nominee_unit"],
                condition=Q(kind="collective") & ~Q(state__in=CLOSED_STATES),
                name="one_live_nomination_per_collective_award",
                violation_error_message=_("Tập thể này đã có hồ sơ đề nghị hình thức khen thưởng này theo kế "
                                          "hoạch."),
            ),
        ]

    def __str__(self) -> str:
        return self.nominee_name

    @property
    def nominee_name(self) -> str:
        if self.kind == NomineeKind.COLLECTIVE and self.nominee_unit_id:
            return self.nominee_unit.name
        return self.person_name

    @property
    def candidate_unit(self):
        """The unit whose place in the tree decides quotas and conflicts."""
        return self.nominee_unit if self.kind == NomineeKind.COLLECTIVE else (self.person_unit or self.nominating_unit)


class AttachmentKind(models.TextChoices):
    COVER = "cover", _("Tờ trình")
    MINUTES = "minutes", _("Biên bản họp xét, có kết quả bỏ phiếu")
    REPORT = "report", _("Báo cáo thành tích")
    EVIDENCE = "evidence", _("Tài liệu minh chứng")


REQUIRED_ATTACHMENTS = (AttachmentKind.COVER, AttachmentKind.MINUTES, AttachmentKind.REPORT)


class Attachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("loại tài liệu"), max_length=16, choices=AttachmentKind.choices)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    file = models.FileField(upload_to="ho-so/%Y/%m/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Assessment(models.Model):
    """A score or met/not met with a comment, against one criterion: by the
    nominator (round 0 = self-assessment) or by a reviewer (round ≥ 1)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey("campaigns.Criterion", on_delete=models.PROTECT, related_name="+")
    by_reviewer = models.BooleanField(default=False)
    round = models.PositiveSmallIntegerField(default=0)
    met = models.BooleanField(_("đạt"), null=True, blank=True)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đánh giá theo tiêu chí")
        verbose_name_plural = _("đánh giá theo tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion", "by_reviewer", "round"],
                                    name="one_assessment_per_criterion_round"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                                   name="assessment_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}/{self.criterion_id}"


class SubmissionExtension(models.Model):
    """The receiving unit reopens submission for one nominator after the deadline."""

    deadline = models.ForeignKey("campaigns.Deadline", on_delete=models.CASCADE, related_name="extensions")
    nominating_unit = models.ForeignKey("emulation.Unit", verbose_name=_("đơn vị được gia hạn"),
                                        on_delete=models.CASCADE, related_name="+")
    until = models.DateField(_("gia hạn đến ngày"))
    reason = models.CharField(_("lý do"), max_length=500)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gia hạn nộp hồ sơ")
        verbose_name_plural = _("gia hạn nộp hồ sơ")
        constraints = [models.UniqueConstraint(fields=["deadline", "nominating_unit"], name="one_extension_per_unit")]

    def __str__(self) -> str:
        return f"{self.nominating_unit} → {self.until}"


class CouncilMeeting(models.Model):
    """A sitting of the Hội đồng Thi đua – Khen thưởng of the issuing unit."""

    plan = models.ForeignKey("campaigns.Plan", on_delete=models.PROTECT, related_name="council_meetings")
    unit = models.ForeignKey("emulation.Unit", on_delete=models.PROTECT, related_name="council_meetings")
    held_on = models.DateField(_("ngày họp"))
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    present = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("thành viên có mặt"), related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The minutes (biên bản): where, who chaired and who kept them; both sign,
    # then they are numbered in the register and issued.
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chủ trì"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("thư ký"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    secretary_signed_at = models.DateTimeField(_("thư ký ký lúc"), null=True, blank=True)
    chair_signed_at = models.DateTimeField(_("chủ trì ký lúc"), null=True, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    symbol = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(total_members__gte=1), name="council_has_members")]

    def __str__(self) -> str:
        return f"{self.unit} {self.held_on:%d/%m/%Y}"

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else ""


class CouncilVote(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approve = models.BooleanField(_("đồng ý"))

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination", "member"], name="one_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.approve}"


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class AwardDecision(models.Model):
    """Quyết định khen thưởng of the issuing unit, for approved nominations."""

    plan = models.ForeignKey("campaigns.Plan", on_delete=models.PROTECT, related_name="award_decisions")
    issuer = models.ForeignKey("emulation.Unit", on_delete=models.PROTECT, related_name="award_decisions")
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="decisions")
    nominations = models.ManyToManyField(Nomination, related_name="decisions")
    state = models.CharField(_("trạng thái"), max_length=8, choices=DecisionState.choices,
                             default=DecisionState.DRAFT)
    title = models.TextField(_("trích yếu"))
    legal_bases = models.TextField(_("căn cứ"), help_text=_("Mỗi dòng một căn cứ."))
    article_money = models.TextField(_("Điều 2 (tiền thưởng)"), blank=True)
    article_execution = models.TextField(_("Điều 3 (tổ chức thực hiện)"))
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi dòng một nơi nhận."))
    archive_note = models.CharField(_("lưu"), max_length=120, default="VT")
    sign_title = models.CharField(_("chức vụ người ký"), max_length=120, default="CHỦ TỊCH")
    sign_collective = models.CharField(_("tên tập thể (sau TM.)"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    symbol = models.CharField(max_length=40, blank=True, editable=False)
    issued_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number_symbol or str(_("Dự thảo quyết định"))

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else ""
