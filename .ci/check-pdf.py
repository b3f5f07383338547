#!/usr/bin/env python3
"""Smoke checks of the protocol PDFs of a built site (.ci/run; see docs/pdf.md).

For every <meeting>/protokoll.pdf under the output folder:
- `qpdf --check` passes;
- pikepdf: XMP pdfaid part 2 conformance A (and pdfuaid part 1), an sRGB
  OutputIntent (GTS_PDFA1 with a DestOutputProfile), no encryption, a trailer
  /ID, every font embedded with a ToUnicode map, /Lang, /MarkInfo Marked,
  /DisplayDocTitle, an outline entry per §, a StructTreeRoot holding H1 and
  one H2 per § and at least as many tables with column headers (TH scope
  Column) as the HTML whole protocol has tables (attendance, Markdown tables,
  votes);
- `pdftotext` of it contains each § title of the HTML whole protocol and the
  last day to appeal shown on the meeting page.
Then the first two pages of the PDF with the most tables are rendered to PNG
(`pdftoppm -r 60`) into the folder given as --pages.

This is a smoke test, not a conformance proof (no veraPDF).
Usage: check-pdf.py OUTPUT_DIR [--pages DIR]
"""
import html
import pathlib
import re
import subprocess
import sys

import pikepdf


def fail(msg):
    print(f"check-pdf: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def struct_walk(node, out, depth=0):
    """(type, attributes, children types) of every structure element below node."""
    if depth > 200:
        fail("structure tree too deep")
    if isinstance(node, pikepdf.Array):
        for k in node:
            struct_walk(k, out, depth + 1)
        return
    if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
        return
    out.append(node)
    if "/K" in node:
        struct_walk(node.K, out, depth + 1)


def scope(elem):
    attrs = elem.get("/A")
    if attrs is None:
        return None
    for a in attrs if isinstance(attrs, pikepdf.Array) else [attrs]:
        if isinstance(a, pikepdf.Dictionary) and "/Scope" in a:
            return str(a.Scope)
    return None


def expected_from_html(meeting_dir):
    """§ titles and table count of the whole protocol page, last day to appeal of the meeting page."""
    full = (meeting_dir / "protokoll" / "index.html").read_text(encoding="utf-8")
    titles = []
    for m in re.finditer(r'<h2 id="p\d+"><span class="number">(§ \d+)</span> <span[^>]*>(.*?)</span></h2>', full):
        titles.append(squash(html.unescape(m.group(1) + " " + re.sub("<[^>]+>", "", m.group(2)))))
    tables = full.count("<table")
    page = (meeting_dir / "index.html").read_text(encoding="utf-8")
    appeal = re.search(r"<dd><strong>(\d{4}-\d\d-\d\d)</strong></dd>", page)
    return titles, tables, appeal.group(1) if appeal else None


def check(path, meeting_dir):
    r = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{path}: qpdf --check:\n{r.stdout}{r.stderr}")
    titles, html_tables, appeal = expected_from_html(meeting_dir)
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            fail(f"{path}: encrypted")
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "A":
            fail(f"{path}: XMP pdfaid {meta.get('pdfaid:part')}/{meta.get('pdfaid:conformance')}, not 2/A")
        if meta.get("pdfuaid:part") != "1":
            fail(f"{path}: XMP pdfuaid:part {meta.get('pdfuaid:part')}, not 1")
        if not meta.get("dc:title"):
            fail(f"{path}: no dc:title in XMP")
        root = pdf.Root
        intents = [oi for oi in root.get("/OutputIntents", []) if oi.get("/S") == "/GTS_PDFA1"]
        if not intents or "/DestOutputProfile" not in intents[0]:
            fail(f"{path}: no GTS_PDFA1 OutputIntent with a DestOutputProfile")
        if "/ID" not in pdf.trailer:
            fail(f"{path}: no trailer /ID")
        lang = str(root.get("/Lang", ""))
        if lang not in ("sv", "en"):
            fail(f"{path}: /Lang {lang!r}")
        if not root.get("/MarkInfo", {}).get("/Marked", False):
            fail(f"{path}: MarkInfo /Marked is not true")
        if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
            fail(f"{path}: DisplayDocTitle is not true")
        if "/Names" in root and "/JavaScript" in root.Names:
            fail(f"{path}: has JavaScript")
        for n, page in enumerate(pdf.pages, 1):
            fonts = page.Resources.get("/Font", {})
            for name, font in fonts.items():
                descs = [font] if "/DescendantFonts" not in font else list(font.DescendantFonts)
                for d in descs:
                    fd = d.get("/FontDescriptor")
                    if font.get("/Subtype") != "/Type3" and (
                        fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    ):
                        fail(f"{path}: page {n}: font {name} is not embedded")
                if "/ToUnicode" not in font:
                    fail(f"{path}: page {n}: font {name} has no ToUnicode map")
        outline_titles = []
        with pdf.open_outline() as outline:
            outline_titles = [squash(str(item.title)) for item in outline.root]
        if outline_titles != titles:
            fail(f"{path}: outline {outline_titles} is not the § headings {titles}")
        if "/StructTreeRoot" not in root:
            fail(f"{path}: no StructTreeRoot")
        elems = []
        struct_walk(root.StructTreeRoot.K, elems)
        kinds = [str(e.S) for e in elems]
        if kinds[0] != "/Document":
            fail(f"{path}: structure root {kinds[0]}, not Document")
        if kinds.count("/H1") != 1:
            fail(f"{path}: {kinds.count('/H1')} H1")
        h2 = [squash(str(e.get("/T", ""))) for e in elems if str(e.S) == "/H2"]
        missing = [t for t in titles if t not in h2]
        if missing:
            fail(f"{path}: no H2 for {missing}")
        header_tables = 0
        for e in elems:
            if str(e.S) != "/Table":
                continue
            inner = []
            struct_walk(e.K, inner)
            if any(str(x.S) == "/TH" and scope(x) == "/Column" for x in inner):
                header_tables += 1
        # Every HTML table (attendance, Markdown tables, votes) is a PDF table with column headers.
        if header_tables < html_tables:
            fail(f"{path}: {header_tables} tables with TH scope Column, the HTML has {html_tables} tables")
    text = squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                                 check=True).stdout)
    for t in titles:
        if t not in text:
            fail(f"{path}: pdftotext lacks the § title {t!r}")
    if appeal and appeal not in text:
        fail(f"{path}: pdftotext lacks the last day to appeal {appeal}")
    return len(titles), header_tables, bool(appeal)


def main():
    args = sys.argv[1:]
    if not args:
        fail("usage: check-pdf.py OUTPUT_DIR [--pages DIR]")
    out = pathlib.Path(args[0])
    pages = pathlib.Path(args[args.index("--pages") + 1]) if "--pages" in args else None
    pdfs = sorted(p for p in out.glob("*/*/protokoll.pdf"))
    if not pdfs:
        fail(f"no protokoll.pdf under {out}")
    most = (None, -1)
    totals = [0, 0, 0]
    for p in pdfs:
        paragraphs, tables, appeal = check(p, p.parent)
        totals[0] += paragraphs
        totals[1] += tables
        totals[2] += appeal
        if tables > most[1]:
            most = (p, tables)
        print(f"ok {p.relative_to(out)}: {paragraphs} §, {tables} tables with column headers"
              + (", last day to appeal" if appeal else ""))
    print(f"check-pdf: {len(pdfs)} PDFs, {totals[0]} §, {totals[1]} header tables, {totals[2]} with appeal dates")
    if pages:
        pages.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(most[0]), str(pages / "page")],
                       check=True)
        print(f"check-pdf: pages 1–2 of {most[0].relative_to(out)} in {pages}")


if __name__ == "__main__":
    main()
