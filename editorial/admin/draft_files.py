"""A draft's uploads in the change form: the image field's widget says what the draft does
to the image (a new one waiting, with its thumbnail and name, or the image removed), and a
save that publishes the draft submits the draft's new image unless the form has its own."""

from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget

from editorial.actions import drafts
from editorial.images import image_fields, stored_thumbnail


class DraftImageWidget(AdminFileWidget):
    template_name = "admin/editorial/draft_image_input.html"

    def __init__(self, attrs=None, *, storage=None, draft_name="", draft_clears=False):
        super().__init__(attrs)
        self.storage = storage
        self.draft_name = draft_name
        self.draft_clears = draft_clears

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        waiting = self.draft_name and self.storage.exists(self.draft_name)
        context["widget"].update(
            draft_file=PurePosixPath(self.draft_name).name if waiting else "",
            draft_thumbnail=stored_thumbnail(self.storage, self.draft_name) if waiting else "",
            draft_clears=self.draft_clears and not self.draft_name,
            draft_file_missing=bool(self.draft_name) and not waiting,
        )
        return context


def image_names(form) -> list[str]:
    return [field.name for field in image_fields(form.instance) if field.name in form.fields]


def show_draft_images(form, draft) -> None:
    """Give each image field the widget that shows what the draft does to it."""
    for name in image_names(form):
        stored = draft.files.get(name, "")
        clearing = bool(draft.data.get(f"{name}-clear"))
        if not stored and not clearing:
            continue
        field = form.fields[name]
        field.widget = DraftImageWidget(
            field.widget.attrs,
            storage=form.instance._meta.get_field(name).storage,
            draft_name=stored,
            draft_clears=clearing,
        )


def submit_draft_images(form, *, user, draft) -> None:
    """For a save that publishes the draft: the draft's new images go in as uploads, unless
    the form uploads its own; the box by a draft's image ("Remove the draft's new image")
    keeps the current image rather than clearing it."""
    names = [name for name in image_names(form) if name in draft.files]
    if not names:
        return
    form.data = form.data.copy()
    form.files = form.files.copy()
    uploads = drafts.uploads_to_publish(user=user, draft=draft, obj=form.instance)
    for name in names:
        if form.files.get(name):
            continue
        if form.data.pop(f"{name}-clear", None) is None and name in uploads:
            form.files[name] = uploads[name]


def uploads_of(form, request) -> tuple[dict, list[str]]:
    """The form's checked image uploads for a draft, and the names of other files sent."""
    images = image_names(form)
    uploads = {
        name: form.cleaned_data[name]
        for name in images
        if name in request.FILES and form.cleaned_data.get(name)
    }
    return uploads, [name for name in request.FILES if name not in uploads]
