"""gunicorn settings for production: `gunicorn timeline.wsgi` reads this file.

Every value can be set from the environment (GUNICORN_CMD_ARGS too, as gunicorn allows).
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# The API spends its time in the database and in Python: processes, two per core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Threads let a worker overlap its waits on the database; requests are short.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# With threads the timeout watches the worker, not each request: a long export streams on.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# A worker is recycled after this many requests, so slow leaks cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The addresses of the proxy in front, whose X-Forwarded-* headers gunicorn believes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
