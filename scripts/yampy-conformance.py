#!/usr/bin/env python3
"""Runs the official Yammer Python client (yampy) against a kring server.

Reads one JSON object from standard input (so no token appears in argv or the environment):
  {"base_url": "http://127.0.0.1:PORT/api/v1", "token": "...", "other_token": "...",
   "other_id": 2, "other_email": "...", "group_id": 3}
Prints "ok <check>" for each check that passes; any failure ends the run with a traceback and
exit status 1. Exit status 77 means the check could not run (yampy missing or unloadable), with
the reason on standard error.

yampy 1.0, the release on PyPI, is Python 2 code. When it does not import as it is, a copy is
translated with lib2to3 (mechanically: imports, iteritems, except clauses) and that is imported;
the client's logic is unchanged.
"""

import atexit
import importlib
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
import warnings
from contextlib import redirect_stderr, redirect_stdout

SKIP = 77


def skip(reason):
    print(f"skip: {reason}", file=sys.stderr)
    sys.exit(SKIP)


def load_yampy():
    try:
        import yampy  # noqa: F401

        return sys.modules["yampy"]
    except Exception as first:  # a Python 2 package fails with SyntaxError or ImportError
        spec = importlib.util.find_spec("yampy")
        if spec is None or not spec.submodule_search_locations:
            skip(f"yampy is not installed ({first!r})")
        source = list(spec.submodule_search_locations)[0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from lib2to3.main import main as lib2to3_main
    except ImportError:
        skip("yampy is Python 2 code and this Python has no lib2to3 to translate it")
    work = tempfile.mkdtemp(prefix="yampy3-")
    atexit.register(shutil.rmtree, work, True)
    shutil.copytree(source, os.path.join(work, "yampy"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    quiet = io.StringIO()
    with redirect_stdout(quiet), redirect_stderr(quiet), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        status = lib2to3_main("lib2to3.fixes", ["-w", "-n", "--no-diffs", work])
    if status != 0:
        skip(f"lib2to3 could not translate yampy: {quiet.getvalue()[-500:]}")
    for name in [m for m in sys.modules if m == "yampy" or m.startswith("yampy.")]:
        del sys.modules[name]
    sys.path.insert(0, work)
    return importlib.import_module("yampy")


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")
    print(f"ok {name}", flush=True)


def first_message(envelope):
    messages = envelope["messages"]
    return messages[0]


def run(yampy, cfg):
    me = yampy.Yammer(access_token=cfg["token"], base_url=cfg["base_url"])
    other = yampy.Yammer(access_token=cfg["other_token"], base_url=cfg["base_url"])

    current = me.users.find_current()
    check("users.find_current", current.name == "demo" and current.id > 0, current.get("name"))
    found = me.users.find(cfg["other_id"])
    check("users.find", found.id == cfg["other_id"], found.get("id"))
    by_email = me.users.find_by_email(cfg["other_email"])
    check("users.find_by_email", [u.id for u in by_email] == [cfg["other_id"]], by_email)
    directory = me.users.all()
    check("users.all", len(directory) > 0, len(directory))

    feed = me.messages.all()
    check("messages.all", len(feed.messages) > 0 and "references" in feed, feed.keys())
    mine = me.messages.from_my_feed()
    check("messages.from_my_feed", "meta" in mine, mine.keys())
    listed = feed.messages[0].id
    one = me.messages.find(listed)
    got = one.messages[0].id if "messages" in one else one.id
    check("messages.find", got == listed, got)

    body = "yampy says hello to the fjordwidget team"
    posted = first_message(me.messages.create(body, group_id=cfg["group_id"]))
    check("messages.create", posted.body.plain == body and posted.group_id == cfg["group_id"],
          posted.body)
    reply = first_message(other.messages.create("fjordwidget reply", replied_to_id=posted.id))
    check("messages.create reply", reply.replied_to_id == posted.id
          and reply.thread_id == posted.thread_id, reply)
    thread = me.messages.in_thread(posted.thread_id)
    check("messages.in_thread", {m.id for m in thread.messages} == {posted.id, reply.id},
          [m.id for m in thread.messages])

    liked = first_message(other.messages.like(posted.id))
    check("messages.like", liked.liked_by["count"] == 1, liked.liked_by)
    unliked = first_message(other.messages.unlike(posted.id))
    check("messages.unlike", unliked.liked_by["count"] == 0, unliked.liked_by)

    private = first_message(me.messages.create("just us, fjordwidget", direct_to_id=cfg["other_id"]))
    check("messages.create private", private.direct_message is True, private)
    inbox = other.messages.private()
    check("messages.private", private.id in [m.id for m in inbox.messages],
          [m.id for m in inbox.messages])

    results = me.client.get("/search", search="fjordwidget")
    check("search", results["count"]["messages"] >= 2, results["count"])

    check("messages.delete reply", other.messages.delete(reply.id) is True)
    check("messages.delete", me.messages.delete(posted.id) is True)
    try:
        me.messages.find(posted.id)
        gone = False
    except yampy.errors.NotFoundError:
        gone = True
    check("deleted message is gone", gone)

    groups = me.client.get("/groups")
    check("groups", any(g.id == cfg["group_id"] for g in groups), len(groups))
    group = me.client.get("/groups/%d" % cfg["group_id"])
    check("groups/:id", group.id == cfg["group_id"], group.get("id"))

    chart = me.client.get("/relationships")
    check("relationships", set(chart.keys()) >= {"superiors", "subordinates", "colleagues"},
          chart.keys())
    added = me.client.post("/relationships", colleague=cfg["other_email"])
    check("relationships add", cfg["other_id"] in [u.id for u in added.colleagues], added)
    theirs = other.client.get("/relationships")
    check("relationships both sides", current.id in [u.id for u in theirs.colleagues], theirs)
    check("relationships delete",
          me.client.delete("/relationships/%d" % cfg["other_id"], type="colleague") is True)

    notes = other.client.get("/streams/notifications")
    check("streams/notifications", "items" in notes and "references" in notes, notes.keys())
    network = me.client.get("/networks/current")
    check("networks/current", "unseen_message_count" in network[0], network[0].keys())


def main():
    cfg = json.load(sys.stdin)
    yampy = load_yampy()
    run(yampy, cfg)
    print("all yampy checks passed", flush=True)


if __name__ == "__main__":
    main()
