"""The encryption scheme: fields bound to report and field, sealed keys, receipt codes."""

import math

import pytest

from portal.platform import crypto


def test_field_ciphertext_is_bound_to_its_report_and_field():
    key = crypto.random_key()
    blob = crypto.encrypt_field(key, "report-a", "body", "secret text")
    assert crypto.decrypt_field(key, "report-a", "body", blob) == b"secret text"
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_field(key, "report-b", "body", blob)  # moved to another report
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_field(key, "report-a", "identity", blob)  # moved to another field
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_field(crypto.random_key(), "report-a", "body", blob)
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_field(key, "report-a", "body", tampered)


def test_sealed_key_opens_only_with_the_right_private_key():
    alice, bob = crypto.new_key_pair(), crypto.new_key_pair()
    data_key = crypto.random_key()
    sealed = crypto.seal(alice.public, data_key)
    assert crypto.unseal(alice.private, sealed) == data_key
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(bob.private, sealed)


def test_receipt_code_has_enough_entropy_and_reads_well():
    code = crypto.new_receipt_code()
    groups = code.split("-")
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    bits = crypto.RECEIPT_LENGTH * math.log2(len(crypto.RECEIPT_ALPHABET))
    assert bits >= 80
    assert not set("01OIL") & set(crypto.RECEIPT_ALPHABET)
    assert crypto.normalise_code(code.lower().replace("-", " ")) == code
    assert crypto.normalise_code(code[:-1]) is None
    assert crypto.normalise_code(code.replace(code[0], "0", 1)) is None
    assert len({crypto.new_receipt_code() for _ in range(1000)}) == 1000


def test_receipt_key_derivation_depends_on_code_and_salt():
    salt = crypto.new_salt()
    code = crypto.new_receipt_code()
    assert crypto.derive_key(code, salt) == crypto.derive_key(code, salt)
    assert crypto.derive_key(code, salt) != crypto.derive_key(code, crypto.new_salt())
