"""The API's answer to a browser: the JSON inside a page of the portal."""

import json

from django.template.loader import render_to_string
from django.urls import reverse
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder


class APIPageRenderer(renderers.BrowsableAPIRenderer):
    """``text/html`` (a browser opening an API address, or ``?format=api``): the JSON the
    API answers, shown in the portal's own accessible layout with the address, the allowed
    methods and a link to the API reference. It replaces REST framework's browsable API,
    whose pages have unnamed buttons, low contrast, no ``lang`` and inline styles (it stays
    its subclass, so that tools such as the schema generator treat it as the browsable
    API). Writing happens with a token (see the reference), not through forms on this
    page."""

    template = "portal/api_page.html"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        request = renderer_context.get("request")
        response = renderer_context.get("response")
        body = json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=2)
        context = {
            "body": body if data is not None else "",
            "status_code": getattr(response, "status_code", 200),
            "name": view.get_view_name() if view is not None else "",
            "description": view.get_view_description() if view is not None else "",
            "allowed_methods": getattr(view, "allowed_methods", []),
            "reference_url": reverse("api:docs"),
            "json_url": request.build_absolute_uri(_with_json_format(request.get_full_path()))
            if request is not None
            else "",
        }
        return render_to_string(self.template, context, request=request)


def _with_json_format(path: str) -> str:
    """The same address asking for JSON (``format=json`` replaces ``format=api``)."""
    base, _sep, query = path.partition("?")
    params = [part for part in query.split("&") if part and not part.startswith("format=")]
    return f"{base}?{'&'.join([*params, 'format=json'])}"
