"""Celery tasks of the reports app: thin wrappers around reports.services.evidence.

Retry policy: none automatic. A pack whose worker died stays "running"; after
reports.services.evidence.STUCK_AFTER the CAN may ask for it again, and the new build starts over.
"""

from celery import shared_task


@shared_task(name="reports.build_evidence_pack", acks_late=True, ignore_result=True)
def build_evidence_pack(pack_id: int) -> int:
    from .services.evidence import run_pack

    return run_pack(pack_id).done
