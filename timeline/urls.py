from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from events import admin as events_admin
from events import api, errors, views

router = DefaultRouter()
router.register("events", api.EventViewSet, basename="event")
router.register("actors", api.ActorViewSet, basename="actor")
router.register("sources", api.SourceViewSet, basename="source")
router.register("passages", api.PassageViewSet, basename="passage")
router.register("event-types", api.EventTypeViewSet, basename="eventtype")
router.register("deletions", api.TombstoneViewSet, basename="tombstone")

api_urls = [
    path("timeline/", api.TimelineView.as_view(), name="timeline"),
    path("token/", api.TokenView.as_view(), name="token"),
    path("extract/", api.ExtractView.as_view(), name="extract"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="events/redoc.html"),
        name="redoc",
    ),
    path("auth/", include("rest_framework.urls")),
    path("", include(router.urls)),
    # Anything else under /api/ is a JSON 404, with DEBUG on as well as off.
    re_path(r"^.*/$", errors.page_not_found),
]

urlpatterns = [
    path("admin/login/", events_admin.throttled_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include(api_urls)),
    path("", views.timeline, name="timeline-page"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("events/<int:pk>/", views.event_detail, name="event"),
]

handler400 = "events.errors.bad_request"
handler404 = "events.errors.page_not_found"
handler500 = "events.errors.server_error"
