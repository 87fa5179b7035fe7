"""Issue 19: one test per finding of the outside review, each reproducing the attack."""

from tests.storage.fixtures import cheap_kdf

__all__ = ["cheap_kdf"]
