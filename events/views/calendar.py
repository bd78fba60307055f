"""Calendar files: an event's .ics, the person's private feed and the page that manages its
address. The feed is fetched by calendar programs without a session: its token is the
credential, and the feed is read in the scope of the token owner's province."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.scopes import province_scope

from ..exports import calendar as calendar_feed
from ..models import CalendarFeed
from ..services import calendar as services
from .common import get_event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    kind = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_safe
def event_ics(request, pk):
    event = get_event(request, pk)
    content = calendar_feed.render([calendar_feed.event_entry(event)], event.title)
    return _ics(content, f"serawai-{event.pk}.ics", attachment=True)


@require_safe
def personal_feed(request, token):
    feed = CalendarFeed.objects.select_related("employee__office").filter(token=token).first()
    if feed is None or not feed.employee.is_active:
        raise Http404
    person = feed.employee
    with province_scope(person):
        entries = calendar_feed.person_entries(person)
        name = _("Serawai – %(name)s") % {"name": person.full_name}
        content = calendar_feed.render(entries, name)
    return _ics(content, "serawai.ics", attachment=False)


@login_required
def my_calendar(request):
    """Show the person's private calendar address; make a new one or turn it off."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            services.revoke_feed(request.user)
            messages.success(request, _("Alamat kalender dimatikan; alamat lama tidak berlaku."))
        else:
            existed = CalendarFeed.objects.filter(employee=request.user).exists()
            services.regenerate_feed(request.user)
            messages.success(
                request,
                _("Alamat kalender baru dibuat; alamat lama tidak berlaku.")
                if existed
                else _("Alamat kalender dibuat."),
            )
        return redirect("events:my_calendar")
    feed = CalendarFeed.objects.filter(employee=request.user).first()
    url = None
    if feed is not None:
        url = request.build_absolute_uri(reverse("events:personal_feed", args=[feed.token]))
    return render(request, "events/my_calendar.html", {"feed": feed, "url": url})
