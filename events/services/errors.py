class EventError(Exception):
    """A refused action on an event; its message is shown to the user as is (Indonesian)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""
