import ACSAAudit
import ACSADomain
import ACSALedger

/// Balances over time and open obligations by age, each as an inline SVG chart with a
/// table of its figures beneath.
extension HTMLReport {
  func balanceSection() -> String {
    var s = "<section id=\"balances\">\n<h2>Balances over time</h2>\n"
    let sources = directions.map { d in
      "\(direction(d.debtor, d.creditor)) as \(history.sourceBooks["\(d.debtor)>\(d.creditor)"] ?? d.creditor)'s book records it"
    }
    s += "<p>What each party owed the other at the end of each day from \(ledger.start) to \(asOf), from the ledger's daily "
    s += "balances. Amounts are not converted: there is one chart per currency (cash claims solid, equal value dashed) and one "
    s += "per item owed in kind (a quantity). Each direction is drawn from its creditor's book: "
    s += HTML.text(sources.joined(separator: "; ")) + ".</p>\n"
    if !history.differing.isEmpty {
      let names = history.differing.map { $0.split(separator: ">").joined(separator: " owes ") }
      s += "<p class=\"warning\">The two books differ on what \(HTML.text(names.joined(separator: " and "))) at the end of \(asOf): "
      s += "see the <code>book_mismatch</code> findings and <code>acsa reconcile</code>.</p>\n"
    }
    let axis = DateAxis(start: ledger.start, end: asOf)
    if history.charts.isEmpty {
      let chart = LineChart(
        title: "Balances over time: nothing owed", unit: "", axis: axis, digits: 0, series: [],
        emptyNote: asOf < ledger.start
          ? "Nothing owed yet: the run starts on \(ledger.start)" : "Nothing owed in either direction from \(ledger.start) to \(asOf)")
      s += "<figure class=\"balance\">\n<figcaption><strong>Nothing owed</strong>: "
      s += "neither party owed the other anything at the end of any day.</figcaption>\n"
      s += chart.svg(id: "balance-0") + "\n</figure>\n"
      return s + "</section>\n"
    }
    for (i, c) in history.charts.enumerated() {
      let itemUnit = ledger.framework.items[c.commodity]?.unit ?? ""
      let unit = c.isItem ? "\(c.commodity) (\(itemUnit))" : c.commodity
      let heading = c.isItem ? "In kind: \(c.commodity) (\(itemUnit))" : "Cash and equal value in \(c.commodity)"
      let series = c.series.map { line in
        LineChart.Series(label: label(line), colour: colour(line.debtor), dashed: line.kind == "equal_value", steps: line.steps)
      }
      let chart = LineChart(title: heading, unit: unit, axis: axis, digits: c.digits, series: series, emptyNote: "Nothing owed")
      s += "<figure class=\"balance\">\n<figcaption><strong>\(HTML.text(heading))</strong></figcaption>\n"
      s += chart.svg(id: "balance-\(i)") + "\n"
      var table = HTML.Table(
        ["Series", "Owed at the end of \(asOf)", "Highest", "First reached"], cls: "narrow", columns: [nil, "num", "num", nil])
      for line in c.series {
        let peak = line.peak
        let highest = peak.map { amount($0.units, c) } ?? "-"
        table.add([HTML.text(label(line)), HTML.text(amount(line.final, c)), HTML.text(highest), peak.map { "\($0.day)" } ?? "-"])
      }
      s += table.html + "</figure>\n"
    }
    return s + "</section>\n"
  }

  func label(_ line: BalanceHistory.Series) -> String {
    line.kind == "in_kind" ? direction(line.debtor, line.creditor) : "\(direction(line.debtor, line.creditor)), \(Self.kindText(line.kind))"
  }

  /// The colour of a direction: the first party's debts, then the second's.
  func colour(_ debtor: PartyID) -> String {
    debtor == parties[0].id ? ChartPalette.directions[0] : ChartPalette.directions[1]
  }

