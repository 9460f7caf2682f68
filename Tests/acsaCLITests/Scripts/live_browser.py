#!/usr/bin/env python3
"""The live exercise in real browsers: headless Chromium driven by Selenium.

Usage: live_browser.py URL PASSWORDS.json SCREENSHOTS-DIR

JP's and PH's teams and control each sign in in a browser of their own. JP orders
rations from PH's Marines (PH-0002), each team signs for its own party (the order binds
once both have), PH delivers with a signed receipt, claims and invoices, JP pays. Control
sees both books agree, the payment arrives on its page by the live stream without a
reload, then injects a lapse (a delivery of PH-0001 recorded in PH's book only) and sees
the books differ and the finding book_mismatch. Screenshots of each page are saved.
Prints one line per step; exits 1 on the first failed check.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

URL, PASSWORDS, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
passwords = json.load(open(PASSWORDS))
os.makedirs(SHOTS, exist_ok=True)
# How long to wait for a page: the tests run in parallel, and bcrypt is slow by design.
WAIT = 120


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1800",
                "--hide-scrollbars", "--no-first-run"]:
        options.add_argument(arg)
    options.binary_location = os.environ.get("ACSA_CHROMIUM") or "/usr/bin/chromium"
    driver_path = os.environ.get("ACSA_CHROMEDRIVER") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        raise SystemExit(1)
    print("ok: " + what, flush=True)


def sign_in(driver, name):
    driver.get(URL + "/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(passwords[name])
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.ID, "live")))


def record(driver, action, fields, selects=None, unchecked=()):
    """Fills the form of `action` and submits it; returns the outcome's text."""
    form = driver.find_element(By.ID, "form-" + action)
    for name, value in (selects or {}).items():
        Select(form.find_element(By.CSS_SELECTOR, '[name="%s"]' % name)).select_by_value(value)
    for name, value in fields.items():
        box = form.find_element(By.CSS_SELECTOR, 'input[type="text"][name="%s"]' % name)
        box.clear()
        box.send_keys(value)
    for name in unchecked:
        box = form.find_element(By.CSS_SELECTOR, 'input[type="checkbox"][name="%s"]' % name)
        if box.is_selected():
            box.click()
    page = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.ID, "submit-" + action).click()
    # The answer is a new page: wait for this one to go (it may hold the last outcome),
    # then for the new outcome.
    WebDriverWait(driver, WAIT).until(EC.staleness_of(page))
    outcome = WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.ID, "outcome")))
    return outcome.text


def book_row(driver, party, order):
    return driver.find_element(By.CSS_SELECTOR, '#book-%s tr[data-order="%s"]' % (party, order))


def shot(driver, name):
    driver.save_screenshot(os.path.join(SHOTS, name))


