"""The adviser's side: the reports addressed to them (the full workspace grows in issue 4)."""
