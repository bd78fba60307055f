from django.contrib import admin

from .models import Certificate, Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "subject", "kind", "status"]
    list_filter = ["status", "kind", "office", "year"]
    search_fields = ["number", "subject"]
    readonly_fields = [f.name for f in Letter._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["serial", "holder_name", "kind", "event_title", "event_date", "revoked"]
    list_filter = ["kind", "revoked", "issuer_office", "year"]
    search_fields = ["serial", "holder_name", "event_title"]
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
