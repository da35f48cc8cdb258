from django.contrib import admin

from notifications.models import Mailing, MailingItem, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Members' subscriptions, for support questions: read only."""

    list_display = ["name", "user", "kind", "frequency", "email_enabled", "reminder_days"]
    list_filter = ["kind", "frequency", "email_enabled", "reminder_days"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "kind",
        "list_key",
        "query",
        "target_type",
        "target_id",
        "created_at",
        "checked_until",
    ]
    exclude = ["feed_token"]

    def has_add_permission(self, request):
        return False


class MailingItemInline(admin.TabularInline):
    model = MailingItem
    fields = ["subscription", "change", "title", "detail"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    """The e-mails recorded for members: which were sent and which still wait."""

    list_display = ["__str__", "user", "created_at", "sent_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "key"]
    list_select_related = ["user"]
    readonly_fields = ["user", "kind", "key", "language", "created_at", "claimed_at", "sent_at"]
    exclude = ["token", "subscriptions"]
    inlines = [MailingItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
