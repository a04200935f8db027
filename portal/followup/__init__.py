"""Following up on a report: with the receipt code (no account), or under "My reports"."""
