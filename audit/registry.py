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
    # Foreign keys from the object to an Office ("cycle.province", "office"); the entry belongs
    # to that office's province. None: the model belongs to no province, and its entries are
    # shown to superusers only. Checked against the models at start-up (check_province_paths).
    province: str | None
    exclude: tuple[str, ...] = field(default=())


AUDITED = [
    Audited("organization.RoleAssignment", "office"),
    Audited("cycles.Cycle", "province"),
    Audited("cycles.CalendarDay", "province"),
    Audited("cycles.Concept", "cycle.province"),
    Audited("voting.Vote", "cycle.province"),  # the vote's settings and status, never a choice
    Audited("voting.ProposalReopening", "cycle.province"),
    Audited("voting.TieDecision", "vote.cycle.province"),
    Audited("voting.ThemeProposal", "cycle.province"),
    Audited("voting.SelectedTheme", "cycle.province"),
    Audited("events.Event", "cycle.province"),
    Audited("events.CommitteeMember", "event.cycle.province"),
    # The thumbnail and the pixel size are derived from the photo: its upload is what is recorded.
    Audited("events.Photo", "event.cycle.province", exclude=("thumbnail", "width", "height")),
    # The extracted text is long and derived from the file: the file change is what is recorded.
    Audited("events.Material", "event.cycle.province", exclude=("text",)),
    Audited("events.Attendance", "event.cycle.province"),
    Audited("reports.ActivityReport", "cycle.province"),
    # Who asked for a year's or a quarter's evidence pack, and when.
    Audited("reports.EvidencePack", "cycle.province"),
    Audited("documents.Letter", "office"),  # issued, registered from outside, cancelled
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


@functools.cache
def trail_fields(model) -> frozenset[str]:
    """The fields whose changes the trail records and shows: the row's own concrete fields but
    its id, the parts of a generic relation (bookkeeping: a letter's subject names what it is
    about) and those its `Audited` entry leaves out. auditlog would otherwise record every
    reverse relation ("events", "steps", ...) as a field of the row."""
    from django.contrib.contenttypes.fields import GenericForeignKey

    entry = audited_models().get(model)
    left_out = set(entry.exclude if entry else ())
    for private in model._meta.private_fields:
        if isinstance(private, GenericForeignKey):
            left_out |= {private.ct_field, private.fk_field}
    return frozenset(
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in left_out
    )


def register_all() -> None:
    from auditlog.registry import auditlog

    for model in audited_models():
        if not auditlog.contains(model):
            auditlog.register(model, include_fields=sorted(trail_fields(model)))


def path_problem(model, path: str) -> str | None:
    """Why `path` does not lead from `model` through foreign keys to an Office, or None."""
    from django.core.exceptions import FieldDoesNotExist

    from organization.models import Office

    current = model
    for part in path.split("."):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return f"{current._meta.label} has no field {part!r}"
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            return f"{current._meta.label}.{part} is not a foreign key"
        current = field.related_model
    if current is not Office:
        return f"it ends at {current._meta.label}, not at organization.Office"
    return None


def check_province_paths(app_configs=None, **kwargs):
    """System check: every audited model exists and its province path leads to an Office, so
    that a wrong path stops the start instead of storing entries that every province sees."""
    from django.apps import apps
    from django.core.checks import Error

    errors = []
    for entry in AUDITED:
        try:
            model = apps.get_model(entry.model)
        except LookupError:
            errors.append(Error(f"audited model {entry.model} does not exist", id="audit.E001"))
            continue
        if entry.province is None:
            continue
        problem = path_problem(model, entry.province)
        if problem:
            errors.append(
                Error(
                    f"province path {entry.province!r} of {entry.model} is wrong: {problem}",
                    hint="Fix the path in audit/registry.py AUDITED.",
                    id="audit.E002",
                )
            )
    return errors


def province_id_of(obj, path: str | None):
    """The province of `obj` along `path` (an Office of any level: its province), or None."""
    if not path:
        return None
    value = obj
    for part in path.split("."):
        value = getattr(value, part)
        if value is None:
            return None
    province = value.province  # a kab/kota office belongs to its province; BPS RI to none
    return province.pk if province is not None else None


def recorded_actor_id(model, changes: dict) -> int | None:
    """The person a change records in the row itself as its maker (the one `*_by` field it
    sets: created_by, decided_by, cancelled_by, ...), or None when it sets none or several."""
    people = {
        str(values[1])
        for name, values in changes.items()
        if name.endswith("_by") and name in trail_fields(model)
    }
    people -= {"None", ""}
    if len(people) == 1 and (pk := people.pop()).isdigit():
        return int(pk)
    return None


def tag_province(sender, instance, log_entry=None, **kwargs):
    """Store the province of the changed object, so that each province sees only its own trail.

    A change made outside a request (a worker's task, the demo seed) reaches auditlog with no
    actor, though the service recorded who made it in the row (`by`): the entry takes that
    person, instead of reading "system" beside "created by: <name>"."""
    if log_entry is None:
        return
    entry = audited_models().get(sender)
    if entry is None:
        return
    data = dict(log_entry.additional_data or {})
    data["province"] = province_id_of(instance, entry.province)
    fields = {"additional_data": data}
    if log_entry.actor_id is None:
        actor_id = recorded_actor_id(sender, log_entry.changes_dict or {})
        if actor_id is not None:
            fields["actor_id"] = actor_id
    type(log_entry).objects.filter(pk=log_entry.pk).update(**fields)
    for name, value in fields.items():
        setattr(log_entry, name, value)
