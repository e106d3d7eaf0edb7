from django.urls import path

from carbonportal.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("a bug, on purpose")


urlpatterns = [path("boom/", boom), *portal_urlpatterns]
handler500 = "carbonportal.views.server_error"
