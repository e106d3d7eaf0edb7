"""Where a row stands in an ordered list, in one statement that reads no
more than the list's first thousand rows."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, OrderBy, Subquery, Window
from django.db.models.functions import Lead, RowNumber

# How far the counting goes: a queue of 100,000 releases is "more than
# 1,000", and numbering it whole on every form would read all of it.
COUNT_LIMIT = 1000


@dataclass
class Place:
    position: int  # from 1
    total: int  # at most COUNT_LIMIT + 1: see more_than_counted
    next_pk: object  # None at the end of the list

    @property
    def more_than_counted(self):
        return self.total > COUNT_LIMIT

    @property
    def position_text(self):
        return f"{self.position:,}"

    @property
    def total_text(self):
        return f"more than {COUNT_LIMIT:,}" if self.more_than_counted else f"{self.total:,}"


def order_by_expressions(ordering):
    expressions = []
    for item in ordering:
        if isinstance(item, str):
            descending = item.startswith("-")
            item = F(item.lstrip("-")).desc() if descending else F(item).asc()
        elif not isinstance(item, OrderBy):
            item = item.asc()
        expressions.append(item)
    return expressions


def place_in(queryset, ordering, pk, limit=COUNT_LIMIT):
    """The row `pk`'s position in `queryset` ordered by `ordering`, the
    number of rows (counted up to `limit` + 1) and the next row's key; None
    if the row is not among the first `limit` (with `limit` None: in the
    whole list, which is read to the row asked for).

    The list's first `limit` + 1 keys, in its own order (an index scan where
    an index fits the ordering), are numbered by window functions, and the
    outer SELECT keeps the one row asked for: the list is never sent to
    Python, however long it is. The ordering must end on a unique column (an
    admin change list's does) for "next" to be well defined."""
    order = order_by_expressions(ordering)
    rows = queryset.order_by()
    if limit is not None:
        rows = rows.filter(pk__in=Subquery(queryset.order_by(*order).values("pk")[: limit + 1]))
    numbered = rows.annotate(
        queue_position=Window(RowNumber(), order_by=order),
        queue_next=Window(Lead("pk"), order_by=order),
        queue_total=Window(Count("pk")),
    )
    columns = numbered.values("pk", "queue_position", "queue_next", "queue_total")
    sql, params = columns.query.sql_with_params()
    quote = connection.ops.quote_name
    where, where_params = f"{quote('pk')} = %s", [pk]
    if limit is not None:
        where += f" AND {quote('queue_position')} <= %s"
        where_params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('queue_position')}, {quote('queue_total')}, {quote('queue_next')} "
            f"FROM ({sql}) numbered WHERE {where}",
            [*params, *where_params],
        )
        row = cursor.fetchone()
    return Place(*row) if row else None
