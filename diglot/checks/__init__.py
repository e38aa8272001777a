"""Quality checks of translations: ``diglot check``.

Each rule is a small function of ``(message, context)`` yielding findings, one module per concern, in
the manner of Babel's ``babel/messages/checkers.py``. The library returns findings; the CLI prints.

==================  ========  ==================  ==========================================================
rule                severity  catalogs            what it wants of a translation (msgstr against its msgid)
==================  ========  ==================  ==========================================================
``links``           error     all                 same link targets, none but http(s), mailto or relative
``images``          error     all                 same image sources, no image the source lacks
``footnotes``       error     all                 same footnote references ``[^id]``
``code``            error     all                 identical inline code spans
``emphasis``        error     all                 balanced ``**``/``*``/``_``; the source's bold spans kept
``html``            error     all                 no raw HTML or attribute list ``{: …}`` the source lacks
``placeholders``    error     all (site, flagged) identical ``%(name)s`` placeholders
``numbers``         warning   all                 every number of the source, by value (2,510億 = 251 billion)
``big5``            error     zh_Hant, zh_TW      every character in Big5-HKSCS
``mainland-terms``  error     zh_Hant, zh_TW      no mainland term where Taiwan writes another
``glossary``        error     zh_Hant, zh_TW      the glossary's translation of every glossary term
``punctuation``     error     zh_Hant, zh_TW      full-width punctuation between Chinese characters
``glossary-quotes`` warning   zh_Hant, zh_TW      a name the glossary writes in 「」 never written without them
``ambiguous-list``  warning   zh_Hant, zh_TW      no 「烏克蘭、俄羅斯的侵略」: 的 could bind both names
``ambiguous-title`` warning   zh_Hant, zh_TW      no 「烏克蘭與美國總統」: the country could be read as a party
``variants``        warning   zh_Hant, zh_TW      one form of a word in one text (訊號 or 信號, not both)
``alt``             error     (the sources)       a lead picture has alt text (reported at its ``src`` line)
==================  ========  ==================  ==========================================================

Modules: ``rules`` (CheckedCatalog, the rule decorators; the Finding is :mod:`diglot.findings`'s),
``markup``, ``numbers``, ``typography``, ``terms`` and ``wording`` (the rules of one message, reading
inline Markdown through :mod:`diglot.sources.inline`), ``consistency`` (``variants``, a rule of a whole
catalog), ``project`` (running them), ``spelling`` (the editor's check of the sources).
"""

from diglot.checks.project import CATALOG_RULES, RULES, check_catalog, check_project
from diglot.checks.rules import ERROR, WARNING, CatalogRule, CheckedCatalog, Finding, Rule

__all__ = ["CATALOG_RULES", "ERROR", "RULES", "WARNING", "CatalogRule", "CheckedCatalog", "Finding", "Rule",
           "check_catalog", "check_project"]
