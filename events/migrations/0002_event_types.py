from django.db import migrations

# The controlled vocabulary of event types. Later changes go in new migrations.
EVENT_TYPES = [
    ("meeting", "Meeting", "Officials or parties meet in person."),
    ("visit", "Visit", "An official visit to another country or place."),
    ("military-operation", "Military operation", "A campaign, offensive, war or sustained use of force."),
    ("attack", "Attack", "A single strike, bombing or assault."),
    ("statement", "Statement", "A public declaration, speech, interview or claim."),
    ("report", "Report", "A report published by media, an agency or an international body."),
    ("agreement", "Agreement", "A treaty, deal or memorandum concluded between parties."),
    ("negotiation", "Negotiation", "Talks between parties, whether or not they end in agreement."),
    ("ceasefire", "Ceasefire", "A truce or cessation of hostilities."),
    ("death", "Death", "A killing or death of a named person."),
    ("injury", "Injury", "A named person wounded."),
    ("deployment", "Deployment", "Forces or advisers sent to a place."),
    ("withdrawal", "Withdrawal", "Forces withdrawn or reduced."),
    ("sanctions", "Sanctions", "Sanctions imposed or lifted."),
    ("legal-action", "Legal action", "Charges, warrants, rulings or court proceedings."),
    ("political-change", "Political change", "A revolution, fall of a government or change of power."),
    ("economic-measure", "Economic measure", "An economic act: a pipeline closed, aid or money spent."),
    ("diplomacy", "Diplomacy", "Relations restored or cut, ambassadors, requests between governments."),
    ("publication", "Publication", "A document, interview or speech text published."),
]


def add_event_types(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    for slug, name, description in EVENT_TYPES:
        EventType.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


def remove_event_types(apps, schema_editor):
    apps.get_model("events", "EventType").objects.filter(slug__in=[t[0] for t in EVENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(add_event_types, remove_event_types)]
