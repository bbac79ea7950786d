"""The admin site: Django's, with the throttled login (``core.logins``).

It is the default site (``core.apps.AdminConfig``), so ``admin.site`` is an instance of it
and every app registers its models there as usual.
"""

import math

from django.contrib import admin

from core.logins import ThrottledAdminAuthenticationForm


class AdminSite(admin.AdminSite):
    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        """Django's login page; an attempt refused by the throttle is answered with 429."""
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        wait = getattr(form, "retry_after", None)
        if wait is not None:
            response.status_code = 429
            response["Retry-After"] = str(math.ceil(wait))
        return response
