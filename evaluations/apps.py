from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluasi")

    def ready(self):
        from events.signals import event_held

        from .services.ratings import on_event_held

        event_held.connect(on_event_held, dispatch_uid="evaluations.open_presenter_evaluation")
        from cycles.selectors.home import register_todos

        from .selectors.todos import rating_todos

        register_todos(rating_todos)
