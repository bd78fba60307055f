"""Pages of the activity report (SOP step 10): thin views, permission -> form -> service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.confirm import confirm_page, is_confirmed
from common.text import safe_filename
from common.views import showing_refusal

from ..forms import ChaptersForm, DecisionForm, SpeechForm
from ..models import ActivityReport, OpeningSpeech
from ..selectors import assembly
from ..services import report as services
from .common import cycle_for


def _report(request, pk, perm="reports.view_report") -> ActivityReport:
    """The report if it is in the user's province (else 404) and the user holds `perm`."""
    province = getattr(request.user, "province", None)
    report = get_object_or_404(
        ActivityReport.objects.select_related("cycle__province", "previous"),
        pk=pk,
        cycle__province=province,
    )
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


@login_required
@require_GET
def report_list(request):
    cycle = cycle_for(request, "reports.list_reports")
    reports = {
        r.quarter: r
        for r in ActivityReport.objects.filter(cycle=cycle)
        .latest_revisions()
        .select_related("cycle")
    }
    counts = {q: 0 for q in (1, 2, 3, 4)}
    for day in cycle.events.values_list("date", flat=True):
        if day.year == cycle.year:
            counts[services.quarter_of(day)] += 1
    opens_any = request.user.has_perm("reports.open_report", cycle)
    quarters = [
        {
            "number": q,
            "roman": ["I", "II", "III", "IV"][q - 1],
            "events": counts[q],
            "report": reports.get(q),
            "viewable": q in reports and request.user.has_perm("reports.view_report", reports[q]),
            "can_open": opens_any
            and q not in reports
            and counts[q] > 0
            and request.user.has_perm("reports.open_quarter_report", _quarter(cycle, q)),
        }
        for q in (1, 2, 3, 4)
    ]
    context = {
        "cycle": cycle,
        "quarters": quarters,
        "can_evidence": request.user.has_perm("reports.view_evidence", cycle),
    }
    return render(request, "reports/list.html", context)


@login_required
@require_POST
def open_report(request, quarter):
    cycle = cycle_for(request, "reports.list_reports")
    if not request.user.has_perm("reports.open_report", cycle) or quarter not in (1, 2, 3, 4):
        raise PermissionDenied
    asked = _quarter(cycle, quarter)
    if not request.user.has_perm("reports.open_quarter_report", asked):
        messages.error(
            request,
            _(
                "Laporan Triwulan %(q)s belum dapat Anda mulai: laporan disusun oleh CAN atau CA "
                "kantor penyelenggara setelah kegiatan triwulan itu terlaksana."
            )
            % {"q": asked.quarter_roman},
        )
        return redirect("reports:list")
    report = services.open_report(cycle=cycle, quarter=quarter, by=request.user)
    return redirect(report)


def _quarter(cycle, quarter: int) -> ActivityReport:
    """The quarter a person asks to start, as the rules read it (an unsaved report)."""
    return ActivityReport(cycle=cycle, quarter=quarter)


@login_required
@require_GET
def report_detail(request, pk):
    report = _report(request, pk)
    return render(request, "reports/detail.html", _detail_context(request, report))


def _detail_context(request, report, decision_form=None) -> dict:
    parts = assembly.assemble(report)
    can_change = request.user.has_perm("reports.change_report", report)
    can_decide = request.user.has_perm("reports.decide_report", report)
    revisions = ActivityReport.objects.filter(cycle=report.cycle, quarter=report.quarter)
    transitions = list(report.transitions.select_related("by"))
    context = {
        "report": report,
        "parts": parts,
        "can_change": can_change and report.is_editable,
        "can_submit": can_change and report.is_editable,
        "can_revise": can_change
        and report.status == ActivityReport.Status.APPROVED
        and not hasattr(report, "next_revision"),
        "can_decide": can_decide and report.status == ActivityReport.Status.SUBMITTED,
        "decision_form": decision_form or DecisionForm(),
        "transitions": transitions,
        "last_transition": transitions[-1] if transitions else None,
        "revisions": revisions.only("pk", "revision", "status", "quarter", "cycle_id"),
    }
    return context


