from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.text import fold, single_line


class User(AbstractUser):
    """A civil servant. Acts for units through RoleAssignment rows."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    email_notifications = models.BooleanField(_("nhận thông báo qua email"), default=True)
    # The person's handwritten signature, drawn by their own digital signature
    # in the signature block: it never prints without that signature.
    signature_image = models.BinaryField(_("ảnh chữ ký"), null=True, blank=True, editable=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    MASS_ORGANISATION = "mass_organisation", _("Mặt trận, đoàn thể")
    SCHOOL = "school", _("Trường học")
    MILITARY = "military", _("Cơ quan quân sự")
    POLICE = "police", _("Công an")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OFFICE = "office", _("Phòng, ban, khoa trực thuộc")
    # A council issues plans in its own name, under its people's committee's header line, and its
    # members vote on the awards of the plans of the committee it belongs to.
    COUNCIL = "council", _("Hội đồng Thi đua – Khen thưởng")
    EMULATION_BOARD = "emulation_board", _("Ban, Phòng Thi đua – Khen thưởng (cơ quan thường trực)")


# What the 2025 reform made the level under a province; a commune may be merged into a ward.
COMMUNE_LEVEL_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE})


def mergeable_kinds(kind: str) -> frozenset[str]:
    """The kinds a unit of ``kind`` may be merged into."""
    return COMMUNE_LEVEL_KINDS if kind in COMMUNE_LEVEL_KINDS else frozenset({kind})


class NumberingMode(models.TextChoices):
    PER_TYPE = "per_type", _("Mỗi loại văn bản một dãy số")
    SHARED = "shared", _("Mọi loại văn bản chung một dãy số")


class Unit(models.Model):
    """A node of the administrative tree.

    ``path`` is a materialised path ("00000001/00000007/") so that a subtree
    is one indexed prefix query; it is maintained by the unit services.
    """

    code = models.SlugField(_("mã đơn vị"), max_length=80, unique=True)
    # The state's code of an administrative unit (mã đơn vị hành chính: "91" for
    # An Giang, "30505" for a commune); other units have none.
    official_code = models.CharField(
        _("mã đơn vị hành chính"), max_length=5, unique=True, null=True, blank=True,
        validators=[RegexValidator(r"^(\d{2}|\d{5})\Z", _("Mã đơn vị hành chính gồm 2 chữ số (tỉnh, thành phố) "
                                                         "hoặc 5 chữ số (xã, phường, đặc khu)."))],
        help_text=_("Mã do Nhà nước cấp cho tỉnh, xã, phường, đặc khu; các đơn vị khác để trống."),
    )
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    # Stored as the lines the office prints: a header breaks only where they say.
    header_name = models.TextField(
        _("tên in ở tiêu đề văn bản"), max_length=255,
        help_text=_("Chữ in hoa, mỗi dòng in như trên văn bản, ví dụ: ỦY BAN NHÂN DÂN / TỈNH AN GIANG"),
    )
    parent_header_name = models.TextField(
        _("tên cơ quan chủ quản in ở tiêu đề"), max_length=255, blank=True,
        help_text=_("Chữ in hoa, mỗi dòng in như trên văn bản; để trống nếu không có cơ quan chủ quản."),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt trong số ký hiệu"), max_length=30, help_text=_("Ví dụ: UBND, CĐN, BCHQS")
    )
    place_name = models.CharField(
        _("địa danh ghi ngày tháng"), max_length=100, help_text=_("Ví dụ: An Giang, Ba Tơ")
    )
    numbering_mode = models.CharField(
        _("cách đánh số văn bản đi"), max_length=16, choices=NumberingMode.choices, default=NumberingMode.PER_TYPE
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    search_key = models.CharField(max_length=600, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    archive_reason = models.CharField(_("lý do lưu trữ"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="unit_name_not_empty"),
            models.CheckConstraint(condition=~Q(abbreviation=""), name="unit_abbreviation_not_empty"),
            models.CheckConstraint(
                condition=Q(archived_at__isnull=True) | ~Q(archive_reason=""),
                name="unit_archive_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(f"{self.name} {self.abbreviation} {self.code}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def is_ancestor_or_self_of(self, other: "Unit") -> bool:
        return other.path.startswith(self.path)


class BlocKind(models.TextChoices):
    BLOC = "bloc", _("Khối thi đua")
    CLUSTER = "cluster", _("Cụm thi đua")


class EmulationBloc(models.Model):
    """Khối/cụm thi đua: units of similar function that compete together."""

    name = models.CharField(_("tên khối/cụm"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=BlocKind.choices, default=BlocKind.BLOC)
    organiser = models.ForeignKey(
        Unit, verbose_name=_("cấp tổ chức"), on_delete=models.PROTECT, related_name="organised_blocs"
    )
    members = models.ManyToManyField(Unit, verbose_name=_("đơn vị thành viên"), related_name="blocs", blank=True)
    description = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["organiser__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "name"], name="bloc_name_unique_per_organiser"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DRAFTER = "drafter", _("Chuyên viên soạn thảo")
    SIGNER = "signer", _("Người ký")
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua")
    REVIEWER = "reviewer", _("Cán bộ thẩm định")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua – Khen thưởng")
    CLERK = "clerk", _("Văn thư")
    ADMINISTRATOR = "administrator", _("Quản trị")
    # Reaches every top-level unit, wherever it is held (permissions.Scope.TOP_LEVEL).
    NATIONAL_ADMINISTRATOR = "national_administrator", _("Quản trị hệ thống toàn quốc")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="roles"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_unique_per_user_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


# Readable names of audit actions; other apps add theirs.
AUDIT_ACTION_LABELS: dict[str, str] = {
    "unit.create": _("Tạo đơn vị"),
    "unit.update": _("Sửa thông tin đơn vị"),
    "unit.archive": _("Lưu trữ đơn vị"),
    "unit.restore": _("Khôi phục đơn vị"),
    "unit.merge": _("Sáp nhập vào đơn vị khác"),
    "unit.merge_in": _("Nhận đơn vị sáp nhập"),
    "role.assign": _("Phân công vai trò"),
    "role.revoke": _("Thu hồi vai trò"),
    "person.create": _("Tạo tài khoản"),
    "bloc.save": _("Lưu khối, cụm thi đua"),
    "document.retry": _("Yêu cầu tạo lại tệp PDF"),
    "signing.open": _("Trình ký số"),
    "signing.withdraw": _("Dừng trình ký (trả lại người soạn)"),
    "signing.person_signed": _("Người ký đã ký số"),
    "signing.upload_refused": _("Từ chối tệp ký số tải lên"),
    "signing.remote_requested": _("Gửi yêu cầu ký số từ xa"),
    "signing.remote_refused": _("Nhà cung cấp từ chối yêu cầu ký"),
    "signing.remote_cancelled": _("Hủy yêu cầu ký số từ xa"),
    "certificate.register": _("Đăng ký chứng thư số"),
    "certificate.retire": _("Ngừng dùng chứng thư số"),
    "user.signature_image": _("Cập nhật ảnh chữ ký"),
}

# Readable names of the states recorded in history, per model ("app_label.model"),
# since the same word means different things: a plan "draft" is "Dự thảo", a
# nomination's is "Đang soạn". Other apps add theirs with state_labels_register().
STATE_LABELS: dict[str, dict[str, str]] = {"emulation.unit": {"active": _("Đang hoạt động"),
                                                              "archived": _("Đã lưu trữ")}}


def state_labels_register(model_label: str, labels) -> None:
    """``labels``: a TextChoices' ``choices`` or a dict, for the model named ``app_label.model``."""
    STATE_LABELS.setdefault(model_label.lower(), {}).update(dict(labels))


