"""How the portal renders form fields."""

from django.forms.renderers import DjangoTemplates


class PortalFormRenderer(DjangoTemplates):
    """Django's form renderer with the portal's template for one field, used by
    ``{{ field.as_field_group }}`` (and ``{{ form }}``).

    Django puts ``aria-describedby="<id>_helptext <id>_error"`` on a widget whose field has
    a help text or errors; the field template renders the elements with exactly those ids.
    Page templates therefore render a field through it rather than piece by piece, so that
    no reference points to an element that is not there."""

    field_template_name = "portal/forms/field.html"
