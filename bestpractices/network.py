"""Projects as the solutions that bodies of the network take over from each other
("Übernahme einer Lösung"): members find them here without importing this app."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from bestpractices.models import Project

SOLUTION_MODEL = Project


def find_solution(text: str) -> Project | None:
    """The published project named by its page's address (with or without the host) or by
    its short name, or None."""
    text = text.strip()
    if not text:
        return None
    slug = text
    if "/" in text:
        try:
            match = resolve(urlsplit(text).path)
        except Resolver404:
            return None
        if match.view_name != "bestpractices:project_detail":
            return None
        slug = match.kwargs["slug"]
    return Project.objects.published().filter(slug=slug).first()
