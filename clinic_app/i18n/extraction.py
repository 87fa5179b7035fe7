"""Is every message the code can show in the template and in every catalogue?

Two checks, both run by the suite (``tests/i18n/test_extraction.py``):

- ``template_problems`` extracts the template afresh from the code, exactly as
  ``make extract-messages`` does (its arguments are read from the Makefile),
  and reports every message missing from ``translations/clinic.pot`` or
  untranslated in one of the ten catalogues.
- ``hidden_translators`` finds text that extraction cannot see: a string
  literal handed to a translating helper whose name is not an extraction
  keyword (``self.g("Name")`` where ``self.g = translation(code).gettext``).
  A helper is any name bound to a ``gettext`` function, or any function that
  passes one of its own parameters to one; a literal given to it never
  reaches ``clinic.pot``. Such text must be marked where it is written:
  ``g(N_("Name"))``.
"""

from __future__ import annotations

import ast
import itertools
import shlex
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

# Functions that translate their argument (N_ only marks it).
TRANSLATING = frozenset(
    {"_", "gettext", "ngettext", "pgettext", "npgettext", "ugettext", "ungettext"}
    | {"dgettext", "dngettext", "dpgettext", "dnpgettext"}
)
MakeTarget = "extract-messages:"


@dataclass(frozen=True)
class Missing:
    """A message the code can show that a catalogue lacks (or the template)."""

    where: str  # "clinic.pot" or a language code
    msgid: str
    context: str | None

    def __str__(self) -> str:
        ctx = f" [{self.context}]" if self.context else ""
        kind = "missing" if self.where == "clinic.pot" else "untranslated"
        return f"{self.where}: {kind}: {self.msgid!r}{ctx}"


@dataclass(frozen=True)
class Hidden:
    """A literal handed to a translating helper that extraction does not know."""

    path: str
    line: int
    helper: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.helper}({self.text!r}) is never extracted"


# --- the template, regenerated ------------------------------------------------


def extract_arguments(makefile: Path) -> list[str]:
    """The ``pybabel extract`` arguments of the Makefile's extract-messages recipe."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(MakeTarget))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().removesuffix("\\"))
    words = shlex.split(" ".join(recipe))
    return words[words.index("extract") + 1 :]


def extract_template(root: Path, out: Path) -> Catalog:
    """Runs ``pybabel extract`` as ``make extract-messages`` does, writing to ``out``."""
    args = extract_arguments(root / "Makefile")
    args[args.index("-o") + 1] = str(out)
    args = [a if not a.startswith(("clinic_app", "packaging")) else str(root / a) for a in args]
    CommandLineInterface().run(["pybabel", "-q", "extract", *args])  # type: ignore[no-untyped-call]
    with out.open("rb") as handle:
        return read_po(handle)


def keywords_of(args: list[str]) -> set[str]:
    """The function names extraction recognises with these arguments."""
    names = set() if "--no-default-keywords" in args else set(DEFAULT_KEYWORDS)
    for flag, value in itertools.pairwise(args):
        if flag in ("-k", "--keyword", "--keywords"):
            names.add(value.split(":")[0])
    return names


def _keys(catalog: Catalog) -> dict[tuple[str, str | None], object]:
    out: dict[tuple[str, str | None], object] = {}
    for message in catalog:
        if message.id:
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            out[(str(msgid), message.context)] = message
    return out


def _translated(message: object) -> bool:
    strings = getattr(message, "string", "")
    if isinstance(strings, (list, tuple)):
        return all(strings)
    return bool(strings)


def template_problems(root: Path, languages: Iterable[str]) -> list[Missing]:
    """Messages of the code missing from clinic.pot or untranslated in a catalogue.

    ``root`` is the source tree (Makefile, clinic_app/, translations/).
    Haitian-only calendar words (context ``ht: ...``) need translating only in ht.
    """
    with tempfile.TemporaryDirectory() as folder:
        fresh = _keys(extract_template(root, Path(folder) / "fresh.pot"))
    with (root / "translations" / "clinic.pot").open("rb") as handle:
        shipped = _keys(read_po(handle))
    problems = [Missing("clinic.pot", i, c) for (i, c) in fresh if (i, c) not in shipped]
    for code in languages:
        path = root / "translations" / code / "LC_MESSAGES" / "clinic.po"
        with path.open("rb") as handle:
            catalog = _keys(read_po(handle))
        for (msgid, context), _message in fresh.items():
            if code != "ht" and str(context or "").startswith("ht:"):
                continue
            found = catalog.get((msgid, context))
            if found is None or not _translated(found) or getattr(found, "fuzzy", False):
                problems.append(Missing(code, msgid, context))
    return problems


# --- helpers extraction cannot see -----------------------------------------------


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _refers_to_translator(node: ast.AST, translators: set[str]) -> bool:
    """An expression that is (or chooses between) a translating function, uncalled."""
    if isinstance(node, ast.IfExp):
        return _refers_to_translator(node.body, translators) or _refers_to_translator(
            node.orelse, translators
        )
    name = _name(node)
    return name is not None and name in translators


def _has_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _has_literal(node.left) or _has_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _has_literal(node.body) or _has_literal(node.orelse)
    return False


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ast.unparse(node)


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    a = function.args
    names = [p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    names += [p.arg for p in (a.vararg, a.kwarg) if p is not None]
    return {n for n in names if n not in ("self", "cls")}


def _uses(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def _translates_parameter(function: ast.AST, translators: set[str]) -> bool:
    assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
    params = _parameters(function)
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or _name(node.func) not in translators:
            continue
        if any(_uses(arg, params) for arg in node.args):
            return True
    return False


def _trees(paths: Iterable[Path]) -> Iterator[tuple[Path, ast.Module]]:
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            yield file, ast.parse(file.read_text(encoding="utf-8"), str(file))


def translators_in(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """Names bound to a translating function, and functions that translate a parameter.

    Bindings are followed to a fixed point (``g = self.g``); helpers are found one
    level deep (a function giving a parameter to a translating function), since
    following helpers of helpers by name alone would take in every ``open``.
    """
    found = set(TRANSLATING)
    while True:
        before = len(found)
        for _path, tree in trees:
            for node in ast.walk(tree):
                if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
                    continue
                if _refers_to_translator(node.value, found):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    found |= {n for t in targets if (n := _name(t)) is not None}
        if len(found) == before:
            break
    bound = set(found)
    for _path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                # A class whose constructor translates a parameter: ``Label("text")``.
                inits = [i for i in node.body if isinstance(i, ast.FunctionDef)]
                if any(i.name == "__init__" and _translates_parameter(i, bound) for i in inits):
                    found.add(node.name)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
                not node.name.startswith("__") and _translates_parameter(node, bound)
            ):
                found.add(node.name)
    return found


def hidden_translators(paths: Iterable[Path], keywords: set[str]) -> list[Hidden]:
    """Every literal passed to a translating helper whose name extraction does not know."""
    trees = list(_trees(paths))
    helpers = translators_in(trees) - keywords
    hidden = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name not in helpers:
                continue
            args = [*node.args, *(k.value for k in node.keywords)]
            for arg in args:
                if _has_literal(arg):
                    hidden.append(Hidden(str(path), node.lineno, name, _literal_text(arg)))
    return hidden
