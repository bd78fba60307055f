from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EmailPreference, Notification, OutboxMail
from .services import kick_outbox


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "key", "recipient__full_name", "recipient__nip"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"
    readonly_fields = ["key", "created_at"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to_address", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to_address", "subject"]
    raw_id_fields = ["recipient", "notification"]
    readonly_fields = ["sending_since", "sent_at", "last_error", "attempts", "created_at"]
    actions = ["send_again"]

    @admin.action(description=_("Antrekan ulang untuk dikirim"))
    def send_again(self, request, queryset):
        count = queryset.exclude(status=OutboxMail.Status.SENDING).update(
            status=OutboxMail.Status.PENDING,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now(),
        )
        kick_outbox()
        self.message_user(request, _("%(n)d e-mail diantrekan.") % {"n": count}, messages.SUCCESS)


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["employee", "kind", "muted"]
    list_filter = ["kind"]
    raw_id_fields = ["employee"]
