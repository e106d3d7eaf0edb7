from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..models import QualityFlag
from .forms import CleanTextModelForm


class OpenFilter(admin.SimpleListFilter):
    """Open flags by default: the list is a work queue."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "open"), ("dismissed", "dismissed"), ("all", "all")]

    def value(self):
        return super().value() or "open"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "dismissed":
            return queryset.dismissed()
        return queryset


@admin.register(QualityFlag)
class QualityFlagAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ("kind", "article_link", "field", "in_context", "message", "dismissed_by")
    list_filter = (OpenFilter, "kind", "field")
    list_select_related = ("article", "dismissed_by")
    search_fields = ("article__title", "text")
    ordering = ("-article__published_on", "article_id", "field", "start")
    actions = ("dismiss", "reopen")
    list_per_page = 50
    show_full_result_count = False

    class Media:
        css = {"all": ["editorial/editorial.css"]}

    def has_add_permission(self, request):
        return False  # flags come from the checks

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def lookup_allowed(self, lookup, value, request=None):
        # The article form links to its flags with ?article__id__exact=…
        return lookup == "article__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    @admin.display(description="where")
    def in_context(self, obj):
        excerpt, text = obj.excerpt, obj.text
        at = excerpt.find(text)
        if at < 0:
            return excerpt
        return format_html(
            '{}<mark class="flagged">{}</mark>{}',
            excerpt[:at],
            text,
            excerpt[at + len(text) :],
        )

    @admin.action(description="Dismiss selected flags (false alarms)", permissions=["change"])
    def dismiss(self, request, queryset):
        count = queryset.filter(dismissed=False).update(
            dismissed=True, dismissed_by=request.user, dismissed_at=timezone.now()
        )
        self.message_user(request, f"Dismissed {count} flag(s).", messages.SUCCESS)

    @admin.action(description="Reopen selected flags", permissions=["change"])
    def reopen(self, request, queryset):
        count = queryset.filter(dismissed=True).update(
            dismissed=False, dismissed_by=None, dismissed_at=None
        )
        self.message_user(request, f"Reopened {count} flag(s).", messages.SUCCESS)
