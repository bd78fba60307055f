"""Who may do what in step 11 (django-rules). Views also check the event's province (404)."""

import rules

from organization.rules import add_sop_perm, is_ca, is_can, is_cc, is_employee, is_event_team

# Aggregates only (never who gave which rating): the people who run and approve the programme.
can_view_recap = is_can | is_cc | is_ca | is_event_team | rules.is_superuser

rules.add_perm("evaluations.view_recap", can_view_recap)
add_sop_perm("evaluations.rate_organizer", is_can)
add_sop_perm("evaluations.issue_award_certificates", is_can)
rules.add_perm("evaluations.view_awards", is_employee)
