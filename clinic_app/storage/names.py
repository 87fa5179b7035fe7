"""User names: what a name may contain, and names that look like another.

A user name appears in the audit log, on the sign-in screen and in the key-slot
file, so it must be plain text: no control, format (bidi overrides, zero-width
characters) or separator characters except the ordinary space. Two names that
look alike ("alice" and "аlice" with a Cyrillic а, "rn" and "m", "l" and "1")
would let one person pass for another in the log, so a new name is refused
when its Unicode TR39 skeleton equals an existing name's. The skeleton uses the
confusables table of Unicode's TR39 as shipped by ``confusable-homoglyphs``.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from functools import cache

from clinic_app.i18n import _

MAX_NAME = 64
# Bidi embeddings, overrides and isolates (all category Cf, named here for the reader).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def check_user_name(name: str) -> str:
    """The name as stored (NFC, trimmed); raises ``ValueError`` when unusable."""
    clean = unicodedata.normalize("NFC", name).strip()
    if not clean or len(clean) > MAX_NAME:
        raise ValueError(_("A user name needs 1 to {n} characters.").format(n=MAX_NAME))
    if any(c in BIDI_CONTROLS or (unicodedata.category(c)[0] in "CZ" and c != " ") for c in clean):
        raise ValueError(_("A user name cannot contain control or separator characters."))
    return clean


def is_stored_form(name: object) -> bool:
    """Whether ``name`` is a name exactly as ``check_user_name`` stores it."""
    if not isinstance(name, str):
        return False
    try:
        return check_user_name(name) == name
    except ValueError:
        return False


@cache
def _prototypes() -> dict[str, str]:
    """Each confusable character's TR39 prototype (the group's shared target)."""
    import importlib.util
    import json
    from pathlib import Path

    # Only the package's data file is read: its modules import urllib.request (for
    # refreshing the table online), which the app never loads (tests/test_offline.py).
    bundle = getattr(sys, "_MEIPASS", None)  # the packaged app carries the file alone
    spec = None if bundle else importlib.util.find_spec("confusable_homoglyphs")
    if bundle:
        table_file = Path(bundle) / "confusable_homoglyphs" / "confusables.json"
    elif spec is not None and spec.submodule_search_locations:
        table_file = Path(next(iter(spec.submodule_search_locations))) / "confusables.json"
    else:
        raise RuntimeError("confusable-homoglyphs is not installed")
    confusables_data: dict[str, list[dict[str, str]]] = json.loads(
        table_file.read_text(encoding="utf-8")
    )

    def plain(text: str) -> str:
        return text.replace("\u200e", "")  # the table wraps right-to-left glyphs in LRMs

    groups: dict[str, list[str]] = {
        plain(k): [plain(h["c"]) for h in v] for k, v in confusables_data.items()
    }
    table: dict[str, str] = {}
    for char, others in groups.items():
        if len(char) != 1:
            continue
        # The table is a star around each prototype: the prototype lists the whole
        # group, every other member lists only the prototype.
        members = [char, *others]
        table[char] = max(members, key=lambda m: (len(groups.get(m, ())), -len(m), m))
    return table


def skeleton(name: str) -> str:
    """TR39 ``skeleton``: NFD, each character to its prototype, NFD again."""
    table = _prototypes()
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", name))
    return unicodedata.normalize("NFD", mapped)


def _keys(name: str) -> set[str]:
    # TR39 skeletons are case-sensitive ("0" maps to "O", "I" to "l"); a reader is
    # not, so the skeleton is taken before and after folding case.
    return {skeleton(name), skeleton(name.casefold()), skeleton(skeleton(name).casefold())}


def looks_like(name: str, other: str) -> bool:
    """Whether two names are confusable, ignoring case as a reader would."""
    return bool(_keys(name) & _keys(other))


def check_not_confusable(name: str, existing: Iterable[str]) -> None:
    """Raises ``ValueError`` when ``name`` looks like one of ``existing``."""
    for other in existing:
        if other != name and looks_like(name, other):
            raise ValueError(
                _("That name looks like the existing user {name}; choose another.").format(
                    name=other
                )
            )
