"""The product speaks Bahasa Indonesia unless the person chose English (SOP.md "Language")."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Activate the language the person chose with the language switcher (its cookie), else
    Indonesian. Unlike Django's LocaleMiddleware, the browser's Accept-Language never switches
    it: an English-speaking browser still gets the Indonesian product until its user chooses.
    The language is given back when the response is made, so nothing that runs later in the same
    thread (a test, a task run in process) inherits one person's choice."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
