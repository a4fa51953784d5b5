#!/usr/bin/env python3
"""Opens the example world's exposure report in headless Chromium (docs/REPORT.md, issue 13).

Writes the report with the tenantreach binary, loads it from a file URL, and checks the DOM as the browser built
it: no console messages (errors show there), the sorting script ran, the trust map's SVG has the three tenants
and the eight edges of examples/three-tenants/README.md, the tables have their expected rows. Saves a screenshot
to BUILD_DIR/report-screenshot.png (a CI artifact). Exits 77 (ctest SKIP_RETURN_CODE) when chromium is missing.

usage: report_browser_test.py TENANTREACH WORLD BUILD_DIR
"""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
CONTOSO = "11111111-1111-1111-1111-111111111111"
FABRIKAM = "22222222-2222-2222-2222-222222222222"
LITWARE = "33333333-3333-3333-3333-333333333333"


class Dom(html.parser.HTMLParser):
    """The parts of the page the test looks at: element ids and classes, rows per table, the body's classes."""

    def __init__(self):
        super().__init__()
        self.stack = []  # open elements: (tag, attributes)
        self.svg_groups = []  # (id, class) of <g> elements inside the trust map's <svg>
        self.rows = {}  # table id -> list of row attribute dicts
        self.body_class = ""
        self.sections = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.body_class = attributes.get("class", "")
        if tag == "section":
            self.sections.append(attributes.get("id"))
        inside = [t for t, _ in self.stack]
        section = next((a.get("id") for t, a in self.stack if t == "section"), None)
        if tag == "g" and "svg" in inside and section == "trust-map":
            self.svg_groups.append((attributes.get("id", ""), attributes.get("class", "")))
        if tag == "tr" and "tbody" in inside:
            table = next((a.get("id") for t, a in reversed(self.stack) if t == "table"), None)
            self.rows.setdefault(table, []).append(attributes)
        if tag not in ("meta", "br", "img", "input", "link", "path", "polygon", "ellipse", "polyline", "text"):
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def chromium(binary, profile, *arguments):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    tenantreach, world, build_dir = sys.argv[1:]
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        print("chromium is not installed: skipped")
        return SKIP
    report = os.path.join(build_dir, "report-example.html")
    subprocess.run([tenantreach, "report", world, "-o", report], check=True)
    url = "file://" + os.path.abspath(report)
    failures = []

    with tempfile.TemporaryDirectory() as profile:
        loaded = chromium(binary, profile, "--dump-dom", url)
        if loaded.returncode != 0:
            print(loaded.stderr)
            return 1
        console = [line for line in loaded.stderr.splitlines() if "CONSOLE" in line]
        if console:
            failures.append("console messages: " + " | ".join(console))
        screenshot = os.path.join(build_dir, "report-screenshot.png")
        shot = chromium(binary, profile, "--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + screenshot, url)
        with open(screenshot, "rb") as image:
            if shot.returncode != 0 or image.read(8) != b"\x89PNG\r\n\x1a\n":
                failures.append("no screenshot: " + shot.stderr[-500:])

    dom = Dom()
    dom.feed(loaded.stdout)
    if "sortable-ready" not in dom.body_class.split():
        failures.append("the sorting script did not run (body class %r)" % dom.body_class)
    expected_sections = ["summary", "trust-map", "most-exposed", "shared-channels", "denials", "partners"]
    if dom.sections != expected_sections:
        failures.append("sections %s" % dom.sections)

    nodes = sorted(i for i, c in dom.svg_groups if c == "node")
    if nodes != ["tenant-" + t for t in (CONTOSO, FABRIKAM, LITWARE)]:
        failures.append("trust map nodes %s" % nodes)
    edges = sorted(i for i, c in dom.svg_groups if c == "edge")
    expected_edges = sorted("edge-%s-%s-%s" % (a, b, kind) for x in (FABRIKAM, LITWARE)
                            for a, b in ((CONTOSO, x), (x, CONTOSO)) for kind in ("b2bCollaboration", "b2bDirectConnect"))
    if edges != expected_edges:
        failures.append("trust map edges %s" % edges)

    exposed = [row.get("data-resource") for row in dom.rows.get("most-exposed-table", [])]
    design = CONTOSO + "/19:projectx-design@thread.tacv2"
    if len(exposed) != 5 or design not in exposed:
        failures.append("most exposed rows %s" % exposed)
    if [row.get("data-resource") for row in dom.rows.get("shared-channels-table", [])] != [design]:
        failures.append("shared channel rows %s" % dom.rows.get("shared-channels-table"))
    reasons = sorted(row.get("data-reason") for row in dom.rows.get("denials-table", []))
    if reasons != sorted(["outbound-blocked", "account-disabled", "inbound-blocked", "ca-mfa-untrusted",
                          "ca-device-untrusted", "guest-in-shared-channel"]):
        failures.append("denial rows %s" % reasons)
    pairs = sorted(row.get("data-pair") for row in dom.rows.get("partners-table", []))
    if pairs != [CONTOSO + " " + FABRIKAM, CONTOSO + " " + LITWARE]:
        failures.append("partner rows %s" % pairs)
    if len(dom.rows.get("trust-map-table", [])) != 8:
        failures.append("trust map table rows %d" % len(dom.rows.get("trust-map-table", [])))

    for failure in failures:
        print("FAIL:", failure)
    print("report %s: %s; screenshot %s" % (report, "ok" if not failures else "FAILED", screenshot))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
