"""Request rates, read from settings on every request so deployments and tests can set them."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANONYMOUS_RATE


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_USER_RATE


class LoginThrottle(AnonRateThrottle):
    """Attempts to get a token, per client address whoever asks: slows password guessing."""

    scope = "login"

    def get_rate(self):
        return settings.API_LOGIN_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ExtractThrottle(SimpleRateThrottle):
    """Date extraction, per account or else per client address: it costs CPU, not writes."""

    scope = "extract"

    def get_rate(self):
        return settings.API_EXTRACT_RATE

    def get_cache_key(self, request, view):
        user = request.user
        ident = f"user-{user.pk}" if user.is_authenticated else f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
