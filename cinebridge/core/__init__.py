"""Shared platform pieces: the audit log, the owned-by-organisation mixin, permissions."""
