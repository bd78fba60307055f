from common.errors import ServiceError


class EventError(ServiceError):
    """A refused action on an event; its message is shown to the user as is (Indonesian)."""
