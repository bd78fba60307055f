"""The product's URLs plus the bench's bare view: a stock view behind a session, the reference
every page's throughput and CPU are read against (the cost of Django, the session and the
signed-in person, and nothing of Serawai's own)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from serawai.urls import urlpatterns as product_urls


@login_required
def bare(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("bench/bare", bare, name="bench_bare"), *product_urls]
