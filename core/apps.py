from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Claimtrack core"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from .history import reason_from_context

        pre_create_historical_record.connect(
            reason_from_context, dispatch_uid="core.history.reason_from_context"
        )
