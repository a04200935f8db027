"""Encryption primitives for report confidentiality (see ../shared/DESIGN.md).

- Fields are encrypted with XChaCha20-Poly1305; the associated data names the report and
  the field, so a ciphertext moved to another report or field fails to decrypt.
- A report's data key is sealed (Curve25519 sealed box) to each person with access, and
  wrapped under a key derived with Argon2id from the receipt code.
- Private keys are stored wrapped under an Argon2id key from the password, and under a
  high-entropy recovery key.
"""

import hashlib
import secrets
from dataclasses import dataclass

import nacl.bindings as sodium
import nacl.exceptions
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.pwhash import argon2id

KEY_BYTES = 32
NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
SALT_BYTES = argon2id.SALTBYTES
FORMAT = b"v1"

# Argon2id cost for keys derived from receipt codes and passwords: about 0.12 s on the
# reference machine (2 cores); the code itself carries ~99 bits, so the cost mainly slows
# an attacker who holds a copy of the database and tries passwords.
KDF_OPS = 3
KDF_MEM = 64 * 1024 * 1024

# Receipt codes: 20 characters in five groups, from 31 symbols without 0/O, 1/I/L (~99 bits).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 20
RECEIPT_GROUP = 4


class DecryptionFailed(Exception):
    """A ciphertext could not be opened: wrong key, wrong report or field, or tampered."""


def random_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def associated_data(report_uid: str, field: str) -> bytes:
    return b"vertrouwd|" + FORMAT + b"|" + report_uid.encode() + b"|" + field.encode()


def encrypt(key: bytes, plaintext: bytes, context: bytes) -> bytes:
    """Encrypt with XChaCha20-Poly1305 bound to the context; returns nonce + ciphertext."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, context, nonce, key)


def decrypt(key: bytes, blob: bytes, context: bytes) -> bytes:
    """Open what encrypt() made with the same key and context, or raise DecryptionFailed."""
    try:
        nonce, body = bytes(blob[:NONCE_BYTES]), bytes(blob[NONCE_BYTES:])
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(body, context, nonce, key)
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as exc:
        raise DecryptionFailed() from exc


def encrypt_field(data_key: bytes, report_uid: str, field: str, value: str | bytes) -> bytes:
    """Encrypt one field of one report."""
    raw = value.encode() if isinstance(value, str) else value
    return encrypt(data_key, raw, associated_data(report_uid, field))


def decrypt_field(data_key: bytes, report_uid: str, field: str, blob: bytes) -> bytes:
    """Decrypt one field of one report."""
    return decrypt(data_key, blob, associated_data(report_uid, field))


def seal(public_key: bytes, secret: bytes) -> bytes:
    """Seal a secret (a data key) so only the holder of the private key can open it."""
    return SealedBox(PublicKey(public_key)).encrypt(secret)


def unseal(private_key: bytes, sealed: bytes) -> bytes:
    try:
        return SealedBox(PrivateKey(private_key)).decrypt(bytes(sealed))
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as exc:
        raise DecryptionFailed() from exc


def derive_key(secret: str, salt: bytes, ops: int | None = None, mem: int | None = None) -> bytes:
    """Derive a wrapping key from a password or receipt code with Argon2id.

    Stored rows keep the cost they were made with (ops, mem), so it can be raised later.
    """
    return argon2id.kdf(
        KEY_BYTES, secret.encode(), salt, opslimit=ops or KDF_OPS, memlimit=mem or KDF_MEM
    )


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


@dataclass(frozen=True)
class KeyPair:
    public: bytes
    private: bytes


def new_key_pair() -> KeyPair:
    key = PrivateKey.generate()
    return KeyPair(bytes(key.public_key), bytes(key))


def key_from_secret(secret_key: str, purpose: str) -> bytes:
    """Derive a key for one purpose from the app's secret key (a high-entropy value)."""
    message = purpose.encode() + b"|" + secret_key.encode()
    return hashlib.blake2b(message, digest_size=KEY_BYTES, person=b"vt-app-key").digest()


# --- receipt codes -------------------------------------------------------------------


def new_receipt_code() -> str:
    """Return a fresh receipt code, grouped for reading aloud: ABCD-EFGH-JKMN-PQRS-TUVW."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + RECEIPT_GROUP] for i in range(0, len(raw), RECEIPT_GROUP))


def normalise_code(typed: str) -> str | None:
    """Return the canonical form of a typed code (any case, spaces or dashes), or None."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    if len(cleaned) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in cleaned):
        return None
    return format_code(cleaned)


def receipt_lookup(code: str) -> str:
    """Return the digest a report is found by; the code itself is never stored."""
    return hashlib.blake2b(code.encode(), digest_size=32, person=b"vertrouwd-lookup").hexdigest()


# --- recovery keys -------------------------------------------------------------------


def new_recovery_key() -> str:
    """Return a recovery key: 32 symbols (~158 bits) in groups of four."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(32))
    return format_code(raw)


def recovery_wrapping_key(recovery_key: str) -> bytes:
    """Turn a recovery key into a wrapping key (it is random enough for a plain hash)."""
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    return hashlib.blake2b(
        cleaned.encode(), digest_size=KEY_BYTES, person=b"vertrouwd-recov"
    ).digest()
