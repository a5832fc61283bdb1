from django.urls import path

from bench import rawsql
from timeline.urls import *  # noqa: F403
from timeline.urls import urlpatterns as site

urlpatterns = [path("bench/raw-events/", rawsql.view), *site]
