"""cinebridge: an open platform for international film, TV and media cooperation."""

__version__ = "0.1.0"
