"""Step ledger helpers shared by the event services."""

from cycles.services.cycle import complete_step, start_step

from ..models import EventStep


def step(event, number: int) -> EventStep:
    return EventStep.objects.get(event=event, number=number)


def begin(event, number: int) -> None:
    start_step(step(event, number))


def finish(event, number: int, *, by, note: str = "", url: str = "", when=None) -> None:
    s = step(event, number)
    start_step(s)
    complete_step(s, by=by, output_note=note, output_url=url, when=when)
