"""Qt's own strings the app shows, in the app's catalogue.

Qt ships no translation of its own strings for Bengali, Urdu or Haitian Creole,
so the text-field context menu (Undo, Cut, Copy, Paste…) would stay English
there. These messages carry the Qt class as context ("Qt QLineEdit") and keep
Qt's "&" mnemonic marks; ``clinic_app.ui.retranslate`` answers Qt's requests
from them when Qt's own catalogue has no answer. Standard dialog buttons are
labelled by ``label_standard_buttons`` instead.
"""

from __future__ import annotations

import gettext


def qt_messages(catalogue: gettext.NullTranslations) -> dict[tuple[str, str], str]:
    """(Qt context, Qt source text) -> text in ``catalogue``'s language (the source if none)."""
    t = catalogue
    # Translators: a text field's right-click menu; "&" marks the access key.
    return {
        ("QLineEdit", "&Undo"): t.pgettext("Qt QLineEdit", "&Undo"),
        ("QLineEdit", "&Redo"): t.pgettext("Qt QLineEdit", "&Redo"),
        ("QLineEdit", "Cu&t"): t.pgettext("Qt QLineEdit", "Cu&t"),
        ("QLineEdit", "&Copy"): t.pgettext("Qt QLineEdit", "&Copy"),
        ("QLineEdit", "&Paste"): t.pgettext("Qt QLineEdit", "&Paste"),
        ("QLineEdit", "Delete"): t.pgettext("Qt QLineEdit", "Delete"),
        ("QLineEdit", "Select All"): t.pgettext("Qt QLineEdit", "Select All"),
        ("QWidgetTextControl", "&Undo"): t.pgettext("Qt QWidgetTextControl", "&Undo"),
        ("QWidgetTextControl", "&Redo"): t.pgettext("Qt QWidgetTextControl", "&Redo"),
        ("QWidgetTextControl", "Cu&t"): t.pgettext("Qt QWidgetTextControl", "Cu&t"),
        ("QWidgetTextControl", "&Copy"): t.pgettext("Qt QWidgetTextControl", "&Copy"),
        ("QWidgetTextControl", "Copy &Link Location"): t.pgettext(
            "Qt QWidgetTextControl", "Copy &Link Location"
        ),
        ("QWidgetTextControl", "&Paste"): t.pgettext("Qt QWidgetTextControl", "&Paste"),
        ("QWidgetTextControl", "Delete"): t.pgettext("Qt QWidgetTextControl", "Delete"),
        ("QWidgetTextControl", "Select All"): t.pgettext("Qt QWidgetTextControl", "Select All"),
    }
