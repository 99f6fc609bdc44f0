"""The admin site of the editorial engine: Django's, with a "Needs review" panel on its home
page. Not in editorial/admin/, whose package registers models on this site when imported."""

from dataclasses import dataclass
from datetime import date
from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Case, IntegerField, Model, Q, Value, When
from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone

from editorial.publishing import Publishable, Status

NEEDS_REVIEW_LIMIT = 25
ADMIN_METHODS = ["GET", "HEAD", "POST"]


@dataclass(frozen=True)
class ReviewItem:
    object: Model
    kind: str
    url: str
    due: date | None  # None: published and never reviewed, with no review due yet

    @property
    def sort_key(self):
        if self.due is not None:
            return (0, self.due.toordinal(), self.kind, self.object.pk)
        published = self.object.published_at
        return (1, published.timestamp() if published else float("inf"), self.kind, self.object.pk)


@dataclass(frozen=True)
class NeedsReview:
    items: list[ReviewItem]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _needs_review_query(model, today):
    """Due for review (any status), or published and never reviewed; the due first, by date,
    then the never reviewed, longest public first."""
    due = Q(next_review_due__lte=today)
    never = Q(last_reviewed__isnull=True, status=Status.PUBLISHED, published_at__lte=timezone.now())
    return (
        model.objects.filter(due | never)
        .annotate(
            never_due=Case(When(due, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("never_due", "next_review_due", "published_at", "pk")
    )


class LoginForm(AdminAuthenticationForm):
    """Django sets the username field's max_length after its validators are made, so an
    overlong username would reach authenticate() and django-axes, whose record of the attempt
    (255 characters) PostgreSQL refuses with a 500. Refused here, as a form error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class EditorialAdminSite(admin.AdminSite):
    login_form = LoginForm
    site_header = "AHP toolkit admin"
    site_title = "AHP toolkit admin"
    index_title = "Content"

    def admin_view(self, view, cacheable=False):
        # Django's admin views take any method (a PUT shows the page): 405 but for these.
        inner = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            if request.method not in ADMIN_METHODS:
                return HttpResponseNotAllowed(ADMIN_METHODS)
            return inner(request, *args, **kwargs)

        return update_wrapper(checked, inner)

    def login(self, request, extra_context=None):
        # Django's LoginView (a FormView) takes PUT as a POST: 405 instead.
        if request.method not in ADMIN_METHODS:
            return HttpResponseNotAllowed(ADMIN_METHODS)
        return super().login(request, extra_context)

    def needs_review(self, request) -> NeedsReview:
        """What an editor should check, for the models this person may change: items whose
        review date has come, then published items nobody has reviewed. Two queries per model
        (a count and the first ``NEEDS_REVIEW_LIMIT``), whatever the amount of content."""
        today = timezone.localdate()
        items, total = [], 0
        for model, model_admin in self._registry.items():
            if not issubclass(model, Publishable) or not model_admin.has_change_permission(request):
                continue
            opts = model._meta
            query = _needs_review_query(model, today)
            total += query.count()
            for obj in query.select_related()[:NEEDS_REVIEW_LIMIT]:
                due = obj.next_review_due if obj.never_due == 0 else None
                url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[obj.pk],
                    current_app=self.name,
                )
                items.append(ReviewItem(object=obj, kind=opts.verbose_name, url=url, due=due))
        items.sort(key=lambda item: item.sort_key)
        return NeedsReview(items=items[:NEEDS_REVIEW_LIMIT], total=total)

    def index(self, request, extra_context=None):
        context = {"needs_review": self.needs_review(request), **(extra_context or {})}
        return super().index(request, context)
