"""``airlock``: the researcher's command-line client for Airlock's JSON API (no Django)."""