jp, ph, control = browser(), browser(), browser()
try:
    # Sign-in: a wrong password is refused, the right one opens the team's page.
    jp.get(URL + "/login")
    jp.find_element(By.ID, "name").send_keys("jp")
    jp.find_element(By.ID, "password").send_keys("not the password")
    jp.find_element(By.ID, "login").click()
    # (bcrypt on a loaded machine: wait for the answer, not a fixed time.)
    WebDriverWait(jp, WAIT).until(lambda d: "Wrong account or password." in d.page_source)
    check(True, "a wrong password is refused")
    sign_in(jp, "jp")
    sign_in(ph, "ph")
    sign_in(control, "control")
    check(jp.current_url.endswith("/team") and "team JP" in jp.page_source, "JP's team signs in to its page")
    check(control.current_url.endswith("/control"), "control signs in to control's page")
    check(len(jp.find_elements(By.ID, "book-PH")) == 0, "JP's team sees its own book only")

    # JP orders rations from PH's Marines (JP receives): 1,260 meals at PHP 350.00.
    out = record(jp, "order", {"order.id": "PH-0002", "order.lines[0].qty": "1260"},
                 {"order.provider": "MBLT-4", "order.receiver": "ARDB", "order.settlement": "cash",
                  "order.lines[0].item": "RATION"})
    check("PH-0002" in out and "applied" in out, "JP places order PH-0002: " + out)
    check(book_row(jp, "JP", "PH-0002").find_element(By.CSS_SELECTOR, "td:nth-child(6)").text == "no",
          "PH-0002 is not signed yet")
    # A team's forms offer its own actions only: JP's delivery form lists no order JP receives.
    options = [o.get_attribute("value") for o in jp.find_elements(By.CSS_SELECTOR, '#form-deliver select[name="deliver.order"] option')]
    check("PH-0002" not in options, "JP's page offers no delivery of what JP receives")

    # Each team signs for its own party; the order binds once both have.
    jp.get(URL + "/team")
    out = record(jp, "sign", {}, {"sign.order": "PH-0002", "sign.signed_by.JP": "ARDB-G4"})
    check("JP has signed PH-0002; it binds once PH signs too." in out, "JP signs: " + out)
    ph.get(URL + "/team")
    check("no (JP has signed)" in book_row(ph, "PH", "PH-0002").text, "PH's page shows JP's signature waiting")
    out = record(ph, "sign", {}, {"sign.order": "PH-0002", "sign.signed_by.PH": "MBLT4-S4"})
    check("applied" in out, "PH signs and the order binds: " + out)

    # PH delivers with a signed receipt, then claims and invoices.
    out = record(ph, "deliver", {}, {"deliver.order": "PH-0002"}, unchecked=["deliver.claim"])
    check("applied" in out, "PH delivers with a receipt: " + out)
    out = record(ph, "claim", {}, {"claim.order": "PH-0002"})
    check("applied" in out, "PH claims: " + out)
    out = record(ph, "invoice", {}, {"invoice.order": "PH-0002"})
    check("applied" in out, "PH invoices: " + out)
    shot(ph, "live-team-ph.png")

    # Control's page is open; JP pays; the page refreshes by itself (server-sent events).
    control.get(URL + "/control")
    digest_before = control.find_element(By.CSS_SELECTOR, "#live .digest").text
    jp.get(URL + "/team")
    out = record(jp, "pay", {"pay.amount": "PHP 441000.00"}, {"pay.order": "PH-0002"})
    check("applied" in out, "JP pays PHP 441,000.00: " + out)
    WebDriverWait(control, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "#live .digest").text != digest_before)
    check(True, "control's page shows the payment without a reload")
    digest_after = control.find_element(By.CSS_SELECTOR, "#live .digest").text

    def report_shows(driver, digest):
        driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "iframe.report"))
        try:
            return digest in driver.page_source
        finally:
            driver.switch_to.default_content()

    WebDriverWait(control, WAIT).until(lambda d: report_shows(d, digest_after))
    check(True, "control's charts (the embedded report) follow without a reload")
    check("The two books agree on every order." in control.find_element(By.ID, "reconciliation").text,
          "control sees both books agree")
    for party in ["JP", "PH"]:
        status = book_row(control, party, "PH-0002").find_element(By.CSS_SELECTOR, "td.status").text
        check(status == "settled", "PH-0002 is settled in %s's book (%s)" % (party, status))
    shot(jp, "live-team-jp.png")
    shot(control, "live-control.png")

    # Control injects a lapse: PH-0001's delivery recorded in PH's book only.
    out = record(control, "deliver", {}, {"deliver.order": "PH-0001", "books": "PH"})
    check("applied" in out, "control records a delivery in PH's book only: " + out)
    reconciliation = control.find_element(By.ID, "reconciliation").text
    check("The books differ on: PH-0001" in reconciliation, "control sees the books differ: " + reconciliation)
    codes = [td.text for td in control.find_elements(By.CSS_SELECTOR, "#findings td.code:first-child")]
    check("book_mismatch" in codes, "control's findings have book_mismatch: %s" % codes)
    shot(control, "live-control-lapse.png")
    jp.get(URL + "/team")
    check(book_row(jp, "JP", "PH-0001").find_element(By.CSS_SELECTOR, "td:nth-child(7)").text == "0",
          "JP's book has no delivery of PH-0001")
    print("browser test passed", flush=True)
finally:
    for d in (jp, ph, control):
        d.quit()
