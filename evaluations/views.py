"""Pages of step 11: rating forms, the recap of an event and of the year, awards.

Every page shows aggregates and unattributed comments only; no page, export or PDF names who
gave which presenter rating.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.views import showing_refusal
from cycles.models import Cycle
from cycles.selectors.cycles import current_cycle, cycle_of_year
from documents.language import in_indonesian
from events.models import Attendance, Event

from . import awards, exports, services
from .forms import OrganizerRatingForm, PresenterRatingForm
from .models import Award, OrganizerRating, PresenterEvaluation, RaterRecord
from .selectors import with_figures, year_recap


def _event_for(request, pk, *, figures=False) -> Event:
    """An event of the user's province; another province's answers 404. `figures`: with the
    counts and dates its recap shows, in the same query."""
    events = Event.objects.select_related("host_office", "cycle")
    return get_object_or_404(
        with_figures(events) if figures else events,
        pk=pk,
        cycle__province=request.user.province,
    )


def _cycle_for(request, year) -> Cycle:
    cycle = cycle_of_year(request.user, year)
    if cycle is None:
        raise Http404
    return cycle


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


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


@login_required
def rate(request, pk):
    """Step 11a: an attendee rates the event's presenters, once and anonymously."""
    event = _event_for(request, pk)
    try:
        services.check_can_rate_presenters(event, request.user)
    except services.EvaluationError as exc:
        return render(
            request, "evaluations/refused.html", {"event": event, "reason": exc}, status=403
        )
    presenters = services.rateable_presenters(event, request.user)
    if not presenters:
        reason = _("Tidak ada narasumber lain yang dapat Anda nilai pada kegiatan ini.")
        return render(
            request, "evaluations/refused.html", {"event": event, "reason": reason}, status=403
        )
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
    _require(request, "evaluations.rate_organizer")
    event = _event_for(request, pk)
    try:
        services.check_can_rate_organizer(event, request.user)
    except services.EvaluationError as exc:
        return render(
            request, "evaluations/refused.html", {"event": event, "reason": exc}, status=403
        )
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


@login_required
def event_recap_page(request, pk):
    _require(request, "evaluations.view_recap")
    event = _event_for(request, pk, figures=True)
    return render(request, "evaluations/event_recap.html", exports.event_recap_context(event))


@login_required
@in_indonesian
def event_recap_pdf(request, pk):
    _require(request, "evaluations.view_recap")
    event = _event_for(request, pk, figures=True)
    # Issued by the province that runs the evaluation (SOP step 11): its letterhead heads it.
    return exports.event_recap_pdf_response(event)


@login_required
def year_recap_page(request, year):
    _require(request, "evaluations.view_recap")
    cycle = _cycle_for(request, year)
    body = render_to_string("evaluations/_year_recap_body.html", exports.year_recap_context(cycle))
    return render(request, "evaluations/year_recap.html", {"cycle": cycle, "body": body})


@login_required
@in_indonesian
def year_recap_pdf(request, year):
    _require(request, "evaluations.view_recap")
    cycle = _cycle_for(request, year)
    return exports.year_recap_pdf_response(cycle, fallback=request.user)


@login_required
def year_recap_xlsx(request, year):
    _require(request, "evaluations.view_recap")
    cycle = _cycle_for(request, year)
    return exports.year_recap_xlsx_response(year_recap(cycle))


@login_required
def awards_page(request, year):
    _require(request, "evaluations.view_awards")
    cycle = _cycle_for(request, year)
    issued = {a.kind: a for a in Award.objects.filter(cycle=cycle)}
    still_open = PresenterEvaluation.objects.filter(
        event__cycle=cycle, closes_on__gte=timezone.localdate(), mixed_at__isnull=True
    ).order_by("-closes_on")
    sections = [
        (Award.Kind.PRESENTER, awards.best_presenter(cycle)),
        (Award.Kind.ORGANIZER, awards.best_organizer(cycle)),
    ]
    return render(
        request,
        "evaluations/awards.html",
        {
            "cycle": cycle,
            "sections": [
                {"kind": kind, "label": kind.label, "ranking": r, "award": issued.get(kind)}
                for kind, r in sections
            ],
            "can_issue": request.user.has_perm("evaluations.issue_award_certificates"),
            "open_forms": still_open.count(),
            "last_closing": still_open.values_list("closes_on", flat=True).first(),
        },
    )


@login_required
@require_POST
def issue_award(request, year, kind):
    _require(request, "evaluations.issue_award_certificates")
    cycle = _cycle_for(request, year)
    if kind not in Award.Kind.values:
        raise Http404
    with showing_refusal(request):
        award, certificates = services.issue_award_certificates(
            cycle=cycle, kind=kind, by=request.user
        )
        messages.success(
            request,
            _("Sertifikat %(award)s untuk %(name)s diterbitkan.")
            % {"award": award.get_kind_display(), "name": award.winner_name},
        )
    return redirect("evaluations:awards", year=year)
