"""Throttles whose rates are read from the settings on every request.

DRF's throttles copy ``DEFAULT_THROTTLE_RATES`` when their module is imported, so a rate
changed later (per environment, or in a test) would be ignored. A rate of ``None`` turns
that throttle off.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class CurrentRatesMixin:
    @property
    def THROTTLE_RATES(self):  # the attribute name DRF reads
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonThrottle(CurrentRatesMixin, AnonRateThrottle):
    """Anonymous requests, counted per client address (they are refused with 401 anyway)."""


class UserThrottle(CurrentRatesMixin, UserRateThrottle):
    """Authenticated requests, counted per user, whichever token or session they use."""
