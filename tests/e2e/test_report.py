"""owner report: one HTML page of a realistic store, checked as a browser shows it (headless
Chromium: a screenshot and a printed PDF read back with pdftotext) and against `stats --json`."""

import html.parser
import os
import random
import re
import shutil
import struct
import subprocess
import unittest
import zlib

import ownertest
from ownertest import OwnerTest, main
from test_stats import closed_case

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
CHARTS = ["chart-closed", "chart-lead", "chart-escalations", "chart-handovers", "chart-verdicts"]
RULES = ["stalled", "overdue", "deadline"]


class Page(html.parser.HTMLParser):
    """What a test needs of the page: every figure (data-json, data-owner), the charts with their
    title and description, the tags and attributes, and the visible text."""

    def __init__(self):
        super().__init__()
        self.figures = []  # (path, owner, text)
        self.open_figures = []
        self.svgs = {}
        self.svg = None
        self.tags = []
        self.attrs = []
        self.text = []
        self.labels = 0
        self.in_style = False
        self.inner = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "style":
            self.in_style = True
        if tag == "svg" and a.get("id"):
            self.svg = a["id"]
            self.svgs[self.svg] = {"title": "", "desc": "", "rects": 0, "role": a.get("role")}
        if self.svg and tag in ("title", "desc"):
            self.inner = tag
        if self.svg and tag == "rect":
            self.svgs[self.svg]["rects"] += 1
        if "data-json" in a:
            self.open_figures.append([a["data-json"], a.get("data-owner"), ""])

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag == "svg" and self.svg and self.inner is None:
            pass
        if tag in ("title", "desc"):
            self.inner = None
        if tag == "span" and self.open_figures:
            self.figures.append(tuple(self.open_figures.pop()))

    def handle_data(self, data):
        if self.in_style:
            return
        if self.svg and self.inner:
            self.svgs[self.svg][self.inner] += data
        for f in self.open_figures:
            f[2] += data
        self.text.append(data)


def resolve(doc, path):
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def shown(value, path):
    """A figure as the page shows it (owner(1), "Rounding"): days and means to one decimal, shares
    as a percentage of the three decimals of the JSON, to one decimal; counts and texts as they are."""
    if value is None:
        return "–"
    if isinstance(value, bool) or isinstance(value, int) or isinstance(value, str):
        return str(value)
    if path.endswith("_share"):
        return f"{value * 100:.1f}\u202f%"
    return f"{value:.1f}"


