"""``debate-kit``: serve the apps, list, export and delete rooms, check and create lessons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_kit.core.errors import DebateKitError
from debate_kit.store import default_url, open_store


def _serve(args: argparse.Namespace) -> int:
    from debate_kit.voila_app.serve import serve

    return serve(port=args.port, db=args.db or default_url(), ip=args.ip,
                 open_browser=not args.no_browser, grace_seconds=args.grace,
                 unconnected_seconds=args.unconnected, verbose=args.verbose,
                 notebooks=args.notebooks, public_url=args.public_url, new_token=args.new_token)


def _service(args: argparse.Namespace) -> int:
    from debate_kit.service.app import run_service

    return run_service(args.db or default_url(), verbose=args.verbose)


def _notebooks(args: argparse.Namespace) -> int:
    import shutil

    from debate_kit.config import notebooks_dir

    source, folder = notebooks_dir(), Path(args.folder)
    for notebook in sorted(source.rglob("*.ipynb")):  # the apps, and lessons/ (one notebook per lesson)
        target = folder / notebook.relative_to(source)
        if target.exists() and not args.force:
            print(f"kept {target} (it exists; --force replaces it)")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
        print(f"wrote {target}")
    return 0


def _rooms(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rooms = store.rooms()
        if not rooms:
            print("No rooms yet.")
        for room in rooms:
            people = len(store.participants(room.id))
            state = "closed" if room.closed else room.phase
            print(f"{room.code}  {room.created_at[:16]}  {people:>3} people  {state:<10} {room.title}")
    return 0


def _export(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        room = store.room(args.code)
        folder = Path(args.out or f"debate-kit-{room.code}")
        from debate_kit.export import write_csv, write_readable

        for path in write_csv(store, room.id, folder) + write_readable(store, room.id, folder):
            print(path)
    return 0


def _delete(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        room = store.room(args.code)
        if not args.yes:
            answer = input(f"Delete room {room.code} ({room.title}) and all its data? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("Nothing deleted.")
                return 1
        store.delete_room_as_admin(room.code)
        print(f"Deleted room {room.code}.")
    return 0


def _teacher_key(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        key = store.new_teacher_key_as_admin(args.code)
        print(f"New teacher key for room {args.code.upper()} (the old key no longer works):\n{key}\n"
              "Type it into the teacher console under 'Reopen a room with its key'.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before the command (debate-kit --db X serve) and after it (debate-kit serve --db X).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database: a file path, sqlite:///PATH or postgresql://… "
                             "(default: $DEBATE_KIT_DB or ~/.local/share/debate_kit/classroom.sqlite3)")
    parser = argparse.ArgumentParser(prog="debate-kit", description=__doc__, parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    serve = command("serve", help="start the apps (Voila) for a lesson")
    serve.add_argument("--port", type=int, default=8866)
    serve.add_argument("--ip", default="0.0.0.0",
                       help="address to listen on (default: all, so phones on the Wi-Fi can join)")
    serve.add_argument("--no-browser", action="store_true", help="don't open the teacher console")
    serve.add_argument("--grace", type=float, default=120.0,
                       help="seconds after a page closes before its kernel is shut down (default 120)")
    serve.add_argument("--unconnected", type=float, default=120.0,
                       help="seconds before a kernel whose page never connected is shut down")
    serve.add_argument("--verbose", action="store_true", help="log more (includes kernel ids!)")
    serve.add_argument("--public-url", default=None,
                       help="the address students open, e.g. http://192.168.1.20:8866/ (default: this "
                            "computer's LAN address)")
    serve.add_argument("--new-token", action="store_true",
                       help="make a new secret login (every browser that was logged in must log in "
                            "again); otherwise the login is kept across restarts, per store")
    serve.add_argument("--notebooks", type=Path, default=None,
                       help="serve another folder of notebooks (default: the project's notebooks/)")
    serve.set_defaults(func=_serve)

    service = command("service", help="run as a JupyterHub service (started by the hub; docs/jupyterhub.md)")
    service.add_argument("--verbose", action="store_true", help="log more")
    service.set_defaults(func=_service)

    notebooks = command("notebooks", help="copy the kit's notebooks into a folder (to edit or serve them)")
    notebooks.add_argument("folder")
    notebooks.add_argument("--force", action="store_true", help="replace notebooks that exist there")
    notebooks.set_defaults(func=_notebooks)

    rooms = command("rooms", help="list rooms")
    rooms.set_defaults(func=_rooms)

    export = command("export", help="write a room's data as CSV files, one per table, and readable "
                                    "ones (names, prompt text) in readable/")
    export.add_argument("code", help="the room's join code")
    export.add_argument("--out", help="folder (default: ./debate-kit-CODE)")
    export.set_defaults(func=_export)

    delete = command("delete", help="delete a room and all its data")
    delete.add_argument("code")
    delete.add_argument("--yes", action="store_true", help="don't ask for confirmation")
    delete.set_defaults(func=_delete)

    teacher_key = command("teacher-key",
                          help="give a room a new teacher key (e.g. to run the console on another computer)")
    teacher_key.add_argument("code")
    teacher_key.set_defaults(func=_teacher_key)

    from debate_kit.cli_lesson import add_lesson_commands

    add_lesson_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "db", None) is None:
        args.db = None if args.command == "serve" else default_url()
    try:
        return int(args.func(args))
    except DebateKitError as exc:
        print(f"debate-kit: {exc.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
