"""Settings for benchmarks: the project's own, without request throttling (which would
answer the load generator with 429s), and with the raw-SQL yardstick at /bench/raw-events/."""

from timeline.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
