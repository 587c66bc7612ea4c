"""Counts the SQL queries of each request (bench settings only) and returns them in X-Bench-Queries,
with the request's own CPU time in its worker thread (X-Bench-CPU-ms) and the wall time spent
waiting for the database (X-Bench-DB-ms). The last two do not depend on how many other processes
share the machine's cores, so they say what a page costs when latency is inflated by other work.

It sits first in the middleware list, so every query of the request counts: the session, the user,
the scope, the page frame and the view. A streamed response is counted up to its first byte."""

import time

from django.db import connections


class _Counter:
    def __init__(self):
        self.n = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        cpu = time.thread_time()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(counter.n)
        response["X-Bench-CPU-ms"] = f"{(time.thread_time() - cpu) * 1000:.2f}"
        response["X-Bench-DB-ms"] = f"{counter.seconds * 1000:.2f}"
        return response
