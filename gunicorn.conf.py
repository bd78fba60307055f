"""gunicorn settings, read from the working directory by every way Serawai is served:
deploy/serawai-web.service, the Procfile (`make run`) and bench/http.py, so the benchmark
measures the production configuration. Command-line options (--workers, --bind) override these.

Sync workers, one request at a time each, about one more than the cores: behind nginx (deploy/),
which holds slow clients and keep-alive, waiting requests queue in the kernel in arrival order.
Against gthread workers, bench/http.py saw the same throughput and a lower p95 latency: threads
of one process take turns on the GIL in no fair order, while the accept queue is first come,
first served.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))  # used by gthread workers only
keepalive = 5
# The longest request line gunicorn accepts (its default is 4094): a long search typed into a
# list's box, kept in the query string, is answered by the page (which refuses it with a
# message) rather than by gunicorn's bare "Request-URI Too Long". nginx (deploy/) lets the same
# length through.
limit_request_line = 8190
