"""Account tokens: ``<account id>.<secret>``, hashed with Argon2id, verified in constant time.

Why Argon2id (argon2-cffi) rather than ``hashlib.scrypt``: argon2-cffi encodes its parameters and
salt in the hash string (a later change of cost needs no migration; ``check_needs_rehash`` says when)
and its ``verify`` compares in constant time; with scrypt we would write that encoding and the
comparison ourselves.

Argon2 costs tens of milliseconds by design, too much for every request, so a token carries its
account id: the account is looked up by id (one indexed read) and at most one hash is verified.  A
verified token is remembered in :class:`VerifiedTokens` together with the hash it matched; the entry
counts only while the account still holds that very hash, is not disabled and has not expired (the
caller checks that against the account it has just read), so a rotate, a revoke, a disable or an
expiry ends it at once, in every process, and a revoke or rotate in this process also drops it.

>>> token = new_token("acc-0123456789ab")
>>> account_id, secret = split_token(token)
>>> account_id
'acc-0123456789ab'
>>> stored = hash_secret(secret)
>>> verify_secret(stored, secret), verify_secret(stored, secret + "x")
(True, False)
>>> split_token("no-dot-here"), split_token("acc-0123456789ab."), split_token(".secret")
(None, None, None)
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cachetools import LRUCache

ACCOUNT_ID = re.compile(r"^acc-[0-9a-f]{12}$")
SECRET_BYTES = 32  # token_urlsafe(32): 43 characters, 256 bits

# Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), not the library's 64 MiB default: the secret
# is 256 random bits, so no cost makes guessing it from a leaked hash any harder than it already is;
# the hash is there so a copy of the database holds no usable token.  A low cost bounds what a flood
# of wrong tokens makes the server spend (measured on the shared 2-core machine under load: ~0.2 s per
# verification instead of ~0.9 s).  Hashes carry their parameters: older ones still verify.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# verified against when the account does not exist, so an unknown id costs what a wrong secret does
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(SECRET_BYTES))


def new_account_id() -> str:
    """A random account id; it is the public half of the account's token.

    >>> bool(ACCOUNT_ID.match(new_account_id()))
    True
    """
    return f"acc-{secrets.token_hex(6)}"


def new_token(account_id: str) -> str:
    """A fresh token for the account: shown once, never stored."""
    return f"{account_id}.{secrets.token_urlsafe(SECRET_BYTES)}"


def split_token(token: str) -> tuple[str, str] | None:
    """``(account id, secret)``, or None when ``token`` does not have the account-token shape."""
    account_id, dot, secret = token.partition(".")
    if not dot or not secret or not ACCOUNT_ID.match(account_id) or len(secret) > 256:
        return None
    return account_id, secret


def hash_secret(secret: str) -> str:
    """The Argon2id hash stored on the account (salt and parameters inside the string)."""
    return _hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Whether ``secret`` matches ``stored_hash`` (constant-time comparison inside argon2).

    A missing or damaged hash verifies the secret against a dummy hash and says no, so the time taken
    does not tell an unknown account from a wrong secret."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_time(secret: str) -> None:
    """Spend one verification on nothing (an unknown account id): same cost as a wrong secret."""
    verify_secret(None, secret)


class VerifiedTokens:
    """Tokens verified lately: ``sha256(token)`` → the stored hash it matched, at most ``size``.

    >>> cache = VerifiedTokens(size=2)
    >>> cache.remember("acc-000000000001.s1", account_id="acc-000000000001", stored_hash="h1")
    >>> cache.matches("acc-000000000001.s1", stored_hash="h1"), cache.matches("acc-000000000001.s1", stored_hash="h2")
    (True, False)
    >>> cache.forget_account("acc-000000000001"); cache.matches("acc-000000000001.s1", stored_hash="h1")
    False
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._entries: LRUCache[bytes, tuple[str, str]] = LRUCache(maxsize=size)
        self._lock = threading.Lock()  # cachetools caches are not thread-safe; the API's threads share this one

    @staticmethod
    def _key(token: str) -> bytes:
        return hashlib.sha256(token.encode()).digest()

    def matches(self, token: str, *, stored_hash: str) -> bool:
        """True when ``token`` was verified against exactly ``stored_hash`` (the account's current one)."""
        key = self._key(token)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False
            if entry[1] != stored_hash:  # rotated since: the entry is dead
                del self._entries[key]
                return False
            return True

    def remember(self, token: str, *, account_id: str, stored_hash: str) -> None:
        with self._lock:
            self._entries[self._key(token)] = (account_id, stored_hash)

    def forget_account(self, account_id: str) -> None:
        """Drop every entry of the account (revoke, rotate, disable in this process)."""
        with self._lock:
            for key in [k for k, (a, _) in self._entries.items() if a == account_id]:
                del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)


VERIFIED = VerifiedTokens()
"""The process's cache: each worker keeps its own, which is right because an entry counts only
while the account read from Neo4j on this very request still holds the hash it was verified
against (a rotate or revoke in another worker ends it at the next request)."""
