"""Training and build scripts for sankore.events (see DEVELOPERS.md)."""
