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
        from simple_history.signals import pre_create_historical_record

        from .checks import sqlite_database_exists, throttle_settings
        from .history import reason_from_context

        checks.register(throttle_settings)
        checks.register(sqlite_database_exists)
        pre_create_historical_record.connect(
            reason_from_context, dispatch_uid="core.history.reason_from_context"
        )
        self.connect_identity_invalidation()

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
