"""Images: uploads checked by content through the real admin, metadata stripped, renditions
made once and served in a responsive <picture>, alternative text rules."""

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
import weasyprint  # noqa: F401  (imported, it sets ImageFile.LOAD_TRUNCATED_IMAGES)
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile, PngImagePlugin

from careers.models import CareerStory
from editorial.images import MESSAGES, WIDTHS
from editorial.warnings import content_warnings
from professions.models import Profession
from tests.image_files import (
    GPS_IFD,
    SVG,
    image_bytes,
    jpeg_with_gps_and_orientation,
    png_header_only,
    upload,
)
from tests.vnu import VNU

pytestmark = pytest.mark.django_db

ADD = "/admin/professions/profession/add/"


def profession_form(**overrides):
    return {
        "name": "Image therapists",
        "slug": "image-therapists",
        "summary": "They test images.",
        "description": "<p>What they do.</p>",
        "learning_disability_offer": "",
        "regulator": "HCPC",
        "order": "0",
        "image_alt": "A therapist and a client at a table",
        "status": "published",
        "published_at_0": "01/01/2024",
        "published_at_1": "00:00:00",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "quotes-MIN_NUM_FORMS": "0",
        "quotes-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def stored_files(root):
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []


def read_image(path):
    with Image.open(path) as image:
        image.load()
        return image


def message(key, **values):
    return MESSAGES[key].format(**values)


BAD_UPLOADS = {
    "pdf renamed .jpg": (
        upload("photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        message("not_image"),
    ),
    "garbage": (upload("photo.png", b"\x00\x01not an image at all" * 50), message("not_image")),
    "svg": (upload("logo.svg", SVG, "image/svg+xml"), message("not_image")),
    "gif": (upload("anim.gif", image_bytes((20, 20), "GIF"), "image/gif"), None),
    "gif renamed .jpg": (upload("anim.jpg", image_bytes((20, 20), "GIF")), None),
    "over 5 MB": (
        # A real JPEG that decodes, followed by 5 MB that decoders skip.
        upload("big.jpg", image_bytes((100, 100)) + b"\x00" * (5 * 1024 * 1024)),
        "must be 5 MB or smaller",
    ),
    "over 40 megapixels": (
        upload("huge.png", png_header_only(7000, 6000), "image/png"),
        "7,000 × 6,000 pixels (42 megapixels)",
    ),
    "decompression bomb": (
        upload("bomb.png", png_header_only(20000, 20000), "image/png"),
        "too large to process safely",
    ),
    "decompression bomb (warning size)": (
        upload("bomb.png", png_header_only(10000, 10000), "image/png"),
        "too large to process safely",
    ),
    "truncated jpeg": (
        upload("cut.jpg", image_bytes((800, 600), quality=95)[:3000]),
        message("damaged"),
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=str)
def test_each_bad_upload_is_a_form_error_and_saves_nothing(admin_client, media_root, case):
    file, expected = BAD_UPLOADS[case]
    response = admin_client.post(ADD, profession_form(image=file))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    if expected is None:
        expected = message("wrong_format", format="GIF")
    assert any(expected in error for error in errors), errors
    assert expected in response.content.decode().replace("&#x27;", "'")
    assert not Profession.objects.filter(slug="image-therapists").exists()
    assert stored_files(media_root) == []


def test_exif_and_gps_are_removed_and_orientation_is_applied(admin_client, media_root):
    original = Image.open(io.BytesIO(jpeg_with_gps_and_orientation((400, 200))))
    assert original.getexif().get_ifd(GPS_IFD)

    response = admin_client.post(
        ADD, profession_form(image=upload("phone photo.jpg", jpeg_with_gps_and_orientation()))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profession = Profession.objects.get(slug="image-therapists")
    assert re.fullmatch(r"professions/phone-photo-[0-9a-f]{12}\.jpg", profession.image.name)
    stored = read_image(profession.image.path)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert b"PhoneMaker" not in Path(profession.image.path).read_bytes()
    # Orientation 6 means "turn 90°": the stored picture is upright, so tall, not wide.
    assert stored.size == (200, 400)
    assert (profession.image_width, profession.image_height) == (200, 400)


def test_png_text_chunks_are_removed(media_root):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone private")
    data = image_bytes((50, 40), "PNG", pnginfo=info)
    assert b"Someone private" in data
    profession = Profession.objects.create(
        name="Png", summary="s", description="<p>d</p>", image=upload("a.png", data)
    )
    assert b"Someone private" not in Path(profession.image.path).read_bytes()
    assert read_image(profession.image.path).format == "PNG"


def test_the_format_comes_from_the_content_not_the_name(media_root):
    profession = Profession.objects.create(
        name="Webp",
        summary="s",
        description="<p>d</p>",
        image=upload("really-a-webp.jpg", image_bytes((64, 32), "WEBP")),
        image_alt="A blue square",
    )
    assert profession.image.name.endswith(".webp")
    assert read_image(profession.image.path).format == "WEBP"


def test_a_model_save_checks_the_upload_too(media_root):
    profession = Profession(
        name="Bad", summary="s", description="<p>d</p>", image=upload("x.jpg", b"nope" * 10)
    )
    with pytest.raises(ValidationError) as error:
        profession.full_clean()
    assert message("not_image") in error.value.message_dict["image"]


@pytest.fixture
def published_profession(media_root):
    return Profession.objects.create(
        name="Picture therapists",
        summary="They have a picture.",
        description="<p>What they do.</p>",
        image=upload("team.jpg", image_bytes((1200, 800))),
        image_alt="Three therapists in a garden",
        status="published",
    )


def renditions_dir(media_root):
    return Path(media_root) / "renditions" / "professions"


def test_renditions_are_made_once_and_reused(client, published_profession, media_root):
    made = sorted(renditions_dir(media_root).iterdir())
    assert sorted(p.name.split("-")[-1] for p in made) == sorted(
        f"{w}w.{ext}" for ext in ("jpg", "webp") for w in WIDTHS
    )
    mtimes = {p: p.stat().st_mtime_ns for p in made}

    for _ in range(2):
        response = client.get(published_profession.get_absolute_url())
        assert response.status_code == 200

    assert sorted(renditions_dir(media_root).iterdir()) == made
    assert {p: p.stat().st_mtime_ns for p in made} == mtimes


def test_a_missing_rendition_is_made_again(client, published_profession, media_root):
    victim = next(renditions_dir(media_root).glob("*-640w.webp"))
    victim.unlink()
    client.get(published_profession.get_absolute_url())
    assert victim.exists()
    assert read_image(victim).size == (640, 427)


def test_the_public_page_has_a_picture_with_a_valid_srcset(client, published_profession):
    html = client.get(published_profession.get_absolute_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', picture)
    img = re.search(r"<img ([^>]+)>", picture).group(1)
    assert 'alt="Three therapists in a garden"' in img
    assert 'width="960" height="640"' in img
    assert re.search(r'sizes="[^"]+"', img)
    for srcset, mime in [
        (source.group(1), "WEBP"),
        (re.search(r'srcset="([^"]+)"', img)[1], "JPEG"),
    ]:
        candidates = [entry.strip().split(" ") for entry in srcset.split(",")]
        assert [width for _url, width in candidates] == [f"{w}w" for w in WIDTHS]
        for url, width in candidates:
            response = client.get(url)
            assert response.status_code == 200
            served = read_image(io.BytesIO(b"".join(response.streaming_content)))
            assert served.format == mime
            assert f"{served.width}w" == width


def test_a_small_image_is_not_enlarged(client, media_root):
    profession = Profession.objects.create(
        name="Small",
        summary="s",
        description="<p>d</p>",
        image=upload("small.png", image_bytes((200, 100), "PNG"), "image/png"),
        image_decorative=True,
        status="published",
    )
    html = client.get(profession.get_absolute_url()).content.decode()
    assert re.search(r'srcset="[^" ]+-200w\.webp 200w"', html)
    assert re.search(r'<img [^>]*srcset="[^" ]+-200w\.png 200w"[^>]* alt=""', html)


def test_the_career_story_page_shows_the_photo(client, media_root):
    story = CareerStory.objects.published().first()
    story.photo = upload("me.jpg", image_bytes((700, 700)))
    story.photo_alt = "Sam smiling at the camera"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert re.search(r'<picture><source type="image/webp" srcset="[^"]+ 320w, [^"]+ 640w, ', html)
    assert 'alt="Sam smiling at the camera"' in html


@pytest.mark.parametrize(
    ("alt", "decorative", "error"),
    [
        ("", False, MESSAGES["alt_missing"]),
        ("   ", False, MESSAGES["alt_missing"]),
        ("", True, None),
        ("A garden", False, None),
        ("A garden", True, MESSAGES["alt_and_decorative"]),
    ],
)
def test_alt_text_is_required_unless_decorative(media_root, alt, decorative, error):
    profession = Profession(
        name="Alt",
        slug="alt",
        summary="s",
        description="<p>d</p>",
        image=upload("a.jpg", image_bytes((30, 30))),
        image_alt=alt,
        image_decorative=decorative,
    )
    if error is None:
        profession.full_clean()
    else:
        with pytest.raises(ValidationError) as raised:
            profession.full_clean()
        assert raised.value.message_dict == {"image_alt": [error]}


def test_the_admin_asks_for_alt_text(admin_client, media_root):
    response = admin_client.post(
        ADD, profession_form(image=upload("a.jpg", image_bytes((30, 30))), image_alt="")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt"] == [MESSAGES["alt_missing"]]
    assert stored_files(media_root) == []

    response = admin_client.post(
        ADD,
        profession_form(
            image=upload("a.jpg", image_bytes((30, 30))), image_alt="", image_decorative="on"
        ),
    )
    assert response.status_code == 302
    assert Profession.objects.get(slug="image-therapists").image_decorative


def test_an_image_without_alt_text_is_a_content_warning(published_profession):
    assert content_warnings(published_profession) == []
    Profession.objects.filter(pk=published_profession.pk).update(image_alt="")
    published_profession.refresh_from_db()
    assert content_warnings(published_profession) == [
        "The image has no alternative text: describe it, or mark it decorative."
    ]
    published_profession.image_decorative = True
    assert content_warnings(published_profession) == []


def test_the_change_form_and_list_show_thumbnails(admin_client, published_profession):
    change = admin_client.get(f"/admin/professions/profession/{published_profession.pk}/change/")
    html = change.content.decode()
    assert re.search(
        r'<img src="/media/renditions/professions/team-[0-9a-f]{12}-320w\.webp" width="320" '
        r'height="213" alt="Three therapists in a garden">',
        html,
    )
    listing = admin_client.get("/admin/professions/profession/").content.decode()
    assert re.search(r'<td class="field-thumbnail"><img src="[^"]+-320w\.webp" width="80"', listing)


def test_a_missing_image_file_does_not_break_the_pages(admin_client, client, published_profession):
    Path(published_profession.image.path).unlink()
    for rendition in renditions_dir(Path(published_profession.image.path).parents[1]).iterdir():
        rendition.unlink()
    assert client.get(published_profession.get_absolute_url()).status_code == 200
    listing = admin_client.get("/admin/professions/profession/")
    assert "Image file missing" in listing.content.decode()


@pytest.mark.parametrize(
    ("changelist", "model"),
    [("/admin/professions/profession/", Profession), ("/admin/careers/careerstory/", CareerStory)],
)
def test_admin_lists_with_thumbnails_make_the_same_queries_at_1_and_200(
    admin_client, media_root, django_assert_max_num_queries, changelist, model
):
    field = "image" if model is Profession else "photo"
    template = model.objects.first()
    setattr(template, field, upload("shared.jpg", image_bytes((400, 300))))
    setattr(template, f"{field}_alt", "Shared picture")
    template.save()
    name = getattr(template, field).name
    model.objects.exclude(pk=template.pk).update(
        **{field: name, f"{field}_width": 400, f"{field}_height": 300, f"{field}_alt": "Shared"}
    )
    admin_client.get(changelist)  # warm up: sessions, content types

    def count():
        with django_assert_max_num_queries(20) as captured:
            assert admin_client.get(changelist).status_code == 200
        return len(captured)

    few = count()
    profession = Profession.objects.first()
    extra = []
    for i in range(200):
        obj = model(
            **{field: name, f"{field}_width": 400, f"{field}_height": 300, f"{field}_alt": "x"},
        )
        if model is Profession:
            obj.name, obj.slug, obj.summary, obj.description = f"P{i}", f"p{i}", "s", "d"
        else:
            obj.name, obj.slug, obj.job_title, obj.profession = f"S{i}", f"s{i}", "j", profession
        extra.append(obj)
    model.objects.bulk_create(extra)
    assert count() == few


def test_pages_with_images_are_valid_html(client, published_profession, tmp_path):
    story = CareerStory.objects.published().first()
    story.photo = upload("me.png", image_bytes((500, 400), "PNG"), "image/png")
    story.photo_decorative = True
    story.save()
    files = []
    for url in [published_profession.get_absolute_url(), story.get_absolute_url()]:
        html = client.get(url).content
        assert b"<picture>" in html
        files.append(tmp_path / f"{len(files)}.html")
        files[-1].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m["type"] == "error"] == []
    assert result.returncode == 0


def test_a_truncated_upload_is_refused_even_after_weasyprint_relaxed_pillow(
    admin_client, media_root, monkeypatch
):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    file = upload("cut.jpg", image_bytes((800, 600), quality=95)[:3000])
    response = admin_client.post(ADD, profession_form(image=file))
    assert response.context["adminform"].form.errors["image"] == [message("damaged")]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
