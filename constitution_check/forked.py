"""Share work that is the same for each item (a PDF's pages, a document's sentences) among
forks of this process, one per core, when there is enough of it.

A fork of this process has the file, the sentences and the compiled rules in memory already
and imports nothing again. This process and the forks take small chunks of the items in turn
until none are left, so that a core slowed by the machine's other work takes fewer. A fork that
fails for any reason gives its chunks back to this process to do as if nothing had been shared,
so the result is the same either way. Plain os.fork rather than multiprocessing, because the
work may itself be running in a daemon worker (worker.py), which multiprocessing does not allow
to have children."""

import gc
import os
import pickle
import signal
import struct
import sys

CHILD_TIMEOUT = 600  # seconds: a fork the parent stopped waiting for must not live on


def processes_for(items: int, wanted: int, least: int) -> int:
    """How many processes to share `items` items among, each taking at least `least` (below
    that, starting a process costs more than it saves); wanted 0 means one per core."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS forks badly once libraries have started
        return 1
    wanted = wanted or (os.cpu_count() or 1)
    return max(1, min(wanted, items // max(least, 1)))


def map_chunks(do_chunk, count: int, parts: int, chunk: int, first=None) -> list:
    """do_chunk(range, here) -> a list; range(count) cut into chunks of `chunk` items (more, were
    there over MAX_CHUNKS chunks), which this process and parts - 1 forks take one at a time until
    none are left, so that a process the machine's other work slows down takes fewer (on a shared
    machine one core can run at half the speed of the other), and a file whose hard pages sit
    together is shared evenly. here is False in a fork: no progress bars there. The lists of each chunk, joined in chunk order; a fork's
    chunks are done here if it fails. first(): this process's own other work, done once the forks
    have started, before it joins them (done all the same when nothing is shared).

    The chunks' numbers wait in a pipe, written before any fork starts: each process reads one
    number at a time, and the kernel hands each number to one reader only."""
    chunk = max(chunk, 1, -(-count // MAX_CHUNKS))
    chunks = [range(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    queue = _queue(len(chunks)) if parts > 1 and len(chunks) > 1 else None
    if queue is None:
        if first is not None:
            first()
        return [item for c in chunks for item in do_chunk(c, True)]
    children = [_start(lambda: _take_chunks(do_chunk, chunks, queue, False)) for _ in range(parts - 1)]
    try:
        if first is not None:
            first()
        done = dict(_take_chunks(do_chunk, chunks, queue, True))
    except BaseException:
        for child in children:
            _stop(child)
        raise
    finally:
        os.close(queue)
    for child in children:
        done.update(_finish(child) or ())
    return [item for n, c in enumerate(chunks) for item in (done[n] if n in done else do_chunk(c, True))]


_NUMBER = struct.Struct("<I")
MAX_CHUNKS = 1000  # their numbers fit in the smallest pipe a system gives (4 KB), read by no one yet


def _queue(count: int) -> int | None:
    """A pipe holding the numbers 0 .. count - 1, its writing end closed: its reading end, or None
    if they do not fit (written without waiting, as nothing reads the pipe yet)."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    numbers = b"".join(_NUMBER.pack(n) for n in range(count))
    try:
        os.set_blocking(writer, False)
        written = os.write(writer, numbers)
    except OSError:
        written = 0
    finally:
        os.close(writer)
    if written != len(numbers):
        os.close(reader)
        return None
    return reader


def _take_chunks(do_chunk, chunks: list[range], queue: int, here: bool) -> list[tuple[int, list]]:
    out = []
    while len(taken := os.read(queue, _NUMBER.size)) == _NUMBER.size:
        n = _NUMBER.unpack(taken)[0]
        out.append((n, list(do_chunk(chunks[n], here))))
    return out


def _start(work):
    """work() -> a list, done in a fork: (its pid, a pipe to read the list from), or None if no
    process could be started."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid:
        os.close(writer)
        return pid, reader
    # the collector walking every object the fork inherited would copy each page of memory it
    # touched; the fork is short-lived and collects nothing
    gc.disable()
    # the child: do the work, send the results, and leave without running the parent's exit handlers
    status = 1
    try:
        os.close(reader)
        _die_with_parent()
        signal.alarm(CHILD_TIMEOUT)
        payload = pickle.dumps(list(work()), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(payload)
        status = 0
    except BaseException:  # anything at all: the parent does these chunks itself
        pass
    finally:
        os._exit(status)


def _finish(child) -> list | None:
    if child is None:
        return None
    pid, reader = child
    try:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
    except OSError:
        data = b""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = 1
    if status != 0 or not data:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # a truncated message: do its chunks here instead
        return None


def _stop(child) -> None:
    if child is not None:
        pid, reader = child
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(reader)


def _die_with_parent() -> None:
    """On Linux, the kernel ends this process if its parent is killed (say, past a time limit)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
