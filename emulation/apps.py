from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Nền tảng: đơn vị, người dùng, vai trò")

    def ready(self):
        from emulation import login_limits  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry
        from emulation.files import connect_file_cleanup  # noqa: PLC0415 — AppConfig.ready(): models load after the app registry

        connect_file_cleanup()
        login_limits.connect()
