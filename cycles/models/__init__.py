"""The cycle's models: the year's cycle, its step ledger and working-day calendar (cycle.py),
and step 1's concept (concept.py). Every model is imported here, so `cycles.models.X` works."""

from .concept import Concept
from .cycle import CalendarDay, Cycle, CycleStep, StepQuerySet, StepRecord

__all__ = ["CalendarDay", "Concept", "Cycle", "CycleStep", "StepQuerySet", "StepRecord"]
