from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from portal.choices import PublicationStatus
from portal.history import one_version
from portal.models import APIToken, FederalState, Partner, TaskFailure, Theme
from portal.services import (
    publication_mark_verified,
    publication_set_status,
    publication_stamp,
    task_failure_retry,
)
from portal.tokens import partner_create, scope_choices, token_create, token_revoke, validate_scopes

admin.site.site_header = _("Digitale Städte und Regionen – Redaktion")
admin.site.site_title = _("Redaktion Digitale Städte und Regionen")
admin.site.index_title = _("Inhalte pflegen")


def version_m2m_values(record) -> dict[str, list]:
    """The many-to-many values a historical record kept: {field name: [related keys]}."""
    return {
        field.name: list(
            getattr(record, field.name).values_list(get_m2m_reverse_field_name(field), flat=True)
        )
        for field in record._history_m2m_fields
    }


class HistoryAdmin(SimpleHistoryAdmin):
    """The editorial history of a model: who changed what and when, each version revertible,
    its many-to-many relations (themes, municipalities, …) included.

    simple-history fills the form of an old version with the object's current relations;
    here they come from the version, so reverting restores them too. Saving a form, or
    reverting to a version, records one version with the fields and relations together
    (``one_version``), in one transaction."""

    # simple-history's own list of versions styles its paginator with a style attribute,
    # which the Content-Security-Policy blocks; these use a class from the admin CSS.
    object_history_template = "admin/portal/object_history.html"
    object_history_list_template = "admin/portal/object_history_list.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with one_version():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        with one_version():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is None or not record._history_m2m_fields:
            return form
        kept = version_m2m_values(record)

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, keys in kept.items():
                    if name in self.fields:
                        self.initial[name] = keys

        return VersionForm


class PublishableAdmin(HistoryAdmin):
    """Base admin of editorial models: workflow filters, bulk actions, read-only timestamps,
    and the editorial history (``HistoryAdmin``)."""

    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    actions = ["publish", "send_to_review", "archive", "mark_verified"]
    publication_fieldset = (
        _("Veröffentlichung"),
        {"fields": ["status", "last_verified_on", "published_at", "created_at", "updated_at"]},
    )

    def save_model(self, request, obj, form, change):
        publication_stamp(obj)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, label):
        count = 0
        for instance in queryset:
            publication_set_status(instance=instance, status=status)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d Eintrag: %(label)s.", "%(count)d Einträge: %(label)s.", count)
            % {"count": count, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, _("veröffentlicht"))

    @admin.action(description=_("Ausgewählte zur Prüfung geben"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.REVIEW, _("in Prüfung"))

    @admin.action(description=_("Ausgewählte archivieren"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.ARCHIVED, _("archiviert"))

    @admin.action(description=_("Als heute geprüft markieren"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = 0
        for instance in queryset:
            publication_mark_verified(instance=instance)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Eintrag als geprüft markiert.",
                "%(count)d Einträge als geprüft markiert.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FederalState)
class FederalStateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation"]
    search_fields = ["name", "code", "abbreviation"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []


class APITokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Berechtigungen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ohne Häkchen liest das Token nur veröffentlichte Inhalte, mit einem höheren "
            "Anfragelimit als anonyme Zugriffe."
        ),
    )

    class Meta:
        model = APIToken
        fields = ["partner", "label", "scopes", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices()


class APITokenInline(admin.TabularInline):
    model = APIToken
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["label", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "created_at"]
    search_fields = ["name", "contact_email"]
    fields = ["name", "contact_email", "notes"]
    inlines = [APITokenInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = partner_create(name=obj.name, contact_email=obj.contact_email, notes=obj.notes)
        obj.pk, obj.account = created.pk, created.account
        obj._state.adding = False


@admin.register(APIToken)
class APITokenAdmin(admin.ModelAdmin):
    form = APITokenForm
    list_display = ["prefix", "label", "partner", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["partner", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "prefix", "partner__name"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["partner", "label", "scopes", "expires_at"]
        return ["partner", "label", "prefix", "scopes", "expires_at", *self.readonly_fields[1:]]

    def get_readonly_fields(self, request, obj=None):
        return ["partner", *self.readonly_fields] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            validate_scopes(obj.scopes)
            super().save_model(request, obj, form, change)
            return
        token, key = token_create(
            partner=obj.partner,
            label=obj.label,
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
            expires_at=obj.expires_at,
        )
        obj.pk = token.pk
        obj._state.adding = False
        request._new_api_key = key

    def response_add(self, request, obj, post_url_continue=None):
        key = getattr(request, "_new_api_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        # The key exists only in this response: it is not stored and not put in a message
        # (messages may travel in a cookie).
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "key": key,
            "title": _("Neues API-Token"),
        }
        response = TemplateResponse(request, "admin/portal/apitoken/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Ausgewählte Tokens widerrufen"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d Token widerrufen.", "%(count)d Tokens widerrufen.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """An account's second factors: administrators remove a lost one but never see a secret."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TaskFailure)
class TaskFailureAdmin(admin.ModelAdmin):
    """Background tasks that failed after their retries; the action runs them again."""

    list_display = ["task_name", "failed_at", "exception", "retried_at"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "exception"]
    readonly_fields = [field.name for field in TaskFailure._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Ausgewählte Aufgaben erneut starten"), permissions=["view"])
    def retry(self, request, queryset):
        for failure in queryset:
            task_failure_retry(failure=failure)
        self.message_user(
            request,
            ngettext(
                "%(count)d Aufgabe erneut gestartet.",
                "%(count)d Aufgaben erneut gestartet.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )
