"""The portal's URLs plus the floor page, which only the page benchmark serves:
the base template and nothing else, what every page costs at least."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from carbonportal.urls import handler500
from carbonportal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@require_safe
def floor(request):
    """The benchmark reports each page as a multiple of this one."""
    return render(request, "floor.html")


urlpatterns = [path("_floor/", floor, name="floor"), *portal_urlpatterns]
