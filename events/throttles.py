"""Request rates, read from settings on every request so deployments and tests can set them."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


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
