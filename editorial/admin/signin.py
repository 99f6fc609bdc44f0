"""Sign-in lockout (django-axes) in the user admin: "Unlock sign-in" clears the failed
attempts counted against the chosen accounts, so a locked-out editor can sign in again at once
instead of waiting out the hour. Addresses are unlocked from Axes › Access attempts (delete)."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils.translation import ngettext

User = get_user_model()


@admin.action(description="Unlock sign-in for the selected users", permissions=["change"])
def unlock_sign_in(modeladmin, request, queryset):
    usernames = [user.get_username() for user in queryset]
    attempts = AccessAttempt.objects.filter(username__in=usernames).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    for username in usernames:
        reset(username=username)
    modeladmin.message_user(
        request,
        ngettext(
            "Sign-in unlocked for %(count)d user (%(attempts)d failed attempts cleared).",
            "Sign-in unlocked for %(count)d users (%(attempts)d failed attempts cleared).",
            len(usernames),
        )
        % {"count": len(usernames), "attempts": attempts or 0},
        messages.SUCCESS,
    )


class UserAdmin(auth_admin.UserAdmin):
    actions = [*(auth_admin.UserAdmin.actions or []), unlock_sign_in]


# django.contrib.auth's admin (earlier in INSTALLED_APPS) has registered User by now.
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserAdmin)
