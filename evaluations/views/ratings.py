"""Pages of step 11's rating forms: what the signed-in person can rate, the presenter rating and
the organiser rating.

No page, export or PDF names who gave which presenter rating.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.views import showing_refusal
from cycles.selectors.cycles import current_cycle
from events.models import Attendance

from ..forms import OrganizerRatingForm, PresenterRatingForm
from ..models import OrganizerRating, RaterRecord
from ..services import ratings as services
from ..services.errors import EvaluationError
from .common import event_for, require


@login_required
def index(request):
    """What the signed-in person can do in step 11 for this year's events."""
    cycle = current_cycle(request.user)
    rows = []
    if cycle is not None:
        me = request.user.pk

        def mine(model, person_field):
            return Exists(model._base_manager.filter(event=OuterRef("pk"), **{person_field: me}))

        events = (
            cycle.events.select_related("host_office", "presenter_evaluation")
            .annotate(
                attended=mine(Attendance, "employee"),
                rated=mine(RaterRecord, "employee"),
                organizer_rated=mine(OrganizerRating, "rater"),
            )
            .order_by("date", "pk")
        )
        for event in events:
            window = getattr(event, "presenter_evaluation", None)
            is_open = window is not None and window.is_open()
            rows.append(
                {
                    "event": event,
                    "window": window,
                    "is_open": is_open,
                    "attended": event.attended,
                    "rated": event.rated,
                    "can_rate": is_open and event.attended and not event.rated,
                    "organizer_rated": event.organizer_rated,
                }
            )
    return render(
        request,
        "evaluations/index.html",
        {
            "cycle": cycle,
            "rows": rows,
            "can_view_recap": request.user.has_perm("evaluations.view_recap"),
            "can_rate_organizer": request.user.has_perm("evaluations.rate_organizer"),
        },
    )


def _refused(request, event, reason):
    """The page saying why the person cannot rate this event (now, or at all)."""
    context = {"event": event, "reason": reason}
    return render(request, "evaluations/refused.html", context, status=403)


@login_required
def rate(request, pk):
    """Step 11a: an attendee rates the event's presenters, once and anonymously."""
    event = event_for(request, pk)
    try:
        services.check_can_rate_presenters(event, request.user)
    except EvaluationError as exc:
        return _refused(request, event, exc)
    presenters = services.rateable_presenters(event, request.user)
    if not presenters:
        reason = _("Tidak ada narasumber lain yang dapat Anda nilai pada kegiatan ini.")
        return _refused(request, event, reason)
    form = PresenterRatingForm(request.POST or None, presenters=presenters)
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):
            services.rate_presenters(event=event, rater=request.user, ratings=form.ratings())
            messages.success(request, _("Terima kasih, penilaian Anda tersimpan tanpa nama."))
            return redirect("evaluations:index")
    return render(request, "evaluations/rate.html", {"event": event, "form": form})


@login_required
def rate_organizer(request, pk):
    """Step 11b: a CAN Provinsi member rates the host office of the event."""
    require(request, "evaluations.rate_organizer")
    event = event_for(request, pk)
    try:
        services.check_can_rate_organizer(event, request.user)
    except EvaluationError as exc:
        return _refused(request, event, exc)
    form = OrganizerRatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):
            services.rate_organizer(
                event=event,
                rater=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Penilaian penyelenggara tersimpan."))
            return redirect("evaluations:index")
    return render(request, "evaluations/rate_organizer.html", {"event": event, "form": form})
