"""The site settings: one validated, immutable object read from ``[tool.diglot]`` in pyproject.toml.

Reading them also enters the project's boundary (:mod:`diglot.files.boundary`): from then on this process reads
and writes in that project only as the boundary allows, within the limits of ``[tool.diglot.limits]``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from diglot.errors import DiglotError
from diglot.files import boundary, controls
from diglot.files.boundary import Limits

CONFIG_FILE = "pyproject.toml"
SITE_DOMAIN = "site"
FORMATS = ("html", "pdf")  # the editions: web and print
# What an edition whose translation is behind its source shows (``[tool.diglot.stale-editions]``):
# the source text for pending blocks, the previous (fuzzy) translation marked outdated, or nothing at all.
STALE_POLICIES = ("source", "previous", "withhold")

PRESS_FORMAT = "press"  # the press edition for the print shop: built only when asked for
_KEYS = {"name", "series", "base-url", "languages", "source-language", "limits", "stale-editions", "press",
         "spelling-dictionary"}
# The Hunspell dictionaries diglot spell may check English with (Debian hunspell-en-us, hunspell-en-gb).
SPELLING_DICTIONARIES = ("en_US", "en_GB")
# [tool.diglot.limits]: setting, Limits field, unit (bytes for sizes), smallest value.
_LIMITS = {"file-size": ("file_size", boundary.MB, 1), "picture-size": ("picture_size", boundary.MB, 1),
           "picture-megapixels": ("picture_pixels", boundary.MEGAPIXEL, 1),
           "state-size": ("state_size", boundary.MB, 1),
           "nesting": ("nesting", 1, 2), "render-seconds": ("render_seconds", 1, 1),
           "render-memory": ("render_memory", boundary.MB, 256)}
_REQUIRED = ("name", "series", "base-url", "languages")


@dataclass(frozen=True)
class Language:
    """A language of the editions: its gettext code (``zh_Hant``) and what HTML calls it (``zh-Hant``)."""

    code: str

    @property
    def tag(self) -> str:
        """The BCP 47 tag for ``lang`` attributes and URL folders."""
        return self.code.replace("_", "-")

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself, as a reader looks for it: English, 中文 (繁體)."""
        return self.locale.display_name or self.code


# [tool.diglot.press] trim: the booklet sizes a print shop is asked for, as (width, height) in millimetres.
TRIMS = {"A4": (210, 297), "B5": (176, 250), "B5-JIS": (182, 257), "17x23cm": (170, 230)}
MARKS = ("crop", "cross")
_PRESS_KEYS = {"trim", "bleed", "marks"}


@dataclass(frozen=True)
class Press:
    """The press edition's sheet: its trim size, the bleed around it (mm) and the printer's marks outside it."""

    trim: str = "A4"  # a key of TRIMS: A4 keeps the print edition's pages, page for page
    bleed: float = 3.0
    marks: tuple[str, ...] = ("crop",)

    @property
    def size(self) -> tuple[int, int]:
        """The trimmed page's width and height in millimetres."""
        return TRIMS[self.trim]


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know about the site, fixed for the whole run."""

    root: Path
    name: str
    series: str
    base_url: str
    languages: tuple[Language, ...]
    source_language: Language
    limits: Limits = field(default_factory=Limits)
    stale_editions: tuple[tuple[str, str], ...] = ()  # (language code, policy), for languages not "source"
    press: Press = field(default_factory=Press)
    spelling_dictionary: str = "en_US"  # the house's English spelling, for diglot spell
    build_folder: str = "build"  # where outputs go, below root: diglot serve previews in build/preview

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def build_dir(self) -> Path:
        return self.root / self.build_folder

    def stale_policy(self, language: Language) -> str:
        """What ``language``'s editions show while their translation is behind: one of STALE_POLICIES."""
        return dict(self.stale_editions).get(language.code, "source")

    def language(self, code: str) -> Language:
        """The configured language ``code``, in its POSIX (``zh_Hant``) or BCP 47 (``zh-Hant``) spelling, in
        any case; DiglotError when the site does not publish in it."""
        wanted = code.replace("-", "_").casefold()
        for language in self.languages:
            if language.code.casefold() == wanted:
                return language
        known = ", ".join(lang.code for lang in self.languages)
        raise DiglotError(CONFIG_FILE, None, f"unknown language {code!r}",
                          f"use one of the configured languages: {known}")


