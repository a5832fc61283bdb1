import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

CURATORS = "curators"  # the group made by migration 0008
PASSWORD_VARIABLE = "CURATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a curator: a staff account in the curators group, which may review, edit and "
        "publish events, actors and citations and add sources. The password is asked for "
        f"twice, or read from the {PASSWORD_VARIABLE} environment variable; there is no "
        "default. An existing account is made a curator and keeps its password unless a new "
        "one is given in the environment."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The curator's email address.")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help=f"Never prompt: take the password from {PASSWORD_VARIABLE} only.",
        )

    def handle(self, username, email, no_input, **options):
        User = get_user_model()
        try:
            group = Group.objects.get(name=CURATORS)
        except Group.DoesNotExist as error:
            raise CommandError("No curators group: run `manage.py migrate` first.") from error
        existing = User.objects.filter(username=username).first()
        user = existing or User(username=username, email=email)
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            self.check_password(password, user)
        elif existing is None:
            if no_input:
                raise CommandError(f"Set {PASSWORD_VARIABLE} to give the new curator a password.")
            password = self.ask_password(user)
        with transaction.atomic():
            if password is not None:
                user.set_password(password)
            user.is_staff = True
            user.save()
            user.groups.add(group)
        self.stdout.write(f"{username} is a curator.")

    def ask_password(self, user) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ.")
                continue
            try:
                self.check_password(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    def check_password(self, password: str, user) -> None:
        if not password:
            raise CommandError("The password cannot be empty.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
