"""A failed import keeps its file: the page names it, and "Try again with the same file"
reads the stored copy again (django-import-export's tmp storage, the copy its confirm step
reads), once the editor has fixed what the rows needed, a missing tag say. The copy is named by
the confirm form's signed ``import_file_name``, so a changed name reads nothing."""

import os

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

# The name of the button that imports the kept copy of the file again.
RETRY = "_retry"


class KeptFileRetryMixin:
    """For an ImportMixin whose ``confirm_form_class`` signs the file name."""

    def import_action(self, request, **kwargs):
        retrying = request.method == "POST" and RETRY in request.POST
        if retrying and not self._reupload_kept_file(request):
            messages.error(
                request,
                "The file you uploaded could not be found again: it has expired or the page "
                "was changed. Choose the file again.",
            )
            opts = self.opts
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None and "confirm_form" not in context:
            context["retry_form"] = self._retry_form(request, context["form"])
        return response

    def _retry_form(self, request, import_form):
        upload = import_form.cleaned_data.get("import_file")
        if upload is None or not getattr(upload, "tmp_storage_name", None):
            return None
        # No ids: the import form on the same page has its own "id_format".
        initial = self.get_confirm_form_initial(request, import_form)
        return self.confirm_form_class(initial=initial, auto_id=False)

    def _reupload_kept_file(self, request) -> bool:
        """Put the kept copy on the request as if chosen again, so that it is checked and
        previewed exactly like a new upload. False when the name is not one we signed, or the
        copy has gone (it is removed once read: a new one is kept for the next step)."""
        kept = self.confirm_form_class(request.POST)
        if not kept.is_valid():
            return False
        fmt = self.get_import_formats()[int(kept.cleaned_data["format"])]()
        storage = self.get_tmp_storage_class()(
            name=kept.cleaned_data["import_file_name"],
            encoding=None if fmt.is_binary() else self.from_encoding,
            read_mode=fmt.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            data = storage.read()
            storage.remove()
        except OSError:
            return False
        if data is None:  # the cache storage's answer for a copy that has gone
            return False
        if isinstance(data, str):
            data = data.encode(self.from_encoding or "utf-8")
        name = os.path.basename(kept.cleaned_data["original_file_name"]) or "import"
        post = QueryDict(mutable=True)
        post["format"] = kept.cleaned_data["format"]
        if kept.cleaned_data.get("resource"):
            post["resource"] = kept.cleaned_data["resource"]
        request.POST = post
        request._files = MultiValueDict({"import_file": [SimpleUploadedFile(name, data)]})
        return True