class AuditEntry(models.Model):
    """Who changed what, when, from which state to which, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("thao tác"), max_length=64)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lịch sử thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action_label}"

    @property
    def action_label(self) -> str:
        return str(AUDIT_ACTION_LABELS.get(self.action, self.action))

    def _state_label(self, state: str) -> str:
        # ContentType's own cache answers this without a query after the first time.
        model = ContentType.objects.get_for_id(self.content_type_id)
        return str(STATE_LABELS.get(f"{model.app_label}.{model.model}", {}).get(state, state))

    @property
    def from_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._state_label(self.to_state)


class Notification(models.Model):
    """An in-app notice to one person; optionally also sent by email, once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_wanted = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # An email that can never go out (the message cannot be built, the address is
    # refused) is marked here, once, so the sweep stops trying it and people see why.
    email_failed_at = models.DateTimeField(_("gửi email lỗi lúc"), null=True, blank=True)
    email_error = models.CharField(_("lỗi gửi email"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # A person's inbox and home page, newest first, read in order and stopped at a page.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_order"),
            # What the sweep's email catch-up reads every hour, however many are sent.
            models.Index(fields=["created_at"], name="notification_email_pending",
                         condition=Q(email_wanted=True, emailed_at__isnull=True, email_failed_at__isnull=True)),
        ]
        constraints = [
            # The title becomes an email subject, and mail headers refuse line breaks.
            models.CheckConstraint(condition=~Q(title__contains="\n") & ~Q(title__contains="\r"),
                                   name="notification_title_single_line"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Titles are built from names and plan titles people typed: one line, and
        # within the column, whoever built them.
        self.title = single_line(self.title, max_length=self._meta.get_field("title").max_length)
        super().save(*args, **kwargs)


class DocumentType(models.TextChoices):
    """Codes from Phụ lục III of Nghị định 30/2020/NĐ-CP."""

    PLAN = "KH", _("Kế hoạch")
    DECISION = "QĐ", _("Quyết định")
    SUBMISSION = "TTr", _("Tờ trình")
    REPORT = "BC", _("Báo cáo")
    NOTICE = "TB", _("Thông báo")
    GUIDANCE = "HD", _("Hướng dẫn")
    PROGRAMME = "CTr", _("Chương trình")
    MINUTES = "BB", _("Biên bản")


class NumberCounter(models.Model):
    """The last number given in a year by an issuer, per document type or shared ("*")."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    counter_key = models.CharField(max_length=8)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "counter_key"], name="counter_unique_per_issuer_year"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.counter_key}: {self.last_number}"


class RegisterEntry(models.Model):
    """A line of the outgoing document register (sổ đăng ký văn bản đi)."""

    issuer = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="register_entries")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocumentType.choices)
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày tháng văn bản"))
    subject = models.TextField(_("trích yếu"))
    signer_name = models.CharField(_("người ký"), max_length=200)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    file_copy_unit = models.CharField(_("đơn vị, người nhận bản lưu"), max_length=255, blank=True)
    copies = models.PositiveSmallIntegerField(_("số lượng bản"), default=1)
    sent_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    receipt = models.CharField(_("ký nhận"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    document = GenericForeignKey("content_type", "object_id")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "number", "symbol"],
                                    name="register_number_symbol_unique_per_issuer_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="register_number_positive"),
        ]

    def __str__(self) -> str:
        return self.number_symbol

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


class SigningMaterial(models.Model):
    """What a unit signs with: the head's signature image, the seal image, and
    a certificate with its key (PKCS#12), kept encrypted and never shown."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="signing_material")
    signature_image = models.BinaryField(_("ảnh chữ ký"), null=True, blank=True, editable=True)
    signature_owner = models.CharField(_("chữ ký của"), max_length=200, blank=True)
    seal_image = models.BinaryField(_("ảnh con dấu"), null=True, blank=True, editable=True)
    pkcs12_sealed = models.BinaryField(null=True, blank=True)
    password_sealed = models.BinaryField(null=True, blank=True)
    certificate_subject = models.CharField(_("chủ thể chứng thư"), max_length=500, blank=True)
    certificate_not_after = models.DateTimeField(_("chứng thư hết hạn"), null=True, blank=True)
    certificate_pem = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("vật liệu ký số")
        verbose_name_plural = _("vật liệu ký số")

    def __str__(self) -> str:
        return f"{self.unit}"

    @property
    def has_certificate(self) -> bool:
        return bool(self.pkcs12_sealed)


class DocumentState(models.TextChoices):
    PENDING = "pending", _("Đang chuẩn bị tệp PDF")
    READY = "ready", _("Đã có tệp PDF")
    FAILED = "failed", _("Chưa tạo được tệp PDF")


class OfficialDocument(models.Model):
    """An issued document's PDF, fixed once: served as stored, checked by hash.
    The row is written when the document is issued; the worker adds the PDF."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="official_documents")
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocumentType.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    subject = models.TextField(_("trích yếu"))
    verification_code = models.CharField(_("mã xác minh"), max_length=20, unique=True)
    state = models.CharField(_("tệp PDF"), max_length=8, choices=DocumentState.choices, default=DocumentState.PENDING)
    render_error = models.CharField(_("lỗi khi tạo tệp"), max_length=500, blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    pdf = models.FileField(upload_to="van-ban/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField(default=0)
    signed = models.BooleanField(_("đã ký số"), default=False)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    certificate_pem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_official_document_per_object"),
            models.CheckConstraint(condition=~Q(state="ready") | (~Q(pdf="") & ~Q(sha256="")),
                                   name="ready_document_has_pdf"),
        ]

    def __str__(self) -> str:
        return self.number_symbol


class SubmissionToken(models.Model):
    """One sending of a form that creates something: the second copy of the same
    sending (a double click, a resent POST) is sent to the first one's result."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lượt gửi biểu mẫu")
        verbose_name_plural = _("lượt gửi biểu mẫu")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="submission_token_once_per_user")]

    def __str__(self) -> str:
        return self.key


class PersonCertificate(models.Model):
    """A person's certificate (public part only), registered so that a
    signature made with it is known to be theirs. Retired ones stay, for the
    documents they signed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
                             related_name="certificates")
    fingerprint_sha256 = models.CharField(_("dấu vân tay SHA-256"), max_length=64)
    subject = models.CharField(_("chủ thể"), max_length=500)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500)
    serial = models.CharField(_("số hiệu"), max_length=80)
    not_before = models.DateTimeField(_("có hiệu lực từ"))
    not_after = models.DateTimeField(_("hết hạn"))
    pem = models.TextField()
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    registered_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    retired_at = models.DateTimeField(_("ngừng dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("chứng thư số cá nhân")
        verbose_name_plural = _("chứng thư số cá nhân")
        ordering = ["user", "-registered_at"]
        constraints = [
            # A certificate names one person: registered to nobody else while in use.
            models.UniqueConstraint(fields=["fingerprint_sha256"], condition=Q(retired_at__isnull=True),
                                    name="certificate_in_use_once"),
            models.CheckConstraint(condition=Q(fingerprint_sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="certificate_fingerprint_hex"),
        ]

    def __str__(self) -> str:
        return self.subject


class SigningStage(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị tệp để ký")
    AWAITING_PERSON = "awaiting_person", _("Chờ người ký ký số")
    AWAITING_CLERK = "awaiting_clerk", _("Đã ký, chờ văn thư vào số và ban hành")
    ISSUED = "issued", _("Đã ban hành")
    WITHDRAWN = "withdrawn", _("Đã trả lại người soạn")


class SigningMethod(models.TextChoices):
    REMOTE = "remote", _("Ký số từ xa (xác nhận trên điện thoại)")
    UPLOAD = "upload", _("Ký bằng công cụ riêng rồi tải lên")


class DocumentSigning(models.Model):
    """One document on its way through the Nghị định 30 chain: the file handed
    to the assigned signer, the file they signed, and the clerk's issue. The
    verification code is reserved here because it prints before the number."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    issuer = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="signings")
    doc_type = models.CharField(_("loại văn bản"), max_length=8, choices=DocumentType.choices)
    subject = models.CharField(_("trích yếu"), max_length=500)
    search_key = models.CharField(max_length=600, editable=False, db_index=True, default="")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ký"), on_delete=models.PROTECT,
                               related_name="signings")
    stage = models.CharField(_("bước"), max_length=16, choices=SigningStage.choices, default=SigningStage.PREPARING)
    verification_code = models.CharField(_("mã xác minh"), max_length=20, unique=True)
    approval_pdf = models.FileField(upload_to="trinh-ky/%Y/", blank=True)
    approval_sha256 = models.CharField(max_length=64, blank=True)
    signed_pdf = models.FileField(upload_to="trinh-ky/%Y/", blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    signed_at = models.DateTimeField(_("người ký ký lúc"), null=True, blank=True)
    signed_by_method = models.CharField(_("cách ký"), max_length=16, choices=SigningMethod.choices, blank=True)
    certificate_subject = models.CharField(_("chứng thư người ký"), max_length=500, blank=True)
    certificate_issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=500, blank=True)
    certificate_serial = models.CharField(_("số hiệu chứng thư"), max_length=80, blank=True)
    certificate_fingerprint = models.CharField(max_length=64, blank=True)
    prepare_error = models.CharField(_("lỗi khi chuẩn bị tệp"), max_length=500, blank=True)
    prepare_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản trình ký")
        verbose_name_plural = _("văn bản trình ký")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["signer", "stage"]), models.Index(fields=["issuer", "stage"])]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], condition=~Q(stage="withdrawn"),
                                    name="one_signing_in_progress_per_document"),
            models.CheckConstraint(
                condition=Q(stage__in=["preparing", "withdrawn"]) | (~Q(approval_pdf="") & ~Q(approval_sha256="")),
                name="signing_has_approval_file"),
            models.CheckConstraint(
                condition=~Q(stage__in=["awaiting_clerk", "issued"]) | (
                    ~Q(signed_pdf="") & ~Q(signed_sha256="") & ~Q(certificate_fingerprint="")),
                name="signed_stage_has_signed_file"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} — {self.get_stage_display()}"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.subject)[:600]
        super().save(*args, **kwargs)


class RemoteSigningState(models.TextChoices):
    PENDING = "pending", _("Đang chờ xác nhận trên điện thoại")
    SIGNED = "signed", _("Đã ký")
    REFUSED = "refused", _("Người ký đã từ chối trên điện thoại")
    EXPIRED = "expired", _("Hết thời gian chờ xác nhận")
    CANCELLED = "cancelled", _("Đã hủy")
    FAILED = "failed", _("Không ký được")


class RemoteSigning(models.Model):
    """One request to the signing provider: what was sent (the prepared file
    and its digest), so that the worker can finish it in another process and
    a retried task finishes it once."""

    signing = models.ForeignKey(DocumentSigning, on_delete=models.CASCADE, related_name="remote_requests")
    credential_id = models.CharField(max_length=200)
    transaction_id = models.CharField(max_length=200, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=RemoteSigningState.choices,
                             default=RemoteSigningState.PENDING)
    preparation = models.JSONField(default=dict)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu ký từ xa")
        verbose_name_plural = _("yêu cầu ký từ xa")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["signing"], condition=Q(state="pending"),
                                    name="one_pending_remote_signing"),
        ]

    def __str__(self) -> str:
        return f"{self.signing_id}: {self.get_state_display()}"
