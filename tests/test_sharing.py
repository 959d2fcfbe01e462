"""A long document's sentences are judged by several processes; the report must be exactly the
report one process gives, whatever the split (sentences that apply another clause need every
finding before them) and even when a process fails."""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import CORPUS, run_cli
from constitution_check import forked
from constitution_check.check import DEFAULT_LIMITS, check_paths, judge_documents
from constitution_check.engine import findings
from constitution_check.extract import extract, extract_bytes, readers

DOCUMENTS = sorted(CORPUS.glob("constitutions/*.pdf")) + sorted(CORPUS.glob("board-papers/*.pdf"))
pytestmark = pytest.mark.skipif(forked.processes_for(1000, 3, 1) < 3, reason="this system does not fork")


@pytest.fixture(scope="module")
def docs():
    return [extract(p, use_cache=False) for p in DOCUMENTS]


def _report(doc, processes):
    report = judge_documents([doc], None, "all", processes=processes).model_dump(mode="json")
    return report


def test_sharing_sentences_among_processes_changes_nothing(docs, monkeypatch):
    monkeypatch.setattr(findings, "SENTENCES_PER_PROCESS", 40)  # share even short documents, among three
    monkeypatch.setattr(findings, "SENTENCES_PER_CHUNK", 7)
    applying = []
    judge_applying = findings.Engine._judge_applying
    monkeypatch.setattr(findings.Engine, "_judge_applying",
                        lambda self, job, i, *rest: applying.append(i) or judge_applying(self, job, i, *rest))
    for doc in docs:
        assert _report(doc, 3) == _report(doc, 1), doc.path
    assert applying, "the corpus has sentences that apply other clauses, judged at the end"


def test_a_process_that_fails_gives_its_sentences_back(docs, monkeypatch):
    monkeypatch.setattr(findings, "SENTENCES_PER_PROCESS", 40)
    monkeypatch.setattr(findings, "SENTENCES_PER_CHUNK", 7)
    parent = os.getpid()
    judge_run = findings.Engine._judge_run

    def failing(self, job, run, here):
        if os.getpid() != parent:
            os._exit(3)  # a fork that dies without a word
        return judge_run(self, job, run, here)

    doc = max(docs, key=lambda d: len(d.sentences))
    expected = _report(doc, 1)
    monkeypatch.setattr(findings.Engine, "_judge_run", failing)
    assert _report(doc, 3) == expected


def test_practice_is_read_once_whether_or_not_the_work_is_shared(docs, monkeypatch):
    from constitution_check import check

    calls = []
    real = check.read_practice
    monkeypatch.setattr(check, "read_practice", lambda d: calls.append(1) or real(d))
    monkeypatch.setattr(findings, "SENTENCES_PER_PROCESS", 40)
    monkeypatch.setattr(findings, "SENTENCES_PER_CHUNK", 7)
    paper = next(d for d in docs if d.kind != "constitution")
    for processes in (1, 3):
        calls.clear()
        report = judge_documents([paper], None, "all", processes=processes)
        assert calls == [1] and report.practice is not None


def test_the_collector_is_paused_for_the_work_and_given_back_as_it_was():
    import gc

    from constitution_check import collector

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector.paused():
            raise ValueError("a bad file")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_one_process_when_asked(monkeypatch):
    """--processes 1 (what batch uses, its areas sharing the cores) reads and judges in one process;
    more share a long document, with the same report; a negative number is refused in one line."""
    monkeypatch.setattr(findings, "SENTENCES_PER_PROCESS", 40)
    monkeypatch.setattr(findings, "SENTENCES_PER_CHUNK", 7)
    monkeypatch.setattr(readers, "PAGES_PER_PROCESS", 2)
    forks = []
    real_start = forked._start
    monkeypatch.setattr(forked, "_start", lambda work: forks.append(work) or real_start(work))
    path = str(DOCUMENTS[0])
    data = Path(path).read_bytes()
    extract_bytes(Path(path), data, "x", fmt="pdf", processes=1)
    assert forks == []
    extract_bytes(Path(path), data, "x", fmt="pdf", processes=2)
    assert forks, "pages are shared when more processes may read them"
    forks.clear()
    one = check_paths([path], use_cache=False, limits=replace(DEFAULT_LIMITS, processes=1)).report
    assert forks == []
    shared = check_paths([path], use_cache=False, limits=replace(DEFAULT_LIMITS, processes=3)).report
    assert forks, "a long document is shared when more processes may work on it"
    assert one.model_dump(mode="json") == shared.model_dump(mode="json")
    result = run_cli("check", path, "--processes", "-1")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["constitution-check: --processes must be 0 (one per core) or more"]
