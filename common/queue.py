"""Waking a Celery worker from a web request without ever failing the request."""

import logging

logger = logging.getLogger(__name__)


def wake(task, *args, what: str = "") -> bool:
    """Send `task(*args)` to a worker; with the broker down, log it and return False.

    A connection of its own that does not retry: kombu would otherwise sleep and retry for
    seconds inside the request. Callers keep the work in the database, and a periodic task takes
    up whatever a lost wake-up left waiting, so nothing is lost either way.
    """
    try:
        with task.app.connection_for_write(
            connect_timeout=2, transport_options={"max_retries": 0}
        ) as conn:
            task.apply_async(args, retry=False, connection=conn)
        return True
    except Exception:  # noqa: BLE001 - any broker failure: the periodic task takes over
        logger.warning("Broker unreachable: %s waits for the periodic task", what or task.name)
        return False
