"""The WSGI entry point can build the avails index before the first request."""

import importlib

import pytest
from django.db import connections

import cinebridge.wsgi
from cinebridge.rights import engine_adapters


@pytest.mark.django_db
def test_warming_builds_the_avails_index_on_import(monkeypatch, studio, nu_pogodi):
    from tests.rights.factories import make_rights_in

    make_rights_in(studio, nu_pogodi)
    engine_adapters.index_forget()
    closed = []  # closing the test's own connection would end its transaction: record it
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    monkeypatch.setenv("CINEBRIDGE_WARM_AVAILS", "1")
    importlib.reload(cinebridge.wsgi)
    index = engine_adapters._state.index
    assert index is not None
    assert [row.party for row in index.title_rows(nu_pogodi.pk)] == [studio.pk]
    assert closed == [True]  # forked workers must not share the connection the build used


@pytest.mark.django_db
def test_without_the_setting_nothing_is_built(monkeypatch):
    engine_adapters.index_forget()
    monkeypatch.delenv("CINEBRIDGE_WARM_AVAILS", raising=False)
    importlib.reload(cinebridge.wsgi)
    assert engine_adapters._state.index is None
