"""Settings for benchmarks: the project's own (production ones: DEBUG off), without request
throttling (which would answer the load generator with 429s), over plain HTTP on loopback
(no redirect to HTTPS), and with the raw-SQL yardstick at /bench/raw-events/."""

from timeline.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
