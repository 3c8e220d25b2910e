from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Kế hoạch thi đua")

    def ready(self):
        from campaigns import rules, selectors

        rules.register()
        selectors.register_desk_tasks()
