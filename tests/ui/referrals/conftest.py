from tests.storage.fixtures import cheap_kdf

__all__ = ["cheap_kdf"]
