from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "Timeline"

    def ready(self) -> None:
        from events import link_dates, search, signals

        signals.connect()
        search.connect()
        link_dates.connect()
