"""A full-page cache for anonymous visitors that a publication empties at once.

``PageCacheMiddleware`` stores the 200 answers to anonymous GET requests of public pages
and feeds (``CACHE_PAGE_SECONDS``, 0 switches it off) and serves them again
without touching the database. The cache key holds path, query string, host, language,
``Accept`` and whether the client takes gzip, and one **content generation** number kept in
the cache: every save or delete of a model of the project's apps (``post_save``,
``post_delete``, ``m2m_changed``) increments it, so every page cached before is never asked
for again and expires by itself. A publication, an edit in the admin or through the API
thus shows at once.

Not cached: the API (its rate limits must count every request; its large GeoJSON answers
cache their body themselves, see portal.api.geojson), requests with a session cookie
(logged-in editors and users), with an ``Authorization`` header (API tokens) or with any
cookie other than the language's and the CSRF token's; the admin; answers that set cookies,
touched or changed the session, are not 200, are streamed, say ``private``, ``no-store``
or ``no-cache`` or vary on other headers.

With several server processes the generation must live in a shared cache (``CACHE_URL``
redis://…): a per-process locmem cache only sees the publications of its own process.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.cache import cc_delim_re, set_response_etag

GENERATION_KEY = "portal:page-cache:generation"
KEY_PREFIX = "portal:page-cache:page"
# Headers a cached answer may vary on: all of them are part of the key.
KEYED_VARY = {"cookie", "accept", "accept-language", "accept-encoding"}
# Saves of these models change no public page: bookkeeping of the API and of background
# tasks, and a member's proposed
# change, which alters nothing public until an editor approves it (the approval saves the
# changed object, which counts).
IGNORED_MODELS = {
    "portal.apitoken",
    "portal.taskfailure",
    "members.changerequest",
    # A member's subscriptions and the e-mails sent: private pages only.
    "notifications.subscription",
    "notifications.mailing",
    "notifications.mailingitem",
    # Attendees and circle members appear on no cached page: an event's page with
    # registration (the seats left) is sent never-cache, a circle's page shows the
    # visitor's own membership only to the signed-in, whose pages are never cached, and
    # its member list is for its members.
    "events.registration",
    "events.circlemembership",
    "events.circleinvitation",
    # A body's answers and drafts are on its members' pages only (never cached).
    "digitalcheck.answer",
}


def content_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A start value from the clock: after an eviction of the counter no page of an
        # earlier generation can be mistaken for a current one.
        cache.add(GENERATION_KEY, time.time_ns() // 1000)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation() -> None:
    """Make every cached page outdated."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or evicted)
        cache.add(GENERATION_KEY, time.time_ns() // 1000)


def content_changed(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    opts = sender._meta
    if opts.app_label not in settings.PROJECT_APPS or opts.label_lower in IGNORED_MODELS:
        return
    bump_content_generation()
    # Again after the commit: a request between the save and the commit may have cached
    # the old content under the new generation.
    transaction.on_commit(bump_content_generation)


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"portal.page_cache.{id(signal)}")


def request_is_cacheable(request) -> bool:
    if request.method not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in request.META:
        return False
    allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    if any(name not in allowed_cookies for name in request.COOKIES):
        return False  # a session (logged in), messages, anything personal
    # The API has its own rate limits (a cached answer would skip them), tokens and
    # modified_since; its GET answers carry an ETag for conditional requests.
    return not request.path.startswith((admin_prefix(), "/api/"))


def admin_prefix() -> str:
    from portal.middleware import admin_prefix as prefix

    return prefix()


def response_is_cacheable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= KEYED_VARY


def page_key(request, generation: int) -> str:
    parts = "\n".join(
        [
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            request.META.get("HTTP_ACCEPT", ""),
            "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "",
        ]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


class PageCacheMiddleware:
    """Serves anonymous GET/HEAD requests from the cache (see the module's docstring).

    Placed after ConditionalGetMiddleware (which answers 304 to cached pages, too) and the
    locale middleware (the key holds the language), before GZipMiddleware (compressed
    answers are stored compressed) and everything that looks at the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_PAGE_SECONDS
        if seconds <= 0 or not request_is_cacheable(request):
            return self.get_response(request)
        key = page_key(request, content_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        # The view renders the full answer for the cache; ConditionalGetMiddleware (outside)
        # still answers 304 to a matching If-None-Match or If-Modified-Since.
        conditional = {
            name: request.META.pop(name)
            for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
            if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditional)
        if response_is_cacheable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        return response
