import json

from django import template
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.portal.filters import FILTER_PARAMS

register = template.Library()

# As django.utils.html.json_script: these characters could end the script
# element or start markup, so they are written as JSON escapes.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(value):
    """Structured data in a <script type="application/ld+json"> element."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page's address in another interface language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def filter_query(context, **changes):
    """The current list's filter parameters (no page), with `changes` applied;
    a value of None removes a parameter."""
    request = context["request"]
    params = request.GET.copy()
    for key in list(params):
        if key not in FILTER_PARAMS:
            del params[key]
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, name):
    """The current list's filter parameters without `name` (and no page)."""
    return filter_query(context, **{name: None})


@register.filter
def local_name(entry):
    """An entry's name in the interface's language: its Chinese name on the
    Chinese interface where it has one (places, organizations, sources,
    topics, policy facets), else its English name; nothing for no entry."""
    if entry is None:
        return ""
    chinese = getattr(entry, "name_zh", "")
    if chinese and get_language() == "zh-hans":
        return chinese
    return entry.name
