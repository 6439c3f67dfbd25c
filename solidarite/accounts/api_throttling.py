"""The API's throttles (settings ``REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]``), counted in the
database by ``ratelimit`` so that every process shares them and they keep working while Redis is away.

They live in accounts beside their counter, not in ``solidarite/api.py``: the API conventions stay
below every app (docs/architecture.md)."""

from rest_framework import throttling

from solidarite.accounts import ratelimit


class CountedRateThrottle(throttling.SimpleRateThrottle):
    """DRF's rates (``600/minute``), counted by ``ratelimit.hit``: one query per request instead of
    DRF's read-modify-write of a list of timestamps in the cache (six queries, and racy)."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        hits, self.seconds_left = ratelimit.hit(self.key, window_s=self.duration)
        return hits <= self.num_requests

    def wait(self):
        return self.seconds_left


class AnonRateThrottle(CountedRateThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(CountedRateThrottle, throttling.UserRateThrottle):
    def get_cache_key(self, request, view):
        # Signed-in people only: DRF's version also counts visitors by address, a second counter
        # beside AnonRateThrottle's that only made every anonymous request cost twice.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
