"""The bell, the notification list and the e-mail preferences of the signed-in person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.listing import filtered_page

from . import kinds, services
from .filters import NotificationFilter
from .forms import EmailPreferencesForm
from .models import EmailPreference, Notification


@login_required
@require_GET
def notification_list(request):
    mine = Notification.objects.for_user(request.user)
    context = filtered_page(request, NotificationFilter, mine)
    context["unread"] = mine.unread().count()
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def bell(request):
    """The bell alone, refreshed by htmx every minute."""
    return render(request, "notifications/_bell.html")


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one as read; with open=1, continue to the page where the action is done."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification, by=request.user)
    target = notification.url
    if (
        request.POST.get("open")
        and target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(by=request.user)
    messages.success(request, _("%(n)d notifikasi ditandai sudah dibaca.") % {"n": count})
    return redirect("notifications:list")


@login_required
@require_POST
def send_test(request):
    services.send_test_message(by=request.user)
    if request.user.email:
        text = _("Pesan uji dikirim ke lonceng; e-mail ke %(email)s menyusul sebentar lagi.")
    else:
        text = _("Pesan uji dikirim ke lonceng.")
    messages.success(request, text % {"email": request.user.email})
    return redirect("notifications:preferences")


@login_required
def preferences(request):
    muted = set(
        EmailPreference.objects.filter(employee=request.user, muted=True).values_list(
            "kind", flat=True
        )
    )
    initial = {"email_kinds": [k for k in kinds.MUTABLE if k not in muted]}
    form = EmailPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["email_kinds"])
        services.set_email_mutes(
            employee=request.user, muted_kinds=[k for k in kinds.MUTABLE if k not in wanted]
        )
        messages.success(request, _("Preferensi e-mail disimpan."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
