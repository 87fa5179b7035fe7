import sys

from clinic_app.app_main import main

sys.exit(main())
