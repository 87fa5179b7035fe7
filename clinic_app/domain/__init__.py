"""Records, the field catalogue and the confidentiality policy (pure Python).

- ``fields``: the catalogue (``Field``, ``FieldClass``, ``FIELDS``, ``may_store``).
- ``record``: ``IntakeRecord``, ``ScreeningOutcome``, ``Consent``: what storage stores.
- ``policy``: ``Channel``, ``Context``, ``allowed``, ``redact``: what may leave the vault.
- ``notes``: ``find_identifiers`` for never-collected numbers in free text.
- ``sanitise``: ``clean_text`` for text typed by users.
- ``textfold``: ``fold``, ``index_tokens``, ``match_query`` for name search (FTS5).

See docs/confidentiality.md.
"""
