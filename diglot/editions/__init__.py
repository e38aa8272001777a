"""Editions: every article composed in every language, then written for the web (HTML) and print (PDF)."""