def load_config(root: Path) -> Config:
    """Read and validate ``[tool.diglot]`` from ``root/pyproject.toml``, and enter the project's boundary."""
    root = Path(os.path.realpath(root))
    if not root.is_dir():
        raise DiglotError(root, None, "is not a folder", "pass --project the project's top folder")
    boundary.enter(root, Limits())
    path = Path(CONFIG_FILE)  # errors name it relative to the project, as every other file
    if not (root / path).exists():
        raise DiglotError(path, None, "no pyproject.toml here",
                          "run diglot in the project's top folder or pass --project")
    text = decoded(root / path, boundary.read_bytes(root / path), "save the file as UTF-8")
    try:
        table = tomllib.loads(text).get("tool", {}).get("diglot")
    except tomllib.TOMLDecodeError as error:
        line = _line_of_toml_error(error)
        raise DiglotError(path, line, f"invalid TOML: {error}", "fix the syntax") from None
    if not isinstance(table, dict):
        raise DiglotError(path, None, "no [tool.diglot] table", "add the site settings under [tool.diglot]")
    return _validated(root, path, text, table)


def _validated(root: Path, path: Path, text: str, table: dict[str, Any]) -> Config:
    for key in table:
        if key not in _KEYS:
            raise DiglotError(path, setting_line(text, key), f"unknown setting {key!r}",
                              f"use only {', '.join(sorted(_KEYS))}")
    for key in _REQUIRED:
        if key not in table:
            raise DiglotError(path, setting_line(text, "tool.diglot"), f"missing setting {key!r}",
                              f"add {key} = … under [tool.diglot]")
    for key in ("name", "series", "base-url"):
        if not isinstance(table[key], str) or not table[key].strip():
            raise DiglotError(path, setting_line(text, key), f"{key} must be a non-empty string", "quote it")
    codes = table["languages"]
    if not isinstance(codes, list) or len(codes) < 2 or not all(isinstance(c, str) for c in codes):
        raise DiglotError(path, setting_line(text, "languages"), "languages must list at least two codes",
                          'write e.g. languages = ["en", "zh_Hant"]')
    languages = tuple(_language(path, text, code) for code in codes)
    source = _language(path, text, str(table.get("source-language", codes[0])))
    if source not in languages:
        raise DiglotError(path, setting_line(text, "source-language"),
                          f"source-language {source.code!r} is not among the languages", "add it to languages")
    base_url = _base_url(path, text, table["base-url"])
    for key in ("name", "series"):
        if "%" in table[key]:  # the templates %-format the site's texts
            raise DiglotError(path, setting_line(text, key), f"{key} holds a % sign", "write it without")
        controls.refuse_in_value(table[key], path, setting_line(text, key), key)
    stale = _stale_editions(path, text, table.get("stale-editions", {}), languages)
    limits = _limits(path, text, table.get("limits", {}))
    press = _press(path, text, table.get("press", {}))
    boundary.enter(root, limits)
    dictionary = table.get("spelling-dictionary", "en_US")
    if dictionary not in SPELLING_DICTIONARIES:
        raise DiglotError(path, setting_line(text, "spelling-dictionary"),
                          f"spelling-dictionary {str(dictionary)[:40]!r} is not one diglot knows",
                          f"use one of {', '.join(map(repr, SPELLING_DICTIONARIES))}")
    return Config(root=root, name=table["name"], series=table["series"], base_url=base_url,
                  languages=languages, source_language=source, limits=limits, stale_editions=stale, press=press,
                  spelling_dictionary=dictionary)


