"""Admin sign-in lockout (django-axes, README "Sign-in lockout"): per account whatever the
address, per address whatever the account, the client's address taken from the proxy's
X-Forwarded-For only behind a proxy, and an admin action to unlock."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings

from editorial.ratelimit import client_address
from tests.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(username, password, **extra):
    return Client().post(
        LOGIN, {"username": username, "password": password}, HTTP_HOST="127.0.0.1", **extra
    )


def test_five_failures_from_five_addresses_lock_the_account_from_everywhere():
    make_user(username="editor", password=PASSWORD)
    for n in range(1, 6):
        response = sign_in("editor", "wrong", REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code in (200, 429)
    response = sign_in("editor", PASSWORD, REMOTE_ADDR="198.51.100.77")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "signing in to this account, or from this network, is locked for 1\u00a0hour" in page
    assert "A site administrator can unlock your account sooner" in page
    # Another account is not locked by it, from any of those addresses.
    make_user(username="publisher-two", password=PASSWORD)
    assert sign_in("publisher-two", PASSWORD, REMOTE_ADDR="198.51.100.78").status_code == 302


def test_four_failures_leave_the_account_open():
    make_user(username="editor", password=PASSWORD)
    for n in range(1, 5):
        assert sign_in("editor", "wrong", REMOTE_ADDR=f"198.51.100.{n}").status_code == 200
    assert sign_in("editor", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 302


def test_five_failures_on_different_accounts_lock_the_address():
    make_user(username="editor", password=PASSWORD)
    for n in range(5):
        sign_in(f"guess-{n}", "wrong", REMOTE_ADDR="203.0.113.5")
    assert sign_in("editor", PASSWORD, REMOTE_ADDR="203.0.113.5").status_code == 429
    # The same account from another address is fine: only the address is locked.
    assert sign_in("editor", PASSWORD, REMOTE_ADDR="203.0.113.6").status_code == 302


def test_the_forwarded_header_is_ignored_without_a_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert client_address(request) == "192.0.2.1"


@override_settings(BEHIND_PROXY=True)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.1", "198.51.100.1"),
        # A client's own header, then the address the proxy appended: the proxy's is the one.
        ("10.0.0.1, 198.51.100.2", "198.51.100.2"),
        ("spoofed, 2001:db8::1", "2001:db8::1"),
        ("", "192.0.2.1"),
        ("not-an-address", "192.0.2.1"),
        ("198.51.100.1, ", "192.0.2.1"),
    ],
)
def test_behind_a_proxy_the_client_is_the_address_the_proxy_appended(forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@override_settings(BEHIND_PROXY=True)
def test_behind_a_proxy_clients_are_locked_out_one_by_one():
    """Every request comes from the proxy's address: five clients' failures lock none of them,
    and a client cannot escape its own lock by writing addresses into the header."""
    make_user(username="editor", password=PASSWORD)
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):
        sign_in(f"guess-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", **proxy)
    ok = sign_in("editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.50", **proxy)
    assert ok.status_code == 302
    for n in range(5):
        forged = f"192.0.2.{n}, 203.0.113.9"
        sign_in(f"other-{n}", "wrong", HTTP_X_FORWARDED_FOR=forged, **proxy)
    locked = sign_in("editor", PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", **proxy)
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) >= {"203.0.113.9"}


def test_an_administrator_unlocks_an_account_from_the_user_admin():
    editor = make_user(username="editor", password=PASSWORD)
    for n in range(5):
        sign_in("editor", "wrong", REMOTE_ADDR=f"198.51.100.{n}")
    assert sign_in("editor", PASSWORD, REMOTE_ADDR="198.51.100.20").status_code == 429
    # Five failures, and the refused sign-in while locked counts as one more.
    assert AccessAttempt.objects.filter(username="editor").count() == 6

    admin = Client()
    admin.force_login(make_user(username="site-admin", superuser=True))
    changelist = admin.get("/admin/auth/user/", HTTP_HOST="127.0.0.1")
    assert "Unlock sign-in for the selected users" in changelist.content.decode()
    response = admin.post(
        "/admin/auth/user/",
        {"action": "unlock_sign_in", "index": 0, "_selected_action": [editor.pk]},
        HTTP_HOST="127.0.0.1",
        follow=True,
    )
    assert "Sign-in unlocked for 1 user (6 failed attempts cleared)." in response.content.decode()
    assert not AccessAttempt.objects.filter(username="editor").exists()
    assert sign_in("editor", PASSWORD, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_an_editor_without_the_permission_to_change_users_has_no_unlock_action():
    editor = Client()
    editor.force_login(make_user(role="publisher"))
    response = editor.get("/admin/auth/user/", HTTP_HOST="127.0.0.1")
    assert "Unlock sign-in" not in response.content.decode()
