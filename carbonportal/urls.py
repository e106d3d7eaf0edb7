from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.portal.sitemaps import SITEMAPS
from articles.portal.views import robots_txt

from . import views

admin.site.site_header = "Carbon Portal editors"
# The breadcrumbs and the index lead everywhere; the sidebar took a quarter of
# a 1280 px screen from the change list's titles and the parallel texts.
admin.site.enable_nav_sidebar = False
admin.site.site_title = "Carbon Portal"
admin.site.index_title = "Releases, places and organizations"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
# English pages keep their plain addresses; /zh-hans/… serves the same pages
# with the interface in Simplified Chinese.
urlpatterns += i18n_patterns(
    path("", include("articles.portal.urls")), prefix_default_language=False
)

handler500 = "carbonportal.views.server_error"
