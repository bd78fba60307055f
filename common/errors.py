"""The one base of every refusal a service gives: the message is for the person, as is.

A service raises a subclass (VoteError, ReportError...) with a sentence in Indonesian saying why
the action is not allowed now; views show it through `common.views.showing_refusal`, on the form
when there is one (what was typed stays) or as a message on the next page.
"""


class ServiceError(Exception):
    """An action a service refused; `message` says why, to the person who asked."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""
