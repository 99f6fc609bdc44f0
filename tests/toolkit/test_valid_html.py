"""Every public page type passes the Nu HTML checker (vnu) with zero errors."""

import pytest

from tests.page_types import PAGE_TYPES
from tests.vnu import vnu_errors


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, tmp_path):
    pages = {
        name: client.get(make_path()).content for name, make_path in sorted(PAGE_TYPES.items())
    }
    assert vnu_errors(pages, tmp_path, "--also-check-svg") == []


def test_the_checker_reports_invalid_html(tmp_path):
    bad = b"<!DOCTYPE html><html lang=en><title>x</title><p><div></p>"
    assert vnu_errors({"bad": bad}, tmp_path)
