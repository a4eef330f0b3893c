"""Screenshots of the demo database for the README (`make screenshots`).

Drives headless Chromium over the Chrome DevTools protocol against a running
Odoo: logs in as the demo user of each picture, opens the view, waits until the
web client is idle and writes a palette PNG into docs/images. Called by
tools/screenshots.sh, which starts Odoo on the demo database.

    python tools/screenshots.py --url http://127.0.0.1:8071 --db pcve_screens
    python tools/screenshots.py --optimise docs/images/summary_sheet.png
"""

import argparse
import base64
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

WIDTH, HEIGHT = 1440, 900
TIMEOUT = 60  # seconds
# Something is still loading, moving or being announced.
BUSY = (
    ".o_loading_indicator, .o_blockUI:not(.o_blockUI_invisible), .fa-spin, "
    ".o_view_sample_data, .o_notification, .o-dropdown--menu, .o_popover"
)
FAILED = (
    ".o_error_dialog, .o_dialog .modal-title:contains('Error'), "
    ".o_notification.border-danger"
)

# name, login (= password), model and domain of the record to open (if any),
# path ("{id}" is the record), the page to wait for (default: the web client),
# selector of what must be on screen, clicks, height (to leave out an empty
# lower part of the screen).
SHOTS = [
    {
        "name": "assessment_form",
        "login": "assessor",
        "model": "pcve.partner.assessment",
        "domain": [("partner_id.name", "=", "Atlas Moroccan-Dutch Association")],
        "path": "/odoo/action-pcve_partners.pcve_partner_assessment_action/{id}",
        "ready": ".o_form_view .o_field_widget[name=criterion_line_ids] .o_data_row",
    },
    {
        "name": "my_cases",
        "login": "volunteer",
        "path": "/odoo/my-cases",
        "ready": ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
        "height": 420,
    },
    {
        "name": "safespace_calendar",
        "login": "organiser",
        "path": "/odoo/action-pcve_safespaces.pcve_safespace_session_action",
        "clicks": [
            ".o_view_scale_selector .scale_button_selection",
            ".o_scale_button_month",
        ],
        "ready": ".o_calendar_renderer .fc-dayGridMonth-view .fc-event",
    },
    {
        "name": "concerns_kanban",
        "login": "organiser",
        "path": "/odoo/action-pcve_safespaces.pcve_concern_action",
        "ready": ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
    },
    {
        "name": "portal_home",
        "login": "partnerportal",
        "path": "/my/pcve",
        "page": ".o_portal_wrap",
        "ready": "[data-pcve-section]",
        "height": 520,
    },
    {
        "name": "portal_concerns",
        "login": "partnerportal",
        "path": "/my/pcve/concerns",
        "page": ".o_portal_wrap",
        "ready": ".o_pcve_reply",
    },
]


class ScreenshotError(Exception):
    pass


class Chrome:
    """A headless Chromium and a DevTools connection to its page."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="pcve_screens_")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--mute-audio",
                "--lang=en-US",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise ScreenshotError(f"{executable} did not start")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        url = next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(url, suppress_origin=True, timeout=30)
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        """Send a DevTools command and return its result (events are skipped)."""
        request_id = next(self.ids)
        self.ws.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == request_id:
                if "error" in message:
                    raise ScreenshotError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise ScreenshotError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, what, timeout=TIMEOUT):
        """Wait until ``expression`` is true; fail at once on an error shown."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if self.evaluate(any_visible(FAILED)):
                raise ScreenshotError(
                    f"an error is shown while waiting for {what}: "
                    + self.evaluate(
                        "document.querySelector('.modal, .o_notification')?.innerText"
                    )
                )
            if time.monotonic() > deadline:
                raise ScreenshotError(f"timed out waiting for {what}")
            time.sleep(0.25)

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def js_query(selector):
    """A JavaScript expression true when ``selector`` matches something visible.

    Odoo's ``:contains`` is not CSS: it is checked on the element's text here.
    """
    base, _sep, text = selector.partition(":contains(")
    text = text.rstrip(")").strip("'\"")
    return (
        f"[...document.querySelectorAll({json.dumps(base)})].some("
        f"el => el.checkVisibility() && el.textContent.includes({json.dumps(text)}))"
    )


def any_visible(selectors):
    return "(" + " || ".join(js_query(s.strip()) for s in selectors.split(", ")) + ")"


