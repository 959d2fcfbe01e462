"""The progress bar of a long document: only on a terminal, only past LONG_DOCUMENT pages,
and fed sentence by sentence while the rules run."""

import io

from conftest import CONSTITUTIONS, make_pdf

from constitution_check import progress
from constitution_check.check import check_paths
from constitution_check.engine import findings


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _long_pdf(tmp_path, pages):
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    src = pdfium.PdfDocument(str(CONSTITUTIONS[0]))
    while len(out) < pages:
        out.import_pages(src, list(range(min(len(src), pages - len(out)))))
    path = tmp_path / f"long-{pages}.pdf"
    out.save(str(path))
    return path


def test_no_bar_when_not_a_terminal_or_short(tmp_path):
    long_pdf = _long_pdf(tmp_path, progress.LONG_DOCUMENT + 5)
    assert progress.wanted([str(long_pdf)], io.StringIO()) is None  # piped: never
    short = make_pdf(tmp_path / "short.pdf", ["1.1 A short paper."])
    assert progress.wanted([str(short)], _Terminal()) is None  # short: never
    assert progress.wanted([str(long_pdf)], _Terminal()) == {str(long_pdf): progress.LONG_DOCUMENT + 5}


def test_bar_follows_the_rules_through_a_long_document(tmp_path):
    long_pdf = _long_pdf(tmp_path, progress.LONG_DOCUMENT + 5)
    seen = []
    terminal = _Terminal()
    with progress.long_document_progress([str(long_pdf)], terminal):
        inner = findings.progress_hook
        findings.progress_hook = lambda path, done, total: (seen.append((done, total)), inner(path, done, total))
        outcome = check_paths([str(long_pdf)], use_cache=False)
        findings.progress_hook = inner
    assert findings.progress_hook is None  # removed afterwards
    assert outcome.report is not None
    assert seen and seen[-1][0] == seen[-1][1]  # it reaches the end
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
