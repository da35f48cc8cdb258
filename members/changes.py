"""What maintainers may change in the public site, and how a proposed change is stored,
shown and applied.

A ``ChangeSpec`` names the model, the fields a maintainer may change (in the groups the form
shows them in), the form that validates them and what publishing does besides. The spec of
the digital profile is here; an app of a higher layer adds its own in ``<app>/changes.py``
(``CHANGE_SPECS``), found through the registry. Values travel as JSON: dates as ISO strings,
many-to-many relations as sorted lists of keys.
"""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.forms import DigitalProfileForm
from cities.models import PROFILE_FIELD_GROUPS, DigitalProfile
from portal.choices import PublicationStatus
from portal.registry import project_modules


@dataclass(frozen=True)
class ChangeSpec:
    model: type[models.Model]
    form_class: type[forms.ModelForm]
    fieldsets: list[tuple[str | None, list[str]]]
    # Called on the instance before it is saved at approval (sets "Stand", publishes, …).
    on_publish: Callable[[models.Model], None] = field(default=lambda instance: None)
    # The model's field for each kind of body (``BODY_FIELDS`` name → field): where a new
    # object records the body it was proposed for.
    holder_fields: dict[str, str] = field(
        default_factory=lambda: {name: name for name in ("municipality", "association", "district")}
    )
    # Whether an approved change counts its author among those who worked on the object
    # (shown in "Wer macht was" where the author agreed).
    credits_author: bool = False
    # The form's heading, with ``%(body)s`` and ``%(title)s``: (new object, existing one).
    headings: tuple[str, str] = ("", "")

    def new_instance(self, body_field: str, body) -> models.Model:
        """A new, unsaved object for ``body``."""
        return self.model(**{self.holder_fields[body_field]: body})

    @property
    def fields(self) -> list[str]:
        return [name for _label, names in self.fieldsets for name in names]


# The profile as its maintainers see it: everything but the "Stand", which publishing sets.
MEMBER_PROFILE_FIELD_GROUPS = [
    (label, [name for name in names if name != "as_of"]) for label, names in PROFILE_FIELD_GROUPS
]
MEMBER_PROFILE_FIELDS = [name for _label, names in MEMBER_PROFILE_FIELD_GROUPS for name in names]


def https_by_default(model_field, **kwargs):
    """Form fields as the model makes them; an address typed without scheme is https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class ProfileChangeForm(DigitalProfileForm):
    """A body's digital profile as its maintainers edit it in the public site."""

    class Meta(DigitalProfileForm.Meta):
        fields = MEMBER_PROFILE_FIELDS
        formfield_callback = https_by_default


def publish_profile(profile: DigitalProfile) -> None:
    """An approved change makes the profile current: its "Stand" and its check are today."""
    today = timezone.localdate()
    profile.as_of = today
    profile.last_verified_on = today
    profile.status = PublicationStatus.PUBLISHED


PROFILE_SPEC = ChangeSpec(
    model=DigitalProfile,
    form_class=ProfileChangeForm,
    fieldsets=MEMBER_PROFILE_FIELD_GROUPS,
    on_publish=publish_profile,
    headings=(
        gettext_lazy("Digitalprofil von %(body)s bearbeiten"),
        gettext_lazy("Digitalprofil von %(body)s bearbeiten"),
    ),
)
CHANGE_SPECS = [PROFILE_SPEC]


@cache
def change_specs() -> dict[str, ChangeSpec]:
    """Every spec by its model's label (``cities.digitalprofile``)."""
    specs = []
    for module in project_modules("changes"):
        specs.extend(getattr(module, "CHANGE_SPECS", []))
    return {spec.model._meta.label_lower: spec for spec in specs}


def spec_for(model) -> ChangeSpec:
    return change_specs()[model._meta.label_lower]


def _is_m2m(model, name) -> bool:
    return model._meta.get_field(name).many_to_many


def to_json(model, name, value):
    """One field's value as JSON."""
    if _is_m2m(model, name):
        return sorted(getattr(item, "pk", item) for item in (value or []))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def snapshot(instance, names) -> dict:
    """The current values of ``names`` on a saved object (empty for a new one)."""
    if instance is None or instance.pk is None:
        return {}
    model = type(instance)
    return {
        name: to_json(
            model,
            name,
            getattr(instance, name).all() if _is_m2m(model, name) else getattr(instance, name),
        )
        for name in names
    }


def form_values(model, cleaned_data, names) -> dict:
    return {name: to_json(model, name, cleaned_data.get(name)) for name in names}


def apply_values(instance, data: dict) -> dict:
    """Set the concrete fields of ``data`` on ``instance``; return the many-to-many ones,
    which can be set only once the instance is saved."""
    model = type(instance)
    relations = {}
    for name, value in data.items():
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            relations[name] = value
        else:
            setattr(instance, model_field.attname, model_field.to_python(value))
    return relations


@dataclass
class DiffRow:
    name: str
    label: str
    old: str
    new: str
    # Word by word for longer texts: (kind, text) with kind "equal", "delete" or "insert".
    words: list[tuple[str, str]] | None = None


_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


NOTHING = gettext_lazy("(leer)")


def _display(form_field, value) -> str:
    """A stored value as the reader knows it: labels of choices, names of themes, Ja/Nein."""
    if value in (None, "", []):
        return str(NOTHING)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nein")
    choices = getattr(form_field, "choices", None)
    if choices is not None:
        labels = {str(key): str(label) for key, label in choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    return str(value)


def change_diff(change) -> list[DiffRow]:
    """The fields a change alters, old and new value side by side, longer texts word by
    word."""
    spec = spec_for(change.content_type.model_class())
    form_fields = spec.form_class().fields
    rows = []
    for name in spec.fields:
        if name not in change.data:
            continue
        old, new = change.base.get(name), change.data[name]
        if old == new or (change.is_new and new in (None, "", [], False)):
            continue
        form_field = form_fields.get(name)
        has_choices = getattr(form_field, "choices", None) is not None
        label = str(form_field.label if form_field else name)
        old_text, new_text = _display(form_field, old), _display(form_field, new)
        words = None
        if old and new and isinstance(old, str) and isinstance(new, str) and not has_choices:
            words = word_diff(old, new)
        rows.append(DiffRow(name, label, old_text, new_text, words))
    return rows
