"""The source cache, ``build/.diglot-cache.json``: what each source was read and extracted as, by digest.

A source whose bytes are unchanged since the last run, under the same diglot code, library releases and
site settings, is neither parsed nor segmented again:

- its document is rebuilt from the record (the body is cut from the bytes again, never stored);
- its POT is known by the digest of the bytes extraction made of it: when the POT file on disk has
  exactly those bytes, extraction has nothing to do;
- a catalog that msgmerge left as it was, merged with exactly this POT, is a fixed point: with the
  same PO file, POT and gettext tools, merging it again would give the same bytes, so it is skipped.

The cache only ever saves work. A record is used only when everything it was made of is unchanged (its
key holds the source's digest and the salt: diglot's code and version, Markdown, PyYAML, Babel, the
settings); a cache file that is missing, corrupt, from another diglot or another project is ignored
and the sources are read again. It is written once, atomically, at the end of a successful run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import shutil
from pathlib import Path
from typing import Any

import diglot
from diglot.config import Config
from diglot.files import atomic, boundary
from diglot.sources.documents import Document, Field, normalized, split_front_matter

CACHE = ".diglot-cache.json"
_FORMAT = 1
_PACKAGE = Path(diglot.__file__).parent


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SourceCache:
    """The records of the last run, and those of this run, written by :meth:`save`."""

    def __init__(self, path: Path, salt: str, records: dict[str, Any]):
        self.path = path
        self.salt = salt
        self._old = records
        self._new: dict[str, Any] = {"documents": {}, "templates": {}, "merges": {}}

    @classmethod
    def open(cls, config: Config) -> SourceCache:
        """The cache of ``config``'s project; empty when absent, unreadable or made under another salt."""
        path = config.build_dir / CACHE
        salt = _salt(config)
        try:
            data = json.loads(boundary.read_bytes(path)) if os.path.lexists(path) else {}
            records = data["records"] if data.get("format") == _FORMAT and data.get("salt") == salt else {}
            if not all(isinstance(records.get(part, {}), dict) for part in ("documents", "templates", "merges")):
                records = {}
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            records = {}
        return cls(path, salt, records)

    # Documents: the diglot.sources.documents.Known protocol.
    def get(self, relpath: Path, data: bytes) -> Document | None:
        """The document ``relpath`` was read as, when its bytes are the same as then."""
        record = self._old.get("documents", {}).get(relpath.as_posix())
        try:
            if record is None or record["bytes"] != file_digest(data):
                return None
            doc = _document(relpath, data, record["document"])
        except (KeyError, ValueError, TypeError, UnicodeDecodeError):
            return None
        self._new["documents"][relpath.as_posix()] = record
        return doc

    def same_front(self, relpath: Path, front: str, body: str, body_line: int) -> Document | None:
        """The document ``relpath`` is read as now that its body changed, when its front matter is the
        same text as the last time: every field comes from the record, the body is the new one."""
        record = self._old.get("documents", {}).get(relpath.as_posix())
        try:
            if record is None or record.get("front") != file_digest(front.encode("utf-8")):
                return None
            return _from_record(relpath, body, body_line, record["document"])
        except (KeyError, ValueError, TypeError, AttributeError):
            return None

    def put(self, doc: Document, data: bytes, front: str) -> None:
        self._new["documents"][doc.path.as_posix()] = {"bytes": file_digest(data), "document": _record(doc),
                                                       "front": file_digest(front.encode("utf-8"))}

    # Templates: the digest of the POT bytes extraction made under a key.
    def pot(self, domain: str, key: str, on_disk: bytes | None) -> bool:
        """Whether the POT of ``domain`` on disk (``on_disk``) is what extraction makes under ``key``."""
        record = self._old.get("templates", {}).get(domain)
        if on_disk is None or not isinstance(record, dict) or record.get("key") != key:
            return False
        if record.get("pot") != file_digest(on_disk):
            return False
        self._new["templates"][domain] = record
        return True

    def made_pot(self, domain: str, key: str, data: bytes) -> None:
        self._new["templates"][domain] = {"key": key, "pot": file_digest(data)}

    # Merges: the catalogs msgmerge left unchanged with a given POT.
    def fixed_point(self, catalog: str, pot: bytes, po: bytes | None) -> bool:
        """Whether merging ``po`` (catalog ``catalog``) with ``pot`` was seen to change nothing."""
        record = self._old.get("merges", {}).get(catalog)
        if po is None or record != {"pot": file_digest(pot), "po": file_digest(po), "tools": _tools()}:
            return False
        self._new["merges"][catalog] = record
        return True

    def merged(self, catalog: str, pot: bytes, before: bytes | None, after: bytes) -> None:
        """Record a merge; only one that changed nothing makes a fixed point."""
        if before == after:
            self._new["merges"][catalog] = {"pot": file_digest(pot), "po": file_digest(after),
                                            "tools": _tools()}

    def save(self, complete: tuple[str, ...]) -> None:
        """Write the records: of the parts this run went through ``complete`` (``documents``, ``templates``,
        ``merges``) those it used or made, so that a deleted source's go; of the others, old and new."""
        records = {part: self._new[part] if part in complete else self._old.get(part, {}) | self._new[part]
                   for part in self._new}
        data = json.dumps({"format": _FORMAT, "salt": self.salt, "records": records}, sort_keys=True,
                          ensure_ascii=False, separators=(",", ":"))
        atomic.write_bytes(self.path, data.encode("utf-8"))


