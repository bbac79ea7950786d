"""Permissions follow Django's model permissions, reads included; anonymous requests get 401."""

from rest_framework.permissions import DjangoModelPermissions

VIEW = ["%(app_label)s.view_%(model_name)s"]


class ModelPermissions(DjangoModelPermissions):
    """view_* to read, add_* to create, change_* to edit, delete_* to delete."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": VIEW,
        "HEAD": VIEW,
        "OPTIONS": VIEW,
    }

    def _queryset(self, view):
        # The permission depends on the model only: the class's queryset names it without
        # building the view's (annotated, filtered) one.
        queryset = getattr(view, "queryset", None)
        return queryset if queryset is not None else super()._queryset(view)
