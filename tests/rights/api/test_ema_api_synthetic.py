"""The EMA import endpoint with the synthetic files kept in the repository: every problem
with its line and code, warnings beside a successful import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cinebridge.rights.models import RightsIn
from tests.rights.ema.conftest import SYNTHETIC_DIR

pytestmark = pytest.mark.django_db


def _upload(api, user, name, data):
    upload = SimpleUploadedFile(name, data)
    url = "/api/rights-in/ema/?organisation=soyuzmultfilm"
    return api(user).post(url, {"file": upload}, format="multipart")


def test_every_problem_comes_back_with_its_line_and_code(api, studio, studio_sales):
    data = (SYNTHETIC_DIR / "errors_v2.5.xml").read_bytes()
    response = _upload(api, studio_sales, "errors.xml", data)
    assert response.status_code == 400
    problems = response.json()["problems"]
    assert len(problems) == 7
    fourth = problems[4]
    assert (fourth["location"], fourth["element"], fourth["code"]) == (
        "line 41",
        "avails:AllowedLanguage",
        "unknown_language",
    )
    assert not RightsIn.objects.exists()


def test_warnings_come_back_beside_the_report(api, studio, studio_sales):
    data = (SYNTHETIC_DIR / "valid_v2.5.xml").read_text(encoding="utf-8")
    data = data.replace("<md:System>FSK</md:System>", "<md:System>NOPE</md:System>")
    response = _upload(api, studio_sales, "valid.xml", data.encode())
    assert response.status_code == 200, response.content
    [warning] = response.json()["warnings"]
    assert (warning["location"], warning["code"]) == ("line 26", "unknown_rating_system")