def pot_key(salt: str, *parts: Any) -> str:
    """The key of a POT: everything it is made of, with the cache's salt."""
    text = json.dumps([salt, *parts], ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _salt(config: Config) -> str:
    """diglot's code and version, the releases of the libraries extraction runs, the settings."""
    code = [(p.relative_to(_PACKAGE).as_posix(), file_digest(p.read_bytes()))
            for p in sorted([*_PACKAGE.rglob("*.py"), *(_PACKAGE / "templates").glob("*.html")])]
    settings = [config.name, config.series, [lang.code for lang in config.languages], config.source_language.code]
    return pot_key("", diglot.__version__, code, [_release(name) for name in _LIBRARIES], settings)


# The libraries whose release shapes what extraction reads or writes, and the file that names it.
_LIBRARIES = (("markdown", "__meta__.py"), ("yaml", "__init__.py"), ("babel", "__init__.py"))


def _release(library: tuple[str, str]) -> str:
    """A digest of the file holding a library's version, found without importing the library (which
    would cost more than a run that finds nothing to do)."""
    name, version_file = library
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    return file_digest((Path(next(iter(spec.submodule_search_locations))) / version_file).read_bytes())


_TOOLS: list[Any] = []


def _tools() -> list[Any]:
    """The gettext tools a merge runs, each by path, size and time: an upgrade ends every fixed point."""
    if not _TOOLS:
        for tool in ("msgmerge", "msgfmt", "msgattrib"):
            where = shutil.which(tool)
            stat = os.stat(where) if where else None
            _TOOLS.append([tool, where, stat.st_size if stat else 0, stat.st_mtime_ns if stat else 0])
    return _TOOLS


def _record(doc: Document) -> dict[str, Any]:
    return {"kind": doc.kind, "slug": doc.slug, "lang": doc.lang, "body_line": doc.body_line,
            "fields": [[f.key, f.text, f.line] for f in doc.fields],
            "date": doc.date.isoformat() if doc.date else None, "number": doc.number,
            "image": doc.image.as_posix() if doc.image else None}


def _document(relpath: Path, data: bytes, record: dict[str, Any]) -> Document:
    _, body, body_line = split_front_matter(relpath, normalized(data.decode("utf-8")))
    return _from_record(relpath, body, body_line, record)


def _from_record(relpath: Path, body: str, body_line: int, record: dict[str, Any]) -> Document:
    if body_line != record["body_line"]:
        raise ValueError("not the record of these bytes")
    return Document(
        path=relpath, kind=str(record["kind"]), slug=str(record["slug"]), lang=str(record["lang"]), body=body,
        body_line=body_line, fields=tuple(Field(str(k), str(t), int(n)) for k, t, n in record["fields"]),
        date=dt.date.fromisoformat(record["date"]) if record["date"] else None,
        number=int(record["number"]) if record["number"] is not None else None,
        image=Path(record["image"]) if record["image"] else None)