def png_variety(path):
    """The number of distinct pixels of a PNG (8-bit RGB or RGBA, no interlace) and the share that
    is not white: zlib and struct are enough."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, not_white, pos = set(), 0, 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 4):  # every fourth pixel is plenty
            px = bytes(line[x:x + 3])
            colours.add(px)
            not_white += px != b"\xff\xff\xff"
        prev = line
    return len(colours), not_white / (width * height / 4)


def realistic_store(test, owners=None):
    """300 closed cases of two years (test_stats' generator), a third of their escalations with
    the rules that applied, and two open cases."""
    rng = random.Random(29)
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    ids = set()
    while len(ids) < 300:
        ids.add("".join(rng.choice(alphabet) for _ in range(5)))
    for cid in sorted(ids):
        year, text = closed_case(rng, cid)
        lines = []
        for line in text.split("\n"):
            lines.append(line)
            if line == 'event = "escalated"' and rng.random() < 0.7:
                lines.append("rules = [%s]" % ", ".join(f'"{r}"' for r in rng.sample(RULES, rng.randint(1, 2))))
            if owners and line.startswith("customer = "):
                lines.append(f'owner = "{rng.choice(owners)}"')
        folder = os.path.join(test.store, "archive", str(year))
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with open(os.path.join(folder, cid + ".toml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    test.new("Router keeps dropping", "Acme <BV> & Co")
    test.new("Invoice in the wrong name", "M. Jansen")


class ReportPage(OwnerTest):
    """The page itself: self-contained, escaped, every figure that of `stats --json`."""

    CONFIG = 'name = "Sam"\n[people]\n"Ben Smit" = ["Ben", "Ben Smit (billing)"]\nSam = ["me"]\n'
    PERIOD = ("--since", "2026-03-01", "--until", "2026-10-31")

    def setUp(self):
        super().setUp()
        self.use_config(self.CONFIG)
        realistic_store(self)

    def page(self, *args):
        text = self.owner("report", *args).out
        p = Page()
        p.feed(text)
        return text, p

    def assert_figures(self, page, args, scope=()):
        figures = self.owner("stats", "--json", *scope, *args).json()
        per_owner = {}
        self.assertGreater(len(page.figures), 150)
        for path, owner, text in page.figures:
            doc = figures
            if owner:
                if owner not in per_owner:
                    per_owner[owner] = self.owner("stats", "--json", "--owner", owner, *args).json()
                doc = per_owner[owner]
            with self.subTest(path=path, owner=owner):
                self.assertEqual(text, shown(resolve(doc, path), path))
        return figures

    def test_every_figure_is_that_of_stats_json(self):
        text, page = self.page(*self.PERIOD)
        figures = self.assert_figures(page, self.PERIOD)
        self.assertGreater(figures["closed_accepted"], 50)
        self.assertGreater(figures["escalations_by_rule"]["stalled"], 0)
        self.assertGreater(figures["escalations_by_rule"]["other"], 0)
        paths = {p for p, _, _ in page.figures}
        for week in range(len(figures["weeks"])):
            self.assertIn(f"weeks.{week}.closed", paths)
        for rule in figures["escalations_by_rule"]:
            self.assertIn(f"escalations_by_rule.{rule}", paths)
        self.assertIn("rating.counts.5", paths)
        # No number in a table cell, a summary value or a remark but a figure or a label (a week,
        # a date, a rating, a hand-over group).
        cells = re.findall(r'<td[^>]*>(.*?)</td>|<b>(.*?)</b>|<li>(<b><span data-json="rating\.latest.*?)</li>',
                           text, flags=re.S)
        self.assertGreater(len(cells), 100)
        for cell in cells:
            html_text = "".join(cell)
            rest = re.sub(r'<span data-(json|label)="[^"]*"( data-owner="[^"]*")?>[^<]*</span>', "", html_text)
            rest = re.sub(r"<[^>]*>", "", rest)
            self.assertNotRegex(rest, r"\d", f"a number that is no figure of stats --json: {html_text}")

    def test_self_contained_escaped_and_printable(self):
        text, page = self.page()
        self.assertTrue(text.startswith("<!DOCTYPE html>"))
        self.assertNotIn("script", page.tags)
        for tag in ("img", "link", "iframe", "object", "embed"):
            self.assertNotIn(tag, page.tags)
        for name, value in page.attrs:
            if name in ("src", "href"):
                self.fail(f"{name}={value}: the page fetches nothing")
        self.assertNotRegex(text, r"url\((?!#)")
        self.assertNotRegex(text, r"@import|@font-face")
        self.assertIn('name="viewport"', text)
        self.assertIn("@media print", text)
        self.assertIn("@page{size:A4", text)
        self.assertIn("break-before:page", text)
        for chart in CHARTS:
            with self.subTest(chart=chart):
                svg = page.svgs[chart]
                self.assertEqual(svg["role"], "img")
                self.assertTrue(svg["title"].strip())
                self.assertTrue(svg["desc"].strip())
                self.assertIn(f'aria-labelledby="{chart}-t {chart}-d"', text)
        self.assertGreaterEqual(text.count("<details>"), 4)  # one for both weekly charts
        for colour in ("#0072B2", "#E69F00", "#009E73"):  # Okabe–Ito
            self.assertIn(colour, text)
        self.assertIn("<pattern", text)
        self.assertNotIn('id="people"', text)  # one person's store

    def test_customers_only_as_status_allows_and_never_forgotten(self):
        remarked = None
        for root, _, files in os.walk(os.path.join(self.store, "archive")):
            for name in sorted(files):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    if "remark = " in f.read():
                        remarked = name[:-5]
        self.assertIsNotNone(remarked)
        customer = f"Customer {remarked}"
        self.assertIn(customer, self.owner("report").out)
        self.use_config(self.CONFIG + '[status]\nfields = ["title"]\n')
        self.assertNotIn("Customer ", self.owner("report").out)
        self.use_config(self.CONFIG)
        self.owner("forget", "--customer", customer, "--yes")
        out = self.owner("report").out
        self.assertNotIn(customer, out)
        self.assertNotIn("(forgotten)", out)

    def test_to_a_terminal_it_says_to_redirect(self):
        import pty
        leader, follower = pty.openpty()
        proc = subprocess.run([ownertest.BIN, "report"], env=self.env,
                              stdout=follower, stderr=subprocess.PIPE, text=True, timeout=60)
        os.close(follower)
        os.close(leader)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stderr.count("\n"), 1)
        self.assertIn("owner report > report.html", proc.stderr)

    def test_a_team_store_has_a_section_per_person(self):
        shutil.rmtree(os.path.join(self.store, "archive"))
        self.use_config('name = "Sam"\n[people]\n"Ben Smit" = ["Ben"]\nSam = ["me"]\nDini = []\n')
        realistic_store(self, owners=["Sam", "Ben Smit", "Dini"])
        self.owner("team", "init")  # team.toml: a team's store
        text, page = self.page("--team", *self.PERIOD)
        self.assertIn('id="people"', text)
        owners = {o for _, o, _ in page.figures if o}
        self.assertEqual(owners, {"Sam", "Ben Smit", "Dini"})
        self.assert_figures(page, self.PERIOD, scope=("--team",))
        mine, _ = self.page(*self.PERIOD)
        self.assertNotIn('id="people"', mine)
        ben, page = self.page("--owner", "Ben", *self.PERIOD)
        self.assertIn("Ben Smit", ben)
        figures = self.owner("stats", "--json", "--owner", "Ben", *self.PERIOD).json()
        closed = next(t for p, o, t in page.figures if p == "closed_accepted")
        self.assertEqual(closed, str(figures["closed_accepted"]))


@unittest.skipUnless(CHROMIUM and PDFTOTEXT,
                     "needs chromium and pdftotext: apt-get install chromium poppler-utils")
class ReportInBrowser(OwnerTest):
    """The page as headless Chromium draws and prints it."""

    ctest_cost = 12

    def setUp(self):
        super().setUp()
        self.use_config(ReportPage.CONFIG)
        realistic_store(self)
        self.html = os.path.join(self.tmp, "report.html")
        with open(self.html, "w", encoding="utf-8") as f:
            f.write(self.owner("report", *ReportPage.PERIOD).out)
        self.figures = self.owner("stats", "--json", *ReportPage.PERIOD).json()
        self.profile = os.path.join(self.tmp, "chromium")

    def chromium(self, *args):
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
             "--v=0", f"--user-data-dir={self.profile}", "--no-first-run",
             "--disable-extensions", "--hide-scrollbars", *args, "file://" + self.html],
            env=dict(self.env, HOME=self.home), capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line]
        self.assertEqual(console, [], "the page logged to the console")
        blocked = [line for line in proc.stderr.splitlines()
                   if "Content-Security-Policy" in line or "net::ERR" in line]
        self.assertEqual(blocked, [])
        return proc

    def test_the_screenshot_is_a_drawn_page(self):
        png = os.path.join(self.tmp, "report.png")
        self.chromium(f"--screenshot={png}", "--window-size=900,2600")
        colours, drawn = png_variety(png)
        self.assertGreater(colours, 12, "hardly any colours: a blank or failed page")
        self.assertGreater(drawn, 0.02)
        self.assertLess(drawn, 0.9)
        phone = os.path.join(self.tmp, "phone.png")
        self.chromium(f"--screenshot={phone}", "--window-size=390,1600")
        self.assertGreater(png_variety(phone)[0], 12)

    def test_the_printed_pdf_has_every_chart_and_figure(self):
        pdf = os.path.join(self.tmp, "report.pdf")
        self.chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        text = subprocess.run([PDFTOTEXT, "-layout", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = text.count("\f")
        self.assertGreaterEqual(pages, 5, "a page per section")
        for caption in ("Cases closed per week", "Lead time per week", "Escalations per rule",
                        "Lead time by number of hand-overs", "Verdicts", "Latest remarks"):
            self.assertIn(caption, text)
        words = set(re.findall(r"[\d.]+", text))
        page = Page()
        with open(self.html, encoding="utf-8") as f:
            page.feed(f.read())
        checked = 0
        for path, _, shown_text in page.figures:
            value = resolve(self.figures, path)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                number = shown(value, path).replace("\u202f%", "")
                with self.subTest(path=path):
                    self.assertIn(number, words)
                checked += 1
        self.assertGreater(checked, 150)


if __name__ == "__main__":
    main()
