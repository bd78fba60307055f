"""Model fields shared by the apps."""

from django.conf import settings
from django.db import models


def actor_field(verbose_name, *, required: bool = False) -> models.ForeignKey:
    """Who did something (created, updated, confirmed...): the employee's account, kept
    (PROTECT) as long as the record that names it, with no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=not required,
        blank=not required,
        related_name="+",
        verbose_name=verbose_name,
    )
