from awards.models import EDITABLE_STATES, QUOTA_STATES, AwardType, Nomination, NominationState
from emulation.models import Role
from emulation.permissions import OBJECT_RULES, Action, can, held_roles


def may_manage_catalogue(user, award_type: AwardType | None = None) -> bool:
    """The catalogue is shared by every province: only administrators of a
    top-level unit (or superusers) change it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(
        held.role == Role.ADMINISTRATOR and held.unit_path.count("/") == 1 for held in held_roles(user)
    )


def has_conflict(user, nomination: Nomination) -> bool:
    """A reviewer never judges a nomination from their own unit or a unit under it."""
    paths = [nomination.nominating_unit.path, nomination.candidate_unit.path]
    return any(path.startswith(held.unit_path) for held in held_roles(user) for path in paths)


def may_review(user, nomination: Nomination) -> bool:
    return can(user, Action.REVIEW_FOR_UNIT, nomination.receiving_unit) and not has_conflict(user, nomination)


def may_edit(user, nomination: Nomination) -> bool:
    return nomination.state in EDITABLE_STATES and can(user, Action.ACT_FOR_UNIT, nomination.nominating_unit)


def may_view(user, nomination: Nomination) -> bool:
    """The nominating unit always. The receiving unit only once the dossier was
    submitted: a draft is the unit's own work in progress, but a dossier sent
    back for revision stays open to the reviewers who asked for it. The issuing
    unit's council, drafters and signers once the review has decided."""
    if can(user, Action.ACT_FOR_UNIT, nomination.nominating_unit):
        return True
    if nomination.state != NominationState.DRAFT and may_review(user, nomination):
        return True
    issuer = nomination.plan.issuer
    decided = nomination.state in (*QUOTA_STATES, NominationState.NOT_APPROVED)
    return decided and any(can(user, action, issuer) for action in (
        Action.VOTE_IN_COUNCIL, Action.DRAFT_PLAN, Action.SIGN_PLAN))


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from awards.models import DecisionState
    from emulation.models import AUDIT_ACTION_LABELS, state_labels_register

    OBJECT_RULES[("awardtype.manage", AwardType)] = may_manage_catalogue
    OBJECT_RULES[("nomination.view", Nomination)] = may_view
    OBJECT_RULES[("nomination.edit", Nomination)] = may_edit
    OBJECT_RULES[("nomination.review", Nomination)] = may_review
    state_labels_register("awards.nomination", NominationState.choices)
    state_labels_register("awards.awarddecision", DecisionState.choices)
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
