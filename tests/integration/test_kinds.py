"""Output kinds are one registry: each kind knows its files, its digest and how it is made, so that adding a
kind is one entry, and the files a build keeps are the files of what it would plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from diglot import layout
from diglot.catalogs.translate import Translators
from diglot.config import FORMATS, PRESS_FORMAT, Config, load_config
from diglot.editions import webfonts
from diglot.editions.compose import Composer
from diglot.outputs import plan
from diglot.outputs.build import build
from diglot.outputs.composed import Editions
from diglot.outputs.digests import Digests, digest
from diglot.outputs.kinds import KINDS
from diglot.outputs.manifest import MANIFEST, Manifest
from diglot.outputs.output import Kind, Making, Output, Scope, Stage
from diglot.sources.documents import read_documents
from diglot.sources.sourcecache import SourceCache
from helpers import FIXTURES, copy_publication

EVERY_FORMAT = (*FORMATS, PRESS_FORMAT)


def _scope(config: Config, formats: tuple[str, ...] = EVERY_FORMAT) -> Scope:
    """What a build of ``formats`` in every language plans from, set up as the build sets it up."""
    documents = read_documents(config, SourceCache.open(config))
    notes = [doc for doc in documents if doc.kind == "note"]
    translators = Translators(config)
    digests = Digests(config, notes, translators)
    editions = Editions([doc for doc in documents if doc.kind == "article"], Composer(config, notes, translators),
                        digests, Manifest.read(config))
    editions.find_withheld(config)
    faces = tuple(webfonts.plan_faces(config, documents))
    return Scope(config, documents, config.languages, formats, digests, editions, faces)


@pytest.fixture
def sample(tmp_path) -> Path:
    """The sample project, with a lead picture wide enough for narrower copies: every kind has an output."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "sample", root)
    Image.new("RGB", (1200, 675), (122, 31, 31)).save(root / "source/images/pixel.png")
    return root


def test_every_kind_has_its_outputs_files_digest_and_maker(sample):
    planned = plan.plan_outputs(_scope(load_config(sample)))
    assert len({kind.name for kind in KINDS}) == len(KINDS)
    for kind in KINDS:
        assert kind.formats and kind.formats <= set(EVERY_FORMAT), kind
        assert callable(kind.make) and isinstance(kind.stage, Stage), kind
        outputs = [output for output in planned if output.kind is kind]
        assert outputs, f"{kind.name}: no output planned for the sample project"
        for output in outputs:
            assert output.files and all(name.split("/")[0] in ("web", "print", "press") for name in output.files)
            assert len(output.digest) >= 64, output.key
    keys = [output.key for output in planned]
    assert len(keys) == len(set(keys)), "two outputs share a key"


def test_expected_files_are_the_files_of_every_planned_output(tmp_path):
    """For No. 29: the files every build keeps are those of the outputs a build of everything plans, and
    exactly what such a build writes."""
    root = tmp_path / "publication"
    copy_publication(root)
    config = load_config(root)
    scope = _scope(config)
    planned = plan.plan_outputs(scope)
    expected = plan.expected_files(scope)
    assert expected == {name for output in planned for name in output.files}
    assert plan.expected_files(_scope(config, ("html",))) == expected  # whatever this build's formats
    build(config, formats=EVERY_FORMAT)
    made = {path.relative_to(config.build_dir).as_posix() for path in config.build_dir.rglob("*")
            if path.is_file() and path.suffix not in (".br", ".gz")}  # precompressed copies: not outputs
    assert {name for name in made if not name.startswith(".diglot")} == expected


def _humans(scope: Scope) -> list[Output]:
    return [Output(HUMANS, (layout.web("humans.txt"),))]


def _make_humans(making: Making, output: Output) -> None:
    making.write(output, f"{making.config.name}\n")


HUMANS = Kind("humans", frozenset({"html"}), _humans, lambda scope, output: digest("humans", scope.digests.settings),
              _make_humans)


def test_a_new_kind_is_one_entry(project, monkeypatch):
    """Added to the registry, a kind is planned, made, recorded; taken out of it, its file is removed."""
    config = load_config(project)
    monkeypatch.setattr(plan, "KINDS", (*KINDS, HUMANS))
    report = build(config, formats=("html",), jobs=1)
    humans = config.build_dir / "web/humans.txt"
    assert "web/humans.txt" in report.rebuilt and humans.read_text(encoding="utf-8") == f"{config.name}\n"
    assert "web/humans.txt" in Manifest.read(config).records
    monkeypatch.setattr(plan, "KINDS", KINDS)
    report = build(config, formats=("html",), jobs=1, force=True)
    assert humans in report.removed and not humans.exists()
    assert (config.build_dir / MANIFEST).is_file()
