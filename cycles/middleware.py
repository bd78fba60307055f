"""The year a person works in: the one they chose in the timeline's year switcher."""

from .selectors.cycles import CHOSEN_YEAR


class ChosenYearMiddleware:
    """Hand the session's chosen year to current_cycle() through the signed-in person, so every
    page of the programme shows the cycle of that year."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        year = request.session.get(CHOSEN_YEAR) if hasattr(request, "session") else None
        if year and request.user.is_authenticated:
            request.user.chosen_cycle_year = year
        return self.get_response(request)
