"""Readers' reports of translation problems: the editors' queue."""

from django.contrib import admin

from ..models import ProblemReport
from .forms import CleanTextModelForm


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
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
