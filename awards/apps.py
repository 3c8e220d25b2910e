from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from awards import rules  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from awards.panels import plan_awards_panel  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from campaigns.panels import register_plan_panel  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry

        rules.register()
        register_plan_panel(plan_awards_panel)
        register_documents()


def register_documents() -> None:
    from awards.printing import decision_layout, minutes_layout  # noqa: PLC0415 — called from ready(): imports models
    from emulation.documents.issue import builder_register  # noqa: PLC0415 — called from ready(): imports models

    builder_register("awards.awarddecision", decision_layout, view_action="decision.view")
    builder_register("awards.councilmeeting", minutes_layout, view_action="council.view")
