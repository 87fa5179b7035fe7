"""Renders the catalogue, the channel table and the text rules as Markdown.

``docs/confidentiality.md`` holds this output between two markers, and a test
checks that it is current, so the document cannot drift from the code.
"""

from __future__ import annotations

import inspect
from types import ModuleType

from clinic_app.domain import notes, sanitise, textfold
from clinic_app.domain.fields import NEVER_COLLECTED, SCREENING_ONLY_FIELDS, STORED_FIELDS, Field
from clinic_app.domain.fields import FieldClass as FC
from clinic_app.domain.policy import CHANNEL_TITLES, GATES, MATRIX, Channel, Gate

BEGIN = "<!-- BEGIN GENERATED: python -m tests.domain.test_docs -->"
END = "<!-- END GENERATED -->"
COLUMNS = (
    FC.IDENTITY,
    FC.CONTACT_SAFETY,
    FC.SERVICE,
    FC.EO41_CONFIDENTIAL,
    FC.SCREENING_ONLY,
    FC.NEVER_COLLECTED,
)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _field_row(f: Field) -> list[str]:
    choices = ", ".join(f"`{c}`" for c in f.choices)
    kind = f"{f.kind.value} ({choices})" if choices else f.kind.value
    return [f"`{f.name}`", f"`{f.field_class.value}`", kind, f.label, "yes" if f.countable else ""]


def _docstring(module: ModuleType) -> list[str]:
    return (inspect.getdoc(module) or "").splitlines()


def render_markdown() -> str:
    """The generated part of ``docs/confidentiality.md``."""
    out = [BEGIN, "", "### Stored fields", ""]
    header = ["field", "class", "kind", "label (msgid)", "counted in aggregate report"]
    out += _table(header, [_field_row(f) for f in STORED_FIELDS])
    out += ["", "### Screening answers (`screening_only`: never stored)", ""]
    out += _table(header, [_field_row(f) for f in SCREENING_ONLY_FIELDS])
    out += ["", "### Never collected (no field exists)", ""]
    out += _table(["item", "description"], [[f"`{k}`", label] for k, label in NEVER_COLLECTED])
    out += ["", "### Channel matrix (`policy.MATRIX`, `policy.GATES`)", ""]
    rows = [
        [f"`{ch.value}`: {CHANNEL_TITLES[ch]}"]
        + [MATRIX[ch][c].value for c in COLUMNS]
        + ["" if GATES[ch] is Gate.NONE else GATES[ch].value]
        for ch in Channel
    ]
    out += _table(["channel", *(f"`{c.value}`" for c in COLUMNS), "gate"], rows)
    for title, module in (
        ("Free-text note patterns (`domain/notes.py`)", notes),
        ("User-text sanitiser (`domain/sanitise.py`)", sanitise),
        ("Search folding (`domain/textfold.py`)", textfold),
    ):
        out += ["", f"### {title}", "", *_docstring(module)]
    out += ["", END]
    return "\n".join(out) + "\n"
