"""Catalogs: the POTs extracted from the sources, the PO files merged from them, and their
lookup while editions are made."""
