"""gunicorn settings, read from the working directory by every way Serawai is served:
deploy/serawai-web.service, the Procfile (`make run`) and bench/http.py, so the benchmark
measures the production configuration. Command-line options (--workers, --bind) override these.

Threads (gthread): a page waits on PostgreSQL and Redis several times; while one thread waits,
another of the same worker runs, and kept-alive connections spare a TCP handshake per request.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
