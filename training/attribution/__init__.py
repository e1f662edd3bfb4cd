"""Training and build scripts for sankore.attribution (see DEVELOPERS.md)."""
