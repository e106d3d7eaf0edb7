"""Where a row stands in an ordered list, in one statement."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, OrderBy, Window
from django.db.models.functions import Lead, RowNumber


@dataclass
class Place:
    position: int  # from 1
    total: int
    next_pk: object  # None at the end of the list


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


def place_in(queryset, ordering, pk):
    """The row `pk`'s position in `queryset` ordered by `ordering`, the
    number of rows and the next row's key; None if the row is not in it.

    Window functions number the rows in the list's own order, and the outer
    SELECT keeps the one row asked for: the list is never sent to Python,
    however long it is. The ordering must end on a unique column (an admin
    change list's does) for "next" to be well defined."""
    order = order_by_expressions(ordering)
    numbered = queryset.order_by().annotate(
        queue_position=Window(RowNumber(), order_by=order),
        queue_next=Window(Lead("pk"), order_by=order),
        queue_total=Window(Count("pk")),
    )
    columns = numbered.values("pk", "queue_position", "queue_next", "queue_total")
    sql, params = columns.query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('queue_position')}, {quote('queue_total')}, {quote('queue_next')} "
            f"FROM ({sql}) numbered WHERE {quote('pk')} = %s",
            [*params, pk],
        )
        row = cursor.fetchone()
    return Place(*row) if row else None
