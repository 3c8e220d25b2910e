"""Clean what arrives in the query string and in form posts, once for every view."""

from django.http import QueryDict, UnreadablePostError

from emulation.text import clean_text


def _cleaned(data: QueryDict) -> QueryDict:
    if all(clean_text(key) == key and all(clean_text(value) == value for value in values)
           for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


class InputTextMiddleware:
    """NUL bytes (PostgreSQL refuses them: a search for "%00" was a 500), stray
    control characters and bidi overrides (a name that reads backwards) never
    reach a form, a query or the database. Line breaks and tabs are kept.

    It works in process_view, listed after CsrfViewMiddleware, so that the body
    is read where Django reads it anyway and a broken upload is handled as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Values captured from the path (a verification code, a feed token) too.
        for name, value in view_kwargs.items():
            if isinstance(value, str):
                view_kwargs[name] = clean_text(value)
        request.GET = _cleaned(request.GET)
        if request.method == "POST":
            try:
                request.POST = _cleaned(request.POST)
            except UnreadablePostError:
                pass  # the client went away; the view meets the same error as before
        return None