class Odoo:
    """JSON-RPC as one user of the demo database."""

    def __init__(self, url, db, login):
        self.url = url
        self.session = requests.Session()
        info = self.call(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": login},
        )
        if not info.get("uid"):
            raise ScreenshotError(f"cannot log in as {login}")
        self.tz = info.get("user_context", {}).get("tz")

    def call(self, route, params):
        response = self.session.post(
            self.url + route,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise ScreenshotError(body["error"]["data"]["message"])
        return body["result"]

    def search_one(self, model, domain):
        ids = self.call(
            f"/web/dataset/call_kw/{model}/search",
            {"model": model, "method": "search", "args": [domain], "kwargs": {}},
        )
        if len(ids) != 1:
            raise ScreenshotError(f"{model} {domain}: {len(ids)} records")
        return ids[0]


def optimise(path):
    """Rewrite a PNG as a 256-colour palette image (a few times smaller)."""
    image = Image.open(path).convert("RGB")
    palette = image.quantize(
        256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    Path(path).write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


def take(chrome, url, db, shot, out):
    odoo = Odoo(url, db, shot["login"])
    path = shot["path"]
    if "{id}" in path:
        path = path.format(id=odoo.search_one(shot["model"], shot["domain"]))
    chrome.send("Network.enable")
    chrome.send("Network.clearBrowserCookies")
    chrome.send(
        "Network.setCookie",
        name="session_id",
        value=odoo.session.cookies["session_id"],
        url=url,
    )
    if odoo.tz:
        chrome.send("Emulation.setTimezoneOverride", timezoneId=odoo.tz)
    chrome.send("Page.navigate", url=url + path)
    page = shot.get("page", ".o_action_manager .o_view_controller")
    chrome.wait(
        f"document.readyState === 'complete' && !!document.querySelector('{page}')",
        f"the page at {path}",
    )
    for selector in shot.get("clicks", []):
        chrome.wait(js_query(selector), selector)
        chrome.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        time.sleep(0.3)
    idle = (
        f"document.fonts.status === 'loaded' && {js_query(shot['ready'])}"
        f" && !{any_visible(BUSY)}"
    )
    # Idle twice in a row, a second apart: nothing is still coming in.
    for _attempt in range(2):
        chrome.wait(idle, f"{shot['ready']} with nothing loading")
        time.sleep(1)
    chrome.wait(idle, f"{shot['ready']} with nothing loading")
    if chrome.evaluate(any_visible(FAILED)):
        raise ScreenshotError(f"{shot['name']}: an error is shown")
    clip = {
        "x": 0,
        "y": 0,
        "width": WIDTH,
        "height": shot.get("height", HEIGHT),
        "scale": 1,
    }
    png = base64.b64decode(
        chrome.send("Page.captureScreenshot", format="png", clip=clip)["data"]
    )
    target = Path(out, f"{shot['name']}.png")
    target.write_bytes(png)
    size = optimise(target)
    print(f"[screenshots] {target} ({size // 1024} kB, as {shot['login']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Odoo base URL, e.g. http://127.0.0.1:8071")
    parser.add_argument("--db", help="the demo database")
    parser.add_argument("--out", default="docs/images")
    parser.add_argument("--only", nargs="*", help="names of the shots to take")
    parser.add_argument(
        "--chrome",
        default=os.environ.get("PCVE_CHROME")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome"),
    )
    parser.add_argument("--optimise", nargs="*", metavar="PNG", help="only optimise")
    args = parser.parse_args()
    if args.optimise is not None:
        for path in args.optimise:
            print(f"[screenshots] {path} ({optimise(path) // 1024} kB)")
        return 0
    if not (args.url and args.db and args.chrome):
        parser.error("--url, --db and a Chromium executable are needed")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    chrome = Chrome(args.chrome)
    try:
        for shot in SHOTS:
            if not args.only or shot["name"] in args.only:
                take(chrome, args.url.rstrip("/"), args.db, shot, args.out)
    except ScreenshotError as error:
        seen = Path(tempfile.gettempdir(), "pcve_screenshot_failed.png")
        seen.write_bytes(
            base64.b64decode(
                chrome.send("Page.captureScreenshot", format="png")["data"]
            )
        )
        print(f"[screenshots] ERROR: {error} (the page: {seen})", file=sys.stderr)
        return 1
    finally:
        chrome.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
