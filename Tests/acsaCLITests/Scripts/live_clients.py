#!/usr/bin/env python3
"""Clients of `acsa serve` that post until the server goes away.

Usage: live_clients.py URL CONTROL-PASSWORD CLIENTS

Each client signs in as control and posts, one after another, the events of its own
orders (order signed by both, delivery with receipt and claim, invoice, payment). When
the server stops answering (killed), each client stops. Prints one JSON object:
{"acknowledged": {seq: outcome}, "requests": n, "unanswered": n}: the events whose
answers arrived, how many requests were sent, and how many got no answer.
"""
import http.client
import json
import sys
import threading

URL, PASSWORD, CLIENTS = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = URL.split("://")[1].rstrip("/").rsplit(":", 1)
lock = threading.Lock()
acknowledged, counts = {}, {"requests": 0, "unanswered": 0}


def client(number):
    try:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("POST", "/api/login", body=json.dumps({"name": "control", "password": PASSWORD}),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        state = json.loads(response.read())
        headers = {"Content-Type": "application/json", "Cookie": response.getheader("Set-Cookie").split(";")[0],
                   "X-CSRF-Token": state["csrf"]}
    except Exception:
        return
    k = 0
    while True:
        k += 1
        order = "K%02d-%05d" % (number, k)
        for action in ({"order": {"id": order, "activity": "KAMANDAG-10", "provider": "MBLT-4", "receiver": "ARDB",
                                  "settlement": "cash", "lines": [{"item": "RATION", "qty": 1}],
                                  "signed_by": {"JP": "ARDB-G4", "PH": "MBLT4-S4"}}},
                       {"deliver": {"order": order}}, {"invoice": {"order": order}},
                       {"pay": {"order": order, "amount": "PHP 350.00"}}):
            event = dict(action, date="2026-10-05")
            with lock:
                counts["requests"] += 1
            try:
                connection.request("POST", "/api/events", body=json.dumps(event), headers=headers)
                answer = json.loads(connection.getresponse().read())
            except Exception:
                with lock:
                    counts["unanswered"] += 1
                return
            with lock:
                for e in answer.get("events", []):
                    acknowledged[e["seq"]] = e["outcome"]


threads = [threading.Thread(target=client, args=(i + 1,)) for i in range(CLIENTS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"acknowledged": acknowledged, "requests": counts["requests"], "unanswered": counts["unanswered"]}))
