"""What editors decide and work through: link decisions, the glossary,
quality flags and readers' problem reports."""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.editorial.cleaning import matching_case, paragraph_number

from .facets import PolicyFacet
from .places import Organization, Region, Topic, split_lines
from .releases import Article, StaleVersion

# What an editor's link decision can name, one per decision.
LINK_TARGETS = ("region", "organization", "topic", "facet")


class LinkDecisionQuerySet(models.QuerySet):
    def target_ids(self, target, action):
        """The keys of the `target`s ("region", "topic"…) decided `action`."""
        return set(
            self.filter(action=action, **{f"{target}__isnull": False}).values_list(
                f"{target}_id", flat=True
            )
        )

    def region_ids(self, action):
        return self.target_ids("region", action)

    def organization_ids(self, action):
        return self.target_ids("organization", action)


def _one_target():
    """Exactly one of the decision's targets is set."""
    condition = models.Q()
    for target in LINK_TARGETS:
        only = models.Q(**{f"{target}__isnull": False}) & models.Q(
            *(models.Q(**{f"{other}__isnull": True}) for other in LINK_TARGETS if other != target)
        )
        condition |= only
    return condition


class LinkDecision(models.Model):
    """An editor's decision to add or remove one link: a region, an
    organization, a topic or a policy facet.

    Automatic linking (at import, or when text changes) recomputes links from
    the text; these decisions are applied on top, so an editor's choice is
    never undone by a machine. A decision to add is also how a link shows as
    confirmed by an editor rather than assigned by the machine.
    """

    class Action(models.TextChoices):
        ADD = "add", "added"
        REMOVE = "remove", "removed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="link_decisions")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE)
    facet = models.ForeignKey(PolicyFacet, null=True, blank=True, on_delete=models.CASCADE)
    action = models.CharField(max_length=6, choices=Action.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    objects = LinkDecisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_one_target(), name="link_decision_one_target"),
            *(
                models.UniqueConstraint(
                    fields=["article", target],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"one_decision_per_article_{target}",
                )
                for target in LINK_TARGETS
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.target}"

    @property
    def target(self):
        return self.region or self.organization or self.topic or self.facet


class GlossaryTerm(models.Model):
    """A term machine translation keeps getting wrong, and how to write it."""

    preferred = models.CharField(
        "preferred term", max_length=200, unique=True, help_text="How the portal writes it."
    )
    chinese = models.CharField("Chinese term", max_length=100, blank=True)
    wrong_renderings = models.TextField(
        help_text="Known wrong renderings, one per line, e.g. “carbon GSP”. "
        "Matched whole-word and case-insensitively."
    )
    synonyms = models.TextField(
        blank=True,
        help_text="Other right names readers search by, one per line: acronyms (“ETS”), "
        "spellings, the longer form. A search for any of these, the preferred term or a "
        "wrong rendering finds releases using any of them.",
    )
    note = models.TextField(blank=True, help_text="Why, and where the term does not apply.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["preferred"]

    def __str__(self):
        return self.preferred

    def rendering_list(self):
        return split_lines(self.wrong_renderings)

    def search_names(self):
        """Every name a search treats as this term: the preferred term (and
        what its brackets hold, "carbon inclusion (Puhui)"), synonyms and
        wrong renderings."""
        names = []
        for name in [self.preferred, *split_lines(self.synonyms), *self.rendering_list()]:
            outside = re.sub(r"\s*\([^)]*\)", "", name).strip()
            inside = re.findall(r"\(([^)]*)\)", name)
            names.extend(part for part in [outside, *inside] if part.strip())
        return names


class QualityFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(dismissed=False)

    def dismissed(self):
        return self.filter(dismissed=True)


class QualityFlag(models.Model):
    """A likely machine-translation artefact in an article, for an editor to fix
    or dismiss. Recomputed by articles.editorial.quality.refresh_quality_flags."""

    class Kind(models.TextChoices):
        REPEATED_WORD = "repeated_word", "repeated word"
        CHINESE = "chinese", "leftover Chinese text or separator"
        RUN_ON_LABEL = "run_on_label", "label run into its value"
        GARBLED_DATE = "garbled_date", "garbled date"
        GLOSSARY = "glossary", "glossary: wrong rendering"
        GUESSED_TITLE = "guessed_title", "title guessed from the first sentence"

    class Field(models.TextChoices):
        TITLE = "title", "title"
        BODY = "body", "body"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quality_flags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    field = models.CharField(max_length=10, choices=Field.choices)
    text = models.CharField(max_length=300, help_text="The words that look wrong.")
    excerpt = models.TextField(help_text="The sentence they are in.")
    start = models.PositiveIntegerField(help_text="Offset of the words in the field.")
    end = models.PositiveIntegerField()
    message = models.CharField(max_length=300, blank=True)
    dismissed = models.BooleanField(default=False, db_index=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissal_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the editor dismissed the flag."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QualityFlagQuerySet.as_manager()

    class Meta:
        ordering = ["article", "field", "start"]
        indexes = [
            models.Index(fields=["article", "dismissed"], name="flag_article_idx"),
            models.Index(fields=["dismissed", "kind"], name="flag_queue_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def key(self):
        """What identifies a flag across recomputations (offsets move as text is edited)."""
        return (self.kind, self.field, self.text, self.excerpt)

    def dismiss(self, user, reason=""):
        self.dismissed = True
        self.dismissed_by = user
        self.dismissed_at = timezone.now()
        self.dismissal_reason = reason[:200]
        self.save(update_fields=["dismissed", "dismissed_by", "dismissed_at", "dismissal_reason"])

    def paragraph_number(self):
        """The body paragraph the flagged words are in (from 1); None for the title."""
        if self.field != self.Field.BODY:
            return None
        return paragraph_number(self.article.body, self.start)

    def glossary_fix(self, terms):
        """(wrong words, what to write instead) for a glossary flag whose
        term is among `terms`, the case of the words kept; else None."""
        if self.kind != self.Kind.GLOSSARY:
            return None
        folded = self.text.casefold()
        for term in terms:
            for rendering in term.rendering_list():
                if rendering.casefold() == folded:
                    return self.text, matching_case(self.text, term.preferred, rendering)
        return None

    def apply_glossary_fix(self, user, terms, *, expected_version):
        """Replace the flagged words with the glossary's rendering as a new
        revision of the article. Refused with StaleVersion if the article
        changed since `expected_version`, and with ValueError if the flag
        has no fix or its words are no longer where it says."""
        fix = self.glossary_fix(terms)
        article = self.article
        if fix is None:
            raise ValueError("This flag has no glossary fix.")
        if article.version != expected_version:
            raise StaleVersion(article.pk)
        wrong, right = fix
        text = getattr(article, self.field)
        if text[self.start : self.end] != wrong:
            raise ValueError("The flagged words are no longer there.")
        setattr(article, self.field, text[: self.start] + right + text[self.end :])
        article.start_review()
        article.save_revision(
            user, f"Glossary fix: “{wrong}” → “{right}”", expected_version=expected_version
        )
        return article


class ProblemReport(models.Model):
    """A reader's report of a translation error, waiting for an editor.

    Nothing a reader sends is ever published: an editor reads the report and
    corrects the release by hand, or rejects it.
    """

    class Status(models.TextChoices):
        NEW = "new", "new"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="problem_reports")
    sentence = models.TextField(help_text="The sentence the reader thinks is wrong.")
    suggestion = models.TextField("suggested fix", blank=True)
    email = models.EmailField(
        blank=True, help_text="Given by the reader for questions; never shown publicly."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    client_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="A keyed hash of the reader's address: spots repeat senders without storing it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report on “{self.article}”"
