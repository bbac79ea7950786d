"""Message storage whose cookie and session backends are built only when messages are used."""

from functools import cached_property

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.fallback import FallbackStorage


class LazyFallbackStorage(FallbackStorage):
    """Django's default storage (the cookie first, then the session), built on first use.

    The message middleware gives every request a storage, but API requests never read or add
    a message: building the cookie backend (a signer) and the session backend for each of
    them is wasted. The backends are built when a message is first read or stored.
    """

    def __init__(self, request, *args, **kwargs):
        BaseStorage.__init__(self, request, *args, **kwargs)
        self._backend_arguments = (args, kwargs)
        self._used_storages = set()

    @cached_property
    def storages(self):
        args, kwargs = self._backend_arguments
        return [
            storage_class(self.request, *args, **kwargs) for storage_class in self.storage_classes
        ]
