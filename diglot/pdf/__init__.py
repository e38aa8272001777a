"""The PDF renderer: WeasyPrint, set up once, with the extensions the print edition needs (justification,
font embedding, archival PDF)."""
