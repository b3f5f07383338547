#!/usr/bin/env python3
"""Checks the Atom feeds and iCalendar files of a built site.

Usage: check-feeds.py OUTPUT_FOLDER

Every *.atom is parsed with feedparser: no `bozo` (not well-formed or not
understood), a feed id, title and updated, and each entry with an id,
title, updated and a link. Every *.ics is parsed with icalendar: each
VEVENT has UID, DTSTAMP, DTSTART and SUMMARY, exactly one UID and DTSTAMP,
and no UID twice in a file. Prints one line per problem and a summary;
exits 1 on any problem, 2 on wrong usage. Packages: .ci/requirements.txt.
"""

import sys
from pathlib import Path

import feedparser
import icalendar


def check_atom(path, problems):
    """Returns the number of entries; adds what is wrong to `problems`."""
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        problems.append(f"{path}: not a good feed: {feed.bozo_exception!r}")
        return 0
    if feed.version != "atom10":
        problems.append(f"{path}: not Atom 1.0 but {feed.version!r}")
    for field in ("id", "title", "updated"):
        if not feed.feed.get(field):
            problems.append(f"{path}: the feed has no {field}")
    if not any(link.get("rel") == "self" for link in feed.feed.get("links", [])):
        problems.append(f"{path}: the feed has no link rel=self")
    ids = set()
    for i, entry in enumerate(feed.entries, 1):
        for field in ("id", "title", "updated", "link"):
            if not entry.get(field):
                problems.append(f"{path}: entry {i} has no {field}")
        if entry.get("id") in ids:
            problems.append(f"{path}: entry id {entry.get('id')} twice")
        ids.add(entry.get("id"))
    return len(feed.entries)


def check_ics(path, problems):
    """Returns the number of events; adds what is wrong to `problems`."""
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as e:  # any parse error is a problem, whatever its type
        problems.append(f"{path}: does not parse: {e!r}")
        return 0
    for field in ("VERSION", "PRODID"):
        if field not in calendar:
            problems.append(f"{path}: the calendar has no {field}")
    uids = set()
    events = list(calendar.walk("VEVENT"))
    for i, event in enumerate(events, 1):
        for field in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if field not in event:
                problems.append(f"{path}: event {i} has no {field}")
        for field in ("UID", "DTSTAMP"):
            if isinstance(event.get(field), list):
                problems.append(f"{path}: event {i} has {len(event[field])} {field}")
        uid = str(event.get("UID"))
        if uid in uids:
            problems.append(f"{path}: UID {uid} twice")
        uids.add(uid)
        if "DTSTART" in event:
            try:
                event.decoded("DTSTART")
            except Exception as e:
                problems.append(f"{path}: event {i}: DTSTART does not read: {e!r}")
    return len(events)


def main(argv):
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = Path(argv[1])
    problems = []
    feeds = sorted(root.rglob("*.atom"))
    calendars = sorted(root.rglob("*.ics"))
    entries = sum(check_atom(p, problems) for p in feeds)
    events = sum(check_ics(p, problems) for p in calendars)
    if not feeds:
        problems.append(f"{root}: no *.atom")
    if not calendars:
        problems.append(f"{root}: no *.ics")
    for p in problems:
        print(p)
    print(
        f"check-feeds: {len(feeds)} feeds ({entries} entries), {len(calendars)} calendars ({events} events), "
        f"{len(problems)} problems (feedparser {feedparser.__version__}, icalendar {icalendar.__version__})"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
