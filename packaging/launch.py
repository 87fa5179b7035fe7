"""PyInstaller entry script: the same entry point as ``clinic-intake``."""

import sys

from clinic_app.app_main import main

sys.exit(main())
