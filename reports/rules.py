"""Who may do what with an activity report (SOP step 10).

Read: the province's CAN and CC, and the CA of an office that hosted an event of the quarter.
Write and submit: the CAN, and the CA of a host office. Approve or return: the province's CC only.
Start a quarter's report: the CAN once an event of the quarter is held, a CA once their own
office's event of the quarter is held (the report tells of held events: SOP step 10's inputs are
the event's attendance, documentation and minutes).
A person outside the report's province never sees it (the views answer 404).
"""

import rules

from events.selectors.library import HELD
from organization.models import RoleAssignment
from organization.roles import CAN_ROLES, held_roles
from organization.rules import add_sop_perm, is_can, is_cc

from .selectors.assembly import quarter_events


def _province_id(report):
    return report.cycle.province_id


def _host_offices(report) -> set[int]:
    cache = report.__dict__.setdefault("_host_offices", None)
    if cache is None:
        cache = set(
            quarter_events(report.cycle, report.quarter).values_list("host_office_id", flat=True)
        )
        report.__dict__["_host_offices"] = cache
    return cache


def _held_host_offices(report) -> set[int]:
    """Offices that hosted a held event of the report's quarter (`report` may be unsaved: the
    quarter a person asks to start)."""
    cache = report.__dict__.get("_held_host_offices")
    if cache is None:
        events = quarter_events(report.cycle, report.quarter).filter(status__in=HELD)
        cache = set(events.values_list("host_office_id", flat=True))
        report.__dict__["_held_host_offices"] = cache
    return cache


def in_province(user, report) -> bool:
    return getattr(user, "province", None) is not None and user.province.pk == _province_id(report)


@rules.predicate
def is_can_of_report(user, report):
    return _province_id(report) in held_roles(user, report.cycle.year).offices_for(*CAN_ROLES)


@rules.predicate
def is_cc_of_report(user, report):
    return _province_id(report) in held_roles(user, report.cycle.year).offices_for(
        RoleAssignment.Role.CC
    )


@rules.predicate
def is_host_ca_of_report(user, report):
    offices = held_roles(user, report.cycle.year).ca_offices
    return bool(offices) and bool(offices & _host_offices(report))


@rules.predicate
def is_can_of_held_quarter(user, report):
    return bool(_held_host_offices(report)) and is_can_of_report(user, report)


@rules.predicate
def is_ca_of_held_host(user, report):
    offices = held_roles(user, report.cycle.year).ca_offices
    return bool(offices) and bool(offices & _held_host_offices(report))


@rules.predicate
def is_can_of_cycle(user, cycle):
    return cycle.province_id in held_roles(user, cycle.year).offices_for(*CAN_ROLES)


@rules.predicate
def is_cc_or_ca_of_cycle(user, cycle):
    roles = held_roles(user, cycle.year)
    return bool(roles.offices_for(RoleAssignment.Role.CC) | roles.ca_offices)


@rules.predicate
def is_host_ca_in_cycle(user, cycle):
    offices = held_roles(user, cycle.year).ca_offices
    return bool(offices) and cycle.events.filter(host_office_id__in=offices).exists()


can_write = is_can_of_report | is_host_ca_of_report

rules.add_perm("reports.view_report", can_write | is_cc_of_report)
add_sop_perm("reports.change_report", can_write)
add_sop_perm("reports.decide_report", is_cc_of_report)
rules.add_perm("reports.list_reports", is_can_of_cycle | is_cc_or_ca_of_cycle)
# Whether the person starts reports at all (the list's action column), then per quarter (an unsaved
# ActivityReport of the quarter asked for).
add_sop_perm("reports.open_report", is_can_of_cycle | is_host_ca_in_cycle)
add_sop_perm("reports.open_quarter_report", is_can_of_held_quarter | is_ca_of_held_host)
# The programme dashboard: the people who run the programme (CAN) and approve it (CC), for
# their own province (the views read no other).
rules.add_perm("reports.view_dashboard", is_can | is_cc)


def _holds(user, cycle, *roles) -> bool:
    """A role in the cycle's province, held in the cycle's year or now: the evidence of a past
    year is asked for by whoever holds the role when the assessors come."""
    return any(
        cycle.province_id in held_roles(user, year).offices_for(*roles)
        for year in {cycle.year, None}
    )


@rules.predicate
def is_can_for_evidence(user, cycle):
    return _holds(user, cycle, *CAN_ROLES)


@rules.predicate
def is_cc_for_evidence(user, cycle):
    return _holds(user, cycle, RoleAssignment.Role.CC)


# The evidence pack (bukti dukung) of a year or a quarter: the CAN builds it, the CC reads it.
rules.add_perm("reports.view_evidence", is_can_for_evidence | is_cc_for_evidence)
rules.add_perm("reports.build_evidence", is_can_for_evidence)
