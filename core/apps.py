from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin app (installed by this path), whose default site, ``admin.site``,
    throttles failed logins (``core.sites``)."""

    default = False  # the core app's own configuration is CoreConfig
    default_site = "core.sites.AdminSite"


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Claimtrack core"

    def ready(self):
        from django.core import checks
        from simple_history.signals import (
            post_create_historical_record,
            pre_create_historical_record,
        )

        from . import lookups  # noqa: F401 (registers the lookups)
        from .changes import changes_committed, record_change
        from .checks import sqlite_database_exists, throttle_settings
        from .history import reason_from_context
        from .webhooks import deliveries_schedule

        checks.register(throttle_settings)
        checks.register(sqlite_database_exists)
        pre_create_historical_record.connect(
            reason_from_context, dispatch_uid="core.history.reason_from_context"
        )
        # Every history row of a model of the API is a change of the feed (core.changes).
        post_create_historical_record.connect(
            record_change, dispatch_uid="core.changes.record_change"
        )
        # Once they are committed, the changes go to the webhooks that asked for them.
        changes_committed.connect(
            deliveries_schedule, dispatch_uid="core.webhooks.deliveries_schedule"
        )
        self.connect_identity_invalidation()
        self.connect_subscription_invalidation()

    @staticmethod
    def connect_subscription_invalidation():
        """Any change to a webhook subscription makes the subscriptions kept stale."""
        from django.db.models.signals import post_delete, post_save

        from .models import WebhookSubscription
        from .webhooks import forget_subscriptions

        uid = "forget_subscriptions"
        for signal in (post_save, post_delete):
            signal.connect(forget_subscriptions, sender=WebhookSubscription, dispatch_uid=uid)

    @staticmethod
    def connect_identity_invalidation():
        """Any change to tokens, users, groups or permissions makes cached identities stale."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import ApiToken
        from .tokens import forget_identities

        user = get_user_model()
        for model in (ApiToken, user, Group, Permission):
            for signal in (post_save, post_delete):
                signal.connect(forget_identities, sender=model, dispatch_uid="forget_identities")
        for through in (
            user.groups.through,
            user.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(forget_identities, sender=through, dispatch_uid="forget_identities")
