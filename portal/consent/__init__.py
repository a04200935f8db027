"""The reporter's consent: what may be shared with whom, revocable at any time."""
