"""The demo data set: organisations, demo users and a catalog of 220+ titles.

``data`` holds the hand-written organisations and users, ``real_titles`` a handful of real
titles named in DOMAIN.md, ``generate`` builds the rest reproducibly from ``words``, and
``load.demo_load`` writes it all through the services (idempotent). ``cinebridge demo`` runs it.
"""
