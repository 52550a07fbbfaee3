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
import contextlib
import datetime as dt
import glob
import logging
import mmap
import multiprocessing
import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import config
from connectors import sql
from kpi_core.ingest import pipeline
from kpi_core.ingest.errors import IngestError

log = logging.getLogger("kpi_pilot.sandbox")
MAX_WORKERS = 2
_CONTEXT = multiprocessing.get_context("forkserver")
# the parser, the spreadsheet reader pandas loads lazily and the SQL connector, imported once in the
# fork server
_CONTEXT.set_forkserver_preload(
    ["kpi_core.ingest.pipeline", "python_calamine", "pandas.io.excel._calamine", "connectors.sql"]
)
# what a worker may run: the readers of uploaded bytes, and a query on a user's database (whose
# result could be arrays or JSON of any size, fetched a batch at a time)
_FUNCTIONS: dict[str, Callable[..., Any]] = {"parse_file": pipeline.parse_file, "read_query": sql.read_query}
_SETTINGS_PREFIX = "KPI_"  # the caller's settings travel with each request (the fork server's may be older)
RAW_BYTES = 1 << 20  # bytes arguments this large travel outside the pickled request
# where they travel: a file in memory (tmpfs) the worker maps, which costs a third of pushing them
# through the pipe and spares the worker a copy; the pipe where there is no tmpfs
# (each file is made by mkstemp: a new name, opened exclusively, readable by this user only)
_SHM = "/dev/shm"  # noqa: S108
_HANDOVER_DIR = _SHM if os.path.isdir(_SHM) and os.access(_SHM, os.W_OK) else None


@dataclass(frozen=True)
class _Raw:
    """Where a large bytes argument was: in a handover file, or (``path`` None) the next raw message."""

    path: str | None = None


def _handover(data: bytes) -> _Raw:
    """A large argument written to a private file for the worker (removed by the caller after)."""
    if _HANDOVER_DIR is None:
        return _Raw()
    try:
        descriptor, path = tempfile.mkstemp(prefix="kpi-upload-", dir=_HANDOVER_DIR)  # mode 0600
    except OSError:
        return _Raw()
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
    except OSError:  # tmpfs full: the pipe it is
        os.unlink(path)
        return _Raw()
    return _Raw(path)


def _drop_handovers(request: tuple[Any, ...]) -> None:
    for sent in request:
        if isinstance(sent, _Raw) and sent.path is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(sent.path)


def remove_stale_handovers(older_than_s: float) -> int:
    """Remove handover files a server that died left behind (older than any read may take)."""
    removed = 0
    if _HANDOVER_DIR is None:
        return removed
    limit = config.utc_now().replace(tzinfo=dt.UTC).timestamp() - older_than_s
    for path in glob.glob(os.path.join(_HANDOVER_DIR, "kpi-upload-*")):
        with contextlib.suppress(OSError):
            if os.stat(path).st_mtime < limit:
                os.unlink(path)
                removed += 1
    return removed


