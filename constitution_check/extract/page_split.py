"""Read a long PDF's pages in more than one process.

Reading is per page and pages do not depend on each other, so a long board pack is cut into
runs of pages and each run is read by a fork of this process, which has the file in memory
already and imports nothing again; this process reads the first run meanwhile. A fork that
fails for any reason gives its pages back to this process to read as if nothing had been
split, so the result is the same either way. Plain os.fork rather than multiprocessing,
because the reading may itself happen in a daemon worker (worker.py), which multiprocessing
does not allow to have children."""

import os
import pickle
import signal
import sys

MIN_PAGES_PER_PROCESS = 24  # below this, starting a process costs more than it saves
CHILD_TIMEOUT = 600  # seconds: a run of pages the parent stopped waiting for must not live on


def processes_for(pages: int, wanted: int) -> int:
    """How many processes to read `pages` pages with; wanted 0 means one per core."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS forks badly once libraries have started
        return 1
    wanted = wanted or (os.cpu_count() or 1)
    return max(1, min(wanted, pages // MIN_PAGES_PER_PROCESS))


def split(count: int, parts: int) -> list[range]:
    """count pages as `parts` consecutive runs of nearly equal length."""
    bounds = [round(count * i / parts) for i in range(parts + 1)]
    return [range(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def read_split(read_run, count: int, parts: int) -> list:
    """read_run(range) -> list of pages, for runs [0, count) cut into `parts`, in page order."""
    runs = split(count, parts)
    children = [(_start(read_run, run), run) for run in runs[1:]]
    try:
        pages = list(read_run(runs[0]))
    except BaseException:
        for child, _ in children:
            _stop(child)
        raise
    for child, run in children:
        got = _finish(child)
        pages.extend(got if got is not None else read_run(run))
    return pages


def _start(read_run, run: range):
    """(pid, pipe to read from), or None if no process could be started."""
    try:
        reader, writer = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(writer)
        return pid, reader
    # the child: read the run, send it, and leave without running the parent's exit handlers
    status = 1
    try:
        os.close(reader)
        _die_with_parent()
        signal.alarm(CHILD_TIMEOUT)
        payload = pickle.dumps(read_run(run), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(payload)
        status = 0
    except BaseException:  # anything at all: the parent reads these pages itself
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
    except Exception:  # a truncated message: read the pages here instead
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
