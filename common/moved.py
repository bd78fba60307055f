"""Addresses that moved: the old path answers a permanent redirect to the page's new path.

Links in sent e-mails, calendar subscriptions and printed QR codes cannot be updated, so an old
path keeps answering for a while. Each app lists its old paths beside the URL name of the page
they now live at (`moved("events", {"<int:pk>/kesiapan/": "readiness"})`); the new address is
reversed from that name with the captured arguments, and the query string is kept.

A GET or HEAD gets 301. Any other method gets 308, which tells the client to repeat the same
method with the same body: a form posted from a page opened before the move is not turned into
a GET that drops what was typed.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import path
from django.views.generic import RedirectView

KEEP_METHOD = {"GET", "HEAD"}


class MovedView(RedirectView):
    """Redirect to `pattern_name` reversed with the captured arguments, query string kept."""

    permanent = True
    query_string = True

    def dispatch(self, request, *args, **kwargs):
        return HttpResponsePermanentRedirect(
            self.get_redirect_url(*args, **kwargs),
            preserve_request=request.method not in KEEP_METHOD,  # 308 instead of 301
        )


def moved(namespace: str, old_to_name: dict[str, str]) -> list:
    """URL patterns for old routes (relative to where the app is included), each redirecting to
    the page named `namespace:name`. An old route captures the same arguments, with the same
    names, as the new one."""
    return [
        path(old, MovedView.as_view(pattern_name=f"{namespace}:{name}"))
        for old, name in old_to_name.items()
    ]
