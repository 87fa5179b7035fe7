"""Exit codes fixed by ../shared/spec/cli.md."""

OK = 0
FAILED = 1
USAGE = 2
BAD_PASSPHRASE = 3
DAMAGED = 4
