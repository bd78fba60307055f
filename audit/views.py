from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from .registry import audited_models


def trail_for(user):
    """Change history the user may read: audited models only, of the user's own province."""
    types = ContentType.objects.get_for_models(*audited_models()).values()
    entries = LogEntry.objects.filter(content_type__in=types)
    province = user.province
    if province is None and not user.is_superuser:
        return entries.none()
    if province is not None:
        entries = entries.filter(
            Q(additional_data__province=province.pk) | Q(additional_data__province=None)
        )
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


@login_required
def trail(request):
    if not request.user.has_perm("audit.view_trail"):
        raise PermissionDenied
    models = sorted(audited_models(), key=lambda m: str(m._meta.verbose_name_plural))
    choices = [(m._meta.label_lower, m._meta.verbose_name_plural) for m in models]
    entries = trail_for(request.user)
    chosen = request.GET.get("model", "")
    if chosen in dict(choices):
        app_label, model_name = chosen.split(".")
        entries = entries.filter(
            content_type__app_label=app_label, content_type__model=model_name
        )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = []
    for entry in page.object_list:
        model = entry.content_type.model_class()
        label = model._meta.verbose_name if model else entry.content_type.model
        rows.append(
            {"entry": entry, "label": label, "changes": sorted(entry.changes_display_dict.items())}
        )
    return render(
        request,
        "audit/trail.html",
        {"page": page, "rows": rows, "choices": choices, "chosen": chosen},
    )
