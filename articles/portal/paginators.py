from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """Pages of releases that stay fast however deep the reader goes.

    Counts on a plain queryset, so that a ranked (annotated) one is not
    wrapped in a costly COUNT subquery. A page is found as a "deferred join":
    the offset is walked over primary keys alone (an index-only scan on the
    ordering index), then only that page's rows are read. Walking the offset
    over whole rows reads every body before the page: page 2,000 took seven
    times as long as page 1.
    """

    def __init__(
        self,
        object_list,
        per_page,
        *,
        count_from,
        count_cache_key=None,
        rows_from=None,
        page_cache_key=None,
        remember=None,
    ):
        super().__init__(object_list, per_page)
        # remember(key, compute): the results layer's cache, for the keys given.
        self.remember = remember
        self.count_from = count_from
        self.count_cache_key = count_cache_key
        self.rows_from = rows_from
        self.page_cache_key = page_cache_key

    @cached_property
    def count(self):
        """Counted once per filter and per change in the releases, when the
        caller gives a cache key (it must include the data version)."""
        if self.count_cache_key is None or self.remember is None:
            return self.count_from.count()
        return self.remember(self.count_cache_key, self.count_from.count)

    def page(self, number):
        query = self.object_list.query
        ranked = bool(query.annotations or query.extra or query.extra_tables)
        if ranked and self.rows_from is None:
            # Without a plain queryset to read rows from, the deferred join
            # would rank every match twice.
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.page_keys(number, bottom, top)
        rows_from = self.object_list if self.rows_from is None else self.rows_from
        rows = {row.pk: row for row in rows_from.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def page_keys(self, number, bottom, top):
        """The primary keys on one page, in order. Ranking every match of a
        common word is the cost of a search (half a second at 100,000
        releases), so with a cache key (which must include the data version)
        a page's keys are found once per change in the releases."""

        def find():
            return list(self.object_list.values_list("pk", flat=True)[bottom:top])

        if self.page_cache_key is None or self.remember is None:
            return find()
        return self.remember(f"{self.page_cache_key}:{self.per_page}:{number}", find)
