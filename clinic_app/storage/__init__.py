"""The encrypted vault: key slots, repository, audit log, backup."""
