from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's model permissions (reading for everybody, writing with the model's add/change/
    delete permission), finding the model from the view's class ``queryset``.

    DRF asks ``get_queryset()`` for it, which builds the request's whole queryset (visibility,
    annotations such as a programme's status) a second time only for its model: 1.6 of the
    12 ms of processor time of the programme list."""

    def _queryset(self, view):
        if getattr(view, "queryset", None) is not None:
            return view.queryset
        return super()._queryset(view)
