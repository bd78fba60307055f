"""The product's URLs plus two views of the bench's own:
- the bare view: a stock view behind a session, the reference every page's throughput and CPU
  are read against (the cost of Django, the session and the signed-in person, and nothing of
  Serawai's own);
- the layout floor: the product's layout (base.html: navigation, bell, role menus) around an
  empty page, what every signed-in page costs before its own content."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from serawai.urls import urlpatterns as product_urls


@login_required
def bare(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


@login_required
def layout(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare", bare, name="bench_bare"),
    path("bench/layout", layout, name="bench_layout"),
    *product_urls,
]
