from django.contrib import admin

from cities.models import District, Municipality


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "kind", "state", "population"]
    list_filter = ["state", "kind"]
    search_fields = ["key", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "kind", "state", "district", "population"]
    list_filter = ["state", "kind"]
    list_select_related = ["state", "district"]
    search_fields = ["name", "ags", "ars"]
    autocomplete_fields = ["district"]
