from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.editorial.quality import refresh_quality_flags

from ..models import GlossaryTerm, QualityFlag, StaleVersion
from .forms import CleanTextModelForm

# What the change form's one-click dismissal offers; the first is the default.
DISMISSAL_REASONS = (
    "Not a mistake here",
    "A proper name or a quotation",
    "The original says so",
)


def back_to_article(request, flag, anchor=""):
    """The article's change form, in the list the editor came from."""
    url = reverse("admin:articles_article_change", args=[flag.article_id])
    filters = request.POST.get("_changelist_filters", "")
    if filters:
        url += "?" + urlencode({"_changelist_filters": filters})
    return HttpResponseRedirect(url + anchor)


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
    list_display = (
        "kind",
        "article_link",
        "field",
        "in_context",
        "message",
        "dismissed_by",
        "dismissal_reason",
    )
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

    def get_urls(self):
        return [
            path(
                "<int:flag_id>/fix/",
                self.admin_site.admin_view(require_POST(self.fix_view)),
                name="articles_qualityflag_fix",
            ),
            path(
                "<int:flag_id>/dismiss/",
                self.admin_site.admin_view(require_POST(self.dismiss_view)),
                name="articles_qualityflag_dismiss",
            ),
            *super().get_urls(),
        ]

    def fix_view(self, request, flag_id):
        """Apply a glossary flag's rendering as a revision of its article."""
        flag = get_object_or_404(QualityFlag.objects.select_related("article"), pk=flag_id)
        if not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        try:
            expected = int(request.POST.get("base_version", ""))
        except ValueError:
            raise Http404 from None
        terms = list(GlossaryTerm.objects.all())
        try:
            article = flag.apply_glossary_fix(request.user, terms, expected_version=expected)
        except StaleVersion:
            self.message_user(
                request,
                "Nothing was changed: someone saved this article since you opened it. "
                "Check the flag against the text below and try again.",
                messages.ERROR,
            )
            return back_to_article(request, flag)
        except ValueError as error:
            self.message_user(request, f"Nothing was changed: {error}", messages.ERROR)
            return back_to_article(request, flag)
        refresh_quality_flags(article, terms=terms)
        wrong, right = flag.glossary_fix(terms)
        self.message_user(
            request, f"Replaced “{wrong}” with “{right}”: a new revision.", messages.SUCCESS
        )
        number = flag.paragraph_number()
        return back_to_article(request, flag, f"#body-paragraph-{number}" if number else "")

    def dismiss_view(self, request, flag_id):
        flag = get_object_or_404(QualityFlag, pk=flag_id)
        if not self.has_change_permission(request, flag):
            raise PermissionDenied
        reason = request.POST.get("reason", "").strip() or DISMISSAL_REASONS[0]
        if not flag.dismissed:
            flag.dismiss(request.user, reason)
        self.message_user(request, f"Dismissed “{flag.text}”: {reason}.", messages.SUCCESS)
        return back_to_article(request, flag)

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
            dismissed=True,
            dismissed_by=request.user,
            dismissed_at=timezone.now(),
            dismissal_reason="False alarm (dismissed from the work queue)",
        )
        self.message_user(request, f"Dismissed {count} flag(s).", messages.SUCCESS)

    @admin.action(description="Reopen selected flags", permissions=["change"])
    def reopen(self, request, queryset):
        count = queryset.filter(dismissed=True).update(
            dismissed=False, dismissed_by=None, dismissed_at=None, dismissal_reason=""
        )
        self.message_user(request, f"Reopened {count} flag(s).", messages.SUCCESS)
