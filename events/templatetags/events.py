from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.filter
def page_url(obj) -> str:
    """The object's page, or "" while the app that serves it has no such page yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
