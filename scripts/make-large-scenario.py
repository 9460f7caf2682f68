#!/usr/bin/env python3
"""Writes a large scripted scenario for benchmarks and stress tests.

Usage: scripts/make-large-scenario.py ORDERS > large.yaml

Each order is placed, delivered and settled in both books: cash orders are paid,
replacement orders returned in kind, spread over a year of daily exercises. A few
lapses (no receipt, late payment) give the audit something to find.
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
out = sys.stdout
out.write(f"""scenario:
  name: Large programme, {n} orders (generated for benchmarks)
  description: Synthetic; every figure is illustrative.
  start: 2026-10-01
  end: 2028-12-31
agreement:
  id: JP-PH-ACSA
  in_force: 2026-09-01
  activities: [training, hadr, routine]
  categories: [food, water, billeting, transportation, fuel, medical, ammunition]
parties:
  JP: {{ name: Japan Self-Defense Forces, currency: JPY, fiscal_year_start: 04-01 }}
  PH: {{ name: Armed Forces of the Philippines, currency: PHP }}
units:
  - {{ id: ARDB, party: JP }}
  - {{ id: MBLT-4, party: PH }}
activities:
  - {{ id: PROGRAMME, type: training }}
catalog:
  - {{ id: DIESEL, category: fuel, kind: supply, unit: L, prices: [ {{ party: JP, from: 2026-01-01, price: "JPY 150" }}, {{ party: PH, from: 2026-01-01, price: "PHP 62.50" }} ] }}
  - {{ id: RATION, category: food, kind: supply, unit: meal, prices: [ {{ party: PH, from: 2026-01-01, price: "PHP 350.00" }}, {{ party: JP, from: 2026-01-01, price: "JPY 1200" }} ] }}
rates:
  - {{ date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: illustrative }}
events:
""")
import datetime
start = datetime.date(2026, 10, 5)
for i in range(n):
    day = start + datetime.timedelta(days=(i * 365) // n)
    d1 = day + datetime.timedelta(days=1)
    d2 = day + datetime.timedelta(days=20 + i % 30)
    if i % 2 == 0:
        qty = 100 + i % 900
        out.write(f"  - {{ date: {day}, order: {{ id: O{i}, activity: PROGRAMME, provider: MBLT-4, receiver: ARDB, settlement: cash, lines: [ {{ item: RATION, qty: {qty} }} ] }} }}\n")
        out.write(f"  - {{ date: {d1}, deliver: {{ order: O{i}{', receipt: false' if i % 97 == 0 else ''} }} }}\n")
        out.write(f"  - {{ date: {d2}, pay: {{ order: O{i}, amount: \"PHP {qty * 350}.00\" }} }}\n")
    else:
        qty = 1000 + i % 5000
        out.write(f"  - {{ date: {day}, order: {{ id: O{i}, activity: PROGRAMME, provider: ARDB, receiver: MBLT-4, settlement: replacement, lines: [ {{ item: DIESEL, qty: {qty} }} ] }} }}\n")
        out.write(f"  - {{ date: {d1}, deliver: {{ order: O{i} }} }}\n")
        out.write(f"  - {{ date: {d2}, return: {{ order: O{i}, lines: [ {{ item: DIESEL, qty: {qty} }} ] }} }}\n")
