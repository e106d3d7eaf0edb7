from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from ..models import LinkDecision, Organization, PolicyFacet, Region, Source, Topic
from .forms import CleanTextModelForm
from .revisions import RevisionsMixin


@admin.register(Region)
class RegionAdmin(RevisionsMixin, SimpleHistoryAdmin):
    form = CleanTextModelForm
    list_display = ("name", "name_zh", "kind", "parent", "code")
    list_filter = ("kind",)
    search_fields = ("name", "name_zh", "aliases", "code", "slug")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}

    class Media:
        css = {"all": ["editorial/editorial.css"]}


@admin.register(Organization)
class OrganizationAdmin(RevisionsMixin, SimpleHistoryAdmin):
    form = CleanTextModelForm
    list_display = ("name", "name_zh", "kind", "region", "article_count", "needs_review")
    list_filter = ("needs_review", "kind")
    search_fields = ("name", "name_zh", "aliases")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("-needs_review", "name")
    actions = ("confirm", "merge")

    class Media:
        css = {"all": ["editorial/editorial.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.action(description="Confirm selected organizations (reviewed)", permissions=["change"])
    def confirm(self, request, queryset):
        confirmed = 0
        for organization in queryset.filter(needs_review=True):
            organization.needs_review = False
            organization._history_user = request.user
            organization._change_reason = "Confirmed"
            organization.save()
            confirmed += 1
        self.message_user(request, f"Confirmed {confirmed} organization(s).", messages.SUCCESS)

    @admin.action(
        description="Merge selected organizations into one…", permissions=["change", "delete"]
    )
    def merge(self, request, queryset):
        organizations = list(queryset.order_by("needs_review", "name"))
        if len(organizations) < 2:
            self.message_user(request, "Select two or more organizations to merge.", messages.ERROR)
            return None
        by_pk = {str(org.pk): org for org in organizations}
        target = by_pk.get(request.POST.get("target", ""))
        if request.POST.get("confirm") and target:
            names = []
            with transaction.atomic():
                for organization in organizations:
                    if organization.pk != target.pk:
                        names.append(organization.name)
                        organization.merge_into(target, user=request.user)
            self.message_user(
                request,
                f"Merged {', '.join(names)} into “{target}”.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge organizations",
            "opts": self.opts,
            "organizations": organizations,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/organization/merge.html", context)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ("name", "name_zh", "url", "region")
    search_fields = ("name", "name_zh", "aliases")
    autocomplete_fields = ("region",)
    list_select_related = ("region",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ("name", "name_zh", "slug")
    search_fields = ("name", "name_zh", "keywords")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(PolicyFacet)
class PolicyFacetAdmin(admin.ModelAdmin):
    """The rules that give releases their document type, instruments and
    sectors at import (levels follow the issuing body and the places)."""

    form = CleanTextModelForm
    list_display = ("name", "kind", "name_zh", "slug", "position")
    list_filter = ("kind",)
    list_editable = ("position",)
    search_fields = ("name", "name_zh", "keywords", "title_keywords")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LinkDecision)
class LinkDecisionAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ("article", "action", "target", "decided_by", "decided_at")
    list_filter = ("action",)
    list_select_related = ("article", "region", "organization", "topic", "facet", "decided_by")
    autocomplete_fields = ("article", "region", "organization")
    search_fields = (
        "article__title",
        "region__name",
        "organization__name",
        "topic__name",
        "facet__name",
    )
    readonly_fields = ("decided_by", "decided_at")

    def save_model(self, request, obj, form, change):
        obj.decided_by = request.user
        super().save_model(request, obj, form, change)
