"""``python -m diglot``: the command line."""

from diglot.cli import main

raise SystemExit(main())
