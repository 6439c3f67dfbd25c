"""The estimate worker: simulations run in a separate process, never in the threads that serve pages.

OpenFisca is pure Python under the GIL: a simulation in a thread of the web process would slow every
page and socket of that process while it runs. So a bounded pool of worker processes (ESTIMATE_WORKERS,
1 by default: the machine has 2 cores) holds the tax-benefit system, loaded once per worker by the
initializer (at start-up in production, `start()` from AppConfig.ready; on first use elsewhere).

Households that wait together are sent as one batch and computed in one vectorised simulation
(engine.compute): a dispatcher thread takes everything queued (up to ESTIMATE_BATCH) for one month,
and a batch of 20 costs about what one household costs.
"""

from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from solidarite.estimate import engine
from solidarite.estimate.situation import Household

ESTIMATE_NICENESS = 5
_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_queue: queue.Queue = queue.Queue()
_dispatchers: list[threading.Thread] = []


def _settings():
    """(workers, batch) from Django's settings when configured (the benchmark runs without Django)."""
    try:
        from django.conf import settings

        return settings.ESTIMATE_WORKERS, settings.ESTIMATE_BATCH
    except Exception:  # settings not configured: the benchmark's defaults
        return int(os.environ.get("ESTIMATE_WORKERS", "1")), int(os.environ.get("ESTIMATE_BATCH", "20"))


def _init_worker():
    # Estimates are background work: when the cores are busy, the processes serving pages go first.
    os.nice(ESTIMATE_NICENESS)
    engine.system()  # load once per worker process, before the first household arrives (idempotent)


def _warm():
    engine.system()


def _compute(households, month):
    return engine.compute(households, month)


def start(*, preload: bool = False) -> None:
    """Start the worker processes and the dispatchers; idempotent. With `preload`, the workers load the
    tax-benefit system now (production start-up) rather than with the first household."""
    global _executor
    with _lock:
        if _executor is not None:
            return
        workers, _ = _settings()
        import multiprocessing

        # forkserver: a child forked from a threaded server could inherit a held lock.
        context = multiprocessing.get_context("forkserver")
        _executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)
        for _ in range(workers):
            thread = threading.Thread(target=_dispatch, name="estimate-dispatch", daemon=True)
            thread.start()
            _dispatchers.append(thread)
        if preload:
            for _ in range(workers):
                _executor.submit(_warm)


def _dispatch():
    _, batch_size = _settings()
    while True:
        first = _queue.get()
        batch = [first]
        held = []
        while len(batch) < batch_size:
            try:
                item = _queue.get_nowait()
            except queue.Empty:
                break
            (batch if item[1] == first[1] else held).append(item)
        for item in held:  # another month: next batch
            _queue.put(item)
        households = [household for household, _, _ in batch]
        try:
            results = _executor.submit(_compute, households, first[1]).result()
        except Exception as error:  # a bad batch fails its futures, never the dispatcher
            for _, _, future in batch:
                future.set_exception(error)
            continue
        for (_, _, future), result in zip(batch, results, strict=True):
            future.set_result(result)


def submit(household: Household, month: str) -> Future:
    """Queue one household; the future gives its amounts by aid code (engine.AIDS)."""
    start()
    future: Future = Future()
    _queue.put((household, month, future))
    return future


def shutdown() -> None:
    global _executor
    with _lock:
        if _executor is not None:
            _executor.shutdown(cancel_futures=True)
            _executor = None
