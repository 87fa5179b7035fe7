"""Every reason code the engine can emit has a plain sentence, translated at call time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from clinic_app.screening import REASON_CODES, URGENCY_REASONS, explain
from clinic_app.screening import codes as c
from clinic_app.screening.explanations import explained_codes

PACKAGE = Path(c.__file__).parent


def codes_used_by_the_engine() -> set[str]:
    """Every ``c.NAME`` the engine modules refer to, resolved to its code."""
    used: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        if path.name in {"codes.py", "explanations.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "c"
            ):
                value = getattr(c, node.attr)
                if isinstance(value, str) and value in REASON_CODES:
                    used.add(value)
    return used


def test_every_code_the_engine_can_emit_has_an_explanation() -> None:
    used = codes_used_by_the_engine()
    assert len(used) > 40  # the scan found the engine's codes
    assert used <= set(REASON_CODES)
    assert set(REASON_CODES) <= explained_codes()
    assert set(URGENCY_REASONS) <= set(REASON_CODES)


@pytest.mark.parametrize("code", REASON_CODES)
def test_explanation_is_plain_text(code: str) -> None:
    text = explain(code)
    assert text.sentence.endswith(".") and len(text.sentence) < 200
    assert text.next_step is None or text.next_step.endswith(".")
    assert all(doc and not doc.endswith(".") for doc in text.documents)


def test_unknown_code() -> None:
    with pytest.raises(KeyError):
        explain("no_such_code")


def test_texts_go_through_the_translation_layer_at_call_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clinic_app.screening import explanations

    english = explain("hearing_date_passed")
    monkeypatch.setattr(explanations, "_", lambda text: f"<{text}>")
    marked = explain("hearing_date_passed")
    assert marked.sentence == f"<{english.sentence}>"
    assert marked.next_step == f"<{english.next_step}>"
    assert marked.documents == tuple(f"<{d}>" for d in english.documents)


def test_a_given_language_uses_that_catalogue() -> None:
    assert explain("detained", language="en") == explain("detained")
    assert explain("detained", language="fr").sentence
    with pytest.raises(ValueError):
        explain("detained", language="xx")
