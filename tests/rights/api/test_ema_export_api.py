"""GET /api/rights-in/ema.xml streams the export; with nothing to export it answers 409."""

import pytest

from cinebridge.rights.ema import avails_from_xlsx
from cinebridge.rights.ema.schema import AVAILS_NS, parse_xml, schema_problems
from tests.rights.test_ema_export import _catalog

A = f"{{{AVAILS_NS}}}"


@pytest.mark.django_db
def test_the_api_streams_the_xml_and_refuses_an_empty_one_with_409(api, studio, studio_sales):
    empty = api(studio_sales).get("/api/rights-in/ema.xml?organisation=soyuzmultfilm")
    assert empty.status_code == 409
    assert "holds no rights in" in empty.json()["problems"][0]["message"]
    header_only = api(studio_sales).get("/api/rights-in/ema.xlsx?organisation=soyuzmultfilm")
    assert header_only.status_code == 200 and avails_from_xlsx(header_only.content) == []

    _catalog(studio)
    response = api(studio_sales).get("/api/rights-in/ema.xml?organisation=soyuzmultfilm")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/xml"
    root = parse_xml(b"".join(response.streaming_content))
    assert schema_problems(root) == [] and len(root.findall(A + "Avail")) == 4
