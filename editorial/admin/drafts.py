"""Drafts of published content in the admin: the change form in draft mode saves the
submitted form and its image uploads as a draft (editorial.actions.drafts), the public page
stays as it is until a publisher publishes it; the change form shows a waiting draft's values
and images (editorial/admin/draft_files.py)."""

import copy

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.http import HttpResponseRedirect, QueryDict
from reversion import set_comment

from editorial.actions import drafts
from editorial.admin import draft_files
from editorial.admin.lookup import object_or_404
from editorial.publishing import Status

# Submit buttons and tokens: not part of a draft's data.
NOT_DRAFT_DATA = {
    "csrfmiddlewaretoken",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "_publish",
    "_unpublish",
    "_save_draft",
    "_discard_draft",
    "_publish_draft",
}


def _view_name(request) -> str:
    match = request.resolver_match
    return match.url_name if match is not None else ""


class DraftsMixin:
    """For a ModelAdmin of publishable content (see PublishableAdmin)."""

    @staticmethod
    def is_published(obj) -> bool:
        return obj is not None and obj.status == Status.PUBLISHED

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def drafting(self, request, obj=None) -> bool:
        """Whether this request works on a draft rather than on the item: the draft view
        (unless "Publish the draft" was pressed), the preview of a draft, or "Save as draft"
        on a published item's change form. Read from the request, never stored on it."""
        view = _view_name(request)
        posted = request.POST if request.method == "POST" else {}
        if view == self._url_name("draft"):
            return "_publish_draft" not in posted
        if view == self._url_name("preview"):
            return True
        return "_save_draft" in posted and self.is_published(obj)

    def shows_draft(self, request) -> bool:
        """A GET of the change form or the draft view fills the form from the draft."""
        return request.method == "GET" and _view_name(request) in (
            self._url_name("change"),
            self._url_name("draft"),
        )

    def get_draft(self, obj):
        return drafts.draft_of(obj)

    @staticmethod
    def draft_data(draft) -> QueryDict:
        data = QueryDict(mutable=True)
        for key, values in draft.data.items():
            data.setlist(key, values)
        return data

    def store_draft(self, request, obj, form):
        uploads, others = draft_files.uploads_of(form, request)
        if others:
            self.message_user(
                request,
                "Only images are kept in a draft: upload the other files when the draft is "
                "published.",
                messages.WARNING,
            )
        data = {key: request.POST.getlist(key) for key in request.POST if key not in NOT_DRAFT_DATA}
        drafts.save_draft(
            user=request.user, obj=obj, data=data, fields=list(form.fields), uploads=uploads
        )

    def draft_forms(self, request, obj, draft):
        """The draft's data bound to the forms it was saved from: the item's own fields (only
        those the draft holds) and its inlines."""
        data = self.draft_data(draft)
        form_class = super().get_form(request, obj, change=True, fields=draft.fields)
        form = form_class(data, instance=obj)
        formsets = []
        prefixes = {}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            prefix = formset_class.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{prefixes[prefix]}"
            if f"{prefix}-TOTAL_FORMS" in data:
                formsets.append(
                    formset_class(
                        data=data,
                        instance=obj,
                        prefix=prefix,
                        queryset=inline.get_queryset(request),
                    )
                )
        return form, formsets

    def draft_initial(self, request, obj, draft) -> dict:
        """The draft's values as the form's initial ones; an image field keeps the item's
        image, its widget telling what the draft does to it."""
        form, _ = self.draft_forms(request, copy.copy(obj), draft)
        form.is_valid()
        images = draft_files.image_names(form)
        return {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form.fields and name not in images
        }

    def apply_draft(self, request, obj, draft) -> bool:
        """Write the draft to the database, its images as they are stored for the draft (the
        caller decides whether to keep it)."""
        form, formsets = self.draft_forms(request, obj, draft)
        if not (form.is_valid() and all(formset.is_valid() for formset in formsets)):
            return False
        for name in draft_files.image_names(form):
            if name in draft.files:
                setattr(form.instance, name, draft.files[name])
        form.save()
        for formset in formsets:
            formset.save()
        return True

    # -- views -----------------------------------------------------------------------------

    def draft_view(self, request, object_id):
        """The change form in draft mode."""
        obj = object_or_404(self, request, object_id)
        if not self.is_published(obj):
            return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))
        return self.change_view(
            request,
            object_id,
            extra_context={
                "draft_view": True,
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
                "show_delete": False,
            },
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        draft = self.get_draft(obj)
        if request.method == "POST" and obj is not None and "_discard_draft" in request.POST:
            return self.discard_draft(request, obj, draft)
        extra_context = {"draft": draft, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def discard_draft(self, request, obj, draft):
        if draft is not None:
            drafts.discard_draft(user=request.user, draft=draft)
            self.message_user(
                request, "The draft was discarded. The published version is unchanged."
            )
        return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))

    # -- the change form's hooks -----------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        shows = self.shows_draft(request)
        draft = self.get_draft(obj) if shows or request.method == "POST" else None
        if draft is None:
            return form_class
        initial = self.draft_initial(request, obj, draft) if shows else {}
        # A save that is not a draft's saves what the form showed: the draft, published.
        publishes = request.method == "POST" and not self.drafting(request, obj)
        user = request.user

        class DraftForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**initial, **form_kwargs.get("initial", {})}
                super().__init__(*args, **form_kwargs)
                draft_files.show_draft_images(self, draft)
                if self.is_bound and publishes:
                    draft_files.submit_draft_images(self, user=user, draft=draft)

        DraftForm.__name__ = form_class.__name__
        return DraftForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        params = super().get_formset_kwargs(request, obj, inline, prefix)
        draft = self.get_draft(obj) if self.shows_draft(request) else None
        if draft is not None and f"{prefix}-TOTAL_FORMS" in draft.data:
            params["data"] = self.draft_data(draft)
        return params

    def save_model(self, request, obj, form, change):
        if self.drafting(request, obj):
            self.store_draft(request, obj, form)
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not self.drafting(request, form.instance):
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if self.drafting(request, form.instance):
            return []  # nothing was saved: the formsets hold no saved objects to describe
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if self.drafting(request, obj):
            return None
        entry = super().log_change(request, obj, message)
        draft = self.get_draft(obj)
        if draft is not None:
            # The form showed the draft: saving it published it.
            comment = drafts.close_applied_draft(user=request.user, draft=draft, obj=obj)
            set_comment(f"{entry.get_change_message()} {comment}")
        return entry

    def response_change(self, request, obj):
        if self.drafting(request, obj):
            self.message_user(
                request,
                "The draft was saved. The public page is unchanged until a publisher "
                "publishes the draft.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)
