"""SHA-256 without OpenSSL.

``hashlib`` loads OpenSSL's libcrypto (3.3 MiB resident) as it is imported, for the two short things hashed here: the
single-instance name of a data folder, which the idle window needs, and the speech cache's keys. CPython carries a
SHA-256 of its own that gives the same digest, so the idle window loads no libcrypto
(docs/startup.md, "Memory of the idle window").
"""

from __future__ import annotations

import importlib

BUILT_IN = ("_sha2", "_sha256")  # CPython's own SHA-256: named _sha2 from Python 3.12, _sha256 before


def sha256_hex(data: bytes) -> str:
    for name in BUILT_IN:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return str(module.sha256(data).hexdigest())
    import hashlib  # noqa: PLC0415 - a Python built without its own SHA-256

    return hashlib.sha256(data).hexdigest()
