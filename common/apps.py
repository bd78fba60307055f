from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Serawai: common"

    def ready(self):
        from . import checks, lookups  # noqa: F401 - importing checks registers them

        lookups.register()
