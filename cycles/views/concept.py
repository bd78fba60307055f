"""Pages of steps 1 and 2: concept and schedule, the CC's agreement, the socialisation letter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.confirm import confirm_page, is_confirmed
from common.views import attempt, showing_refusal
from documents.external import external_letter_page
from organization.roles import held_roles

from ..forms import ConceptDecisionForm, ConceptForm
from ..models import Concept
from ..selectors import concept as concept_selectors
from ..selectors.cycles import current_cycle
from ..services import concept as service


def _cycle_for(request, *, can=False, cc=False):
    """The current cycle when the person holds one of the asked roles; else 404."""
    cycle = current_cycle(request.user)
    roles = held_roles(request.user, cycle.year if cycle else None)
    allowed = (can and roles.is_can) or (cc and roles.is_cc)
    if cycle is None or not allowed:
        raise Http404
    return cycle


def _concept_for(request, *, can=False, cc=False):
    """(cycle, concept) as `_cycle_for`; 404 too while the cycle has no concept."""
    cycle = _cycle_for(request, can=can, cc=cc)
    concept = Concept.objects.filter(cycle=cycle).first()
    if concept is None:
        raise Http404
    return cycle, concept


@login_required
def concept_detail(request):
    """The CAN and the CC work on the concept here; once agreed, everyone of the province reads
    it (the timeline links it as step 1's output)."""
    cycle = current_cycle(request.user)
    if cycle is None:
        raise Http404
    concept = Concept.objects.filter(cycle=cycle).first()
    roles = held_roles(request.user, cycle.year)
    if not (roles.is_can or roles.is_cc or (concept is not None and concept.is_agreed)):
        raise Http404
    return _detail(request, cycle, concept)


def _detail(request, cycle, concept, decision_form=None, status=200):
    roles = held_roles(request.user, cycle.year)
    return render(
        request,
        "cycles/concept_detail.html",
        {
            "cycle": cycle,
            "concept": concept,
            "steps": cycle.steps.select_related("completed_by").order_by("number"),
            "letter": concept_selectors.socialisation_letter(concept) if concept else None,
            "is_can": roles.is_can,
            "is_cc": roles.is_cc,
            "decision_form": decision_form or ConceptDecisionForm(),
        },
        status=status,
    )


@login_required
def concept_edit(request):
    cycle = _cycle_for(request, can=True)
    concept = Concept.objects.filter(cycle=cycle).first()
    if concept is not None and not concept.is_editable:
        messages.error(
            request, _("Konsep sedang diajukan atau sudah disepakati; tidak dapat diubah.")
        )
        return redirect("cycles:concept")
    initial = {
        "themes_to_select": cycle.themes_to_select,
        "proposals_per_office": cycle.proposals_per_office,
    }
    form = ConceptForm(
        request.POST if request.method == "POST" else None, instance=concept, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ConceptForm.Meta.fields}
        with showing_refusal(request, form):
            service.save_concept(
                cycle,
                by=request.user,
                themes_to_select=form.cleaned_data["themes_to_select"],
                proposals_per_office=form.cleaned_data["proposals_per_office"],
                **fields,
            )
            messages.success(request, _("Konsep disimpan."))
            return redirect("cycles:concept")
    return render(request, "cycles/concept_form.html", {"cycle": cycle, "form": form})


@login_required
@require_POST
def concept_submit(request):
    concept = _concept_for(request, can=True)[1]
    attempt(
        request,
        lambda: service.submit_concept(concept, by=request.user),
        _("Konsep diajukan kepada CC."),
    )
    return redirect("cycles:concept")


@login_required
@require_POST
def concept_decide(request):
    cycle, concept = _concept_for(request, cc=True)
    form = ConceptDecisionForm(request.POST)
    if not form.is_valid():  # the page again, with what was typed and why it was refused
        return _detail(request, cycle, concept, decision_form=form, status=400)
    if form.cleaned_data["decision"] == "return" and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Kembalikan konsep"),
            question=_("Yakin mengembalikan konsep Serawai %(year)d kepada CAN?")
            % {"year": cycle.year},
            consequences=[
                _("Catatan Anda: %(comment)s") % {"comment": form.cleaned_data["comment"]},
                _("Konsep kembali dapat diubah CAN dan harus diajukan lagi."),
            ],
            action_label=_("Ya, kembalikan konsep"),
            cancel_url=reverse("cycles:concept"),
            carry=request.POST,
        )
    if form.cleaned_data["decision"] == "agree":
        attempt(
            request,
            lambda: service.agree_concept(concept, by=request.user),
            _("Konsep disepakati; langkah 1 selesai."),
        )
    else:
        comment = form.cleaned_data["comment"]
        attempt(
            request,
            lambda: service.return_concept(concept, by=request.user, comment=comment),
            _("Konsep dikembalikan kepada CAN."),
        )
    return redirect("cycles:concept")


@login_required
@require_POST
def socialisation_letter(request):
    concept = _concept_for(request, can=True)[1]
    with showing_refusal(request):
        letter = service.publish_socialisation_letter(concept, by=request.user)
        messages.success(
            request,
            _("Surat %(number)s diterbitkan; pengusulan tema dibuka.") % {"number": letter.number},
        )
    return redirect("cycles:concept")


@login_required
@require_http_methods(["GET", "POST"])
def socialisation_letter_external(request):
    """Step 2 with the letter signed elsewhere: registered, it completes the step on its date."""
    cycle, concept = _concept_for(request, can=True)
    return external_letter_page(
        request,
        office=cycle.province,
        title=_("Daftarkan surat sosialisasi dari luar"),
        back_url=reverse("cycles:concept"),
        subject=_("Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun %(year)s")
        % {"year": cycle.year},
        register=lambda letter: service.publish_socialisation_letter(
            concept, by=request.user, external=letter
        ),
    )