  func amount(_ units: Int64, _ chart: BalanceHistory.Chart) -> String {
    if chart.isItem {
      let unit = ledger.framework.items[chart.commodity]?.unit ?? ""
      return "\(Quantity(milli: units).formatted) \(unit)"
    }
    return chart.commodity + " " + Money.decimalText(units, chart.digits, grouped: true)
  }

  func agingSection() -> String {
    var s = "<section id=\"aging\">\n<h2>Open obligations by age</h2>\n"
    s += "<p>What was still owed at the end of \(asOf), by whole months since delivery (0-6, 6-12, 12-18, 18+), "
    s += "as <code>acsa audit</code> computes it; in-kind obligations are valued at the provider's price on the delivery date. "
    s += "The settlement deadline falls \(ledger.framework.agreement.settlement) after delivery.</p>\n"
    let display = parties[0].currency
    let sources = Dictionary(
      uniqueKeysWithValues: directions.map { d in
        ("\(d.debtor)>\(d.creditor)", history.sourceBooks["\(d.debtor)>\(d.creditor)"] ?? d.creditor)
      })
    let rows = audit.aging.filter { sources["\($0.debtor)>\($0.creditor)"] == $0.book }
    /// A row's value in the display currency, when it is in it or was converted to it.
    func displayed(_ r: AuditReport.AgingRow) -> Int64? {
      if r.value.value.currency == display { return r.value.value.minor }
      if let c = r.value.converted, c.currency == display { return c.minor }
      return nil
    }
    let byValue = rows.allSatisfy { displayed($0) != nil }
    let rate = rows.compactMap { $0.value.rate }.first
    var groups: [BarChart.Group] = []
    for bucket in AuditReport.buckets {
      let bars = directions.map { d -> BarChart.Bar in
        let inBucket = rows.filter { $0.bucket == bucket && $0.debtor == d.debtor && $0.creditor == d.creditor }
        if byValue {
          let sum = inBucket.reduce(Int64(0)) { $0 &+ (displayed($1) ?? 0) }
          let money = Money(sum, display)
          return BarChart.Bar(units: sum, label: Money.decimalText(sum, display.minorDigits, grouped: true), detail: money.formatted)
        }
        let count = inBucket.reduce(0) { $0 + $1.obligations }
        return BarChart.Bar(units: Int64(count), label: "\(count)", detail: Self.plural(count, "obligation"))
      }
      groups.append(BarChart.Group(label: "\(bucket) months", bars: bars))
    }
    let chart = BarChart(
      title: "Open obligations by months since delivery, as of \(asOf)", unit: byValue ? display.code : "obligations",
      digits: byValue ? display.minorDigits : 0,
      series: directions.map { (direction($0.debtor, $0.creditor), colour($0.debtor)) }, groups: groups,
      emptyNote: "Nothing owed at the end of \(asOf): no open obligation")
    var caption = "<strong>Open obligations by months since delivery</strong>"
    if chart.isEmpty {
      caption += ": nothing owed."
    } else if byValue {
      let how = rate.map { " (other currencies converted at \($0.summary), as the audit does)" } ?? ""
      caption += ", valued in \(HTML.text(display.code))\(HTML.text(how)); each direction from its creditor's book."
    } else {
      caption += ", counted (no exchange rate converts every value into \(HTML.text(display.code)));"
      caption += " each direction from its creditor's book."
    }
    s += "<figure class=\"aging\">\n<figcaption>\(caption)</figcaption>\n" + chart.svg(id: "aging") + "\n</figure>\n"
    if !audit.aging.isEmpty {
      var table = HTML.Table(
        ["Book", "Who owes whom", "Kind", "Months since delivery", "Obligations", "Value"],
        columns: ["nowrap", "nowrap", "nowrap", "nowrap", "num", nil])
      for r in audit.aging {
        let kind = Self.kindText(r.kind.rawValue)
        table.add([
          HTML.text("\(r.book) book"), HTML.text(direction(r.debtor, r.creditor)), HTML.text(kind), HTML.text(r.bucket),
          "\(r.obligations)", HTML.text(r.value.text),
        ])
      }
      s += table.html
    }
    return s + "</section>\n"
  }
}
