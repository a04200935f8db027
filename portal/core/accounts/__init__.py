"""People, roles, teams, passwords, sessions and the second factor."""