@login_required
def edit_chapters(request, pk):
    report = _report(request, pk, "reports.change_report")
    if request.method == "GET" and not report.is_editable:
        context = {"report": report, "locked": services.why_locked(report)}
        return render(request, "reports/chapters.html", context)
    form = ChaptersForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):  # refused: the chapters stay as typed
            services.update_chapters(report, by=request.user, **form.cleaned_data)
            messages.success(request, _("Bab laporan disimpan."))
            return redirect(report)
    return render(request, "reports/chapters.html", {"report": report, "form": form})


@login_required
def edit_speech(request, pk, event_pk):
    report = _report(request, pk, "reports.change_report")
    event = get_object_or_404(assembly.quarter_events(report.cycle, report.quarter), pk=event_pk)
    speech = OpeningSpeech.objects.filter(report=report, event=event).first()
    if request.method == "GET" and not report.is_editable:
        context = {"report": report, "event": event, "speech": speech}
        return render(
            request, "reports/speech.html", {**context, "locked": services.why_locked(report)}
        )
    initial = {"speaker": speech.speaker, "text": speech.text} if speech else {}
    form = SpeechForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        has_file=bool(speech and speech.file),
    )
    if request.method == "POST" and form.is_valid():
        with showing_refusal(request, form):  # refused: the speech stays as typed
            services.set_opening_speech(report, event=event, by=request.user, **form.cleaned_data)
            messages.success(request, _("Draf kata sambutan disimpan."))
            return redirect(report)
    context = {"report": report, "event": event, "speech": speech, "form": form}
    return render(request, "reports/speech.html", context)


@login_required
@require_GET
def speech_file(request, pk, speech_pk):
    report = _report(request, pk)
    speech = get_object_or_404(OpeningSpeech, pk=speech_pk, report=report)
    if not speech.file:
        raise Http404
    # The name the author's computer gave the file: made one safe line for the header.
    name = safe_filename(speech.file_name or f"sambutan.{speech.file_kind}")
    return FileResponse(speech.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def submit(request, pk):
    report = _report(request, pk, "reports.change_report")
    with showing_refusal(request):
        services.submit_report(report, by=request.user)
        messages.success(request, _("Laporan diajukan ke CC untuk disetujui."))
    return redirect(report)


@login_required
@require_POST
def decide(request, pk):
    report = _report(request, pk, "reports.decide_report")
    form = DecisionForm(request.POST)
    if not form.is_valid():  # the page again, with what was typed and why it was refused
        context = _detail_context(request, report, decision_form=form)
        return render(request, "reports/detail.html", context, status=400)
    returning = form.cleaned_data["decision"] == DecisionForm.RETURN
    if returning and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Kembalikan laporan"),
            question=_("Yakin mengembalikan %(report)s kepada penyusun?") % {"report": report},
            consequences=[
                _("Catatan Anda: %(comment)s") % {"comment": form.cleaned_data["comment"]},
                _("Laporan kembali menjadi draf; penyusun memperbaiki lalu mengajukan lagi."),
            ],
            action_label=_("Ya, kembalikan laporan"),
            cancel_url=report.get_absolute_url(),
            carry=request.POST,
        )
    with showing_refusal(request):
        if form.cleaned_data["decision"] == DecisionForm.APPROVE:
            services.approve_report(report, by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Laporan disetujui."))
        else:
            services.return_report(report, by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Laporan dikembalikan kepada penyusun dengan catatan."))
    return redirect(report)


@login_required
@require_POST
def revise(request, pk):
    report = _report(request, pk, "reports.change_report")
    with showing_refusal(request):
        new = services.start_revision(report, by=request.user)
        messages.success(request, _("Revisi %(rev)d dibuat sebagai draf.") % {"rev": new.revision})
        return redirect(new)
    return redirect(report)


@login_required
@require_GET
def report_pdf(request, pk):
    """The approved PDF as stored; a draft is rendered now and marked DRAF on every page."""
    report = _report(request, pk)
    from documents.rendering import pdf_response

    from ..exports.report import report_pdf as render_report

    name = f"laporan-serawai-{report.cycle.year}-tw{report.quarter}-rev{report.revision}.pdf"
    if report.status == ActivityReport.Status.APPROVED and report.pdf:
        return FileResponse(report.pdf.open("rb"), filename=name, content_type="application/pdf")
    return pdf_response(render_report(report), name)
