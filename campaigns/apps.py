from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Kế hoạch thi đua")

    def ready(self):
        from campaigns import rules, selectors  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from campaigns.panels import register_plan_panel  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from campaigns.progress_views import plan_progress_panel  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry

        rules.register()
        selectors.register_desk_tasks()
        register_plan_panel(plan_progress_panel)
        register_documents()
        register_history_labels()


def register_documents() -> None:
    from django.urls import reverse  # noqa: PLC0415 — called from ready()

    from campaigns.printing import plan_layout  # noqa: PLC0415 — called from ready(): imports models
    from campaigns.services.plans import plan_issue  # noqa: PLC0415 — called from ready(): imports models
    from emulation.documents.issue import builder_register  # noqa: PLC0415 — called from ready(): imports models
    from emulation.documents.workflow import chain_register  # noqa: PLC0415 — called from ready(): imports models

    builder_register("campaigns.plan", plan_layout, view_action="plan.view")
    chain_register("campaigns.plan", issue=lambda *, actor, target: plan_issue(actor=actor, plan=target),
                   page_url=lambda plan: reverse("plan_detail", args=[plan.pk]))


def register_history_labels() -> None:
    from campaigns.models import PlanState, ReportState  # noqa: PLC0415 — called from ready(): imports models
    from emulation.models import AUDIT_ACTION_LABELS, state_labels_register  # noqa: PLC0415 — called from ready(): imports models

    state_labels_register("campaigns.plan", PlanState.choices)
    state_labels_register("campaigns.report", ReportState.choices)
    AUDIT_ACTION_LABELS.update({
        "plan.create": _("Tạo dự thảo"),
        "plan.update": _("Sửa thông tin chung"),
        "plan.part_add": _("Thêm"),
        "plan.part_edit": _("Sửa"),
        "plan.part_delete": _("Xóa"),
        "plan.part_move": _("Sắp xếp lại"),
        "plan.submit": _("Trình ký"),
        "plan.return": _("Trả lại"),
        "plan.issue": _("Ký ban hành"),
        "plan.supersede": _("Được thay thế"),
        "plan.derive": _("Xây dựng kế hoạch triển khai"),
        "plan.amend": _("Tạo bản sửa đổi"),
        "report.submit": _("Nộp báo cáo"),
        "report.return": _("Trả lại báo cáo"),
        "obligation.waive": _("Miễn nghĩa vụ"),
        "awardtype.save": _("Lưu danh mục khen thưởng"),
    })
