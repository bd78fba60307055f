"""Celery tasks of the events app: thin wrappers around events.services.materials.

Retry policy: none automatic. A material keeps its "waiting" state until the worker has written
its result, so a lost wake-up or a worker that died mid-conversion is taken up again by
`process_waiting_materials` (beat, every ten minutes).
"""

from celery import shared_task


@shared_task(name="events.process_material", acks_late=True, ignore_result=True)
def process_material(material_id: int) -> str | None:
    from .services.materials import process_material as process

    return process(material_id)


@shared_task(name="events.process_waiting_materials", acks_late=True, ignore_result=True)
def process_waiting_materials() -> int:
    from .services.materials import process_waiting

    return process_waiting()
