"""Pages of step 11's recap, of an event and of the year, and their PDF and .xlsx.

Every page shows aggregates and unattributed comments only.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from documents.language import in_indonesian

from ..exports import recap as exports
from ..selectors.recap import year_recap
from .common import cycle_for, event_for, require


@login_required
def event_recap_page(request, pk):
    require(request, "evaluations.view_recap")
    event = event_for(request, pk, figures=True)
    return render(request, "evaluations/event_recap.html", exports.event_recap_context(event))


@login_required
@in_indonesian
def event_recap_pdf(request, pk):
    require(request, "evaluations.view_recap")
    event = event_for(request, pk, figures=True)
    # Issued by the province that runs the evaluation (SOP step 11): its letterhead heads it.
    return exports.event_recap_pdf_response(event)


@login_required
def year_recap_page(request, year):
    require(request, "evaluations.view_recap")
    cycle = cycle_for(request, year)
    body = render_to_string("evaluations/_year_recap_body.html", exports.year_recap_context(cycle))
    return render(request, "evaluations/year_recap.html", {"cycle": cycle, "body": body})


@login_required
@in_indonesian
def year_recap_pdf(request, year):
    require(request, "evaluations.view_recap")
    cycle = cycle_for(request, year)
    return exports.year_recap_pdf_response(cycle, fallback=request.user)


@login_required
def year_recap_xlsx(request, year):
    require(request, "evaluations.view_recap")
    cycle = cycle_for(request, year)
    return exports.year_recap_xlsx_response(year_recap(cycle))
