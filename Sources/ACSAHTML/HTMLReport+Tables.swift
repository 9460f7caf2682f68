import ACSAAudit
import ACSADomain
import ACSALedger

/// The audit's findings, the orders with their status, and the refused events.
extension HTMLReport {
  func findingsSection() -> String {
    var s = "<section id=\"findings\">\n<h2>Audit findings</h2>\n"
    s += "<p>As <code>acsa audit</code> reports them as of \(asOf): procedural lapses the agreement allows but good practice "
    s += "forbids, and the ledger's own integrity checks. What is at stake is valued in both currencies at the rate of \(asOf).</p>\n"
    if audit.items.isEmpty {
      return s + "<p class=\"empty\">No finding.</p>\n</section>\n"
    }
    let counts = FindingRules.counts(audit.findings)
    let summary = FindingCode.allCases.compactMap { c in counts[c].map { "\(HTML.code(c.rawValue)) \($0)" } }
    s += "<p>\(Self.plural(audit.items.count, "finding")): \(summary.joined(separator: ", ")).</p>\n"
    var table = HTML.Table(
      ["Code", "Order", "Books", "Dates", "What happened", "At stake"], cls: "findings", columns: [nil, nil, nil, "nowrap", nil, nil])
    let dateOrder = ["delivered", "claimed", "due", "paid", "deadline", "closed"]
    for item in audit.items.prefix(Self.rowLimit) {
      let f = item.finding
      let keys = dateOrder.filter { f.dates[$0] != nil } + f.dates.keys.filter { !dateOrder.contains($0) }.sorted()
      let dates = keys.compactMap { k in f.dates[k].map { "\(HTML.text(k)) \($0)" } }.joined(separator: "<br>")
      let stake = (item.stake.map(\.text) + item.quantities).map(HTML.text).joined(separator: "<br>")
      table.add([
        HTML.code(f.code.rawValue), HTML.code(f.order), HTML.text(f.books.joined(separator: ", ")), dates.isEmpty ? "-" : dates,
        HTML.prose(f.message), stake.isEmpty ? "-" : stake,
      ])
    }
    s += table.html
    s += more(audit.items.count, "findings", "acsa audit \(ledgerLabel)")
    return s + "</section>\n"
  }

  /// The most rows a table shows: a page for people, not a copy of a large ledger.
  static let rowLimit = 1000

  /// A note under a table cut at `rowLimit`, saying where to find every row.
  func more(_ count: Int, _ what: String, _ command: String) -> String {
    guard count > Self.rowLimit else { return "" }
    let shown = Money.decimalText(Int64(Self.rowLimit), 0, grouped: true)
    let all = Money.decimalText(Int64(count), 0, grouped: true)
    return
      "<p class=\"detail\">The first \(shown) of \(all) \(HTML.text(what)) are shown; all of them: <code>\(HTML.text(command))</code>.</p>\n"
  }

  func orderSection() -> String {
    let books = ledger.books
    var s = "<section id=\"orders\">\n<h2>Orders</h2>\n"
    s += "<p>Each order's status in each book at the end of the run (the <code>order_status</code> view)"
    s += asOf < ledger.lastDay ? ", for the orders dated up to \(asOf)." : "."
    s += " Provision under this agreement is \(ledger.framework.agreement.taxExempt ? "tax-exempt" : "not tax-exempt").</p>\n"
    var ids: [String] = []
    var byOrder: [String: [PartyID: OrderStatusRow]] = [:]
    for r in orders {
      if byOrder[r.orderID] == nil { ids.append(r.orderID) }
      byOrder[r.orderID, default: [:]][r.book] = r
    }
    if ids.isEmpty { return s + "<p class=\"empty\">No order.</p>\n</section>\n" }
    // How many orders stand in each status, per book.
    for book in books {
      var counts: [String: Int] = [:]
      for id in ids { counts[byOrder[id]?[book]?.status ?? "unrecorded", default: 0] += 1 }
      let list = OrderStatus.allCases.map(\.rawValue).compactMap { status in
        counts[status].map { "\(status) \(Money.decimalText(Int64($0), 0, grouped: true))" }
      }
      s += "<p class=\"detail\">In \(HTML.text(book))'s book: \(HTML.text(list.joined(separator: ", "))).</p>\n"
    }
    let headers = ["Order", "Date", "Activity", "Provider", "Receiver", "Settlement"] + books.map { "Status in \($0)'s book" }
    var table = HTML.Table(headers, cls: "orders")
    for id in ids.prefix(Self.rowLimit) {
      guard let rows = byOrder[id], let first = books.compactMap({ rows[$0] }).first else { continue }
      let statuses = books.map { rows[$0]?.status ?? "unrecorded" }
      let differ = Set(statuses).count > 1
      var cells = [
        HTML.code(id), "\(first.date)", HTML.text(first.activity),
        "\(HTML.text(first.providerUnit)) (\(HTML.text(first.provider)))",
        "\(HTML.text(first.receiverUnit)) (\(HTML.text(first.receiver)))",
        HTML.text(Self.kindText(first.settlement)),
      ]
      cells += statuses.map { "<span class=\"status status-\(HTML.text($0))\">\(HTML.text($0))</span>" }
      let classes: [String?] = Array(repeating: nil, count: 6) + Array(repeating: differ ? "differs" : nil, count: statuses.count)
      table.add(cells, classes: classes)
    }
    s += table.html
    if ids.contains(where: { id in Set(books.map { byOrder[id]?[$0]?.status ?? "unrecorded" }).count > 1 }) {
      s += "<p class=\"detail\">Statuses in bold differ between the two books.</p>\n"
    }
    s += more(ids.count, "orders", "sqlite3 \(ledgerLabel) 'SELECT * FROM order_status'")
    return s + "</section>\n"
  }

  func refusalSection() -> String {
    var s = "<section id=\"refusals\">\n<h2>Refused events</h2>\n"
    s += "<p>Events the agreement forbids: nothing of them entered either book (the <code>refusals</code> view). "
    s += "Each code comes with the rule behind it and what the event tried to do.</p>\n"
    if refusals.isEmpty { return s + "<p class=\"empty\">No event was refused.</p>\n</section>\n" }
    var table = HTML.Table(["Date", "Event", "Action", "Order", "Code", "Why"], cls: "refusals", columns: ["nowrap"])
    for r in refusals.prefix(Self.rowLimit) {
      let event = r.eventID ?? r.line.map { "line \($0)" } ?? "#\(r.seq)"
      let rule = RefusalCode(rawValue: r.code)?.rule ?? ""
      let why = (rule.isEmpty ? "" : HTML.prose(rule)) + "<span class=\"detail\">\(HTML.prose(r.message))</span>"
      table.add(["\(r.date)", HTML.text(event), HTML.text(r.action), r.orderID.map { HTML.code($0) } ?? "-", HTML.code(r.code), why])
    }
    s += table.html
    s += more(refusals.count, "refused events", "sqlite3 \(ledgerLabel) 'SELECT * FROM refusals'")
    return s + "</section>\n"
  }
}
