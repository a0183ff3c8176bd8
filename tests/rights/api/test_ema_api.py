import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cinebridge.rights.models import RightsIn
from tests.shared_data import shared_data

EMA = shared_data("ema")
pytestmark = pytest.mark.skipif(not EMA.is_dir(), reason=f"golden EMA files not found at {EMA}")


def _upload(api, user, name, **params):
    query = "&".join(f"{k}={v}" for k, v in {"organisation": "soyuzmultfilm", **params}.items())
    upload = SimpleUploadedFile(name, (EMA / name).read_bytes())
    return api(user).post(f"/api/rights-in/ema/?{query}", {"file": upload}, format="multipart")


@pytest.mark.django_db
def test_upload_imports_every_row_and_download_gives_it_back(api, studio, studio_sales):
    response = _upload(api, studio_sales, "Avails_noErrors_v2.3.xml")
    assert response.status_code == 200, response.content
    assert response.json()["records"] == 24 == len(response.json()["rows"])
    assert RightsIn.objects.filter(owner=studio).count() == 24
    download = api(studio_sales).get("/api/rights-in/ema.xml?organisation=soyuzmultfilm")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).count(b"<avails:Transaction") == 24


@pytest.mark.django_db
def test_the_error_file_answers_400_with_the_elements(api, studio, studio_sales):
    response = _upload(api, studio_sales, "Avails_Structure_Tests_v2.3_errors.xml")
    assert response.status_code == 400
    messages = " ".join(p["message"] for p in response.json()["problems"])
    assert "avails:Metadata" in messages and "RefALID" in messages
    assert not RightsIn.objects.exists()


@pytest.mark.django_db
def test_outsiders_cannot_import_into_another_organisation(api, studio, outsider):
    assert _upload(api, outsider, "Avails_noErrors_v2.3.xml").status_code == 404


@pytest.mark.django_db
def test_outsiders_cannot_export_another_organisations_rights(api, studio, studio_sales, outsider):
    _upload(api, studio_sales, "Avails_noErrors_v2.3.xml")
    assert api(outsider).get("/api/rights-in/ema.xml?organisation=soyuzmultfilm").status_code == 404
    assert api().get("/api/rights-in/ema.xml?organisation=soyuzmultfilm").status_code in (401, 403)
