import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from articles.models import ProblemReport
from articles.portal.ratelimit import first_use, over_limit

SIGNING_SALT = "articles.problem-report.started"
TOKEN_MAX_AGE = 24 * 60 * 60


def started_token(at=None):
    """A signed note of when the form was shown, checked on submission."""
    # Rounded down: a start rounded up could look like a report sent before
    # the form was shown.
    # With a nonce, so that each form shown has a token of its own, spent
    # once sent (a replayed token is refused).
    at = int(at if at is not None else time.time())
    return signing.dumps([at, secrets.token_hex(8)], salt=SIGNING_SALT)


def started_at(token):
    """The time a token says its form was shown; BadSignature if forged or old."""
    value = signing.loads(token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    return value[0] if isinstance(value, list) else int(value)


def spend_token(token):
    """True the first time a token is spent, false on any replay."""
    return first_use("problem-report-token", token, period=TOKEN_MAX_AGE)


def rate_limited(request):
    """Count this submission; true once a reader has sent too many this hour."""
    return over_limit(
        request, "problem-report", limit=settings.PROBLEM_REPORTS_PER_HOUR, period=60 * 60
    )


class ProblemReportForm(forms.ModelForm):
    # Spam resistance without JavaScript or third parties: a field people
    # never see (bots fill it) and a minimum time between showing the form
    # and sending it.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ProblemReport
        fields = ["sentence", "suggestion", "email"]
        labels = {
            "sentence": _("The sentence that is wrong"),
            "suggestion": _("Your suggested translation"),
            "email": _("Your email (optional, only if you want a reply)"),
        }
        widgets = {
            "sentence": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "suggestion": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = started_token()

    def clean_sentence(self):
        sentence = self.cleaned_data["sentence"].strip()
        if len(sentence) > 2000:
            raise forms.ValidationError(
                _("Please quote just the sentence (at most 2,000 characters).")
            )
        return sentence

    def clean_suggestion(self):
        suggestion = self.cleaned_data["suggestion"].strip()
        if len(suggestion) > 2000:
            raise forms.ValidationError(_("Please keep the suggestion under 2,000 characters."))
        return suggestion

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your report could not be accepted."), code="spam")
        try:
            started = started_at(cleaned.get("started", ""))
        except (signing.BadSignature, TypeError, ValueError, IndexError):
            raise forms.ValidationError(
                _("This form has expired. Please reload the page and try again."), code="expired"
            ) from None
        if time.time() - started < settings.PROBLEM_REPORT_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your report and send it again."),
                code="too_fast",
            )
        if not self.errors and not spend_token(cleaned["started"]):
            raise forms.ValidationError(
                _("This report was already sent. Please reload the page to send another."),
                code="replayed",
            )
        return cleaned
