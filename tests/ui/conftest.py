from tests.storage.fixtures import cheap_kdf, vault, vault_path

__all__ = ["cheap_kdf", "vault", "vault_path"]
