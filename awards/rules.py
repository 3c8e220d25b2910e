from awards.models import AwardType
from emulation.models import Role
from emulation.permissions import OBJECT_RULES, held_roles


def may_manage_catalogue(user, award_type: AwardType | None = None) -> bool:
    """The catalogue is shared by every province: only administrators of a
    top-level unit (or superusers) change it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(
        held.role == Role.ADMINISTRATOR and held.unit_path.count("/") == 1 for held in held_roles(user)
    )


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from awards import nominations
    from awards.models import Nomination, NominationState
    from emulation.models import AUDIT_ACTION_LABELS, STATE_LABELS

    OBJECT_RULES[("awardtype.manage", AwardType)] = may_manage_catalogue
    OBJECT_RULES[("nomination.view", Nomination)] = nominations.may_view
    OBJECT_RULES[("nomination.edit", Nomination)] = nominations.may_edit
    OBJECT_RULES[("nomination.review", Nomination)] = nominations.may_review
    STATE_LABELS.update(dict(NominationState.choices))
    STATE_LABELS.update({"draft": _("Dự thảo"), "issued": _("Đã ban hành")})
    AUDIT_ACTION_LABELS.update({
        "nomination.create": _("Tạo hồ sơ"), "nomination.update": _("Sửa báo cáo thành tích"),
        "nomination.assess": _("Đánh giá theo tiêu chí"), "nomination.attach": _("Đính kèm tài liệu"),
        "nomination.detach": _("Xóa tài liệu"), "nomination.submit": _("Nộp hồ sơ"),
        "nomination.review_start": _("Bắt đầu thẩm định"), "nomination.assign": _("Giao thẩm định"),
        "nomination.return": _("Trả lại để bổ sung"), "nomination.reject": _("Không đề nghị"),
        "nomination.recommend": _("Đề nghị khen thưởng"), "nomination.reopen": _("Gia hạn nộp hồ sơ"),
        "council.open": _("Mở phiên họp Hội đồng"), "council.vote": _("Ghi phiếu Hội đồng"),
        "council.decide": _("Hội đồng quyết định"), "nomination.award": _("Được khen thưởng"),
        "decision.draft": _("Soạn quyết định"), "decision.issue": _("Ký ban hành quyết định"),
        "signing.update": _("Cập nhật vật liệu ký số"),
    })
