import ACSAAudit
import ACSADomain
import ACSALedger

/// The page's header, the agreement and the parties, and the appendix (catalog, rates).
extension HTMLReport {
  func header() -> String {
    let info = ledger.info
    var s = "<header>\n<p class=\"kicker\">Acquisition and Cross-Servicing Agreement: ledger report</p>\n"
    s += "<h1>\(HTML.text(info.scenarioName))</h1>\n"
    if let d = ledger.scenarioDescription, !d.isEmpty { s += "<p class=\"lead\">\(HTML.prose(d))</p>\n" }
    s += "<dl class=\"facts\">\n"
    s += fact("Scenario", HTML.text(info.scenarioName))
    s += fact("Period", "\(ledger.start) to \(ledger.end)")
    s += fact("As of", asOf == ledger.lastDay ? "\(asOf) (\(ledger.clock == nil ? "the end of the run" : "the exercise's clock"))" : "the end of \(asOf)")
    s += fact(
      "Parties",
      parties.map { "\(HTML.code($0.id)) \(HTML.text($0.name)) (\(HTML.text($0.currency.code)))" }
        .joined(separator: "<br>"))
    s += fact("Ledger", HTML.code(ledgerLabel))
    let books = ledger.books.count == 1 ? "\(ledger.books[0]) only (an exported book)" : ledger.books.joined(separator: " and ")
    s += fact("Books", HTML.text(books))
    s += fact("ledger_digest", "<span class=\"code digest\">\(HTML.text(info.digest))</span>")
    s += "</dl>\n<ul class=\"summary\">\n"
    var summary = [
      Self.plural(Set(orders.map(\.orderID)).count, "order"), Self.plural(refusals.count, "refused event"),
      Self.plural(audit.items.count, "finding"),
    ]
    if ledger.books.count == 2 {
      summary.append(history.differing.isEmpty ? "the two books agree on the balances" : "the two books differ on the balances")
    }
    if !audit.integrity.isEmpty { summary.append(Self.plural(audit.integrity.count, "integrity problem")) }
    s += summary.map { "<li>\(HTML.prose($0))</li>\n" }.joined()
    s += "</ul>\n</header>\n"
    return s
  }

  func fact(_ term: String, _ value: String) -> String { "<dt>\(HTML.text(term))</dt><dd>\(value)</dd>\n" }

  func agreementSection() -> String {
    let fw = ledger.framework
    let a = fw.agreement
    var s = "<section id=\"agreement\">\n<h2>The agreement and the parties</h2>\n<dl class=\"facts\">\n"
    s += fact("Agreement", HTML.code(a.id))
    if let signed = a.signed { s += fact("Signed", "\(signed)") }
    s += fact("In force", "\(a.inForce)")
    s += fact(
      "Tax-exempt",
      a.taxExempt
        ? "yes: supplies and services provided under this agreement are free of tax"
        : "no: the agreement does not exempt provision from tax")
    s += fact("Settlement deadline", "\(a.settlement) after delivery")
    s += fact("Payment", "due \(a.paymentDays) days after the invoice; billing \(HTML.text(a.billing.rawValue))")
    s += fact(
      "Past the deadline",
      a.deadlinePolicy == .convert
        ? "what is still owed in kind or in equal value is converted into a cash claim"
        : "it stays open and the audit reports it")
    s += fact("Offsets", a.offsetAllowed ? "allowed" : "not allowed")
    let activities = ActivityType.allCases.filter(a.activities.contains).map(\.rawValue)
    s += fact("Covered activities", codes(activities))
    let categories = Category.allCases.filter(a.categories.contains).map(\.rawValue)
    s += fact("Covered categories", codes(categories) + " <span class=\"detail\">(weapons are never covered)</span>")
    // Format 1.4's settings, where the scenario uses them.
    if a.format != .v1_3 { s += fact("Scenario format", HTML.code(a.format.rawValue)) }
    if a.claimDays != a.paymentDays { s += fact("Claims", "recorded within \(a.claimDays) days of delivery") }
    if a.paymentCurrency == .either { s += fact("Payment currency", "either party's, converted at the day's rate") }
    for (category, types) in a.categoryActivities.sorted(by: { $0.key < $1.key }) {
      s += fact(
        "Covered only for", HTML.code(category.rawValue) + ": " + codes(ActivityType.allCases.filter(types.contains).map(\.rawValue)))
    }
    if let years = a.termYears, let end = a.termEnd { s += fact("Term", "\(years) years: orders until \(end)") }
    if let terminated = a.terminated { s += fact("Terminated", "\(terminated): no order from that day") }
    if !a.requiredOrderFields.isEmpty { s += fact("Every order records", codes(a.requiredOrderFields.map(\.rawValue))) }
    for p in parties where !p.signatories.isEmpty {
      let names = p.signatories.map { x in
        "\(HTML.text(x.name)) (\(HTML.code(x.id))\(x.limit.map { ", up to " + HTML.text($0.formatted) } ?? ", no limit"))"
      }
      s += fact("Signatories of \(p.id)", names.joined(separator: "<br>"))
    }
    s += "</dl>\n"

    var partyTable = HTML.Table(["Party", "Name", "Currency", "Fiscal year from", "Units"])
    for p in parties {
      let units = fw.units.values.filter { $0.party == p.id }.sorted { $0.id < $1.id }
      let unitText = units.map { "\(HTML.code($0.id)) \(HTML.text($0.name))" }.joined(separator: "<br>")
      partyTable.add([HTML.code(p.id), HTML.text(p.name), HTML.text(p.currency.code), HTML.text(p.fiscalYearStart.description), unitText])
    }
    s += "<h3>Parties and units</h3>\n" + partyTable.html

    s += "<h3>Activities</h3>\n"
    if fw.activities.isEmpty {
      s += "<p>No activity is declared.</p>\n"
    } else {
      var table = HTML.Table(["Activity", "Type", "Period", "Name"])
      for act in fw.activities.values.sorted(by: { $0.id < $1.id }) {
        let period = "\(act.start?.description ?? "…") to \(act.end?.description ?? "…")"
        table.add([HTML.code(act.id), HTML.text(act.type.rawValue), HTML.text(period), HTML.text(act.name ?? "")])
      }
      s += table.html
    }
    return s + "</section>\n"
  }

  func codes(_ list: [String]) -> String {
    list.isEmpty ? "none" : list.map { HTML.code($0) }.joined(separator: ", ")
  }

  func appendixSection() -> String {
    let fw = ledger.framework
    var s = "<section id=\"catalog\">\n<h2>Catalog and exchange rates</h2>\n"
    s += "<p>Each party's own-force prices, from the date given; provisions are valued at the provider's price.</p>\n"
    var catalog = HTML.Table(["Item", "Name", "Category", "Kind", "Unit", "Prices"])
    for item in fw.items.values.sorted(by: { $0.id < $1.id }) {
      var name = HTML.text(item.name ?? "")
      if let e = item.equivalentTo { name += " <span class=\"detail\">equivalent to \(HTML.text(e))</span>" }
      let prices = item.prices.map {
        "<span class=\"nowrap\">\(HTML.text($0.party)) from \($0.from): \(HTML.text($0.price.formatted))</span>"
      }
      .joined(separator: "<br>")
      let cells = [
        HTML.code(item.id), name, HTML.text(item.category.rawValue), HTML.text(item.kind.rawValue), HTML.text(item.unit), prices,
      ]
      catalog.add(cells, classes: [nil, nil, item.category == .weapons ? "excluded" : nil])
    }
    s += catalog.html
    if fw.rateList.isEmpty {
      s += "<p>No exchange rate is recorded.</p>\n"
    } else {
      var rates = HTML.Table(["Date", "Rate", "Source"], cls: "narrow")
      for r in fw.rateList.sorted(by: { ($0.date, $0.base.code) < ($1.date, $1.base.code) }) {
        rates.add(["\(r.date)", HTML.text("1 \(r.base.code) = \(r.rateText) \(r.quote.code)"), HTML.text(r.source ?? "")])
      }
      s += rates.html
    }
    return s + "</section>\n"
  }

  func footer() -> String {
    "<footer>Written by acsa \(HTML.text(version)) from \(HTML.code(ledgerLabel)) "
      + "(ledger_digest <span class=\"code digest\">\(HTML.text(ledger.info.digest))</span>). "
      + "Statuses are each book's at the end of the run; balances, aging and findings are as of \(asOf). "
      + "The same ledger always gives the same page.</footer>\n"
  }
}
