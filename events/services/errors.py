"""The refusal the events services share (every module of events.services raises it)."""

from common.errors import ServiceError


class EventError(ServiceError):
    """A refused action on an event; its message is shown to the user as is (Indonesian)."""
