from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Carbon Portal editors"
admin.site.site_title = "Carbon Portal"
admin.site.index_title = "Releases, places and organizations"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("articles.urls")),
]
