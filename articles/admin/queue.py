"""The change list as a work queue: "Save and next" in the change form saves
and opens the next release of the list the editor came from, with its
filters (Django's preserved `_changelist_filters`), and the form says where
in that list the release stands."""

import copy

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse

from articles.db.queue import COUNT_LIMIT, place_in

SAVE_AND_NEXT = "_save_next"


class QueueChangeList(ChangeList):
    """The change list's filtered and ordered queryset, without counting
    or fetching a page of it."""

    def get_results(self, request):
        self.result_count = self.full_result_count = None
        self.result_list = []
        self.can_show_all = self.multi_page = False
        self.paginator = None


class QueueMixin:
    """For a ModelAdmin whose change form template offers the button."""

    def queue_list(self, request):
        """The filtered, ordered queryset of the change list the editor came
        from, or None when its filters are no longer valid."""
        list_request = copy.copy(request)
        list_request.GET = QueryDict(request.GET.get("_changelist_filters", ""))
        list_request.POST = QueryDict()
        list_request.for_queue = True
        try:
            return self.get_changelist_instance(list_request).queryset
        except (IncorrectLookupParameters, SuspiciousOperation):
            # Filters edited by hand into something the list itself refuses:
            # the form still opens, without a place in a list.
            return None

    def get_changelist(self, request, **kwargs):
        if getattr(request, "for_queue", False):
            return QueueChangeList
        return super().get_changelist(request, **kwargs)

    def queue_place(self, request, obj, limit=COUNT_LIMIT):
        """Where `obj` stands in that list (queue_place.position, .total,
        .next_pk), or None when it is not among its first `limit` rows."""
        queryset = self.queue_list(request)
        if queryset is None:
            return None
        return place_in(queryset, queryset.query.order_by, obj.pk, limit=limit)

    def queue_next_pk(self, request, obj):
        """The release "Save and next" opens, found before saving: saving may
        take `obj` out of the list (a fixed flag, a status filter), and the
        next one is the one after where it was. A release no longer in the
        list leads to the list's first."""
        place = self.queue_place(request, obj)
        if place is not None:
            return place.next_pk
        queryset = self.queue_list(request)
        if queryset is None:
            return None
        if queryset.filter(pk=obj.pk).exists():
            # Past the first thousand: rarely opened that deep, so numbering
            # the whole list is paid here only.
            return self.queue_place(request, obj, limit=None).next_pk
        return queryset.exclude(pk=obj.pk).values_list("pk", flat=True).first()

    def queue_context(self, request, obj):
        filters = request.GET.get("_changelist_filters", "")
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        place = self.queue_place(request, obj)
        queryset = self.queue_list(request) if place is None else None
        return {
            "queue": place,
            # In the list, beyond where its counting stops.
            "queue_deep": queryset is not None and queryset.filter(pk=obj.pk).exists(),
            "queue_limit": f"{COUNT_LIMIT:,}",
            "queue_url": f"{changelist}?{filters}" if filters else changelist,
        }

    def queue_response(self, request, obj, next_pk):
        """Where "Save and next" leads once `obj` is saved."""
        context = {"opts": self.opts, "preserved_filters": self.get_preserved_filters(request)}
        info = self.opts.app_label, self.opts.model_name
        if next_pk is None:
            self.message_user(request, "That was the last release of this list.", messages.SUCCESS)
            url = reverse("admin:{}_{}_changelist".format(*info))
        else:
            url = reverse("admin:{}_{}_change".format(*info), args=[next_pk])
        return HttpResponseRedirect(add_preserved_filters(context, url))
