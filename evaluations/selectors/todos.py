"""The rating forms waiting for one person, for the home page
(cycles.selectors.home.register_todos): an attendee's presenter rating and a CAN member's
organiser rating, while the form is open. One query whatever the number of events."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from cycles.selectors.home import Todo
from events.models import Attendance, AttendanceQuerySet, CommitteeMember

from ..models import OrganizerRating, PresenterEvaluation, RaterRecord


def rating_todos(user, today) -> list[Todo]:
    province = getattr(user, "province", None)
    if province is None:
        return []
    # The subqueries follow the outer row's event, which the province scope has filtered
    # already: their rows are read with the base managers, without the scope's joins again.
    mine = {"employee": user, "event_id": OuterRef("event_id")}
    attendances = AttendanceQuerySet(Attendance).during_event()
    forms = (
        PresenterEvaluation.objects.filter(
            closes_on__gte=today, mixed_at__isnull=True, event__cycle__province=province
        )
        .annotate(
            attended=Exists(attendances.filter(**mine)),
            presenting=Exists(
                CommitteeMember._base_manager.filter(role=CommitteeMember.Role.SPEAKER, **mine)
            ),
            rated=Exists(RaterRecord._base_manager.filter(**mine)),
            judged=Exists(
                OrganizerRating._base_manager.filter(rater=user, event_id=OuterRef("event_id"))
            ),
        )
        .select_related("event__host_office")
        .order_by("closes_on", "event__date")
    )
    organiser = user.has_perm("evaluations.rate_organizer")
    todos = []
    for form in forms:
        if form.attended and not form.presenting and not form.rated:
            todos.append(
                Todo(
                    _("Nilai narasumber: %(title)s") % {"title": form.event.title},
                    reverse("evaluations:rate", args=[form.event_id]),
                    form.closes_on,
                    _("Anda hadir pada kegiatan ini; penilaian bersifat anonim."),
                )
            )
        if organiser and not form.judged:
            todos.append(
                Todo(
                    _("Nilai penyelenggara: %(title)s") % {"title": form.event.title},
                    reverse("evaluations:rate_organizer", args=[form.event_id]),
                    form.closes_on,
                    form.event.host_office.name,
                )
            )
    return todos
