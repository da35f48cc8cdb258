import pytest
from django.urls import reverse

from portal.models import Theme

pytestmark = pytest.mark.django_db


def test_editor_can_use_the_admin_in_german(editor_client):
    response = editor_client.get(reverse("admin:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="de"' in html
    assert "Handlungsfelder" in html
    assert "Kommunen" in html


def test_editor_can_add_a_theme(editor_client):
    response = editor_client.post(
        reverse("admin:portal_theme_add"),
        {"name": "Tourismus", "name_en": "Tourism", "slug": "tourismus", "position": 110},
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="tourismus").exists()


def test_editor_cannot_add_or_delete_federal_states(editor_client):
    assert editor_client.get(reverse("admin:portal_federalstate_add")).status_code == 403
    delete_url = reverse("admin:portal_federalstate_delete", args=["05"])
    assert editor_client.get(delete_url).status_code == 403
    assert editor_client.get(reverse("admin:portal_federalstate_changelist")).status_code == 200


def test_editor_cannot_manage_user_accounts(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_non_staff_user_is_sent_to_the_login(user_client):
    response = user_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
