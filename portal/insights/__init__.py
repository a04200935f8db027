"""The yearly report for management: consultations, figures, disclosure control, publishing."""
