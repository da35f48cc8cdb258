import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from portal.models import FederalState, Theme
from portal.querysets import can_view_unpublished
from portal.roles import EDITOR_GROUP

pytestmark = pytest.mark.django_db


def test_the_ten_atlas_themes_exist_in_order():
    assert [theme.name for theme in Theme.objects.all()] == [
        "Verwaltung",
        "Mobilität",
        "Energie & Umwelt",
        "Gesundheit",
        "Bildung",
        "Handel",
        "Gesellschaft",
        "Sicherheit",
        "IT-Infrastruktur",
        "Datenplattform",
    ]


def test_the_sixteen_states_have_their_official_codes():
    states = dict(FederalState.objects.values_list("code", "name"))
    assert len(states) == 16
    assert states["01"] == "Schleswig-Holstein"
    assert states["05"] == "Nordrhein-Westfalen"
    assert states["09"] == "Bayern"
    assert states["16"] == "Thüringen"


def test_state_code_outside_01_to_16_is_rejected():
    state = FederalState(code="17", name="Nirgendwo", abbreviation="NW")
    with pytest.raises(ValidationError) as error:
        state.full_clean()
    assert "01 bis 16" in str(error.value.message_dict["code"])


def test_editor_group_has_project_model_permissions_but_cannot_delete_states():
    group = Group.objects.get(name=EDITOR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_theme", "change_theme", "view_theme", "add_municipality"} <= codenames
    assert "view_federalstate" in codenames
    assert "delete_federalstate" not in codenames
    assert "add_federalstate" not in codenames
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_only_active_staff_with_view_permission_see_unpublished(user, editor, django_user_model):
    assert not can_view_unpublished(None, Theme)
    assert not can_view_unpublished(user, Theme)
    assert can_view_unpublished(editor, Theme)
    staff_without_permission = django_user_model.objects.create_user(
        username="technik", password="ein-langes-passwort-123", is_staff=True
    )
    assert not can_view_unpublished(staff_without_permission, Theme)
    staff_without_permission.user_permissions.add(Permission.objects.get(codename="view_theme"))
    staff_without_permission = django_user_model.objects.get(pk=staff_without_permission.pk)
    assert can_view_unpublished(staff_without_permission, Theme)
    editor.is_active = False
    assert not can_view_unpublished(editor, Theme)
