"""The glossary rule on a glossary of thousands of terms: each message is matched against the terms it may
hold (:class:`diglot.checks.terms.TermIndex`), with the findings of matching it against every term."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog, Message

from diglot.catalogs.glossary import Glossary, Term
from diglot.checks import terms
from diglot.checks.project import check_catalog
from diglot.checks.rules import CheckedCatalog
from diglot.config import Language

EN, ZH = Language("en"), Language("zh_Hant")
# Terms that exercise the index: several words, plurals and possessives, case, dots, a hyphen, a term
# with no word character, one whose first word is another's, Unicode case folding.
TRICKY = [("U.S.", "美國"), ("U.S. policy", "對美政策"), ("Trump", "川普"), ("Trump administration", "川普政府"),
          ("president", "總統"), ("box", "箱"), ("e-mail", "電郵"), ("—", "破折號"), ("STRASSE", "街"),
          ("Kyiv", "基輔"), ("NATO", "北約"), ("ally", "盟友")]
TEXTS = ["The U.S. policy on Ukraine", "Trump’s visit", "The Trump administration and two presidents",
         "Boxes and boxes", "Send an E-MAIL — now", "Straße and STRASSE", "Allies of NATO in KYIV",
         "U.S.’ allies", "no term here", "term17 word17 and term4242 word71", "presidents' ally"]


def _glossary(count: int) -> Glossary:
    rows = TRICKY + [(f"term{n} word{n % 97}", f"詞{n}") for n in range(count)]
    return Glossary(Path("translations/glossary/zh_Hant.csv"), EN, ZH,
                    tuple(Term(source, target, "", line) for line, (source, target) in enumerate(rows, 2)))


def _catalog() -> Catalog:
    catalog = Catalog(locale="zh_Hant")
    for number, text in enumerate(TEXTS):
        # Half the messages keep a few of the terms' translations, so that both findings and coverage occur.
        kept = "對美政策 川普 詞17" if number % 2 else ""
        catalog[text] = Message(text, f"譯文 {kept}", lineno=10 + number)
    return catalog


def _findings(glossary: Glossary) -> list[str]:
    context = CheckedCatalog(Path("translations/zh_Hant/LC_MESSAGES/a.po"), "a", EN, ZH, glossary)
    return [str(finding) for finding in check_catalog(_catalog(), context) if finding.rule == "glossary"]


def test_the_index_finds_what_every_term_finds(monkeypatch):
    glossary = _glossary(5_000)
    indexed = _findings(glossary)
    monkeypatch.setattr(terms.TermIndex, "candidates", lambda self, text: list(self.order))
    assert indexed == _findings(glossary)
    assert len(indexed) >= 10  # the messages do hold terms the translations lack


def test_a_message_is_matched_against_few_terms_of_a_large_glossary():
    index = terms.TermIndex(_glossary(20_000).terms)
    assert [t.source for t in index.candidates("Two presidents and the U.S. policy")] == [
        "U.S.", "U.S. policy", "president", "—"]
    assert [t.source for t in index.candidates("term17 word17")] == ["—", "term17 word17"]
    assert [t.source for t in index.candidates("plain words")] == ["—"]  # only the term with no word character
