"""The working-day calendar page: the year's national holidays and the office's own days."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.confirm import confirm_page

from ..calendar import WorkingCalendar, national_holidays
from ..forms import CalendarDayForm
from ..models import CalendarDay
from ..services import cycle as cycle_services


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
@permission_required("cycles.view_calendar", raise_exception=True)
@require_http_methods(["GET", "POST"])
def calendar_page(request):
    """The calendar of the person's province: national days and the province's own."""
    year = _year(request)
    province = request.user.province
    may_edit = province is not None and request.user.has_perm("cycles.manage_calendar")
    form = CalendarDayForm(request.POST or None, province=province) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            entry, moved = cycle_services.set_calendar_day(
                province=province,
                day=data["date"],
                kind=data["kind"],
                reason=data["reason"],
                by=request.user,
            )
            messages.success(
                request,
                _("%(day)s dicatat: %(kind)s. %(n)d langkah dijadwalkan ulang.")
                % {"day": date_format(entry.date), "kind": entry.get_kind_display(), "n": moved},
            )
            return redirect(f"{reverse('cycles:calendar')}?year={entry.date.year}")
    office_days = list(
        CalendarDay.objects.filter(province=province, date__year=year)
        .select_related("created_by")
        .order_by("date")
    )
    opened = {d.date for d in office_days if d.kind == CalendarDay.Kind.OPEN}
    national = [
        {"date": day, "name": name, "cancelled": day in opened, "weekend": day.weekday() >= 5}
        for day, name in sorted(national_holidays(year).items())
    ]
    cal = WorkingCalendar.load(province)
    working = cal.working_days_between(date(year - 1, 12, 31), date(year, 12, 31))
    return render(
        request,
        "cycles/calendar.html",
        {
            "year": year,
            "national": national,
            "office_days": office_days,
            "form": form,
            "may_edit": may_edit,
            "working_days": working,
        },
    )


@login_required
@permission_required("cycles.manage_calendar", raise_exception=True)
@require_http_methods(["GET", "POST"])
def calendar_remove(request, pk):
    """GET asks "Yakin ...?", POST removes the office's day (due dates follow)."""
    entry = get_object_or_404(CalendarDay, pk=pk, province=request.user.province)
    day = entry.date
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Hapus catatan kalender"),
            question=_("Yakin menghapus catatan %(day)s (%(kind)s: %(reason)s)?")
            % {"day": date_format(day), "kind": entry.get_kind_display(), "reason": entry.reason},
            consequences=[
                _("Tanggal itu kembali mengikuti kalender nasional."),
                _("Batas waktu langkah yang belum selesai dihitung ulang."),
            ],
            action_label=_("Ya, hapus catatan"),
            cancel_url=f"{reverse('cycles:calendar')}?year={day.year}",
        )
    moved = cycle_services.remove_calendar_day(entry, by=request.user)
    messages.success(
        request,
        _(
            "Catatan %(day)s dihapus; tanggal itu kembali mengikuti kalender nasional. "
            "%(n)d langkah dijadwalkan ulang."
        )
        % {"day": date_format(day), "n": moved},
    )
    return redirect(f"{reverse('cycles:calendar')}?year={day.year}")
