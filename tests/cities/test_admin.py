import pytest
from django.urls import reverse

from cities.forms import MunicipalityAdminForm
from cities.models import DigitalProfile, Municipality
from portal.widgets import CoordinatePickerWidget
from tests.cities.factories import DigitalProfileFactory, DistrictFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:cities_municipality_add")


def form_data(**changes):
    district = DistrictFactory(key="05513")
    data = {
        "name": "Neustadt",
        "kind": "gemeinde",
        "ags": "05513999",
        "ars": "055130000999",
        "state": "05",
        "district": district.pk,
        "latitude": "51.5",
        "longitude": "7.1",
        "profile-TOTAL_FORMS": "0",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ags": "0551399x"}, "ags", "nur Ziffern"),
        ({"ars": "0551300009"}, "ars", "genau 12 Ziffern"),
        ({"ars": "055130000998"}, "ars", "passen nicht zusammen"),
        ({"ags": "00513999", "ars": "005130000999"}, "ags", "Länderschlüssel"),
    ],
)
def test_admin_form_refuses_bad_keys_with_a_clear_message(editor_client, changes, field, message):
    response = editor_client.post(ADD_URL, form_data(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert not Municipality.objects.filter(name="Neustadt").exists()


def test_editor_adds_a_municipality_with_coordinates(editor_client):
    response = editor_client.post(ADD_URL, form_data())
    assert response.status_code == 302
    municipality = Municipality.objects.get(ags="05513999")
    assert (municipality.latitude, municipality.longitude) == (51.5, 7.1)


def test_change_form_has_the_coordinate_picker_and_the_profile_inline(editor_client):
    profile = DigitalProfileFactory()
    url = reverse("admin:cities_municipality_change", args=[profile.municipality.pk])
    html = editor_client.get(url).content.decode()
    assert "data-coordinate-picker" in html
    assert 'data-partner-name="latitude"' in html
    assert "portal/js/coordinate-picker.js" in html and "leaflet/leaflet.js" in html
    assert "portal/geo/states.geojson" in html
    assert 'name="profile-0-strategy_status"' in html


def test_profile_inline_validates_the_adoption_date(editor_client):
    municipality = MunicipalityFactory()
    url = reverse("admin:cities_municipality_change", args=[municipality.pk])
    data = {
        "name": municipality.name,
        "kind": municipality.kind,
        "ags": municipality.ags,
        "ars": municipality.ars,
        "state": municipality.state_id,
        "district": municipality.district_id,
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-status": "draft",
        "profile-0-as_of": "2020-07-01",
        "profile-0-strategy_status": "in_development",
        "profile-0-strategy_adopted_on": "2020-06-25",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "nur bei einer beschlossenen Strategie" in response.content.decode()
    assert not DigitalProfile.objects.exists()
    data["profile-0-strategy_status"] = "adopted"
    assert editor_client.post(url, data).status_code == 302
    assert DigitalProfile.objects.get().strategy_status == "adopted"


def test_admin_search_by_name_and_ags(editor_client):
    MunicipalityFactory(name="Gelsenkirchen", district=DistrictFactory(key="05513"))
    MunicipalityFactory(name="Ulm", district=DistrictFactory(key="08421"))
    url = reverse("admin:cities_municipality_changelist")
    by_name = editor_client.get(url, {"q": "gelsen"}).context["cl"].result_count
    by_ags = editor_client.get(url, {"q": "08421"}).context["cl"].result_count
    assert (by_name, by_ags) == (1, 1)
    filtered = editor_client.get(url, {"size_class": "mittelstadt", "profile": "none"})
    assert filtered.status_code == 200


def test_profile_admin_publishes_in_bulk(editor_client):
    profile = DigitalProfileFactory(status="draft")
    url = reverse("admin:cities_digitalprofile_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [profile.pk]})
    profile.refresh_from_db()
    assert profile.status == "published" and profile.published_at is not None


def test_plain_users_cannot_reach_the_admin(user_client):
    response = user_client.get(reverse("admin:cities_municipality_changelist"))
    assert response.status_code == 302


def test_picker_pairs_fields_with_a_form_prefix():
    widget = CoordinatePickerWidget(axis="longitude", partner_field="latitude")
    assert widget.partner_name("events-0-longitude") == "events-0-latitude"
    assert widget.partner_name("longitude") == "latitude"
    html = widget.render("events-0-longitude", 7.1, attrs={"id": "id_events-0-longitude"})
    assert 'data-axis="longitude"' in html and 'data-partner-name="events-0-latitude"' in html
    assert isinstance(MunicipalityAdminForm().fields["longitude"].widget, CoordinatePickerWidget)


def test_picker_refuses_an_unknown_axis():
    with pytest.raises(ValueError):
        CoordinatePickerWidget(axis="altitude")
