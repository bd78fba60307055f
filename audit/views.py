import datetime
import json
import re

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from common.listing import filtered_page
from documents.models import Letter

from .filters import TrailFilter
from .registry import audited_models, trail_fields

# Labels the trail gives instead of the field's own, where that would read as the action beside
# it ("dibuat | dibuat: — → 5 Januari 2026").
TRAIL_LABELS = {
    "created_at": gettext_lazy("waktu dibuat"),
    "updated_at": gettext_lazy("waktu diubah"),
}


def trail_for(user):
    """Change history the user may read: audited models only, of the user's own province. An
    entry that belongs to no province (or whose province is unknown) is shown to superusers only,
    never to a province's CAN."""
    types = ContentType.objects.get_for_models(*audited_models()).values()
    entries = LogEntry.objects.filter(content_type__in=types)
    if not user.is_superuser:
        province = user.province
        if province is None:
            return entries.none()
        entries = entries.filter(additional_data__province=province.pk)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def readable_rows(entries) -> list[dict]:
    """Field labels, choice labels and related objects' names (and the letters that stored links
    open), one query per related model."""
    entries = list(entries)
    wanted: dict = {}  # related model -> set of pks
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name)
            if _is_relation(field):
                pks = wanted.setdefault(field.related_model, set())
                pks.update(str(v) for v in values if v not in (None, "None", ""))
            elif field is not None:
                letters = {pk for v in values if (pk := _letter_pk(v)) is not None}
                if letters:
                    wanted.setdefault(Letter, set()).update(letters)
    names = {}
    for related, pks in wanted.items():
        clean = [pk for pk in pks if pk.isdigit()]
        for pk, obj in related._default_manager.in_bulk(clean).items():
            names[(related, str(pk))] = str(obj)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, values in sorted((entry.changes_dict or {}).items()):
            if model is not None and name not in trail_fields(model):
                continue  # a reverse relation or bookkeeping, recorded before they were left out
            field = _field(model, name)
            shown = [_display(field, value, names) for value in values]
            if isinstance(field, models.FileField) and "—" not in shown and len(set(values)) > 1:
                shown[1] = gettext("berkas baru terunggah")  # a file replaced by another
            if len(set(shown)) == 1:
                continue  # reads the same before and after ("—" → "—" on creation)
            label = str(TRAIL_LABELS.get(name) or (field.verbose_name if field else name))
            changes.append((label, shown))
        label = model._meta.verbose_name if model else entry.content_type.model
        rows.append({"entry": entry, "label": label, "changes": changes})
    return rows


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 (a field removed since the change was recorded)
        return None
    return field if getattr(field, "concrete", False) else None


def _is_relation(field) -> bool:
    """A foreign key or one-to-one of the row itself: its stored value is the other row's pk."""
    return field is not None and field.is_relation and (field.many_to_one or field.one_to_one)


def _letter_pk(value) -> str | None:
    """The pk of the letter a stored link opens (an event's committee letter, its invitation),
    as a string, or None when the value is no such link."""
    if not isinstance(value, str) or not value.startswith("/documents/letters/"):
        return None
    try:
        match = resolve(value)
    except Resolver404:
        return None
    if match.view_name != "documents:letter_download":
        return None
    return str(match.kwargs["pk"])


def _display(field, value, names) -> str:
    # "app.Model.None" is how the trail wrote an empty relation; it means nothing to a reader.
    if value in (None, "None", "") or re.fullmatch(r"\w+\.\w+\.None", str(value)):
        return "—"
    if field is None:
        return str(value)
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is not None:  # stored in UTC with microseconds: shown as every other time
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    elif isinstance(field, models.DateField):
        day = parse_date(str(value))
        if day is not None:
            return date_format(day, "j F Y")
    if _is_relation(field):
        return names.get((field.related_model, str(value)), f"#{value}")
    if field.choices:
        # auditlog stores every value as a string: an integer choice's key is compared as one.
        choices = {str(key): label for key, label in field.flatchoices}
        return str(choices.get(str(value), value))
    if isinstance(field, models.FileField):
        return gettext("berkas terunggah")  # its storage path means nothing to a reader
    if (letter := _letter_pk(value)) is not None:
        return names.get((Letter, letter), gettext("surat"))
    if isinstance(field, models.BooleanField):
        return capfirst(gettext("ya") if str(value) == "True" else gettext("tidak"))
    if isinstance(field, models.JSONField):
        return _json_display(value)
    return str(value)


def _json_display(value) -> str:
    """A list (a letter's addressees, its copies) one item after another; nothing as a dash."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if not data:
        return "—"
    if isinstance(data, list):
        return "; ".join(str(item) for item in data)
    return str(value)


@login_required
def trail(request):
    if not request.user.has_perm("audit.view_trail"):
        raise PermissionDenied
    context = filtered_page(request, TrailFilter, trail_for(request.user))
    context["rows"] = readable_rows(context["page"].object_list)
    return render(request, "audit/trail.html", context)
