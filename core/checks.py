"""System checks of the settings the project adds: a bad rate fails at start, not per request."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from core.api.throttling import parse_rate

# The kinds of identity the admin's failed logins are counted by (core.logins).
ADMIN_LOGIN_KINDS = {"username", "address"}


def configured_rates() -> dict[str, object]:
    """Every throttle rate of the settings, by where it is set."""
    rates = {
        f"REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'][{scope!r}]": rate
        for scope, rate in settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).items()
    }
    rates["API_THROTTLE_FAILED_AUTH"] = settings.API_THROTTLE_FAILED_AUTH
    for kind, rate in settings.ADMIN_LOGIN_THROTTLE.items():
        rates[f"ADMIN_LOGIN_THROTTLE[{kind!r}]"] = rate
    return rates


def throttle_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for name, rate in configured_rates().items():
        try:
            parse_rate(rate)
        except (ImproperlyConfigured, TypeError) as error:
            errors.append(checks.Error(f"{name}: {error}", id="core.E001"))
    unknown = set(settings.ADMIN_LOGIN_THROTTLE) - ADMIN_LOGIN_KINDS
    if unknown:
        errors.append(
            checks.Error(
                f"ADMIN_LOGIN_THROTTLE counts failed logins by username and address only, "
                f"not by {', '.join(sorted(unknown))}.",
                id="core.E003",
            )
        )
    proxies = settings.TRUSTED_PROXY_COUNT
    if not isinstance(proxies, int) or proxies < 0:
        errors.append(
            checks.Error(
                f"TRUSTED_PROXY_COUNT must be a whole number of proxies, not {proxies!r}.",
                id="core.E002",
            )
        )
    return errors
