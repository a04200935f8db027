"""Prevention (#24 items 4 and 5): HR's register of measures and the proof for the inspection."""
