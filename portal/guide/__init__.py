"""The self-help guide (Handreiking): what is going on and what you can do."""
