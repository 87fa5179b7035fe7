import sys

from clinic_app.cli.main import main

sys.exit(main())
