"""The command line: the desktop app's entry point and site IT's admin commands."""
