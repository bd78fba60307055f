from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The change trail and backup/restore."""

    name = "audit"
    verbose_name = _("Audit dan keamanan")

    def ready(self):
        from auditlog.signals import post_log
        from django.core import checks

        from . import registry

        checks.register(registry.check_province_paths)
        registry.register_all()
        post_log.connect(registry.tag_province, dispatch_uid="audit-tag-province")
