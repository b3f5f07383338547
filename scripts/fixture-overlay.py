#!/usr/bin/env python3
"""Turn full-copy test fixtures into overlays on a base fixture.

    scripts/fixture-overlay.py [--base good/minimal] [--dry-run] tests/fixtures/bad/<name>...

For each fixture folder: the files identical (same path, same bytes) to the
base are deleted, the files of the base that the fixture lacks are listed as
`remove:` lines, and an `OVERLAY` file naming the base is written. The test
harness (`tests/suite/common/mod.rs`, `Site::fixture`) rebuilds the same tree from
it. A folder in which most of the base's files are changed or missing is not
a copy of the base and is left as it is; so is a folder that already has an
`OVERLAY` file.

Typical use: copy `good/minimal` to `bad/<rule>`, break it, run this script
on `bad/<rule>`, then run `cargo test --test suite check::`.
"""

import argparse
import hashlib
import os
import sys

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")
MARKER = "OVERLAY"


def files(root):
    """{path relative to root (with /): sha256} of every regular file."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                sys.exit(f"{path}: only regular files can be in an overlay fixture")
            with open(path, "rb") as f:
                out[os.path.relpath(path, root).replace(os.sep, "/")] = hashlib.sha256(f.read()).hexdigest()
    return out


def convert(folder, base_name, dry_run):
    if os.path.exists(os.path.join(folder, MARKER)):
        return f"{folder}: already an overlay"
    base = files(os.path.join(FIXTURES, base_name))
    tree = files(folder)
    if MARKER in base or MARKER in tree:
        sys.exit(f"{MARKER} may not be a content file")
    same = sorted(p for p in tree if base.get(p) == tree[p])
    removed = sorted(p for p in base if p not in tree)
    if 2 * len(same) <= len(base):
        return f"{folder}: left as a full tree ({len(same)} of the base's {len(base)} files unchanged)"
    if not dry_run:
        for p in same:
            os.remove(os.path.join(folder, p))
        # Folders left empty go too (git does not keep empty folders anyway).
        for dirpath, _, _ in sorted(os.walk(folder), key=lambda w: -len(w[0])):
            if dirpath != folder and not os.listdir(dirpath):
                os.rmdir(dirpath)
        with open(os.path.join(folder, MARKER), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"base: {base_name}\n")
            for p in removed:
                f.write(f"remove: {p}\n")
    kept = len(tree) - len(same)
    return f"{folder}: overlay on {base_name}, {len(tree)} files -> {kept} + {MARKER}, {len(removed)} removed"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="good/minimal", help="the base, relative to tests/fixtures")
    ap.add_argument("--dry-run", action="store_true", help="only say what would be done")
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args()
    for folder in args.folders:
        print(convert(folder.rstrip("/"), args.base, args.dry_run))


if __name__ == "__main__":
    main()
