"""The refusal the evaluations services share (ratings and awards)."""

from common.errors import ServiceError


class EvaluationError(ServiceError):
    """A rating or award the SOP does not allow; the message says why, for the page."""
