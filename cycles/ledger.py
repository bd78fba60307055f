"""The step ledger across apps: cycles owns steps 1-5, events registers its steps 6-11.

Apps further down the import chain register their concrete `StepRecord` models here in their
AppConfig.ready(), so that the timeline and the deadline sweep see every step without `cycles`
importing them.
"""

from django.apps import apps

_extra: list[str] = []


def register_step_model(label: str) -> None:
    """Register a concrete StepRecord model by its label, e.g. "events.EventStep"."""
    if label not in _extra:
        _extra.append(label)


def step_models():
    """CycleStep first, then every registered step model."""
    return [apps.get_model("cycles", "CycleStep"), *(apps.get_model(lbl) for lbl in _extra)]
