"""Records, the field catalogue and the confidentiality policy (pure Python)."""
