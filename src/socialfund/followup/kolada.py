"""The Kolada client as the app uses it: base URL from the settings, answers cached in Django's cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from socialfund.core.kolada import Getter, KoladaClient
from socialfund.followup import conf


class DjangoKoladaCache:
    """Kolada's answers in Django's cache, keyed by a hash of the URL (cache keys have a length limit)."""

    prefix = "kolada:"

    def __init__(self, timeout: int) -> None:
        self.timeout = timeout

    def _key(self, url: str) -> str:
        return self.prefix + hashlib.sha256(url.encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        value = cache.get(self._key(key))
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: bytes) -> None:
        cache.set(self._key(key), value, self.timeout)


def kolada_client(*, getter: Getter | None = None) -> KoladaClient:
    """The configured client; `getter` None means the standard library over HTTPS."""
    return KoladaClient(
        base_url=conf.kolada_base_url(), getter=getter, cache=DjangoKoladaCache(conf.kolada_cache_seconds())
    )
