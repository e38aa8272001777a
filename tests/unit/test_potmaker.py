"""The forked POT maker (diglot.catalogs.potmaker) makes the bytes the parent would, brings its errors
back, and leaves no process behind."""

from __future__ import annotations

import os

import pytest

from diglot.catalogs.extract import newest_date
from diglot.catalogs.pot import make_pot
from diglot.catalogs.potmaker import PotMaker
from diglot.config import load_config
from diglot.sources.documents import read_documents

pytestmark = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="the maker needs a second core")


def test_the_maker_makes_the_bytes_made_here(project):
    config = load_config(project)
    documents = read_documents(config)
    items = [(config, doc, doc.date or newest_date(documents)) for doc in documents] + \
        [(config, None, newest_date(documents))]
    maker = PotMaker()
    pid = maker.pid
    assert pid is not None
    assert maker.make(items) == [make_pot(item) for item in items]
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(pid, os.WNOHANG)


def test_an_error_in_the_maker_is_raised_here():
    with pytest.raises(ValueError, match="unpack"):
        PotMaker().make([("not", "an item", "of three", "but four")])


def test_a_maker_left_unused_is_stopped():
    maker = PotMaker()
    pid = maker.pid
    assert pid is not None
    maker.close()
    maker.close()  # twice is harmless
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
