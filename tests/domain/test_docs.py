"""docs/confidentiality.md carries the tables generated from the code.

Regenerate with ``.venv/bin/python -m tests.domain.test_docs``.
"""

from __future__ import annotations

from pathlib import Path

from clinic_app.domain.doctable import BEGIN, END, render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "confidentiality.md"


def generated_part(text: str) -> str:
    start = text.index(BEGIN)
    end = text.index(END, start) + len(END)
    return text[start:end] + "\n"


def test_docs_match_the_code() -> None:
    assert generated_part(DOC.read_text(encoding="utf-8")) == render_markdown(), (
        "docs/confidentiality.md is stale: run .venv/bin/python -m tests.domain.test_docs"
    )


def test_every_stored_field_is_documented() -> None:
    from clinic_app.domain.fields import FIELDS

    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in FIELDS)


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(generated_part(text).rstrip("\n"), render_markdown().rstrip("\n")))
