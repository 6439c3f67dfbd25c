"""Counting the SQL statements a daphne process runs, for bench/post_notify.py (never in production).

How: ``sql_counting_settings`` (the daphne process's settings module in that bench, nothing else uses
it) puts ``CountingMiddleware`` first; on the first request it subscribes to ``connection_created``
and puts ``count_statement`` in the ``execute_wrappers`` of every database connection the process
opens (Django calls each wrapper around every statement sent through a cursor: what
``assertNumQueries`` counts, SAVEPOINT and RELEASE included; BEGIN and COMMIT are not statements
sent through a cursor and are not counted). One counter for the whole process, all threads: the
statements of the post's request, of its on-commit matching and alerts, and anything else the
process runs meanwhile. Each response carries the running total in ``X-Bench-Sql-Statements``;
the bench subtracts the total before its first post from the one after its last.

The same middleware says where a request's time goes: ``X-Bench-Django-Ms``, the wall time from the
outermost middleware in to the response out (the view, its commit and on-commit work, the other
middleware), and ``X-Bench-Django-Cpu-Ms``, the CPU this request's thread used meanwhile. The rest
of a POST's time, as the client sees it, is daphne's HTTP handling, the ASGI handler and its thread hops.
"""

import threading
import time

from django.db import connections
from django.db.backends.signals import connection_created

HEADER = "X-Bench-Sql-Statements"
DJANGO_MS = "X-Bench-Django-Ms"
DJANGO_CPU_MS = "X-Bench-Django-Cpu-Ms"


class _Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.value = 0

    def add(self):
        with self.lock:
            self.value += 1


counter = _Counter()


def count_statement(execute, sql, params, many, context):
    counter.add()
    return execute(sql, params, many, context)


def _install(connection, **kwargs):
    if count_statement not in connection.execute_wrappers:
        connection.execute_wrappers.append(count_statement)


_installed = threading.Lock()
_ready = False


def _install_everywhere():
    global _ready
    with _installed:
        if _ready:
            return
        connection_created.connect(_install, weak=False)
        for connection in connections.all(initialized_only=True):  # already opened ones too
            _install(connection)
        _ready = True


class CountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _install_everywhere()
        from django.db import connection

        _install(connection)  # this thread's connection, opened before the signal was connected
        wall, cpu = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        response[DJANGO_MS] = f"{(time.perf_counter() - wall) * 1000:.3f}"
        response[DJANGO_CPU_MS] = f"{(time.thread_time() - cpu) * 1000:.3f}"
        response[HEADER] = str(counter.value)
        return response
