"""Exchange: translations coming in from outside (a PO file, TMX) and going out (TMX), checked on the way in."""
