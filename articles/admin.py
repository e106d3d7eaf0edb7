from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Organization, Region, Source, Topic


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_zh", "kind", "parent", "code")
    list_filter = ("kind",)
    search_fields = ("name", "name_zh", "aliases", "code", "slug")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "region", "needs_review")
    list_filter = ("needs_review", "kind")
    search_fields = ("name", "name_zh", "aliases")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "region")
    search_fields = ("name", "aliases")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "keywords")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "source", "published_on", "translation_status", "has_conflict")
    list_filter = ("translation_status", "has_conflict", "source")
    list_select_related = ("source",)
    search_fields = ("title", "body")
    date_hierarchy = "published_on"
    autocomplete_fields = ("source", "regions", "organizations")
    filter_horizontal = ("topics",)
    readonly_fields = ("machine_title", "machine_body", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "body", "translation_status")}),
        ("Machine translation", {"fields": ("machine_title", "machine_body")}),
        (
            "Publication",
            {
                "fields": (
                    "slug",
                    "source",
                    "source_url",
                    "published_on",
                    "date_precision",
                    "date_text",
                    "retrieved_at",
                )
            },
        ),
        ("Links", {"fields": ("regions", "organizations", "topics")}),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )


# Readers' reports (kept at the end of this module so it merges cleanly).
from .models import ProblemReport  # noqa: E402


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Readers' reports of translation problems. Nothing is published from
    here: an editor corrects the release itself, then accepts the report."""

    list_display = ("created_at", "article", "short_sentence", "status")
    list_filter = ("status", "created_at")
    list_select_related = ("article",)
    search_fields = ("sentence", "suggestion", "article__title")
    readonly_fields = ("article", "sentence", "suggestion", "email", "client_hash", "created_at")
    fields = readonly_fields[:4] + ("status", "created_at")
    actions = ("mark_accepted", "mark_rejected")
    date_hierarchy = "created_at"

    @admin.display(description="sentence")
    def short_sentence(self, report):
        return report.sentence[:80]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Mark selected reports as accepted")
    def mark_accepted(self, request, queryset):
        queryset.update(status=ProblemReport.Status.ACCEPTED)

    @admin.action(description="Mark selected reports as rejected")
    def mark_rejected(self, request, queryset):
        queryset.update(status=ProblemReport.Status.REJECTED)
