"""Read each file in a worker process with limits on time, memory and pages, so a hostile or
broken file (a page tree claiming millions of pages, objects that refer to each other for
ever, a decompression bomb, a crash inside a PDF library) costs one line of error and never
hangs or kills the run.

Only reading runs in the worker: it needs no spaCy (rules do), and on Linux the worker is a
fork of the running process, so it starts in milliseconds and imports nothing again. The
worker's address space is capped with RLIMIT_AS where the system has it; past the time
limit it is killed, whatever it is doing."""

import multiprocessing
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_TIMEOUT = 120.0  # seconds per file: the 352-page book of the test corpus takes about 4
DEFAULT_MAX_PAGES = 2000
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_pages: int = DEFAULT_MAX_PAGES
    memory_mb: int = DEFAULT_MEMORY_MB
    processes: int = 0  # that may read one long PDF's pages: 0 is one per core


def extract_isolated(path: Path, data: bytes, sha: str, password: str | None, ocr: bool, fmt: str,
                     limits: Limits):
    from .extract import extract_bytes

    context = _context()
    if context is None:  # a daemon process may not start children: read here, with the page limit only
        return extract_bytes(path, data, sha, password, ocr=ocr, fmt=fmt, max_pages=limits.max_pages,
                             processes=limits.processes)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(sender, str(path), data, sha, password, ocr, fmt, limits),
                              daemon=True)
    process.start()
    sender.close()
    _meanwhile()
    try:
        if not receiver.poll(limits.timeout):
            raise InputError(str(path), f"took longer than {limits.timeout:g} s to read, so it was stopped "
                                        "(a damaged or hostile file? --timeout sets the limit)")
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            process.join(5)
            raise InputError(str(path), _crash_reason(process.exitcode, limits)) from None
    finally:
        receiver.close()
        process.join(2)
        if process.is_alive():
            process.kill()
            process.join()
    if kind == "ok":
        return payload
    if kind == "memory":
        raise InputError(str(path), _memory_reason(limits))
    raise InputError(str(path), payload)


def unreadable(exc: Exception) -> str:
    """Why a file could not be read, in a user's words, whichever process read it."""
    if isinstance(exc, MemoryError):
        return "too large to read safely"
    if isinstance(exc, RecursionError):
        return "too deeply nested to read safely"
    return f"could not be read ({type(exc).__name__})"


# Work for the parent while the worker reads: building the rules engine (importing spaCy, about
# 1.5 s) on the other core, so a first check pays for reading and start-up at once, not in turn.
while_reading = None


def _meanwhile() -> None:
    global while_reading
    task, while_reading = while_reading, None  # once: the engine is then built for the whole run
    if task is not None:
        try:
            task()
        except Exception:  # whatever went wrong will be met, and reported, where the engine is used
            pass


def _context():
    if multiprocessing.current_process().daemon:
        return None
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _work(sender, path: str, data: bytes, sha: str, password, ocr: bool, fmt: str, limits: Limits) -> None:
    from .extract import extract_bytes

    _limit_memory(limits.memory_mb)
    try:
        try:
            doc = extract_bytes(Path(path), data, sha, password, ocr=ocr, fmt=fmt, max_pages=limits.max_pages,
                                processes=limits.processes)
            message = ("ok", doc)
        except InputError as err:
            message = ("error", err.reason)
        except MemoryError:
            message = ("memory", "")
        except Exception as exc:  # a hostile or broken file: report it, never a traceback
            message = ("error", unreadable(exc))
        sender.send(message)
    except MemoryError:
        pass  # the parent sees the pipe close and reports the memory limit
    finally:
        sender.close()


def _limit_memory(memory_mb: int) -> None:
    """Cap the worker's address space at what it already has plus memory_mb (Linux, macOS)."""
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return
    try:
        current = _current_vm_bytes()
        limit = current + memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError, AttributeError):
        pass


def _current_vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _crash_reason(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        return f"the PDF reader crashed on it (signal {-exitcode}): the file is probably damaged or hostile"
    return _memory_reason(limits) if exitcode in (1, None) else \
        f"the reader stopped unexpectedly on it (exit {exitcode}): the file is probably damaged or hostile"


def _memory_reason(limits: Limits) -> str:
    return f"needs more than {limits.memory_mb} MB of memory to read, so it was stopped (a damaged or hostile file?)"
