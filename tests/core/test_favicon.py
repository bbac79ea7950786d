"""The site's icon: /favicon.ico, which every browser asks for, is never a 404."""

import pytest


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(icon.streaming_content)


@pytest.mark.django_db
def test_the_public_pages_name_the_icon(client):
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page
    assert "core/favicon" in page
