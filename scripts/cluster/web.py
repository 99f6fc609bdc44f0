"""A small browser for the journeys: cookies, no redirects followed, forms read from the page
and sent back as a browser would, and the name of the server behind the load balancer that
answered (haproxy's X-Served-By)."""

import http.client
import http.cookiejar
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser


@dataclass
class Response:
    status: int
    headers: dict
    body: str

    @property
    def served_by(self) -> str:
        return self.headers.get("x-served-by", "")

    @property
    def heading(self) -> str:
        if "<h1" not in self.body:
            return ""
        after = self.body.split("<h1", 1)[1].split(">", 1)[1]
        return " ".join(after.split("</h1>", 1)[0].split())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FromAddress(urllib.request.HTTPHandler):
    """Connections from the browser's ``address``: any of 127.0.0.0/8 reaches the load balancer
    on loopback, so one machine can be several clients, each with its own address."""

    def __init__(self, browser):
        super().__init__()
        self.browser = browser

    def http_open(self, req):
        source = (self.browser.address, 0)
        return self.do_open(partial(http.client.HTTPConnection, source_address=source), req)


class Browser:
    def __init__(self, base: str, address: str = "127.0.0.1"):
        self.base = base
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect(), FromAddress(self)
        )
        self.served = []  # the server of each response, in order

    def request(self, method, path, data=None, timeout=30) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        return self._open(urllib.request.Request(self.base + path, data=body, method=method))

    def _open(self, request, timeout=30) -> Response:
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                response = Response(answer.status, dict(answer.headers), answer.read().decode())
        except urllib.error.HTTPError as error:
            response = Response(error.code, dict(error.headers), error.read().decode())
        response.headers = {k.lower(): v for k, v in response.headers.items()}
        self.served.append(response.served_by)
        return response

    def post_multipart(self, path, data, files) -> Response:
        """A form with files: ``files`` maps a field name to (filename, bytes, content type)."""
        boundary = "cluster" + secrets.token_hex(12)
        parts = []
        for name, value in data:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._open(request)

    def get(self, path) -> Response:
        return self.request("GET", path)

    def post(self, path, data) -> Response:
        return self.request("POST", path, data)


@dataclass
class Form:
    action: str
    attrs: dict
    fields: list = field(default_factory=list)  # (name, value) in document order
    submits: list = field(default_factory=list)  # names of submit buttons

    def data(self, changes=None, submit=None) -> list:
        """What the browser sends: every field, ``changes`` replacing values by name."""
        changes = changes or {}
        data = [(name, changes.get(name, value)) for name, value in self.fields]
        data += [(name, value) for name, value in changes.items() if name not in dict(data)]
        if submit:
            data.append((submit, "1"))
        return data


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = Form(a.get("action", ""), a)
            self.forms.append(self.form)
        elif self.form is None or "name" not in a and tag != "option":
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image"}:
                self.form.submits.append(a["name"])
            elif kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.form.fields.append((a["name"], a.get("value", "on")))
            elif kind != "file":
                self.form.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.form.submits.append(a["name"])
        elif tag == "select":
            self.select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select[1] = value if self.select[1] is None else self.select[1]
            if "selected" in a:
                self.select[2] = value
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            name, first, selected = self.select
            if self.form is not None and (selected or first) is not None:
                self.form.fields.append((name, selected if selected is not None else first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form.fields.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


def forms(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


def form_with(html: str, field_name: str) -> Form:
    """The page's form holding a field (or button) of this name."""
    for form in forms(html):
        if field_name in dict(form.fields) or field_name in form.submits:
            return form
    raise AssertionError(f"no form with a field {field_name!r} on the page")
