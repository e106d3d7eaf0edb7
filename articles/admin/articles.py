from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.editorial.quality import refresh_quality_flags

from ..models import (
    LINK_TARGETS,
    Article,
    GlossaryTerm,
    LinkDecision,
    QualityFlag,
    Region,
    StaleVersion,
)
from .change_form import change_form_context
from .forms import ArticleForm
from .queue import SAVE_AND_NEXT, QueueMixin
from .revisions import RevisionsMixin, restored_note

# What readers see of a release beside its text: restored with it from a
# revision, and shown together in the change form.
PUBLICATION_FIELDS = ("slug", "source", "source_url", "published_on", "date_precision", "date_text")


class ProvinceFilter(admin.SimpleListFilter):
    """Provinces only (a bounded list), each including its cities and counties."""

    title = "region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        if getattr(request, "for_queue", False):
            return ()  # the queue filters with the value and never shows the choices
        return [(str(region.pk), region.name) for region in Region.objects.provinces()]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            region = Region.objects.filter(pk=self.value()).first()
            if region:
                return queryset.in_region(region)
        return queryset


class OrganizationFilter(admin.SimpleListFilter):
    """A search box rather than a list: there can be thousands of organizations."""

    title = "organization"
    parameter_name = "organization"
    template = "admin/articles/input_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        links = Article.organizations.through.objects
        if value.isdigit():
            links = links.filter(organization_id=value)
        else:
            links = links.filter(
                Q(organization__name__icontains=value) | Q(organization__aliases__icontains=value)
            )
        return queryset.filter(pk__in=links.values("article_id"))

    def choices(self, changelist):
        kept = []
        for key, values in changelist.get_filters_params().items():
            if key == self.parameter_name:
                continue
            for value in values if isinstance(values, list) else [values]:
                kept.append((key, value))
        yield {
            "parameter_name": self.parameter_name,
            "value": self.value() or "",
            "kept": kept,
            "reset_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


class OpenFlagsFilter(admin.SimpleListFilter):
    title = "quality flags"
    parameter_name = "flags"

    def lookups(self, request, model_admin):
        return [("open", "open flags"), ("none", "no open flags")]

    def queryset(self, request, queryset):
        flagged = QualityFlag.objects.open().values("article_id")
        if self.value() == "open":
            return queryset.filter(pk__in=flagged)
        if self.value() == "none":
            return queryset.exclude(pk__in=flagged)
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        if getattr(request, "for_queue", False):
            return ()
        return [(str(year), str(year)) for year in reversed(Article.objects.years_spanned())]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(published_on__year=int(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(QueueMixin, RevisionsMixin, SimpleHistoryAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    # Few, narrow columns beside the title: readable at 1280 px with the filters.
    list_display = ("title", "status", "open_flags", "source", "published_on", "last_edited")
    list_display_links = ("title",)
    list_filter = (
        "translation_status",
        OpenFlagsFilter,
        "has_conflict",
        "source",
        ProvinceFilter,
        OrganizationFilter,
        YearFilter,
    )
    list_select_related = ("source", "last_edited_by")
    list_per_page = 50
    show_full_result_count = False  # a second COUNT(*) over 100,000 rows buys nothing
    search_fields = ("title", "body")
    search_help_text = "Search titles and texts."
    date_hierarchy = "published_on"
    # Import conflicts first (readers see a correction the new machine text
    # contradicts), then by status, whose stored values sort awaiting
    # translation, in review, machine, reviewed: the order of the worklist index.
    ordering = ("-has_conflict", "translation_status", "-published_on", "-id")
    autocomplete_fields = ("source", "regions", "organizations", "issuing_body")
    filter_horizontal = ("topics", "facets")
    actions = ("mark_reviewed", "send_back_to_review", "recheck_quality")
    readonly_fields = (
        "translation_status",
        "reviewed_at",
        "last_edited_by",
        "last_edited_at",
        "created_at",
        "updated_at",
    )
    restore_fields = ("title", "body", *PUBLICATION_FIELDS)

    class Media:
        css = {"all": ["editorial/editorial.css"]}
        js = ["editorial/workbench.js"]

    def get_fieldsets(self, request, obj=None):
        correction = ["title", "body", "revision_note", "base_version"]
        if obj is not None and obj.has_conflict:
            correction.insert(0, "conflict_resolution")
        if obj is not None and obj.original_body.strip() and obj.machine_body.strip():
            correction.insert(correction.index("body") + 1, "pairing")
        return (
            (None, {"fields": correction}),
            ("Links", {"fields": ("regions", "organizations", "topics")}),
            (
                "Policy",
                {
                    # Assigned at import and seldom changed: folded, so the text and
                    # its links come first.
                    "classes": ("collapse",),
                    "description": "Assigned at import from the rules under Policy facets; "
                    "what you choose here stays through later imports.",
                    "fields": ("document_type", "issuing_body", "facets"),
                },
            ),
            (
                "Original",
                {
                    # The workbench rows show it; this is for mending the original itself.
                    "classes": ("collapse",),
                    "description": "The original is shown beside the translation above. "
                    "Edit it here only where the import got the original itself wrong.",
                    "fields": ("original_title", "original_body", "original_url"),
                },
            ),
            (
                "Publication",
                {
                    "classes": ("collapse",),
                    "fields": (*PUBLICATION_FIELDS, "retrieved_at"),
                },
            ),
            (
                "Record",
                {
                    "classes": ("collapse",),
                    # What editors read but never type: the read-only fields.
                    "fields": self.readonly_fields,
                },
            ),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_open_flag_count()

    @admin.display(description="status", ordering="translation_status")
    def status(self, obj):
        status = format_html(
            '<span class="status status-{}">{}</span>',
            obj.translation_status,
            obj.get_translation_status_display(),
        )
        if obj.has_conflict:
            return format_html('{} <span class="status status-conflict">conflict</span>', status)
        return status

    @admin.display(description="last edited", ordering="last_edited_at")
    def last_edited(self, obj):
        if obj.last_edited_at is None:
            return ""
        return f"{obj.last_edited_by or '—'}, {timezone.localtime(obj.last_edited_at):%Y-%m-%d}"

    @admin.display(description="flags", ordering="open_flag_count")
    def open_flags(self, obj):
        return obj.open_flag_count or ""

    # Saving -----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        notes = []
        # An editor's choice of either stays through later imports.
        if "document_type" in form.changed_data:
            obj.document_type_confirmed = True
        if "issuing_body" in form.changed_data:
            obj.issuing_body_confirmed = True
        if change:
            resolution = form.cleaned_data.get("conflict_resolution")
            if resolution == "take":
                obj.title, obj.body = obj.machine_title, obj.machine_body
                notes.append("Took the new machine text")
            elif resolution == "keep":
                notes.append("Kept the correction over the new machine text")
            if resolution:
                obj.has_conflict = False
                obj.superseded_machine_title = obj.superseded_machine_body = ""
            text_changed = {"title", "body"} & set(form.changed_data) or resolution == "take"
            if text_changed:
                obj.start_review()
            if "_mark_reviewed" in request.POST:
                obj.set_reviewed()
                notes.append("Marked reviewed")
        if form.cleaned_data.get("pairing") is not None:
            obj.alignment = form.cleaned_data["pairing"]
            notes.append("Paired the paragraphs anew")
        note = form.cleaned_data.get("revision_note") or "; ".join(notes)
        obj.mark_edited(request.user)
        obj._change_reason = note[:100] or None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        fields = {target: f"{target}s" for target in LINK_TARGETS}  # the form's fields
        before = {
            target: {entry.pk for entry in form.initial.get(name, [])}
            for target, name in fields.items()
        }
        super().save_related(request, form, formsets, change)
        article = form.instance
        if change:
            after = {
                target: {entry.pk for entry in form.cleaned_data.get(name, [])}
                for target, name in fields.items()
            }
            self.record_link_decisions(request, article, before, after)
        refresh_quality_flags(article)

    def record_link_decisions(self, request, article, before, after):
        """Remember links the editor added or removed, so automatic re-linking
        (Article.decided_links) never undoes them."""
        for target in LINK_TARGETS:
            for pk, action in [
                *((pk, LinkDecision.Action.ADD) for pk in after[target] - before[target]),
                *((pk, LinkDecision.Action.REMOVE) for pk in before[target] - after[target]),
            ]:
                LinkDecision.objects.update_or_create(
                    article=article,
                    **{f"{target}_id": pk},
                    defaults={
                        "action": action,
                        "decided_by": request.user,
                        "decided_at": timezone.now(),
                    },
                )

    def response_change(self, request, obj):
        if "_mark_reviewed" in request.POST:
            self.message_user(request, f"“{obj}” is marked reviewed.", messages.SUCCESS)
        if SAVE_AND_NEXT in request.POST:
            self.message_user(request, f"“{obj}” was saved.", messages.SUCCESS)
            return self.queue_response(request, obj, getattr(request, "queue_next_pk", None))
        return super().response_change(request, obj)

    # The change form --------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context.update(self.editorial_context(article))
            extra_context["changelist_filters"] = request.GET.get("_changelist_filters", "")
            if request.method == "POST" and SAVE_AND_NEXT in request.POST:
                request.queue_next_pk = self.queue_next_pk(request, article)
            else:
                extra_context.update(self.queue_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def editorial_context(self, article):
        return change_form_context(article)

    # Actions ----------------------------------------------------------------

    def _walk_status(self, request, queryset, status, note):
        done = stale = 0
        for article in queryset.exclude(translation_status=status).iterator():
            try:
                if status == Article.Status.REVIEWED:
                    article.mark_reviewed(request.user)  # its note is "Marked reviewed"
                else:
                    article.translation_status = status
                    article.save_revision(request.user, note)
            except StaleVersion:
                stale += 1
            else:
                done += 1
        self.message_user(request, f"{done} article(s): {note.lower()}.", messages.SUCCESS)
        if stale:
            self.message_user(
                request, f"{stale} article(s) changed meanwhile and were left.", messages.WARNING
            )

    @admin.action(description="Mark selected articles reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._walk_status(request, queryset, Article.Status.REVIEWED, "Marked reviewed")

    @admin.action(description="Send selected articles back to review", permissions=["change"])
    def send_back_to_review(self, request, queryset):
        self._walk_status(request, queryset, Article.Status.IN_REVIEW, "Sent back to review")

    @admin.action(description="Re-run the quality checks", permissions=["change"])
    def recheck_quality(self, request, queryset):
        terms = list(GlossaryTerm.objects.all())
        with transaction.atomic():
            for article in queryset.iterator():
                refresh_quality_flags(article, terms=terms)
        open_count = QualityFlag.objects.open().filter(article__in=queryset).count()
        self.message_user(request, f"Checked. {open_count} open flag(s).", messages.SUCCESS)

    # Revisions --------------------------------------------------------------

    def restore_revision(self, request, obj, record):
        self.copy_revision(obj, record)
        if obj.is_corrected:
            obj.start_review()
        obj.save_revision(request.user, restored_note(record))
        refresh_quality_flags(obj)
