#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serawai.settings")
    from django.core.management import execute_from_command_line
    from django_scopes import scopes_disabled

    # A command serves every province (seeding, imports, backups); requests of a running server
    # are scoped by their own middleware, in their own threads.
    with scopes_disabled():
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
