"""Journeys through the load balancer, each request answered by the other server than the one
before (round robin, no stickiness): every step depends on state the two servers share."""

import re
import secrets

from web import Browser, form_with

LOCKED = "Too many failed sign-in attempts"
ORGANISATION = "details-organisation"
BAD_PASSWORD = "Please enter the correct username and password"


class JourneyFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise JourneyFailed(message)


def alternated(browser: Browser) -> int:
    """How many requests the browser made; fails unless each went to the other server."""
    served = browser.served
    check(all(served), f"a response without X-Served-By: {served}")
    for before, after in zip(served, served[1:], strict=False):
        check(before != after, f"two requests in a row went to {before}: {served}")
    return len(served)


def sign_in(browser, username, password):
    page = browser.get("/admin/login/")
    form = form_with(page.body, "csrfmiddlewaretoken")
    return browser.post(
        "/admin/login/?next=/admin/",
        form.data({"username": username, "password": password}),
    )


def admin_edit_and_publish(base, username, password) -> dict:
    """Sign in on one server, open a case study on the other, publish a new title, and find
    it on both servers' finder pages at once."""
    admin = Browser(base)
    signed_in = sign_in(admin, username, password)
    check(signed_in.status == 302, f"sign-in answered {signed_in.status}")
    home = admin.get("/admin/")
    check(home.status == 200 and "Log out" in home.body, "not signed in on the other server")

    listing = admin.get("/admin/casestudies/casestudy/")
    match = re.search(r'href="(/admin/casestudies/casestudy/\d+/change/)"', listing.body)
    check(match, "no case study in the admin list")
    change_url = match.group(1)
    page = admin.get(change_url)
    form = form_with(page.body, "title")
    word = "Clusterdrill" + secrets.token_hex(3)
    title = f"Talking therapies in {word}"

    public = Browser(base)
    public.served = admin.served  # one sequence of requests: round robin is the balancer's
    for _ in range(2):
        finder = public.get(f"/case-studies/?q={word}")
        check(title not in finder.body, f"{finder.served_by} shows the title before publishing")

    submit = "_publish" if "_publish" in form.submits else "_save"
    saved = admin.post(change_url, form.data({"title": title, "status": "published"}, submit))
    check(saved.status == 302, f"publishing answered {saved.status}: {errors(saved.body)}")

    seen = []
    for _ in range(2):
        finder = public.get(f"/case-studies/?q={word}")
        check(title in finder.body, f"{finder.served_by}'s finder does not show the new title")
        seen.append(finder.served_by)
    check(len(set(seen)) == 2, f"the finder was read from {seen}")
    return {"requests": alternated(admin), "servers": sorted(set(seen))}


def errors(html) -> str:
    found = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    return " | ".join(re.sub(r"<[^>]+>", " ", e).strip() for e in found)[:500] or "no errors shown"


def checklist_save_and_clash(base) -> dict:
    """Start a record on one server, open its details on both, save on one, and the other's
    stale save is refused with the clash message."""
    person = Browser(base)
    index = person.get("/checklist/")
    start = form_with(index.body, "csrfmiddlewaretoken")
    started = person.post("/checklist/start/", start.data())
    check(started.status == 302, f"start answered {started.status}")
    record_url = started.headers["location"]

    first = person.get(record_url)
    second = person.get(record_url)
    check({first.served_by, second.served_by} == {"a", "b"}, "both pages from one server")
    mine = form_with(first.body, ORGANISATION)
    theirs = form_with(second.body, ORGANISATION)

    saved = person.post(record_url, mine.data({ORGANISATION: "Northshire NHS Trust"}))
    check(saved.status == 302, f"saving answered {saved.status}")
    after = person.get(record_url)
    check("Your details were saved" in after.body, "no saved message on the other server")
    check("Northshire NHS Trust" in after.body, "the other server does not show the save")

    clash = person.post(record_url, theirs.data({ORGANISATION: "Southdale Partnership"}))
    check(clash.status == 409, f"the stale save answered {clash.status}, not 409")
    check(
        "Someone else changed the organisation details while you were editing" in clash.body,
        "no clash message",
    )
    return {"requests": alternated(person), "servers": ["a", "b"]}


def lockout_on_both_servers(base, username, password) -> dict:
    """Five wrong passwords, from five client addresses and sent to the two servers in turn,
    lock the account on both, from any address; the addresses themselves stay open (each
    failed once), so other editors on them can still sign in."""
    browser = Browser(base)
    page = browser.get("/admin/login/")
    form = form_with(page.body, "csrfmiddlewaretoken")
    answers = []
    for attempt in range(1, 6):
        browser.address = f"127.0.0.{10 + attempt}"
        wrong = browser.post(
            "/admin/login/?next=/admin/",
            form.data({"username": username, "password": f"wrong-{attempt}"}),
        )
        answers.append((wrong.served_by, wrong.status))
        if attempt < 5:
            check(
                wrong.status == 200 and BAD_PASSWORD in wrong.body,
                f"attempt {attempt} answered {wrong.status}",
            )
        else:
            check(wrong.status == 429 and wrong.heading == LOCKED, "5th failure did not lock")
    check({server for server, _ in answers} == {"a", "b"}, f"failures went to {answers}")
    locked_on = set()
    browser.address = "127.0.0.20"  # the right password now, from a sixth address, on each server
    for _ in range(2):
        right = browser.post(
            "/admin/login/?next=/admin/", form.data({"username": username, "password": password})
        )
        check(right.status == 429 and right.heading == LOCKED, f"{right.served_by} let them in")
        locked_on.add(right.served_by)
    check(locked_on == {"a", "b"}, f"locked only on {locked_on}")
    return {"requests": alternated(browser), "servers": sorted(locked_on)}


def image_on_the_shared_volume(base, username, password, media_root) -> dict:
    """An image uploaded through one server is stored once, in the media folder every server
    shares (STORAGES "default"), and the other server's page shows it from there."""
    admin = Browser(base)
    check(sign_in(admin, username, password).status == 302, "sign-in failed")
    listing = admin.get("/admin/professions/profession/")
    match = re.search(r'href="(/admin/professions/profession/\d+/change/)"', listing.body)
    check(match, "no profession in the admin list")
    change_url = match.group(1)
    page = admin.get(change_url)
    form = form_with(page.body, "image_alt")
    changes = {"image_alt": "A dietitian talking with a patient", "status": "published"}
    submit = "_publish" if "_publish" in form.submits else "_save"
    saved = admin.post_multipart(
        change_url, form.data(changes, submit), {"image": ("clinic.png", png(), "image/png")}
    )
    check(saved.status == 302, f"the upload answered {saved.status}: {errors(saved.body)}")

    slug = dict(form.fields).get("slug")
    check(slug, "no slug on the change form")
    sources = {}
    for _ in range(2):
        shown = admin.get(f"/professions/{slug}/")
        found = re.findall(r'(?:src|srcset)="([^"]+)"', shown.body)
        files = {u.split()[0] for f in found for u in f.split(",") if "/media/" in u}
        check(files, f"{shown.served_by}'s page shows no uploaded image")
        sources[shown.served_by] = files
    check(len(sources) == 2, f"the page was read from {list(sources)}")
    check(sources["a"] == sources["b"], "the two servers show different files")
    for url in sources["a"]:
        path = media_root / url.split("/media/", 1)[1]
        check(path.is_file(), f"{url} is not in the shared media folder")
    return {"requests": alternated(admin), "servers": sorted(sources)}


def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (0, 94, 184)).save(buffer, "PNG")
    return buffer.getvalue()
