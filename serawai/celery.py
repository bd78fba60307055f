"""Celery application: Redis in production, kombu's filesystem transport by default."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serawai.settings")

app = Celery("serawai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# A task serves every province (deadline sweep, reminders, batches): it reads unscoped.
_scope_tokens: dict = {}


@signals.task_prerun.connect
def _unscoped_task_starts(task_id=None, **kwargs):
    from django_scopes.state import state

    _scope_tokens[task_id] = state.set({"_enabled": False})


@signals.task_postrun.connect
def _unscoped_task_ends(task_id=None, **kwargs):
    from django_scopes.state import state

    token = _scope_tokens.pop(task_id, None)
    if token is not None:
        state.reset(token)
