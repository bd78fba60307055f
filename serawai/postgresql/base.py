"""PostgreSQL as Django's backend has it, with a health check that costs no round trip while the
connection shows no sign of trouble (issue 8: page speed).

Django's CONN_HEALTH_CHECKS sends `SELECT 1` before the first query of every request that reuses a
persistent connection: on a page of one query, that doubles the database's share of the request.
A connection the server has closed while it sat idle (a restart, pg_terminate_backend, an idle
timeout, a crash) has something to read on its socket: the server's goodbye, or the end of the
stream. So the socket is polled without waiting, and only a connection with something to read
is asked with `SELECT 1` (and dropped if it fails, as Django does). A connection cut silently
(no packet ever arrives) still passes; its first query then fails that one request, and Django
drops it at the request's end, as it would without health checks.

It also offers `prepared_cursor()`, for the few hand-written statements on the busiest pages: the
server parses and plans each of them once per connection instead of on every request (psycopg's
prepared statements). Django turns those off (OPTIONS prepare_threshold None) so that connection
poolers in transaction mode keep working; its own cursors bind parameters on the client and are
never prepared in any case, so here the threshold is left on unless OPTIONS sets it, and only the
statements of prepared_cursor() are prepared. A pooler in transaction mode must then support
protocol-level prepared statements (PgBouncer 1.21 or later, max_prepared_statements set); with
OPTIONS prepare_threshold None the same statements run unprepared.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class PreparedCursor(base.ServerBindingCursor):
    """Parameters bound by the server, each statement prepared at its first execution."""

    def execute(self, query, params=None, **kwargs):
        kwargs.setdefault("prepare", True)
        return super().execute(query, params, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if "prepare_threshold" not in self.settings_dict["OPTIONS"]:
            params["prepare_threshold"] = 5  # psycopg's default
        return params

    def prepared_cursor(self):
        """A cursor like `cursor()` (its queries logged and counted as Django's are) whose
        statements are prepared on this connection. For constant SQL with %s placeholders."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparedCursor(self.connection))

    def is_usable(self):
        conn = self.connection
        if conn is None or conn.closed:
            return False
        try:
            readable, _, _ = select.select([conn.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        if readable or conn.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        return True
