from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    # The public timeline arrives with the chronological views; until then the admin is home.
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
