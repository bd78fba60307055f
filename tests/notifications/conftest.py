import pytest

from serawai.celery import app


@pytest.fixture
def eager_celery():
    """Tasks sent after commit run in the test process (as a worker would run them)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
