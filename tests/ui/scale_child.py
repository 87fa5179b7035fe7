"""Child process for the 200 % scale check: every main screen at a given logical size.

``QT_SCALE_FACTOR=2 python -m tests.ui.scale_child VAULT WIDTH HEIGHT``: Qt itself scales
(fonts, metrics, styles), as on a real 200 % display, which a doubled font in
the parent cannot fully imitate. Prints one JSON object: the scale Qt used,
the size each screen had and the buttons that left the window.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from clinic_app.storage import keyslots
from clinic_app.ui.app import apply_language, create_application
from clinic_app.ui.tour import walk
from clinic_app.ui.wheel_guard import install_wheel_guard
from tests.storage.fixtures import TEST_PARAMS
from tests.ui.geometry import outside


def main() -> None:
    size = (int(sys.argv[2]), int(sys.argv[3]))
    keyslots.CURRENT_PARAMS = TEST_PARAMS  # test code only: cheap slots
    app = create_application()
    apply_language(app, "en")
    install_wheel_guard(app)
    long_name = "Quispehuamanquispehuaman" * 4 + "Quis"  # the longest family name taken
    problems: dict[str, list[str]] = {}
    sizes: dict[str, list[int]] = {}
    ratio = 0.0
    for name, window in walk(Path(sys.argv[1]), size, long_name):
        window.resize(*size)
        app.processEvents()
        ratio = window.devicePixelRatio()
        sizes[name] = [window.width(), window.height()]
        bad = outside(window)
        if bad:
            problems[name] = bad
    sys.stdout.write(json.dumps({"ratio": ratio, "sizes": sizes, "problems": problems}) + "\n")


if __name__ == "__main__":
    main()
