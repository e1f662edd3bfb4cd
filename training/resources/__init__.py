"""Training and build scripts for sankore.resources (see DEVELOPERS.md)."""