def _received(connection: Connection, arg: Any) -> Any:
    """An argument as the worker uses it: a handover file is mapped read-only, not copied (the
    readers take a mapped file where they take bytes); it stays mapped until the worker lets go of it."""
    if not isinstance(arg, _Raw):
        return arg
    if arg.path is None:
        return connection.recv_bytes()
    with open(arg.path, "rb") as handed:
        try:
            return mmap.mmap(handed.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # no mapping to be had: a copy
            return handed.read()


def _serve(connection: Connection, memory_mb: int) -> None:
    """A worker's loop: read a request, run it under the memory cap, answer; until the pipe closes."""
    _use_system_allocator()
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    while True:
        try:
            name, settings, args, kwargs = connection.recv()
            args = tuple(_received(connection, a) for a in args)
        except (EOFError, OSError):
            return
        for key in [k for k in os.environ if k.startswith(_SETTINGS_PREFIX)]:
            del os.environ[key]
        os.environ.update(settings)
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
    """Warm workers handed to one caller at a time; a broken one is replaced, never reused. A caller
    waiting for a worker is woken when one is given back or when a broken one frees its place."""

    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._changed = threading.Condition()
        self._count = 0

    def take(self, memory_mb: int, deadline: float, on_timeout: IngestError) -> _Worker:
        """An idle worker started with ``memory_mb``, a new one while fewer than MAX_WORKERS run,
        else the first one given back (or place freed) before the deadline."""
        while True:
            stale = None
            with self._changed:
                while not self._idle and self._count >= MAX_WORKERS:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise on_timeout
                    self._changed.wait(remaining)
                if self._idle:
                    worker = self._idle.pop()
                    if worker.memory_mb == memory_mb and worker.process.is_alive():
                        return worker
                    stale = worker  # started under another limit, or died while idle
                else:
                    self._count += 1
            if stale is not None:
                self.discard(stale)
                continue
            try:
                return _Worker(memory_mb)
            except BaseException:
                self._release()
                raise

    def give_back(self, worker: _Worker) -> None:
        with self._changed:
            self._idle.append(worker)
            self._changed.notify()

    def discard(self, worker: _Worker) -> None:
        worker.stop()
        self._release()

    def _release(self) -> None:
        with self._changed:
            self._count -= 1
            self._changed.notify()

    def idle_pids(self) -> list[int]:
        with self._changed:
            return [w.process.pid for w in self._idle if w.process.pid is not None]

    def close(self) -> None:
        with self._changed:
            idle, self._idle = self._idle, []
        for worker in idle:
            self.discard(worker)


_POOL = _Pool()
atexit.register(_POOL.close)


def warm_up() -> None:
    """Start a worker now (the Data page calls this when it opens), so the first upload waits less."""
    seconds = config.parse_seconds()
    remove_stale_handovers(4 * seconds)
    timeout = IngestError("ingest.parse_timeout", seconds=seconds)
    _POOL.give_back(_POOL.take(config.parse_memory_mb(), time.monotonic() + seconds, timeout))


def run(
    name: str,
    *args: Any,
    seconds: float,
    on_timeout: IngestError,
    on_memory: IngestError,
    on_failure: IngestError,
    **kwargs: Any,
) -> Any:
    """``_FUNCTIONS[name](*args, **kwargs)`` in a worker within ``seconds``: its result, or its
    IngestError as raised there; ``on_timeout``, ``on_memory`` (it ran out of memory or died) or
    ``on_failure`` (anything else went wrong, logged) otherwise."""
    memory_mb = config.parse_memory_mb()
    deadline = time.monotonic() + seconds
    settings = {k: v for k, v in os.environ.items() if k.startswith(_SETTINGS_PREFIX)}
    worker = _POOL.take(memory_mb, deadline, on_timeout)
    request: tuple[Any, ...] = ()
    try:  # written once a worker is ours: uploads waiting for one hold no memory in tmpfs
        request = tuple(_handover(a) if isinstance(a, bytes) and len(a) >= RAW_BYTES else a for a in args)
    except BaseException:
        _drop_handovers(request)
        _POOL.give_back(worker)
        raise
    try:
        answer = _ask(worker, name, settings, args, request, kwargs, deadline, seconds, on_timeout, on_memory)
    finally:
        _drop_handovers(request)
    if answer[0] == "ok":
        return answer[1]
    if answer[0] == "refused":
        raise IngestError(answer[1], **answer[2])
    if answer[0] == "memory":
        raise on_memory
    log.error("%s failed in its worker: %s", name, answer[1])
    raise on_failure


def _ask(worker, name, settings, args, request, kwargs, deadline, seconds, on_timeout, on_memory) -> tuple:
    """Send one request to ``worker`` and wait for its answer; the worker goes back to the pool after
    an answer, and is stopped on a timeout or when it died."""
    try:
        worker.connection.send((name, settings, request, kwargs))
        for data, sent in zip(args, request, strict=True):
            if isinstance(sent, _Raw) and sent.path is None:  # from its own buffer, never pickled
                worker.connection.send_bytes(data)
        if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
            _POOL.discard(worker)
            log.warning("%s took over %s s in its worker, which was stopped", name, seconds)
            raise on_timeout
        answer = worker.connection.recv()
    except (EOFError, OSError):
        _POOL.discard(worker)
        log.warning("the worker running %s died (exit code %s)", name, worker.process.exitcode)
        raise on_memory from None
    except IngestError:
        raise
    except BaseException:
        _POOL.discard(worker)
        raise
    _POOL.give_back(worker)
    return answer


def parse_file(data: bytes, file_name: str, sheet=None, mapping=None, today=None, period=None) -> pipeline.ParsedFile:
    """``kpi_core.ingest.pipeline.parse_file`` in a worker process."""
    seconds = config.parse_seconds()
    return run(
        "parse_file",
        data,
        file_name,
        sheet,
        mapping,
        today=today,
        period=period,
        seconds=seconds,
        on_timeout=IngestError("ingest.parse_timeout", seconds=seconds),
        on_memory=IngestError("ingest.parse_memory", mb=config.parse_memory_mb()),
        on_failure=IngestError("ingest.parse_failed"),
    )


def read_query(url: str, query: str, data_dir) -> Any:
    """``connectors.sql.read_query`` in a worker process: a result that grows past the memory cap
    or a query that outlives its timeout (plus the time to connect) ends the worker, not the app."""
    backend = "database"
    with contextlib.suppress(IngestError):
        backend = sql.backend_of(sql.parse_url(url))
    return run(
        "read_query",
        url,
        query,
        data_dir=data_dir,
        seconds=sql.TIMEOUT_SECONDS + 15,
        on_timeout=IngestError("connect.timeout", database=backend),
        on_memory=IngestError("connect.too_many_bytes", mb=sql.BYTE_CAP // 2**20),
        on_failure=IngestError("connect.failed", database=backend),
    )


def idle_workers() -> list[int]:
    """The process ids of the workers waiting for an upload (for tests and the bench)."""
    return _POOL.idle_pids()
