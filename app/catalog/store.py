"""The file store: content-addressed originals and derived files under the data directory.

Files are copied in while being hashed (one read of the scanner's file), written to a
temporary name, flushed and renamed, so a crash never leaves a half file under a final name.
Storing the same content twice is a no-op: a re-ingest after a crash finds it in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredBlob:
    relpath: str
    sha256: str
    size: int


class FileStore:
    def __init__(self, root: Path):
        self.root = root

    def path(self, relpath: str) -> Path:
        return self.root / relpath

    def put_file(self, source: Path, suffix: str) -> StoredBlob:
        """Copy ``source`` in under its SHA-256, hashing as it copies."""
        digest = hashlib.sha256()
        size = 0
        with open(source, "rb") as reader, self._temporary() as (tmp_path, writer):
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
            return self._settle(tmp_path, writer, digest.hexdigest(), size, suffix)

    def put_bytes(self, data: bytes, suffix: str) -> StoredBlob:
        with self._temporary() as (tmp_path, writer):
            writer.write(data)
            return self._settle(tmp_path, writer, hashlib.sha256(data).hexdigest(), len(data), suffix)

    def put_named(self, source: Path, relpath: str) -> StoredBlob:
        """Place a copy of ``source`` at ``relpath`` (a name derived from the archival code)."""
        target = self.path(relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as writer, open(source, "rb") as reader:
                shutil.copyfileobj(reader, writer, CHUNK)
                writer.flush()
                os.fsync(writer.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return StoredBlob(relpath, sha256_of(target), target.stat().st_size)

    def _temporary(self):
        incoming = self.root / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        return _TemporaryFile(incoming)

    def _settle(self, tmp_path: Path, writer, sha: str, size: int, suffix: str) -> StoredBlob:
        writer.flush()
        os.fsync(writer.fileno())
        relpath = f"objects/{sha[:2]}/{sha}{suffix.lower()}"
        target = self.path(relpath)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_path, target)
        return StoredBlob(relpath, sha, size)


class _TemporaryFile:
    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        fd, name = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        self.tmp_path = Path(name)
        self.writer = os.fdopen(fd, "wb")
        return self.tmp_path, self.writer

    def __exit__(self, *exc) -> None:
        self.writer.close()
        self.tmp_path.unlink(missing_ok=True)  # already renamed when all went well


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
