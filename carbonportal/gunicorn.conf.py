"""gunicorn settings for production: `make serve-prod` or
`gunicorn -c carbonportal/gunicorn.conf.py carbonportal.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down,
# but rarely: a worker answers several hundred cached pages a second, and
# every restart stalls the requests queued on it (at 2,000 requests the
# load test's p99 rose from about 0.2 s to 0.75 s).
max_requests = 50_000
max_requests_jitter = 5_000
# Workers fork from a master that has imported the project: a (re)started
# worker is ready at once. Django opens database connections lazily, in
# each worker, never in the master.
preload_app = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss rid=%({x-request-id}o)s'
control_socket_disable = True
