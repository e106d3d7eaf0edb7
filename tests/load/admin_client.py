"""An editor in the admin over plain HTTP: log in, open a change form, submit
it as a browser would. Shared by the load test and the attack run."""

import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """Every field of the page's main form, as a browser would submit it."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields, self.textarea, self.select = (
            form_id,
            False,
            [],
            None,
            None,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.fields.append([name, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


class Editor:
    """An editor in the admin, over plain HTTP with a cookie jar of one."""

    def __init__(self, base, password):
        self.base, self.cookies = base, {}
        self.login(password)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body is not None:
            request.add_header("Referer", self.base + path)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def login(self, password):
        status, html = self.request("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _ = self.request(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": "loadeditor", "password": password,
             "next": "/admin/"},
        )  # fmt: skip
        if status != 302:
            raise RuntimeError(f"editor login failed with {status}")

    def correct(self, article_id, marker):
        path = f"/admin/articles/article/{article_id}/change/"
        status, html = self.request(path)
        if status != 200:
            return status
        parser = FormFields("article_form")
        parser.feed(html)
        fields = []
        for name, value in parser.fields:
            if name in ("title", "title_0"):  # one box, or the paragraph editor's first
                value = f"{value} [{marker}]"
            fields.append((name, value))
        status, _ = self.request(path, dict(fields) | {"_save": "Save"})
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
