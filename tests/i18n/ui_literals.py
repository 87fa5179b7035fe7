"""Finds user-facing string literals in UI code that bypass the translation layer.

Precise rather than broad: it looks only where Qt shows text to a person (the
first text argument of ``setText``, ``setWindowTitle``, ``QLabel(...)``,
``QMessageBox.warning(...)`` and the like) and reports a literal there unless
it is wrapped in ``_()``, ``N_()``, ``ngettext()`` or ``pgettext()``. Object
names, style sheets, resource paths, shortcuts (``QKeySequence("Ctrl+L")``),
dict keys and log messages are never such arguments, so they pass. A literal
with no letters ("…", " — ", "{}: {}") passes too. A deliberate exception is
marked on its line with ``# i18n: not user-facing``.

Run ``python -m tests.i18n.ui_literals [paths]`` to list offenders.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TRANSLATORS = frozenset({"_", "N_", "ngettext", "pgettext", "npgettext"})
WAIVER = "# i18n: not user-facing"

# Method name -> positions of its text arguments ("*" = every positional argument).
METHOD_TEXT_ARGS: dict[str, tuple[int, ...] | str] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setWindowIconText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setPrefix": (0,),
    "setSuffix": (0,),
    "setSpecialValueText": (0,),
    "setButtonText": (1,),
    "setIconText": (0,),
    "setFormat": (0,),
    "setHtml": (0,),
    "setPlainText": (0,),
    "setMarkdown": (0,),
    "showMessage": (0,),
    "addItem": (0, 1),
    "addItems": (0,),
    "insertItem": (1, 2),
    "insertItems": (1,),
    "setItemText": (1,),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "addRow": (0,),
    "insertRow": (1,),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "addSection": (0, 1),
    "addButton": (0,),
    "setWizardPageTitle": (0,),
    "setSubTitle": (0,),
}
# Classes whose constructor shows its text arguments.
CONSTRUCTORS = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QCommandLinkButton",
        "QToolButton",
        "QLineEdit",
        "QTextEdit",
        "QPlainTextEdit",
        "QMessageBox",
        "QDockWidget",
        "QTreeWidgetItem",
        "QListWidgetItem",
        "QTableWidgetItem",
        "QStandardItem",
        "QWizardPage",
        "QProgressDialog",
    }
)
# Static dialogs: every positional string after the parent is shown.
STATIC_DIALOGS = frozenset(
    {
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "getText",
        "getMultiLineText",
        "getItem",
        "getInt",
        "getDouble",
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
    }
)
DIALOG_CLASSES = frozenset({"QMessageBox", "QInputDialog", "QFileDialog"})
TEXT_KEYWORDS = frozenset(
    {"text", "title", "toolTip", "statusTip", "placeholderText", "windowTitle", "label"}
)


@dataclass(frozen=True)
class Offence:
    path: Path
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _has_letters(text: str) -> bool:
    """True when the literal has letters outside ``{...}`` replacement fields."""
    depth = 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch.isalpha():
            return True
    return False


def untranslated_literals(node: ast.AST) -> Iterator[str]:
    """Literal text in an expression that no translation call wraps."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _has_letters(node.value):
            yield node.value
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from untranslated_literals(part.value)
            else:
                yield from untranslated_literals(part)
    elif isinstance(node, ast.Call):
        name = _callee_name(node.func)
        if name in TRANSLATORS:
            return
        if isinstance(node.func, ast.Attribute):  # "Hello {}".format(x), ", ".join(...)
            yield from untranslated_literals(node.func.value)
        for arg in node.args:
            yield from untranslated_literals(arg)
    elif isinstance(node, ast.BinOp):
        yield from untranslated_literals(node.left)
        yield from untranslated_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from untranslated_literals(node.body)
        yield from untranslated_literals(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            yield from untranslated_literals(element)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from untranslated_literals(value)


def _callee_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _receiver(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return ""


def _text_args(call: ast.Call) -> list[ast.expr]:
    name = _callee_name(call.func)
    args: list[ast.expr] = []
    if isinstance(call.func, ast.Attribute) and name in METHOD_TEXT_ARGS:
        positions = METHOD_TEXT_ARGS[name]
        args += [a for i, a in enumerate(call.args) if positions == "*" or i in positions]
    else:
        constructor = isinstance(call.func, ast.Name) and name in CONSTRUCTORS
        dialog = name in STATIC_DIALOGS and _receiver(call.func) in DIALOG_CLASSES
        if constructor or dialog:
            args += call.args
    if args or name in CONSTRUCTORS or name in METHOD_TEXT_ARGS:
        args += [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
    return args


def check_source(source: str, path: Path) -> list[Offence]:
    """Every user-facing literal outside the translation layer in one module."""
    lines = source.splitlines()
    offences = []
    for node in ast.walk(ast.parse(source, str(path))):
        if not isinstance(node, ast.Call):
            continue
        if WAIVER in lines[node.lineno - 1]:
            continue
        for arg in _text_args(node):
            for text in untranslated_literals(arg):
                offences.append(Offence(path, node.lineno, _callee_name(node.func), text))
    return offences


def check_paths(paths: list[Path]) -> list[Offence]:
    offences: list[Offence] = []
    for root in paths:
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            offences += check_source(path.read_text(encoding="utf-8"), path)
    return offences


def main(argv: list[str]) -> int:
    ui = Path(__file__).resolve().parents[2] / "clinic_app" / "ui"
    offences = check_paths([Path(a) for a in argv] or [ui])
    for offence in offences:
        print(offence)
    return 1 if offences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
