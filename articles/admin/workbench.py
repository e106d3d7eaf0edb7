"""The correction widget: original | machine text | correction, one row per
paragraph pair.

Each row's correction is its own textarea (body_0, body_1, …), sent as the
`body` (paragraphs separated by blank lines), so saving, revisions and stale
form checks see one field. It works without scripts; with them the boxes grow
with their text. Emptying a box drops its paragraphs; a blank line inside one
splits them.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.editorial.diffs import changed, changed_sentences_diff
from articles.editorial.workbench import Row, format_numbers, workbench_rows

NO_ORIGINAL = (
    "This release has no original text: the translation cannot be checked against it here."
)


def text_rows(text, width=60):
    """A box tall enough for `text` in a third of the form at 1280 px."""
    lines = sum(len(line) // width + 1 for line in (text or "").split("\n"))
    return max(2, lines + 1)


def paragraph_label(numbers):
    return f"¶ {format_numbers(numbers)}" if numbers else ""


class ParallelTextWidget(forms.Widget):
    def __init__(self, machine="", *, original="", alignment=None, single_line=False, attrs=None):
        super().__init__(attrs)
        self.machine = machine
        self.original = original
        self.alignment = alignment or []
        self.single_line = single_line

    def value_from_datadict(self, data, files, name):
        if name in data:  # the plain field, as a script or a test sends it
            return data[name]
        parts, n = [], 0
        while f"{name}_{n}" in data:
            parts.append(data[f"{name}_{n}"].strip())
            n += 1
        separator = " " if self.single_line else "\n\n"
        return separator.join(part for part in parts if part)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_0" not in data

    def rows(self, value):
        if self.single_line:
            return [Row([], [], [self.original], [self.machine], [value])]
        return workbench_rows(self.original, self.machine, value, self.alignment)

    def render(self, name, value, attrs=None, renderer=None):
        value = value or ""
        base_id = (attrs or {}).get("id", f"id_{name}")
        has_original = bool(self.original.strip())
        rendered, paragraph = [], 0
        for n, row in enumerate(self.rows(value)):
            # Anchors numbered as paragraphs() numbers the body, so a quality
            # flag links to the row holding its paragraph.
            anchors = []
            if not self.single_line:
                for _ in row.correction:
                    paragraph += 1
                    anchors.append(f"{name}-paragraph-{paragraph}")
            rendered.append(self.render_row(name, n, row, base_id, anchors, has_original))
        head = format_html(
            '<div class="parallel-row parallel-head"><div>Original</div>'
            "<div>Machine translation (read-only)</div><div>Correction</div></div>{}",
            ""
            if has_original or self.single_line
            else format_html('<p class="parallel-no-original">{}</p>', NO_ORIGINAL),
        )
        return format_html(
            '<div class="parallel" data-field="{}">{}{}</div>',
            name,
            head,
            format_html_join("", "{}", ((row,) for row in rendered)),
        )

    def render_row(self, name, n, row, base_id, anchors, has_original):
        field_id = base_id if n == 0 else f"{base_id}_{n}"
        label = name.capitalize() if self.single_line else f"{name.capitalize()}, row {n + 1}"
        current = row.correction_text
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
                '<textarea name="{}_{}" id="{}" rows="{}" class="grows" '
                'aria-label="{} (correction)">\n{}</textarea>',
                name,
                n,
                field_id,
                text_rows(current),
                label,
                current,
            )
        machine = row.machine_text
        diff = (
            format_html('<p class="parallel-diff">{}</p>', changed_sentences_diff(machine, current))
            if machine and changed(machine, current)
            else ""
        )
        if row.original:
            original = format_html(
                '<span class="parallel-number">{}</span>{}',
                paragraph_label(row.original_numbers),
                row.original_text,
            )
        else:
            original = mark_safe(
                '<span class="parallel-none">(no original)</span>'
                if has_original
                else '<span class="parallel-none">—</span>'
            )
        if machine:
            machine_cell = format_html(
                '<span class="parallel-number">{}</span>{}',
                paragraph_label(row.machine_numbers),
                machine,
            )
        else:
            machine_cell = mark_safe('<span class="parallel-none">(no machine text)</span>')
        extra_anchors = format_html_join(
            "", '<span id="{}" class="parallel-anchor"></span>', ((a,) for a in anchors[1:])
        )
        return format_html(
            '<div class="parallel-row"{}>'
            '<div class="parallel-original" lang="zh-Hans">{}</div>'
            '<div class="parallel-machine" lang="en">{}</div>'
            '<div class="parallel-edit">{}{}{}</div></div>',
            format_html(' id="{}"', anchors[0]) if anchors else "",
            original,
            machine_cell,
            extra_anchors,
            editor,
            diff,
        )
