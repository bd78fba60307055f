from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("", include("cycles.urls")),
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
]

if settings.SERAWAI_OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]

if settings.DEBUG:
    # Uploaded photos in development; production serves MEDIA_ROOT from the proxy (deploy/).
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler500 = "common.views.server_error"
