from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


class ExplicitLocaleMiddleware(MiddlewareMixin):
    """German unless the visitor chose another language with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language header: the
    portal is a German public-sector site and the language is the visitor's explicit choice
    (stored in the language cookie by ``set_language``).
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        patch_vary_headers(response, ("Cookie",))
        return response
