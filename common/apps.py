from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Serawai: common"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
