from django.core.management.base import BaseCommand, CommandError

from events.management.progress import progress_bar, write_above
from events.mentions import refresh_mentions
from events.models import Actor, Source


class Command(BaseCommand):
    help = (
        "Find again the dates and actors that stored sources mention, and store what "
        "changed: after the temporal tagger has improved, or actors, aliases or demonyms were "
        "added. Mentions found again keep their ids; no events are proposed. (A source whose "
        "publication date or kind changes has its dates found again when it is saved.)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "sources", nargs="*", metavar="SOURCE", help="Ids or file names; all if none."
        )
        parser.add_argument(
            "--dates-only", action="store_true", help="Leave actor mentions as they are."
        )

    def handle(self, *args, sources, dates_only, **options):
        chosen = self.chosen(sources)
        matcher = None if dates_only else Actor.objects.name_matcher()
        updated = 0
        with progress_bar(len(chosen), "Finding mentions", "source") as bar:
            for source in chosen:
                changes = refresh_mentions(source, matcher=matcher)
                updated += bool(changes)
                outcome = "updated" if changes else "unchanged"
                detail = f" ({changes})" if changes else ""
                write_above(self, f"{outcome:9} {source.file_name}{detail}")
                bar.update()
        self.stdout.write(f"{len(chosen)} sources, {updated} updated")

    @staticmethod
    def chosen(terms: list[str]) -> list[Source]:
        """The sources named (all when none are), checked before any is changed."""
        if not terms:
            return list(Source.objects.defer("text").order_by("pk"))
        chosen, unknown = {}, []
        for term in terms:
            source = Source.objects.identified_by(term).first()
            if source is None:
                unknown.append(term)
            else:
                chosen[source.pk] = source
        if unknown:
            raise CommandError(f"no source with the id or file name {', '.join(unknown)}")
        return list(chosen.values())
