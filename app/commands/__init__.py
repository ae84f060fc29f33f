"""`geokg` subcommands, one module per command group; `app/cli.py` assembles them."""
