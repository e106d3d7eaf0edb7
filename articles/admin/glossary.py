from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from articles.editorial.glossary import (
    apply_plans,
    candidate_articles,
    occurrences_in,
    plan_replacements,
)

from ..models import GlossaryTerm
from .forms import CleanTextModelForm
from .revisions import RevisionsMixin

OCCURRENCES_SHOWN_PER_ARTICLE = 200


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(RevisionsMixin, SimpleHistoryAdmin):
    form = CleanTextModelForm
    list_display = ("preferred", "chinese", "renderings")
    search_fields = ("preferred", "chinese", "wrong_renderings", "note")
    change_list_template = "admin/articles/glossaryterm/change_list.html"
    occurrences_per_page = 20  # articles per page, each with all its occurrences

    class Media:
        css = {"all": ["editorial/editorial.css"]}

    @admin.display(description="wrong renderings")
    def renderings(self, obj):
        return ", ".join(obj.rendering_list())

    def get_urls(self):
        return [
            path(
                "occurrences/",
                self.admin_site.admin_view(self.occurrences_view),
                name="articles_glossaryterm_occurrences",
            ),
            *super().get_urls(),
        ]

    def occurrences_view(self, request):
        """Every wrong rendering in context, to tick, preview and replace."""
        if not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        all_terms = list(GlossaryTerm.objects.all())
        term_id = request.GET.get("term") or request.POST.get("term") or ""
        terms = [term for term in all_terms if str(term.pk) == term_id] or all_terms
        url = reverse("admin:articles_glossaryterm_occurrences")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Wrong renderings in articles",
            "all_terms": all_terms,
            "term_id": term_id,
        }
        if request.method == "POST":
            plans = plan_replacements(request.POST.getlist("occurrence"))
            if request.POST.get("apply"):
                applied, skipped = apply_plans(plans, request.user)
                count = sum(len(plan.occurrences) for plan in plans if plan.article in applied)
                self.message_user(
                    request,
                    f"Replaced {count} occurrence(s) in {len(applied)} article(s); "
                    "each is a new revision.",
                    messages.SUCCESS,
                )
                if skipped:
                    self.message_user(
                        request,
                        f"{len(skipped)} article(s) changed since you looked and were left "
                        "alone: check them again.",
                        messages.WARNING,
                    )
                return HttpResponseRedirect(f"{url}?term={term_id}" if term_id else url)
            # Each replacement in its sentence: the whole text of a long
            # release would bury the one word that changes.
            context.update(
                title="Preview replacements",
                plans=[{"plan": plan} for plan in plans],
                keys=request.POST.getlist("occurrence"),
            )
            return TemplateResponse(request, "admin/articles/glossaryterm/preview.html", context)
        page = Paginator(candidate_articles(terms), self.occurrences_per_page).get_page(
            request.GET.get("page")
        )
        rows = [(article, occurrences_in(article, terms)) for article in page.object_list]
        # A page an editor can read and send: the first occurrences of each
        # article, the rest once these are replaced.
        shown = OCCURRENCES_SHOWN_PER_ARTICLE
        for article, found in rows:
            article.more_occurrences = max(0, len(found) - shown)
        context.update(page_obj=page, rows=[(a, found[:shown]) for a, found in rows if found])
        return TemplateResponse(request, "admin/articles/glossaryterm/occurrences.html", context)
