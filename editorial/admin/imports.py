"""Import and export of publishable content in the admin (django-import-export).

Editors see what an import will change before it is applied, the whole import is one
transaction (a file with one bad row applies nothing), content editors' imports can only
create and change drafts, and exported cells cannot run as spreadsheet formulae.
"""

import os

import reversion
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from editorial import spreadsheets
from editorial.admin.import_retry import KeptFileRetryMixin
from editorial.publishing import Status
from editorial.roles import can_publish

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
SEPARATOR = "; "


class FormulaSafeMixin:
    def export_data(self, dataset, **kwargs):
        for _ in range(len(dataset)):
            dataset.append([spreadsheets.neutralise(cell) for cell in dataset.lpop()])
        return super().export_data(dataset, **kwargs)


class CSV(FormulaSafeMixin, base_formats.CSV):
    pass


class XLSX(FormulaSafeMixin, base_formats.XLSX):
    pass


FORMATS = [CSV, XLSX]


class SlugsWidget(widgets.ManyToManyWidget):
    """Related items as ``; ``-separated slugs; an unknown slug is an error, not skipped."""

    def __init__(self, model, field="slug", **kwargs):
        super().__init__(model, separator=SEPARATOR.strip(), field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        wanted = {part.strip() for part in str(value).split(self.separator) if part.strip()}
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        unknown = wanted - {str(getattr(obj, self.field)) for obj in found}
        if unknown:
            name = self.model._meta.verbose_name
            raise ValueError(f"Unknown {name}: {', '.join(sorted(unknown))}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return SEPARATOR.join(str(getattr(item, self.field)) for item in value.all())


def relation_field(name, model, field="slug"):
    return resources.Field(attribute=name, column_name=name, widget=SlugsWidget(model, field))


class PublishableResource(resources.ModelResource):
    """Rows are validated like the admin's form (``full_clean``); a content editor's rows may
    only create or change drafts."""

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = spreadsheets.restore(value)
        super().before_import_row(row, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_was_published = not new and instance.status == Status.PUBLISHED
        super().after_init_instance(instance, new, row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The library reads relations only after saving: check them now, so an unknown slug
        # is reported against its column like any other mistake.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not self.can_publish():
            if getattr(instance, "_import_was_published", False):
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        "This item is published: only a publisher can change it. Leave the "
                        "row as exported, or remove it from the file."
                    )
                )
            elif instance.status == Status.PUBLISHED:
                errors.setdefault("status", []).append(
                    ValidationError("Only a publisher can publish: use “draft”.")
                )
        super().validate_instance(instance, errors, validate_unique)

    def can_publish(self) -> bool:
        user = getattr(self, "user", None)
        return user is not None and can_publish(user, self._meta.model)

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class LimitedImportForm(ImportForm):
    """The upload, checked before anything reads it: size, and an extension that matches
    the chosen format."""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is None:
            return cleaned
        if upload.size > MAX_IMPORT_BYTES:
            self.add_error(
                "import_file",
                f"The file is {filesizeformat(upload.size)}: files up to "
                f"{filesizeformat(MAX_IMPORT_BYTES)} can be imported. Split it into smaller files.",
            )
            return cleaned
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        allowed = {fmt().get_extension() for fmt in FORMATS}
        if extension not in allowed:
            self.add_error(
                "import_file",
                f"Choose a {' or '.join(sorted(e.upper() for e in allowed))} file: "
                f"“{upload.name}” is not one.",
            )
            return cleaned
        chosen = cleaned.get("format")
        if chosen not in (None, "") and FORMATS[int(chosen)]().get_extension() != extension:
            self.add_error(
                "format", f"The file is {extension.upper()}: choose {extension.upper()} here."
            )
        return cleaned


class SignedConfirmImportForm(ConfirmImportForm):
    """The confirm step names the uploaded file in a hidden field: sign it, so a person can
    only confirm the file they uploaded."""

    def clean_import_file_name(self):
        try:
            value = signing.loads(self.cleaned_data["import_file_name"], salt=self.salt)
        except signing.BadSignature:
            raise ValidationError(
                "This import has expired or was changed: upload the file again."
            ) from None
        return os.path.basename(value)

    def clean_format(self):
        value = self.cleaned_data["format"]
        if not value.isdecimal() or int(value) >= len(FORMATS):
            raise ValidationError("Choose the file's format again.")
        return value

    salt = "toolkit.import"


class PublishableImportExportMixin(KeptFileRetryMixin, ImportExportMixin):
    """CSV and XLSX import and export for a PublishableAdmin."""

    formats = FORMATS
    import_form_class = LimitedImportForm
    confirm_form_class = SignedConfirmImportForm
    export_form_class = ExportForm

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_export_queryset(self, request):
        # The export takes the change list's filters from the query string; one the list has
        # no field for ("?page=") is a 400 here, where the list itself redirects with ?e=1.
        try:
            return super().get_export_queryset(request)
        except IncorrectLookupParameters as error:
            raise BadRequest("The export's filters are not ones this list has") from error

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if "import_file_name" in initial:
            initial["import_file_name"] = signing.dumps(
                initial["import_file_name"], salt=SignedConfirmImportForm.salt
            )
        return initial

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            message = "The file could not be read as text: save it as CSV UTF-8 and try again."
        else:
            message = (
                "The file could not be read: check it is a CSV or XLSX file and that the "
                "format chosen matches it."
            )
        form.add_error("import_file", message)

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        result = context.get("result")
        if result is not None and result.total_rows > MAX_IMPORT_ROWS:
            context["form"].add_error(
                "import_file",
                f"The file has {result.total_rows:,} rows: import at most {MAX_IMPORT_ROWS:,} "
                "at a time.",
            )
            for name in ("confirm_form", "result", "retry_form"):
                context.pop(name, None)
        return response

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # Confirmed twice, or the temporary copy was cleared away.
            messages.error(request, "This import was already applied or has expired.")
            opts = self.opts
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    def process_dataset(self, dataset, form, request, **kwargs):
        # The whole import or nothing: the library would otherwise apply the valid rows of a
        # file whose other rows became invalid since the preview.
        kwargs.setdefault("rollback_on_validation_errors", True)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"Imported from {form.cleaned_data.get('original_file_name')}")
            return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "Nothing was imported: the file changed or the content changed since the "
                "preview. Upload it again to see what is wrong.",
            )
            context = {
                **self.admin_site.each_context(request),
                "title": "Import",
                "opts": self.model._meta,
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(), self.get_import_resource_classes(request)
                ),
                "result": result,
                "import_error_display": self.import_error_display,
            }
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)
