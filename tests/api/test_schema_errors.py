"""The OpenAPI schema declares the error answers the API really gives (read from the schema)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()["paths"]


def codes(paths, path, method):
    return set(paths[path][method]["responses"])


def test_deal_operations_declare_their_errors(paths):
    assert {"400", "401", "403", "201"} <= codes(paths, "/api/deals/", "post")
    assert {"401", "404", "200"} <= codes(paths, "/api/deals/{id}/", "get")
    assert {"400", "401", "403", "404", "409"} <= codes(paths, "/api/deals/{id}/", "patch")
    assert {"401", "403", "404", "409"} <= codes(paths, "/api/deals/{id}/sign/", "post")
    assert {"401", "404"} <= codes(paths, "/api/deals/{id}/history/", "get")


def test_public_reads_declare_no_401(paths):
    assert "401" not in codes(paths, "/api/titles/", "get")
    assert "404" in codes(paths, "/api/titles/{id}/", "get")


def test_every_operation_declares_its_errors(paths):
    for path, operations in paths.items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            if "{" in path:
                assert "404" in declared, (method, path)
            if method in ("post", "put", "patch", "delete") and path != "/api/token/":
                assert {"401", "403"} <= declared, (method, path)
