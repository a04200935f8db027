"""The access log: who opened, downloaded, shared or changed which report, chained by hashes."""
