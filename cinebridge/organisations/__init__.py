"""Organisations, memberships and roles: the tenants of the platform."""
