from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan kegiatan")

    def ready(self):
        from cycles.selectors.home import register_todos

        from .selectors.todos import approval_todos

        register_todos(approval_todos)
