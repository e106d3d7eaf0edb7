from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.timezone import localtime

from articles.editorial.cleaning import clean_multiline, clean_text_field, paragraphs
from articles.editorial.workbench import format_pairing, parse_pairing, workbench_rows
from articles.importer.alignment import align_paragraphs

from ..models import Article
from .workbench import ParallelTextWidget


class CleanTextMixin:
    """Every text an editor saves is cleaned as imported text is: a control
    character pasted into a title would otherwise break every feed."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and name in self.fields:
                cleaned[name] = (
                    clean_multiline(value) if self._is_multiline(name) else clean_text_field(value)
                )
        return cleaned

    def _is_multiline(self, name):
        if isinstance(self.fields[name].widget, forms.Textarea):
            return True
        try:
            return isinstance(self._meta.model._meta.get_field(name), models.TextField)
        except FieldDoesNotExist:
            return False


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """The admin's form for every model without a form of its own."""


class ArticleForm(CleanTextMixin, forms.ModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, initial=1)
    revision_note = forms.CharField(
        max_length=100,
        required=False,
        help_text="Optional: what you changed and why. Shown in the history.",
    )
    conflict_resolution = forms.ChoiceField(
        label="Resolve the import conflict",
        choices=[
            ("", "Decide later"),
            ("keep", "Keep my correction"),
            ("take", "Take the new machine text (replaces the correction)"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    pairing = forms.CharField(
        label="Paragraph pairing",
        required=False,
        help_text="Original = machine paragraphs, row by row: “2=2-3; 3=” pairs original 2 "
        "with machine 2 and 3, leaves original 3 alone. “auto” pairs them by length again.",
    )

    class Meta:
        model = Article
        fields = ("title", "body")  # the admin adds the rest from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale = None
        article = self.instance
        if article.pk:
            self.fields["base_version"].initial = article.version
            if "title" in self.fields:
                self.fields["title"].widget = ParallelTextWidget(
                    article.machine_title, original=article.original_title, single_line=True
                )
            if "body" in self.fields:
                self.fields["body"].widget = ParallelTextWidget(
                    article.machine_body,
                    original=article.original_body,
                    alignment=article.alignment,
                )
            if "retrieved_at" in self.fields:
                # The admin's date and time boxes are captioned, not labelled.
                date, time = self.fields["retrieved_at"].widget.widgets
                date.attrs["aria-label"] = "Retrieved at: date"
                time.attrs["aria-label"] = "Retrieved at: time"
            if "pairing" in self.fields:
                if article.original_body.strip() and article.machine_body.strip():
                    rows = workbench_rows(
                        article.original_body, article.machine_body, "", article.alignment
                    )
                    self.fields["pairing"].initial = format_pairing(
                        [(row.original_numbers, row.machine_numbers) for row in rows]
                    )
                else:
                    del self.fields["pairing"]  # nothing to pair

    def clean(self):
        cleaned = super().clean()
        if "pairing" in self.fields:
            try:
                cleaned["pairing"] = self.pairing_alignment(cleaned.get("pairing") or "")
            except ValueError as error:
                self.add_error("pairing", str(error))
        return cleaned

    def pairing_alignment(self, text):
        """The editor's pairing as `Article.alignment`; None to leave it as it is."""
        text = text.strip()
        if not text or "pairing" not in self.changed_data:
            return None
        article = self.instance
        original = self.cleaned_data.get("original_body", article.original_body)
        if text.casefold() == "auto":
            return align_paragraphs(original, article.machine_body)
        return parse_pairing(text, len(paragraphs(original)), len(paragraphs(article.machine_body)))

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.pk:
            return
        expected = self.cleaned_data["base_version"]
        # Inside the admin's transaction: the claim and the save commit together.
        if not self.instance.claim_version(expected):
            self.stale = StaleEdit(self.instance.pk, expected)
            self.add_error(
                None,
                f"Someone else saved this article ({self.stale.summary}) while you were "
                "editing it. Nothing was saved. Their changes are shown below; your text is "
                "still in the form. Save again to replace their version with yours.",
            )
            # Saving again is then a deliberate decision against the version seen.
            data = self.data.copy()
            data["base_version"] = self.stale.current.version
            self.data = data


class StaleEdit:
    """What changed between the version a form started from and now."""

    def __init__(self, pk, expected):
        self.current = Article.objects.select_related("last_edited_by").get(pk=pk)
        self.base = (
            self.current.history.filter(version=expected)
            .order_by("-history_date", "-history_id")
            .first()
        )

    @property
    def summary(self):
        who = self.current.last_edited_by or "an import"
        when = self.current.last_edited_at
        return f"by {who}, {localtime(when):%Y-%m-%d %H:%M}" if when else f"by {who}"

    @cached_property
    def changes(self):
        """What their revisions changed since the form's version: only
        the fields, and in the text only the paragraphs, that differ."""
        from .revisions import field_changes

        if self.base is None:
            return []
        latest = self.current.history.order_by("-history_date", "-history_id").first()
        return field_changes(self.base, latest, whole_texts=False)

    @property
    def changed_fields(self):
        return [label for label, diff in self.changes]
