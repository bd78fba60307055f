"""The product speaks Bahasa Indonesia unless the person chose English (SOP.md "Language");
an address opened the wrong way answers with a page of the layout, not an empty one."""

from django.conf import settings
from django.template import loader
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


class MethodNotAllowedPageMiddleware:
    """Give an empty 405 (a GET on an address only its button reaches: a reload, the back button,
    a bookmark) the layout's error page with a way back. Stock Django has no handler405; the
    status and its Allow header stay as the view set them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not response.streaming:
            response.content = loader.get_template("405.html").render({}, request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
