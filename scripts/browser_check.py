#!/usr/bin/env python3
"""The example briefing in a real browser (headless Chromium through Selenium).

usage: browser_check.py BRIEFGEN_BINARY SCREENSHOT_DIR

Copies the example site to a temporary folder, starts `briefgen serve` on it, and checks:
- home, timeline, actors, an actor, a business page and a source at 1280 px and at 375 px:
  a screenshot of each, no sideways scroll at phone width, and no serious or critical axe
  violation;
- search: results of /search/?q=... at both widths (screenshots, axe, no sideways scroll);
  on the home page, typing a query shows type-ahead results in a listbox, Escape closes it,
  the arrow keys choose a result and Enter lands on its page;
- live reload: a stylesheet change is swapped in without reloading the page, and a content
  edit reloads the page showing the edit.
Exits 1 listing every failure.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

binary, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(shots, exist_ok=True)
failures = []

PAGES = [
    ("home", "/"),
    ("timeline", "/timeline/"),
    ("actors", "/actors/"),
    ("actor", "/actors/anthropic/"),
    ("business", "/business/finance/"),
    ("source", "/articles/uk-denied-exemption/"),
    ("search", "/search/?q=export+ban"),
]
WIDTHS = [("desktop", 1280, 900), ("phone", 375, 812)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    failures.append(f"timed out after {seconds} s waiting for {what}")
    return False


site = tempfile.mkdtemp(prefix="briefgen-browser-")
for name in ("briefgen.yml", "content", "templates"):
    source = os.path.join(repo, name)
    if os.path.isdir(source):
        shutil.copytree(source, os.path.join(site, name))
    elif os.path.exists(source):
        shutil.copy(source, os.path.join(site, name))
port = free_port()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([binary, "serve", "--site", site, "--port", str(port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars"):
    options.add_argument(flag)
driver = None
try:
    wait_until(lambda: urllib.request.urlopen(base + "/", timeout=2).status == 200, 120, "briefgen serve to answer")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

    # Pages at two widths: screenshots, sideways scroll, accessibility.
    for label, width, height in WIDTHS:
        driver.set_window_size(width, height)
        for name, path in PAGES:
            driver.get(base + path)
            wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 20, f"{path} to load")
            if path.startswith("/search/"):
                wait_until(lambda: driver.execute_script(
                    "return document.querySelectorAll('#search-results li p mark').length") > 0, 20, "search results with marked snippets")
            driver.save_screenshot(os.path.join(shots, f"{name}-{label}.png"))
            if label == "phone":
                scroll, inner = driver.execute_script(
                    "return [document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    wide = driver.execute_script("""
                        const out = [];
                        for (const e of document.querySelectorAll('body *')) {
                          const r = e.getBoundingClientRect();
                          if (r.right > window.innerWidth + 1 && !e.closest('.chart-scroll')) out.push(e.tagName + '.' + e.className);
                        }
                        return out.slice(0, 5);""")
                    failures.append(f"{path} scrolls sideways at {width} px ({scroll} > {inner}): {wide}")
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            for violation in results["violations"]:
                if violation.get("impact") in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    failures.append(f"{path} at {width} px: axe {violation['impact']} {violation['id']}: "
                                    f"{violation['help']} {targets}")

    # Search as you type: a listbox of results, Escape closes it, arrows and Enter follow one.
    from selenium.webdriver.common.keys import Keys
    driver.set_window_size(1280, 900)
    driver.get(base + "/")
    wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 20, "the home page to load")
    box = driver.find_element("id", "site-search")
    combo = driver.find_element("css selector", ".site-search [role=combobox]")
    box.click()
    box.send_keys("commerce dep")
    options = "return Array.from(document.querySelectorAll('#site-search-list [role=option]')).map(o => o.textContent)"
    if wait_until(lambda: len(driver.execute_script(options)) > 1 and combo.get_attribute("aria-expanded") == "true",
                  20, "type-ahead results"):
        found = driver.execute_script(options)
        if not any("US Commerce Department" in o for o in found[:1]):
            failures.append(f"type-ahead for 'commerce dep' does not list the US Commerce Department first: {found}")
        driver.save_screenshot(os.path.join(shots, "typeahead-desktop.png"))
        axe = Axe(driver)
        axe.inject()
        for violation in axe.run()["violations"]:
            if violation.get("impact") in ("serious", "critical"):
                failures.append(f"type-ahead open: axe {violation['impact']} {violation['id']}: {violation['help']}")
        box.send_keys(Keys.ESCAPE)
        if combo.get_attribute("aria-expanded") != "false" or driver.find_element("id", "site-search-list").is_displayed():
            failures.append("Escape did not close the type-ahead list")
        box.send_keys("a")  # "commerce depa": the list opens again
        wait_until(lambda: combo.get_attribute("aria-expanded") == "true", 20, "type-ahead to reopen")
        box.send_keys(Keys.ARROW_DOWN)
        active = box.get_attribute("aria-activedescendant")
        if not active or driver.find_element("id", active).get_attribute("aria-selected") != "true":
            failures.append("ArrowDown did not select the first option (aria-activedescendant)")
        box.send_keys(Keys.ENTER)
        wait_until(lambda: driver.current_url.endswith("/actors/us-commerce-department/"), 20,
                   "Enter on the first type-ahead result to open the US Commerce Department")

    # Live reload: a stylesheet swapped in place, without reloading the page.
    driver.set_window_size(1280, 900)
    driver.get(base + "/timeline/")
    wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 20, "the timeline to load")
    time.sleep(1)  # the live-reload client connects
    driver.execute_script("window.__briefgenMarker = 42")
    css = urllib.request.urlopen(base + "/assets/style.css", timeout=5).read().decode()
    os.makedirs(os.path.join(site, "templates", "assets"), exist_ok=True)
    with open(os.path.join(site, "templates", "assets", "style.css"), "w") as f:
        f.write(css + "\nbody { outline: 3px solid rgb(255, 0, 0); }\n")
    if wait_until(lambda: driver.execute_script("return getComputedStyle(document.body).outlineColor") == "rgb(255, 0, 0)",
                  15, "the changed stylesheet to apply"):
        if driver.execute_script("return window.__briefgenMarker") != 42:
            failures.append("a stylesheet change reloaded the page instead of swapping the stylesheet")

    # Live reload: a content edit reloads the page that shows it.
    note = os.path.join(site, "content", "notes", "what-we-know.md")
    driver.get(base + "/notes/what-we-know/")
    wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 20, "the note to load")
    time.sleep(1)
    driver.execute_script("window.__briefgenMarker = 42")
    with open(note, "a") as f:
        f.write("\nBrowser check: this paragraph was added while the page was open.\n")
    if wait_until(lambda: "added while the page was open" in driver.find_element("tag name", "body").text,
                  15, "the edited note to reload"):
        if driver.execute_script("return window.__briefgenMarker") == 42:
            failures.append("the edited note changed without a reload (marker kept)")
finally:
    if driver:
        driver.quit()
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(site, ignore_errors=True)

if failures:
    print("browser check failed:")
    for failure in failures:
        print("  " + failure)
    sys.exit(1)
print(f"browser check: {len(PAGES)} pages at {len(WIDTHS)} widths, axe clean, no sideways scroll at 375 px, "
      f"type-ahead search followed with the keyboard, "
      f"live reload swaps stylesheets and reloads edited pages; screenshots in {shots}")
