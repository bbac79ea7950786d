"""The admin's login, throttled: failed logins are counted per username and per address.

Both are counted, so that neither trying many usernames from one address nor one username
from many addresses gets unlimited tries. Past either rate (``ADMIN_LOGIN_THROTTLE``), a login
is refused without checking its password (a correct one too) until the failures fall back
under the rate. A successful login counts nothing and resets nothing: an attacker holding one
account could otherwise clear the count of an address, or of a username it shares.
"""

import hashlib
import math

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

from core.api.throttling import FailureThrottle
from core.clients import client_address


class AdminLoginThrottle(FailureThrottle):
    """Failed admin logins of one kind of identity: ``ADMIN_LOGIN_THROTTLE[kind]``."""

    kind = ""

    def get_rate(self):
        return settings.ADMIN_LOGIN_THROTTLE.get(self.kind)


class UsernameLoginThrottle(AdminLoginThrottle):
    scope = "admin_login_username"
    kind = "username"


class AddressLoginThrottle(AdminLoginThrottle):
    scope = "admin_login_address"
    kind = "address"


def username_ident(username: str) -> str:
    """What counts a username's failures: a digest of it, ignoring case, so that the cache key
    is short and plain whatever was typed."""
    return hashlib.sha256(username.casefold().encode("utf-8")).hexdigest()[:32]


def in_words(seconds: float) -> str:
    if seconds < 60:
        whole = math.ceil(seconds)
        return ngettext("%(n)d second", "%(n)d seconds", whole) % {"n": whole}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, refusing attempts past ``ADMIN_LOGIN_THROTTLE``.

    ``retry_after`` is the number of seconds to wait when the form refused the attempt
    (the admin site answers it with 429 and ``Retry-After``), else None.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": gettext_lazy(
            "Too many failed logins for this account or from your address. Try again in %(wait)s."
        ),
    }

    retry_after = None

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # nothing is authenticated
        counted = [(UsernameLoginThrottle(), username_ident(username))]
        if self.request is not None:
            counted.append((AddressLoginThrottle(), client_address(self.request)))
        # Both counts are read before anything is decided, and the password is not checked
        # while either refuses.
        refusing = [throttle for throttle, ident in counted if throttle.refuses(ident)]
        if refusing:
            self.retry_after = max(throttle.wait() for throttle in refusing)
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"wait": in_words(self.retry_after)},
            )
        try:
            return super().clean()
        except ValidationError:
            for throttle, _ in counted:
                throttle.failed()
            raise
