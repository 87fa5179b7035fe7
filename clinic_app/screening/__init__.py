"""The screening engine (pure Python): see ../shared/spec/screening.md."""
