"""Report together (#25): a report held, readable by nobody, until someone else names the same
person (holding.py for the writer, matching.py for the advisers and the threat model)."""
