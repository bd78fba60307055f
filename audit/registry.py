"""Which models keep an audit trail (django-auditlog), and the province each change belongs to.

Registered from `AuditConfig.ready()` so that no stage app has to import the audit app. A model
that does not exist (yet) is skipped. Ballots and anything that reveals a vote are NEVER listed:
the vote is secret (SOP step 4).
"""

import functools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Audited:
    model: str  # "app_label.ModelName"
    province: str  # attribute path from the object to its province Office ("" for none)
    exclude: tuple[str, ...] = field(default=())


AUDITED = [
    Audited("organization.RoleAssignment", "office.province"),
    Audited("cycles.Cycle", "province"),
    Audited("cycles.CalendarDay", ""),
    Audited("cycles.Concept", "cycle.province"),
    Audited("voting.Vote", "cycle.province"),  # the vote's settings and status, never a choice
    Audited("voting.ProposalReopening", "cycle.province"),
    Audited("voting.TieDecision", "vote.cycle.province"),
    Audited("voting.ThemeProposal", "cycle.province"),
    Audited("voting.SelectedTheme", "cycle.province"),
    Audited("events.Event", "cycle.province"),
    Audited("events.CommitteeMember", "event.cycle.province"),
    Audited("reports.ActivityReport", "event.cycle.province"),
]

# Never audited, whatever is added above: they would link a voter to a choice.
SECRET_MODELS = {
    "voting.ballot",
    "voting.ballotchoice",
    "voting.ballotboxentry",
    "voting.voterrecord",
    "evaluations.presenterrating",
    "evaluations.ratingboxentry",
    "evaluations.raterrecord",
}


def _lookup(model_label: str):
    from django.apps import apps

    try:
        return apps.get_model(model_label)
    except LookupError:
        return None


@functools.cache
def audited_models() -> dict:
    """{model class: Audited} for the listed models that exist in this code base."""
    found = {}
    for entry in AUDITED:
        if entry.model.lower() in SECRET_MODELS:
            continue
        model = _lookup(entry.model)
        if model is not None:
            found[model] = entry
    return found


def register_all() -> None:
    from auditlog.registry import auditlog

    for model, entry in audited_models().items():
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=list(entry.exclude))


def province_id_of(obj, path: str):
    if not path:
        return None
    value = obj
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value.pk


def tag_province(sender, instance, log_entry=None, **kwargs):
    """Store the province of the changed object, so that each province sees only its own trail."""
    if log_entry is None:
        return
    entry = audited_models().get(sender)
    if entry is None:
        return
    try:
        province_id = province_id_of(instance, entry.province)
    except Exception:  # noqa: BLE001 (a deleted parent must not break the save being audited)
        province_id = None
    data = dict(log_entry.additional_data or {})
    data["province"] = province_id
    type(log_entry).objects.filter(pk=log_entry.pk).update(additional_data=data)
    log_entry.additional_data = data
