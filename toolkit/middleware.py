from django.conf import settings
from js_asset import Media


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header: Django has no setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class MediaNonceMiddleware:
    """Give the form media of a template response (the admin's change forms) this response's
    CSP nonce: django-prose-editor's import map is an inline script, which the CSP refuses
    without it. Only ``js_asset.Media`` carries a nonce; Django's plain media has no inline
    script."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data
        media = context.get("media") if context else None
        if isinstance(media, Media) and hasattr(request, "csp_nonce"):
            context["media"] = media.with_nonce(request.csp_nonce)
        return response
