from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """Counts on a plain queryset, so that a ranked (annotated) one is not
    wrapped in a costly COUNT subquery."""

    def __init__(self, object_list, per_page, *, count_from):
        super().__init__(object_list, per_page)
        self.count_from = count_from

    @cached_property
    def count(self):
        return self.count_from.count()
