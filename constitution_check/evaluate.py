"""Score the checker against a labelled corpus: accuracy, precision and recall per verdict,
a confusion matrix, and how often the cited evidence is a labelled clause."""

import glob
import re
from pathlib import Path

from .check import judge_documents, load_documents
from .engine.loader import load_rules
from .yamlio import load_yaml

VERDICTS = ["met", "partial", "not_met", "silent"]


def load_labels(path: Path, base: Path | None = None) -> list[dict]:
    """Labels, with included files' document paths read relative to the including file."""
    base = base or path.parent
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    documents = list(data.get("documents") or [])
    for pattern in data.get("include") or []:
        for part in sorted(glob.glob(str(path.parent / pattern))):
            documents.extend(load_labels(Path(part), base))
    for doc in documents:
        doc.setdefault("_base", str(base))
    return documents


def clause_hit(cited: str | None, labelled: list[str], heading: str | None = None) -> bool:
    """A cited clause hits a labelled one when either contains the other as a prefix:
    '6.2.1' hits '6.2', and '2.8.2(a)' hits '2.8.2'. Board papers are often cited by
    their headings ('Members present', 'Section A'): a heading hits a label it begins with."""
    head = " ".join((heading or "").lower().split())
    for label in labelled:
        words = " ".join(str(label).lower().split())
        if head and re.match(r"[a-z]{3,}", words) and head.startswith(words):
            return True
    if not cited:
        return False
    norm = cited.replace(" ", "").lower()
    for label in labelled:
        lab = str(label).replace(" ", "").lower()
        if norm == lab or norm.startswith(lab + ".") or norm.startswith(lab + "(") or lab.startswith(norm + "."):
            return True
    return False


def evaluate_labels(path: Path, use_cache: bool = True, demands: list[str] | None = None,
                    kinds: list[str] | None = None, heldout: bool | None = None) -> dict:
    """Score every labelled document, or only those of some kinds, or only the held-out
    (heldout=True) or development (heldout=False) documents."""
    rules = load_rules()
    entries = [e for e in load_labels(path)
               if (not kinds or e.get("kind", "constitution") in kinds)
               and (heldout is None or bool(e.get("heldout")) == heldout)]
    rows = []
    errors = []
    for entry in entries:
        pdf = Path(entry["_base"]) / entry["pdf"]
        docs, errs = load_documents([str(pdf)], use_cache)
        if errs:
            errors.extend(str(e) for e in errs)
            continue
        report = judge_documents(docs, None, "all")
        by_demand = {r.demand: r for r in report.results}
        for demand, label in (entry.get("labels") or {}).items():
            if demand not in rules or demand not in by_demand or (demands and demand not in demands):
                continue
            result = by_demand[demand]
            clauses = [str(c) for c in label.get("clauses") or []]
            cited = [(e.clause, e.heading) for e in result.evidence]
            rows.append({
                "document": entry.get("id", entry["pdf"]), "demand": demand, "heldout": bool(entry.get("heldout")),
                "expected": label["verdict"], "got": result.verdict,
                "evidence_checked": bool(result.evidence) and bool(clauses) and label["verdict"] != "silent",
                "evidence_hit": any(clause_hit(c, clauses, h) for c, h in cited),
            })
    return score(rows, errors)


def score(rows: list[dict], errors: list[str]) -> dict:
    demands = sorted({r["demand"] for r in rows})
    confusion = {e: {g: 0 for g in VERDICTS} for e in VERDICTS}
    for r in rows:
        confusion[r["expected"]][r["got"]] += 1
    per_demand = {}
    for demand in demands:
        subset = [r for r in rows if r["demand"] == demand]
        per_demand[demand] = {"n": len(subset), "accuracy": _accuracy(subset), "per_verdict": _prf(subset)}
    checked = [r for r in rows if r["evidence_checked"]]
    heldout = [r for r in rows if r.get("heldout")]
    return {
        "documents": len({r["document"] for r in rows}), "judgements": len(rows),
        "heldout_accuracy": _accuracy(heldout) if heldout else None,
        "heldout_documents": len({r["document"] for r in heldout}),
        "accuracy": _accuracy(rows), "per_verdict": _prf(rows), "per_demand": per_demand,
        "confusion": confusion,
        "evidence_hit_rate": round(sum(r["evidence_hit"] for r in checked) / len(checked), 3) if checked else None,
        "mistakes": [r for r in rows if r["expected"] != r["got"]],
        "unreadable": errors,
    }


def _accuracy(rows: list[dict]) -> float:
    return round(sum(r["expected"] == r["got"] for r in rows) / len(rows), 3) if rows else 0.0


def _prf(rows: list[dict]) -> dict:
    out = {}
    for v in VERDICTS:
        tp = sum(1 for r in rows if r["got"] == v and r["expected"] == v)
        predicted = sum(1 for r in rows if r["got"] == v)
        actual = sum(1 for r in rows if r["expected"] == v)
        if predicted or actual:
            out[v] = {"precision": round(tp / predicted, 3) if predicted else None,
                      "recall": round(tp / actual, 3) if actual else None, "support": actual}
    return out


def format_text(s: dict) -> str:
    lines = [f"{s['documents']} documents, {s['judgements']} judgements",
             f"accuracy: {s['accuracy']:.3f}",
             f"evidence hit rate: {s['evidence_hit_rate'] if s['evidence_hit_rate'] is not None else 'n/a'}"]
    if s.get("heldout_accuracy") is not None:
        lines.append(f"held-out documents ({s['heldout_documents']}, written without sight of the rules): "
                     f"accuracy {s['heldout_accuracy']:.3f}")
    lines += ["",
             f"{'demand':32s} {'n':>3s} {'accuracy':>8s}"]
    for demand, d in s["per_demand"].items():
        lines.append(f"{demand:32s} {d['n']:3d} {d['accuracy']:8.3f}")
    lines += ["", f"{'verdict':10s} {'precision':>9s} {'recall':>7s} {'support':>7s}"]
    for v, m in s["per_verdict"].items():
        p = "-" if m["precision"] is None else f"{m['precision']:.3f}"
        r = "-" if m["recall"] is None else f"{m['recall']:.3f}"
        lines.append(f"{v:10s} {p:>9s} {r:>7s} {m['support']:7d}")
    lines += ["", "confusion (rows expected, columns got):", " " * 10 + "".join(f"{v:>9s}" for v in VERDICTS)]
    for e in VERDICTS:
        lines.append(f"{e:10s}" + "".join(f"{s['confusion'][e][g]:9d}" for g in VERDICTS))
    if s["mistakes"]:
        lines += ["", "mistakes:"]
        lines += [f"  {m['document']}: {m['demand']}: expected {m['expected']}, got {m['got']}" for m in s["mistakes"]]
    for err in s["unreadable"]:
        lines.append(f"unreadable: {err}")
    return "\n".join(lines)
