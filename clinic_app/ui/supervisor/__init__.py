"""The supervisor's workspace: queue, due soon, report, retention, users, settings, rules."""
