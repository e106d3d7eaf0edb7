from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Carbon Portal editors"
admin.site.site_title = "Carbon Portal"
admin.site.index_title = "Releases, places and organizations"

urlpatterns = [
    path(getattr(settings, "ADMIN_URL", "admin/"), admin.site.urls),
    path("", include("articles.urls")),
]
