"""Revisions in the admin, on top of django-simple-history: the list of
revisions, a diff between any two, and restoring one as a new revision."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.timezone import localtime

from articles.editorial.diffs import changed_paragraphs_diff, text_diff, word_diff

# Bookkeeping the revision list already shows (who, when) or that says nothing.
IGNORED_FIELDS = {"version", "last_edited_by", "last_edited_at", "created_at", "updated_at"}


def field_changes(old_record, new_record, *, whole_texts=True):
    """[(label, rendered diff)] for each tracked field that differs; long
    texts whole, or (whole_texts=False) only their changed paragraphs."""
    delta = new_record.diff_against(old_record)
    rows = []
    for change in delta.changes:
        if change.field in IGNORED_FIELDS:
            continue
        field = new_record.instance._meta.get_field(change.field)
        old, new = change.old, change.new
        if isinstance(field, models.ForeignKey):
            related = field.related_model._default_manager.in_bulk(
                [pk for pk in (old, new) if pk is not None]
            )
            old, new = related.get(old, old), related.get(new, new)
        elif field.choices:
            labels = dict(field.flatchoices)
            old, new = labels.get(old, old), labels.get(new, new)
        old = "" if old is None else str(old)
        new = "" if new is None else str(new)
        if not isinstance(field, models.TextField):
            diff = word_diff(old, new)
        elif whole_texts:
            diff = text_diff(old, new)
        else:
            diff = changed_paragraphs_diff(old, new)
        rows.append((capfirst(field.verbose_name), diff))
    return rows


def restored_note(record):
    """The revision note (and message stem) for restoring history `record`."""
    return f"Restored the revision of {localtime(record.history_date):%Y-%m-%d %H:%M}"


class RevisionsMixin:
    """Put before SimpleHistoryAdmin. `restore_fields` names what a restore copies
    back (by default every editable field)."""

    object_history_template = "admin/articles/object_history.html"
    restore_fields = None

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/revisions/compare/",
                self.admin_site.admin_view(self.revision_compare_view),
                name="{}_{}_revision_compare".format(*info),
            ),
            path(
                "<path:object_id>/revisions/<int:history_id>/restore/",
                self.admin_site.admin_view(self.revision_restore_view),
                name="{}_{}_revision_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _object_and_records(self, request, object_id, *history_ids):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        records = obj.history.select_related("history_user").in_bulk(history_ids)
        if len(records) != len(set(history_ids)):
            raise Http404
        return obj, [records[pk] for pk in history_ids]

    def revision_context(self, request, obj, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "original": obj,
            "has_view_permission": True,
            "history_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
            ),
            **extra,
        }

    def revision_compare_view(self, request, object_id):
        try:
            older, newer = int(request.GET["from"]), int(request.GET["to"])
        except (KeyError, ValueError):
            older = newer = None
        if older is None or older == newer:
            # A form sent with one revision picked (or the same one twice) is
            # a question the history page answers, not a missing page.
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            self.message_user(
                request,
                "Pick two different revisions to compare: one in the From column and "
                "one in the To column.",
                messages.WARNING,
            )
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
                )
            )
        obj, (older_record, newer_record) = self._object_and_records(
            request, object_id, older, newer
        )
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        if older_record.history_date > newer_record.history_date:
            older_record, newer_record = newer_record, older_record
        context = self.revision_context(
            request,
            obj,
            title=f"Compare revisions: {obj}",
            older=older_record,
            newer=newer_record,
            changes=field_changes(older_record, newer_record),
        )
        return TemplateResponse(request, "admin/articles/revision_compare.html", context)

    def revision_restore_view(self, request, object_id, history_id):
        obj, (record,) = self._object_and_records(request, object_id, history_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        current = obj.history.order_by("-history_date", "-history_id").first()
        if request.method == "POST":
            self.restore_revision(request, obj, record)
            self.message_user(
                request,
                f"{restored_note(record)} as a new revision.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
            )
        context = self.revision_context(
            request,
            obj,
            title=f"Restore a revision: {obj}",
            record=record,
            changes=field_changes(current, record) if current else [],
        )
        return TemplateResponse(request, "admin/articles/revision_restore.html", context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The library's own revert form would bypass our checks: use ours.
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revision_restore",
                args=[object_id, version_id],
            )
        )

    def get_restore_fields(self):
        if self.restore_fields is not None:
            return self.restore_fields
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if field.editable and not field.primary_key
        ]

    def copy_revision(self, obj, record):
        old = record.instance
        for name in self.get_restore_fields():
            field = self.model._meta.get_field(name)
            setattr(obj, field.attname, getattr(old, field.attname))

    def restore_revision(self, request, obj, record):
        self.copy_revision(obj, record)
        obj._history_user = request.user
        obj._change_reason = restored_note(record)
        obj.save()