def _base_url(path: Path, text: str, url: str) -> str:
    """The site's address, which every PDF links to: http or https, with a host, nothing else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or controls.FORBIDDEN.search(url) \
            or any(char.isspace() for char in url):
        raise DiglotError(path, setting_line(text, "base-url"), f"base-url {url[:80]!r} is not a web address",
                          'write it as https://host/path/')
    return url if url.endswith("/") else url + "/"


def _limits(path: Path, text: str, table: object) -> Limits:
    line = setting_line(text, "limits") or setting_line(text, "tool.diglot")
    if not isinstance(table, dict):
        raise DiglotError(path, line, "limits must be a table", "write [tool.diglot.limits] and its settings")
    values = {}
    for key, value in table.items():
        if key not in _LIMITS:
            raise DiglotError(path, line, f"unknown limit {key!r}", f"use only {', '.join(_LIMITS)}")
        field, unit, least = _LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= 1_000_000:
            raise DiglotError(path, line, f"limit {key} must be a whole number from {least}",
                              "sizes are in MB (file-size = 4), times in seconds, pictures in millions of pixels")
        values[field] = value * unit
    return Limits(**values)


def _press(path: Path, text: str, table: object) -> Press:
    """``[tool.diglot.press]``: trim size, bleed in millimetres, printer's marks; each one validated."""
    table_line = _table_line(text, "tool.diglot.press") or setting_line(text, "press")
    if not isinstance(table, dict):
        raise DiglotError(path, table_line, "press must be a table", "write [tool.diglot.press] and its settings")

    def line(key: str) -> int | None:
        return _line_in_table(text, "tool.diglot.press", key) or table_line

    for key in table:
        if key not in _PRESS_KEYS:
            raise DiglotError(path, line(key), f"unknown press setting {key!r}",
                              f"use only {', '.join(sorted(_PRESS_KEYS))}")
    trim = table.get("trim", Press.trim)
    if not isinstance(trim, str) or trim not in TRIMS:
        raise DiglotError(path, line("trim"), f"press trim {str(trim)[:40]!r} is not a size diglot knows",
                          f"use one of {', '.join(map(repr, TRIMS))}")
    bleed = table.get("bleed", Press.bleed)
    if isinstance(bleed, bool) or not isinstance(bleed, int | float) or not 3 <= bleed <= 10:
        raise DiglotError(path, line("bleed"), f"press bleed {repr(bleed)[:40]} is not a width from 3 to 10",
                          "give it in millimetres: bleed = 3 (print shops ask for 3 to 5)")
    marks = table.get("marks", list(Press.marks))
    if not isinstance(marks, list) or not all(mark in MARKS for mark in marks) or len(set(marks)) < len(marks):
        raise DiglotError(path, line("marks"), f"press marks {str(marks)[:60]} are not a list of printer's marks",
                          'write e.g. marks = ["crop"], ["crop", "cross"] or [] for none')
    return Press(trim=trim, bleed=float(bleed), marks=tuple(mark for mark in MARKS if mark in marks))


def _line_in_table(text: str, name: str, key: str) -> int | None:
    """The line where ``key`` is set in table ``[name]``."""
    section = re.search(rf"^\s*\[{re.escape(name)}\]", text, re.M)
    if section is None:
        return None
    end = re.compile(r"^\s*\[", re.M).search(text, section.end())
    match = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.M).search(text, section.end(),
                                                                       end.start() if end else len(text))
    return text.count("\n", 0, match.start()) + 1 if match else None


def decoded(path: Path, data: bytes, remedy: str) -> str:
    """``data`` as UTF-8 text; DiglotError naming the line of the first bad byte, or a byte-order mark."""
    name = boundary.shown(path)
    if data.startswith(b"\xef\xbb\xbf"):
        raise DiglotError(name, 1, "starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DiglotError(name, line, "not UTF-8 text", remedy) from None


def _stale_editions(path: Path, text: str, table: object, languages: tuple[Language, ...]
                    ) -> tuple[tuple[str, str], ...]:
    """``stale-editions = { zh_Hant = "previous" }``: a policy per language, each one validated."""
    line = setting_line(text, "stale-editions") or _table_line(text, "tool.diglot.stale-editions")
    if not isinstance(table, dict):
        raise DiglotError(path, line, "stale-editions must be a table of languages",
                          'write e.g. stale-editions = { zh_Hant = "previous" }')
    codes = [language.code for language in languages]
    for code, policy in table.items():
        if code not in codes:
            raise DiglotError(path, line, f"stale-editions names {code!r}, which is not among the languages",
                              f"use one of {', '.join(codes)}")
        if policy not in STALE_POLICIES:
            raise DiglotError(path, line, f"stale-editions: {code} = {policy!r} is no policy",
                              f"use one of {', '.join(map(repr, STALE_POLICIES))}")
    return tuple(sorted((code, policy) for code, policy in table.items() if policy != "source"))


def _table_line(text: str, name: str) -> int | None:
    match = re.search(rf"^\s*\[{re.escape(name)}\]", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _language(path: Path, text: str, code: str) -> Language:
    try:
        if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*", code):
            raise ValueError(code)
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        raise DiglotError(path, setting_line(text, "languages"), f"unknown language {code!r}",
                          "use a gettext locale code such as en, zh_Hant or ja") from None
    return Language(code)


def setting_line(text: str, key: str) -> int | None:
    """The line where ``key`` is set in [tool.diglot]: TOML parsers keep no positions, so find it."""
    section = re.search(r"^\s*\[tool\.diglot\]", text, re.M)
    if section is None:
        return None
    if key == "tool.diglot":
        return text.count("\n", 0, section.start()) + 1
    end = re.compile(r"^\s*\[", re.M).search(text, section.end())
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.M)
    match = pattern.search(text, section.end(), end.start() if end else len(text))
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_of_toml_error(error: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else None
