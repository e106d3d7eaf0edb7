"""Keeping people out of the admin where they don't belong."""

import pytest
from django.urls import reverse


def attempt_login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.9",
    )


def test_admin_login_locks_out_after_repeated_failures(client, django_user_model, settings):
    django_user_model.objects.create_user("editor", password="right-password-1", is_staff=True)

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt_login(client, "wrong").status_code == 200  # the form again
    locked = attempt_login(client, "wrong")
    even_right = attempt_login(client, "right-password-1")

    assert locked.status_code == 429
    assert even_right.status_code == 429


def test_admin_login_succeeds_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right-password-1", is_staff=True)

    response = attempt_login(client, "right-password-1")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_non_staff_users_cannot_enter_the_admin(client, django_user_model):
    django_user_model.objects.create_user("reader", password="right-password-1")
    client.login(username="reader", password="right-password-1")

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize(
    "query",
    ["organization=a%00b", "q=carbon%00market", "province=x%00", "year=20%0024", "a%00b=1"],
)
def test_a_nul_in_an_admin_filter_is_refused_with_400(editor_client, make_article, query):
    make_article()

    response = editor_client.get(f"/admin/articles/article/?{query}")

    assert response.status_code == 400


def test_behind_the_trusted_proxy_a_lock_out_is_one_readers_not_everyones(
    client, django_user_model, settings
):
    settings.TRUSTED_PROXIES = 1
    django_user_model.objects.create_user("editor", password="right-password-1", is_staff=True)

    def login(password, address):
        return client.post(
            reverse("admin:login"),
            {"username": "editor", "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login("wrong", "203.0.113.66")

    assert login("right-password-1", "203.0.113.66").status_code == 429
    assert login("right-password-1", "203.0.113.7").status_code == 302
