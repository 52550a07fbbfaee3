"""`python -m db upgrade` applies the migrations to the configured database."""

import sys

from db.engine import database_url, make_engine, upgrade


def main(argv: list[str]) -> int:
    if argv[:1] != ["upgrade"]:
        print("usage: python -m db upgrade", file=sys.stderr)
        return 2
    upgrade(make_engine())
    print(f"database at head: {database_url().split('@')[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
