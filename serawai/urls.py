from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from cycles.urls import moved_paths as cycles_moved
from events.urls import moved_paths as events_moved

urlpatterns = [
    path("", include("cycles.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("organization.urls")),
    path("notifications/", include("notifications.urls")),
    path("documents/", include("documents.urls")),
    path("verify/", include("documents.verify_urls")),
    path("voting/", include("voting.urls")),
    path("events/", include("events.urls")),
    path("reports/", include("reports.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("audit/", include("audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Old paths answer a permanent redirect to the new ones (common/moved.py). Outside the apps'
    # namespaces, so that no page rule (such as the past-cycle middleware's) applies to them.
    path("", include(cycles_moved)),
    path("events/", include(events_moved)),
]

if settings.SERAWAI_OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

if settings.DEBUG:
    # Uploaded photos in development; production serves MEDIA_ROOT from the proxy (deploy/).
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler500 = "common.views.server_error"
