"""The questionnaire in the admin: editors draft a version with its dimensions, questions
and levels, publish it (after which every part is read-only) and start the next version
from a copy. Submitted checks are listed read-only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from digitalcheck import services
from digitalcheck.models import (
    Assessment,
    Dimension,
    DimensionScore,
    Level,
    Question,
    Questionnaire,
)


class FrozenWhenPublishedMixin:
    """Nothing of a published version can be changed, added or deleted here."""

    def questionnaire_of(self, obj):
        raise NotImplementedError

    def editable(self, obj) -> bool:
        questionnaire = self.questionnaire_of(obj) if obj is not None else None
        return questionnaire is None or not questionnaire.is_frozen

    def has_change_permission(self, request, obj=None):
        return self.editable(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        # An inline is asked about its parent; a model admin adds a new row of its own,
        # which the model's clean() refuses for a published version.
        if isinstance(self, admin.options.InlineModelAdmin):
            return self.editable(obj) and super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.editable(obj) and super().has_delete_permission(request, obj)


class DimensionInline(FrozenWhenPublishedMixin, admin.StackedInline):
    model = Dimension
    extra = 0
    show_change_link = True
    fields = ["position", "key", "name", "group", "theme", "target", "description"]

    def questionnaire_of(self, obj):
        return obj


@admin.register(Questionnaire)
class QuestionnaireAdmin(FrozenWhenPublishedMixin, admin.ModelAdmin):
    list_display = ["version", "title", "status", "published_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "published_at"]
    inlines = [DimensionInline]
    actions = ["publish", "new_version"]

    def questionnaire_of(self, obj):
        return obj

    @admin.action(description=_("Ausgewählte Entwürfe veröffentlichen"))
    def publish(self, request, queryset):
        for questionnaire in queryset:
            try:
                services.questionnaire_publish(questionnaire=questionnaire)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Version %(version)s nicht veröffentlicht: %(reason)s")
                    % {"version": questionnaire.version, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("Version %(version)s ist veröffentlicht.")
                    % {"version": questionnaire.version},
                )

    @admin.action(description=_("Neue Version als Entwurf anlegen"))
    def new_version(self, request, queryset):
        copies = [services.questionnaire_new_version(questionnaire=q) for q in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d neue Version als Entwurf angelegt.",
                "%(count)d neue Versionen als Entwurf angelegt.",
                len(copies),
            )
            % {"count": len(copies)},
        )


class LevelInline(FrozenWhenPublishedMixin, admin.TabularInline):
    model = Level
    extra = 0
    max_num = 5

    def questionnaire_of(self, obj):
        return obj.dimension.questionnaire


class QuestionInline(FrozenWhenPublishedMixin, admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True
    fields = ["position", "key", "text", "help_text", "weight"]

    def questionnaire_of(self, obj):
        return obj.questionnaire


@admin.register(Dimension)
class DimensionAdmin(FrozenWhenPublishedMixin, admin.ModelAdmin):
    list_display = ["name", "key", "questionnaire", "group", "target"]
    list_filter = ["questionnaire", "group"]
    list_select_related = ["questionnaire"]
    inlines = [QuestionInline]

    def questionnaire_of(self, obj):
        return obj.questionnaire


@admin.register(Question)
class QuestionAdmin(FrozenWhenPublishedMixin, admin.ModelAdmin):
    list_display = ["text", "key", "dimension", "weight"]
    list_filter = ["dimension__questionnaire"]
    list_select_related = ["dimension__questionnaire"]
    search_fields = ["text", "key"]
    inlines = [LevelInline]

    def questionnaire_of(self, obj):
        return obj.dimension.questionnaire


class DimensionScoreInline(admin.TabularInline):
    model = DimensionScore
    extra = 0
    fields = ["dimension", "score"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """The bodies' checks, read-only: their answers are the bodies' own."""

    list_display = [
        "__str__",
        "year",
        "status",
        "score",
        "size_class",
        "state",
        "is_published",
        "is_example",
    ]
    list_filter = ["status", "year", "size_class", "is_published", "is_example"]
    list_select_related = ["municipality", "association", "district", "state"]
    inlines = [DimensionScoreInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
