"""Uploads are read in child processes with a memory and a time limit, so no file can take the
server down (DESIGN §11).

A reader that runs out of memory in native code aborts its whole process; a file that takes
forever holds its thread. Both happen here to a worker process instead: the worker's address
space is capped (``RLIMIT_AS``, ``KPI_PARSE_MEMORY_MB``), the caller waits at most
``KPI_PARSE_SECONDS``, and a worker that died or overran is killed and replaced while the user
gets one sentence. Workers are forked from a server process that has the parser imported
already, and stay warm between uploads, so a small file costs a pipe round trip, not a start-up.

The workers are shared by every user of the process, at most ``MAX_WORKERS`` at once; a caller
beyond that waits for one to be free (its wait counts towards its time limit).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import queue
import resource
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

import config
from kpi_core.ingest import pipeline
from kpi_core.ingest.errors import IngestError

log = logging.getLogger("kpi_pilot.sandbox")
MAX_WORKERS = 2
_CONTEXT = multiprocessing.get_context("forkserver")
# the parser and the spreadsheet reader pandas loads lazily, imported once in the fork server
_CONTEXT.set_forkserver_preload(["kpi_core.ingest.pipeline", "python_calamine", "pandas.io.excel._calamine"])
# what a worker may run: the readers of uploaded bytes
_FUNCTIONS = {"parse_file": pipeline.parse_file}


def _serve(connection: Connection, memory_mb: int) -> None:
    """A worker's loop: read a request, run it under the memory cap, answer; until the pipe closes."""
    _use_system_allocator()
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    while True:
        try:
            name, args, kwargs = connection.recv()
        except (EOFError, OSError):
            return
        answer: tuple[Any, ...]
        try:
            answer = ("ok", _FUNCTIONS[name](*args, **kwargs))
        except IngestError as error:
            answer = ("refused", error.key, error.params)
        except MemoryError:
            answer = ("memory",)
        except Exception as error:  # noqa: BLE001 - reported to the parent, which logs it
            answer = ("failed", f"{type(error).__name__}: {error}"[:500])
        del args, kwargs
        try:
            connection.send(answer)
        except MemoryError:
            connection.send(("memory",))


def _use_system_allocator() -> None:
    """Arrow's default allocator (pandas keeps text in Arrow) reserves 1 GB of address space on its
    first use; under an address-space cap that is half the budget gone, so the worker uses malloc."""
    try:
        import pyarrow
    except ImportError:
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, memory_mb), daemon=True, name="kpi-parse")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class _Pool:
    """Warm workers handed to one caller at a time; a broken one is replaced, never reused."""

    def __init__(self) -> None:
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._count = 0

    def take(self, memory_mb: int, deadline: float) -> _Worker:
        """An idle worker started with ``memory_mb``, a new one while fewer than MAX_WORKERS run,
        else the first one given back before the deadline."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    may_start = self._count < MAX_WORKERS
                    self._count += may_start
                if may_start:
                    return self._start(memory_mb)
                try:
                    worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    raise IngestError("ingest.parse_timeout", seconds=config.parse_seconds()) from None
            if worker.memory_mb == memory_mb and worker.process.is_alive():
                return worker
            self.discard(worker)  # started under another limit, or died while idle

    def _start(self, memory_mb: int) -> _Worker:
        try:
            return _Worker(memory_mb)
        except BaseException:
            with self._lock:
                self._count -= 1
            raise

    def give_back(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._count -= 1

    def idle_pids(self) -> list[int]:
        pids = []
        while True:
            try:
                pids.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in pids:
            self._idle.put(worker)
        return [worker.process.pid for worker in pids if worker.process.pid is not None]

    def close(self) -> None:
        while True:
            try:
                self.discard(self._idle.get_nowait())
            except queue.Empty:
                return


_POOL = _Pool()
atexit.register(_POOL.close)


def warm_up() -> None:
    """Start a worker now (the Data page calls this when it opens), so the first upload waits less."""
    memory_mb = config.parse_memory_mb()
    _POOL.give_back(_POOL.take(memory_mb, time.monotonic() + config.parse_seconds()))


def run(name: str, *args: Any, **kwargs: Any) -> Any:
    """``_FUNCTIONS[name](*args, **kwargs)`` in a worker; its IngestError as raised there, and one
    IngestError when the worker ran out of memory, took too long or died."""
    memory_mb, seconds = config.parse_memory_mb(), config.parse_seconds()
    deadline = time.monotonic() + seconds
    worker = _POOL.take(memory_mb, deadline)
    try:
        worker.connection.send((name, args, kwargs))
        if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
            _POOL.discard(worker)
            log.warning("reading an upload took over %s s; its worker was stopped", seconds)
            raise IngestError("ingest.parse_timeout", seconds=seconds)
        answer = worker.connection.recv()
    except (EOFError, OSError):
        code = worker.process.exitcode
        _POOL.discard(worker)
        log.warning("the worker reading an upload died (exit code %s)", code)
        raise IngestError("ingest.parse_memory", mb=memory_mb) from None
    except IngestError:
        raise
    except BaseException:
        _POOL.discard(worker)
        raise
    _POOL.give_back(worker)
    if answer[0] == "ok":
        return answer[1]
    if answer[0] == "refused":
        raise IngestError(answer[1], **answer[2])
    if answer[0] == "memory":
        raise IngestError("ingest.parse_memory", mb=memory_mb)
    log.error("reading an upload failed in its worker: %s", answer[1])
    raise IngestError("ingest.parse_failed")


def parse_file(data: bytes, file_name: str, sheet=None, mapping=None, today=None) -> pipeline.ParsedFile:
    """``kpi_core.ingest.pipeline.parse_file`` in a worker process."""
    return run("parse_file", data, file_name, sheet, mapping, today=today)


def idle_workers() -> list[int]:
    """The process ids of the workers waiting for an upload (for tests and the bench)."""
    return _POOL.idle_pids()
