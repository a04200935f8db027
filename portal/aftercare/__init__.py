"""Aftercare after online harassment of a staff member: the case, its steps, and the policy."""
