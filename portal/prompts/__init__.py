"""The monthly team-meeting discussion prompt: library, schedule, meetings, coverage."""
