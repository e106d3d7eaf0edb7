from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from articles.editorial.cleaning import clean_multiline, clean_text_field
from articles.editorial.diffs import changed, paragraph_pairs, word_diff

from ..models import Article


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


def text_rows(text, width=90):
    return max(2, len(text) // width + 2)


class ParallelTextWidget(forms.Widget):
    """The correction, paragraph by paragraph, beside the machine translation.

    Each paragraph is its own textarea (named body_0, body_1, …) next to the
    machine paragraph it corrects, with the word-level changes underneath.
    Emptying a textarea drops the paragraph; a blank line inside one splits it.
    A plain `body` value (a script, a test) is accepted too.
    """

    def __init__(self, machine="", *, single_line=False, attrs=None):
        super().__init__(attrs)
        self.machine = machine
        self.single_line = single_line

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data[name]
        parts, n = [], 0
        while f"{name}_{n}" in data:
            parts.append(data[f"{name}_{n}"].strip())
            n += 1
        separator = " " if self.single_line else "\n\n"
        return separator.join(part for part in parts if part)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_0" not in data

    def render(self, name, value, attrs=None, renderer=None):
        value = value or ""
        if self.single_line:
            pairs = [(self.machine, value)]
        else:
            pairs = paragraph_pairs(self.machine, value) or [("", "")]
        base_id = (attrs or {}).get("id", f"id_{name}")
        rows, number = [], 0
        for n, (machine, current) in enumerate(pairs):
            # Rows holding a paragraph of the correction are numbered as
            # paragraphs() numbers them, so a quality flag can link to its own.
            row_id = ""
            if current and not self.single_line:
                number += 1
                row_id = f"{name}-paragraph-{number}"
            field_id = base_id if n == 0 else f"{base_id}_{n}"
            label = f"{name.capitalize()}, paragraph {n + 1}" if not self.single_line else name
            if self.single_line:
                editor = format_html(
                    '<input type="text" name="{}_{}" id="{}" value="{}" class="vLargeTextField" '
                    'aria-label="{} (correction)">',
                    name,
                    n,
                    field_id,
                    current,
                    label,
                )
            else:
                editor = format_html(
                    '<textarea name="{}_{}" id="{}" rows="{}" aria-label="{} (correction)">'
                    "\n{}</textarea>",
                    name,
                    n,
                    field_id,
                    text_rows(current),
                    label,
                    current,
                )
            diff = (
                format_html('<div class="parallel-diff">{}</div>', word_diff(machine, current))
                if machine and changed(machine, current)
                else ""
            )
            rows.append(
                format_html(
                    '<div class="parallel-row"{}><div class="parallel-machine" lang="en">{}</div>'
                    '<div class="parallel-edit">{}{}</div></div>',
                    format_html(' id="{}"', row_id) if row_id else "",
                    machine or mark_safe('<span class="parallel-none">(no machine text)</span>'),
                    editor,
                    diff,
                )
            )
        return format_html(
            '<div class="parallel" data-field="{}"><div class="parallel-row parallel-head">'
            "<div>Machine translation (read-only)</div><div>Correction</div></div>{}</div>",
            name,
            format_html_join("", "{}", ((row,) for row in rows)),
        )


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
                    article.machine_title, single_line=True
                )
            if "body" in self.fields:
                self.fields["body"].widget = ParallelTextWidget(article.machine_body)

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
