from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from common.confirm import confirm_page
from common.listing import filtered_page

from . import import_jobs, services
from .employee_import import COLUMNS, EmployeeImportError, import_employees, read_employees_xlsx
from .filters import RoleFilter
from .forms import EmployeeImportForm, RoleAssignmentForm
from .models import EmployeeImport, Office, RoleAssignment


@login_required
@permission_required("organization.import_employees", raise_exception=True)
@require_http_methods(["GET", "POST"])
def employee_import(request):
    """Import employees from a spreadsheet: all rows or none, with a row-by-row report."""
    form = EmployeeImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid() and import_jobs.runs_in_background(form.cleaned_data["file"]):
        job = import_jobs.request_import(form.cleaned_data["file"], by=request.user)
        return redirect("organization:employee_import_job", pk=job.pk)
    if form.is_valid():
        try:
            rows = read_employees_xlsx(form.cleaned_data["file"])
            result = import_employees(rows, by=request.user)
        except EmployeeImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Impor selesai: %(c)d pegawai baru, %(u)d diperbarui, %(s)d tidak berubah.")
                % {"c": result.created, "u": result.updated, "s": result.unchanged},
            )
            return redirect("organization:employee_import")
    return render(request, "organization/employee_import.html", {"form": form, "errors": errors})


@login_required
@permission_required("organization.import_employees", raise_exception=True)
@require_http_methods(["GET"])
def employee_import_job(request, pk):
    """Progress of a large sheet imported by the worker; the bar refreshes itself (htmx)."""
    job = get_object_or_404(EmployeeImport, pk=pk)
    if job.requested_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    template = (
        "organization/_employee_import_progress.html"
        if request.htmx
        else "organization/employee_import_job.html"
    )
    return render(request, template, {"job": job})


@login_required
@permission_required("organization.import_employees", raise_exception=True)
def employee_import_template(request):
    """An empty sheet with the expected columns and one example row."""
    from documents.spreadsheets import Sheet, xlsx_response

    example = (
        "198609262015051001",
        "Ani Lestari, S.ST., M.Si.",
        "Statistisi Ahli Muda",
        "1701",
        "ani.lestari@bps.go.id",
    )
    sheet = Sheet(
        "Pegawai", list(COLUMNS), [example], widths=(22, 34, 28, 12, 30), text_columns=(0, 3)
    )
    return xlsx_response("contoh-impor-pegawai.xlsx", [sheet])


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2020 <= year <= 2100 else timezone.localdate().year


@login_required
@permission_required("organization.view_roles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def roles(request):
    """The CAN's role management: who holds which role in a year, past holders kept. Every CAN
    member reads it; the coordinator (or the administrator) gives roles."""
    province = request.user.province
    if province is None:
        raise Http404
    can_manage = request.user.has_perm("organization.manage_roles")
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    year = _year(request)
    form = RoleAssignmentForm(request.POST or None, province=province, initial={"year": year})
    if form.is_valid():
        data = form.cleaned_data
        given = services.assign_role(
            employee=data["employee"],
            role=data["role"],
            office=data["office"],
            year=data["year"],
            note=data["note"],
            by=request.user,
        )
        messages.success(
            request,
            _("%(name)s kini %(role)s (%(office)s) tahun %(year)d.")
            % {
                "name": given.employee.full_name,
                "role": given.get_role_display(),
                "office": given.office.short_name,
                "year": given.year,
            },
        )
        return redirect(f"{reverse('organization:roles')}?year={given.year}")
    assignments = (
        RoleAssignment.objects.filter(year=year, office__in=Office.objects.in_province(province))
        .select_related("employee", "office", "created_by", "ended_by")
        .order_by("role", "office__code", "employee__full_name", "-created_at")
    )
    context = filtered_page(request, RoleFilter, assignments, province=province)
    context.update(form=form, year=year, today=timezone.localdate(), can_manage=can_manage)
    return render(request, "organization/roles.html", context)


@login_required
@permission_required("organization.manage_roles", raise_exception=True)
@require_http_methods(["GET", "POST"])
def role_end(request, pk):
    """GET asks "Yakin ...?", POST ends the role today (kept in the history)."""
    province = request.user.province
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("employee", "office"),
        pk=pk,
        office__in=Office.objects.in_province(province) if province else Office.objects.none(),
    )
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Akhiri peran"),
            question=_("Yakin mengakhiri peran %(role)s %(name)s (%(office)s, %(year)d)?")
            % {
                "role": assignment.get_role_display(),
                "name": assignment.employee.full_name,
                "office": assignment.office.short_name,
                "year": assignment.year,
            },
            consequences=[
                _("Peran berakhir hari ini; hak aksesnya sebagai pemegang peran ikut berakhir."),
                _("Penugasan ini tetap tercatat dalam riwayat peran."),
            ],
            action_label=_("Ya, akhiri peran"),
            cancel_url=f"{reverse('organization:roles')}?year={assignment.year}",
        )
    services.end_role(assignment, by=request.user)
    messages.success(
        request,
        _("Peran %(role)s %(name)s diakhiri; tetap tercatat dalam riwayat.")
        % {"role": assignment.get_role_display(), "name": assignment.employee.full_name},
    )
    return redirect(f"{reverse('organization:roles')}?year={assignment.year}")
