from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from awards import rules  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from awards.panels import plan_awards_panel, quota_use_chart  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from campaigns.panels import register_plan_panel  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from campaigns.progress import register_progress_chart  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry

        rules.register()
        register_plan_panel(plan_awards_panel)
        register_progress_chart(quota_use_chart)
        register_documents()


def register_documents() -> None:
    """The layouts, and what issuing means for each at the end of the signing
    chain (the clerk's step, ``workflow.document_issue``)."""
    from django.urls import reverse  # noqa: PLC0415 — called from ready()

    from awards.printing import decision_layout, minutes_layout  # noqa: PLC0415 — called from ready(): imports models
    from awards.services.decisions import award_decision_issue  # noqa: PLC0415 — called from ready(): imports models
    from awards.services.minutes import minutes_issue  # noqa: PLC0415 — called from ready(): imports models
    from emulation.documents.issue import builder_register  # noqa: PLC0415 — called from ready(): imports models
    from emulation.documents.workflow import chain_register  # noqa: PLC0415 — called from ready(): imports models

    builder_register("awards.awarddecision", decision_layout, view_action="decision.view")
    builder_register("awards.councilmeeting", minutes_layout, view_action="minutes.view")
    chain_register("awards.awarddecision",
                   issue=lambda *, actor, target: award_decision_issue(actor=actor, decision=target),
                   page_url=lambda decision: reverse("decision_detail", args=[decision.pk]))
    chain_register("awards.councilmeeting", issue=minutes_issue,
                   page_url=lambda meeting: reverse("council_minutes", args=[meeting.pk]))
