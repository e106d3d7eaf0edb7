"""What the article change form shows around its fields."""

from articles.editorial.diffs import changed, text_diff, word_diff
from articles.editorial.workbench import workbench_rows

from ..models import GlossaryTerm, QualityFlag
from .quality import DISMISSAL_REASONS


def change_form_context(article):
    """What the change form shows around the fields: open flags with their
    fixes, the status history, link decisions, the correction's summary and
    an import conflict's diff."""
    flags = list(article.quality_flags.open().order_by("field", "start"))
    terms = (
        list(GlossaryTerm.objects.all())
        if any(flag.kind == QualityFlag.Kind.GLOSSARY for flag in flags)
        else []
    )
    for flag in flags:
        flag.paragraph = flag.paragraph_number()
        flag.fix = flag.glossary_fix(terms)
    rows = workbench_rows(
        article.original_body, article.machine_body, article.body, article.alignment
    )
    context = {
        "flags": flags,
        "dismissal_reasons": DISMISSAL_REASONS,
        "status_changes": article.status_changes(),
        "link_decisions": list(
            article.link_decisions.select_related("region", "organization", "decided_by").order_by(
                "-decided_at"
            )
        ),
        "machine_diff": {
            "changed": article.is_corrected,
            "title_changed": changed(article.machine_title, article.title),
            "rows": len(rows),
            "rows_changed": sum(changed(row.machine_text, row.correction_text) for row in rows),
        },
    }
    if article.has_conflict:
        context["conflict"] = {
            "title": word_diff(article.superseded_machine_title, article.machine_title)
            if changed(article.superseded_machine_title, article.machine_title)
            else None,
            "body": text_diff(article.superseded_machine_body, article.machine_body),
        }
    return context
