import ACSADomain
import ACSAFiles
import ACSASimulation
import Foundation

/// `acsa run --runs N --html PATH`: one self-contained page (inline CSS and SVG, no
/// script, no external resource) for planners: per direction a histogram of what is
/// owed at the end over the runs, the chance of each finding, and the breakdown by
/// generator.
public struct MonteCarloPage {
  let analysis: MonteCarloAnalysis
  let scenarioName: String
  let scenarioFile: String
  /// Says that every run is the same (no generators), when it is.
  let note: String?
  /// The explanation of negative figures, when there are any.
  let negatives: String?
  let version: String

  public init(
    analysis: MonteCarloAnalysis, scenarioName: String, scenarioFile: String, note: String?, negatives: String?, version: String
  ) {
    self.analysis = analysis
    self.scenarioName = scenarioName
    self.scenarioFile = scenarioFile
    self.note = note
    self.negatives = negatives
    self.version = version
  }

  /// The number of bars of a histogram.
  static let bins = 12

  var currency: Currency { analysis.currency }

  func money(_ minor: Int64) -> String { Money(minor, currency).formatted }

  static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

  /// `1.2M`, `350k`, `42`: a bin's lower bound in major units, short enough for an axis.
  func short(_ minor: Int64) -> String {
    var scale = 1.0
    for _ in 0..<currency.minorDigits { scale *= 10 }
    let major = Double(minor) / scale
    let size = abs(major)
    if size >= 1e9 { return String(format: "%.1fG", major / 1e9) }
    if size >= 1e6 { return String(format: "%.1fM", major / 1e6) }
    if size >= 1e3 { return String(format: "%.0fk", major / 1e3) }
    return String(format: "%.0f", major)
  }

  /// A histogram of `values` (minor units of `currency`): `bins` equal bins from the
  /// smallest to the largest run, one bar each, its height the number of runs in it.
  func histogram(_ values: [Int64], title: String, id: String, colour: String) -> String {
    guard let low = values.min(), let high = values.max() else { return "" }
    var groups: [BarChart.Group] = []
    if low == high {
      groups = [
        BarChart.Group(
          label: short(low), bars: [BarChart.Bar(units: Int64(values.count), label: "\(values.count)", detail: "every run: \(money(low))")])
      ]
    } else {
      let width = max((high - low + Int64(Self.bins) - 1) / Int64(Self.bins), 1)
      var counts = Array(repeating: 0, count: Self.bins)
      for v in values { counts[min(Int((v - low) / width), Self.bins - 1)] += 1 }
      for (i, n) in counts.enumerated() {
        let from = low + width * Int64(i)
        let to = i == Self.bins - 1 ? high : from + width - 1
        groups.append(
          BarChart.Group(
            label: short(from),
            bars: [BarChart.Bar(units: Int64(n), label: n == 0 ? "" : "\(n)", detail: "\(n) runs from \(money(from)) to \(money(to))")]))
      }
    }
    let chart = BarChart(
      title: title, unit: "runs", digits: 0, series: [("runs", colour)], groups: groups, emptyNote: "no run")
    return chart.svg(id: id)
  }

  public func html() -> String {
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<meta name=\"generator\" content=\"acsa \(HTML.text(version))\">\n"
    page += "<title>\(HTML.text("ACSA Monte Carlo: " + scenarioName))</title>\n"
    page += "<style>\n\(ReportStyle.css)</style>\n</head>\n<body>\n<main>\n"
    let last = analysis.firstSeed &+ UInt64(max(analysis.runs - 1, 0))
    page += "<p class=\"kicker\">acsa Monte Carlo</p>\n<h1>\(HTML.text(scenarioName))</h1>\n"
    page += "<p class=\"lead\">\(analysis.runs) runs of \(HTML.code(scenarioFile)), seeds \(analysis.firstSeed) to \(last): "
    page += "what each party owes the other at the end of \(analysis.valuationDate), in the creditor's book, valued in "
    page += "\(HTML.text(currency.code)) at the rates in effect that day"
    if !analysis.rates.isEmpty { page += " (" + HTML.text(analysis.rates.joined(separator: "; ")) + ")" }
    page += "; what is owed in kind at the creditor's catalog price that day (acsa's choice of yardstick).</p>\n"
    if let note { page += "<p class=\"warning\">\(HTML.prose(note))</p>\n" }
    if !analysis.unvalued.isEmpty {
      page += "<p class=\"warning\">Not valued (no rate or price that day): \(HTML.text(analysis.unvalued.joined(separator: ", "))).</p>\n"
    }

    page += "<section id=\"owed\">\n<h2>What is owed at the end</h2>\n"
    let colours = ChartPalette.directions
    for (i, d) in analysis.directions.enumerated() {
      let key = "\(d.debtor)>\(d.creditor)"
      let values = analysis.directionValues[key] ?? []
      let title = "\(d.debtor) owes \(d.creditor) at the end, valued in \(currency.code): runs per bin"
      page += "<figure class=\"histogram\">\n<figcaption><strong>\(HTML.text(d.debtor)) owes \(HTML.text(d.creditor))</strong>: "
      page += "how many runs end with each amount (\(Self.bins) bins from the smallest to the largest).</figcaption>\n"
      page += histogram(values, title: title, id: "owed-\(i)", colour: colours[i % colours.count]) + "\n</figure>\n"
    }
    var spread = HTML.Table(
      ["Who owes whom", "min", "p5", "p50", "p95", "max", "mean"], columns: ["nowrap", "num", "num", "num", "num", "num", "num"])
    for d in analysis.directions {
      let v = d.value
      spread.add(
        [HTML.text("\(d.debtor) owes \(d.creditor)")]
          + [v.min, v.p5, v.p50, v.p95, v.max, Int64(v.mean.rounded())].map { HTML.text(money($0)) })
    }
    page += spread.html
    if let threshold = analysis.threshold {
      var parts = analysis.directions.compactMap { d in
        d.overThreshold.map { "\(d.debtor) owes \(d.creditor) in \(proportion($0)) of runs" }
      }
      if let either = analysis.eitherOverThreshold { parts.append("either direction in \(proportion(either))") }
      page += "<p>Above \(HTML.text(threshold.formatted)): \(HTML.text(parts.joined(separator: "; "))).</p>\n"
    }
    if let negatives { page += "<p class=\"detail\">\(HTML.prose(negatives))</p>\n" }
    var keys = HTML.Table(
      ["Who owes whom", "Kind", "Commodity", "p5", "p50", "p95", "mean", "Mean value"],
      columns: ["nowrap", "nowrap", "nowrap", "num", "num", "num", "num", "num"])
    for r in analysis.owed {
      let k = r.key
      func u(_ x: Int64) -> String {
        k.kind == .inKind ? "\(Quantity(milli: x).formatted) \(r.unit ?? "")" : Money(x, Currency(code: k.commodity) ?? currency).formatted
      }
      keys.add([
        HTML.text("\(k.debtor) owes \(k.creditor)"), HTML.text(k.kind.rawValue.replacingOccurrences(of: "_", with: " ")),
        HTML.code(k.commodity),
        HTML.text(u(r.units.p5)), HTML.text(u(r.units.p50)), HTML.text(u(r.units.p95)), HTML.text(u(Int64(r.units.mean.rounded()))),
        r.value.map { HTML.text(money(Int64($0.mean.rounded()))) } ?? "-",
      ])
    }
    if !analysis.owed.isEmpty { page += "<h3>By kind and commodity</h3>\n" + keys.html }
    page += "</section>\n"

    page += "<section id=\"findings\">\n<h2>How likely each finding is</h2>\n"
    let chart = BarChart(
      title: "Share of runs with at least one finding of each code, in per cent", unit: "% of runs", digits: 1,
      series: [("runs with one", ChartPalette.directions[1])],
      groups: analysis.findings.map { r in
        let tenths = Int64((r.atLeastOne.estimate * 1000).rounded())
        return BarChart.Group(
          label: r.code.rawValue.replacingOccurrences(of: "_", with: " "),
          bars: [BarChart.Bar(units: tenths, label: Self.percent(r.atLeastOne.estimate), detail: proportion(r.atLeastOne))])
      }, emptyNote: "no finding in any run")
    page += "<figure class=\"findings\">\n<figcaption><strong>Runs with at least one finding</strong>, by code.</figcaption>\n"
    page += chart.svg(id: "findings") + "\n</figure>\n"
    var table = HTML.Table(
      ["Code", "Runs with one", "95% interval", "Orders per run (mean)", "p95", "max"],
      columns: ["nowrap", "num", "num", "num", "num", "num"])
    for r in analysis.findings {
      let (low, high) = r.atLeastOne.interval
      table.add([
        HTML.code(r.code.rawValue), HTML.text(Self.percent(r.atLeastOne.estimate)),
        HTML.text("\(Self.percent(low)) to \(Self.percent(high))"),
        String(format: "%.2f", r.orders.mean), "\(r.orders.p95)", "\(r.orders.max)",
      ])
    }
    page += table.html
    page += "<p class=\"detail\">The interval is the 95% Wilson score interval of the share over \(analysis.runs) runs.</p>\n</section>\n"

    if !analysis.groups.isEmpty {
      page += "<section id=\"generators\">\n<h2>By generator</h2>\n"
      page += "<p>Means per run: the orders each generator places, what they leave owed at the end (valued in "
      page += "\(HTML.text(currency.code))), and the orders with each finding.</p>\n"
      let codes = FindingCode.allCases.filter { code in analysis.groups.contains { ($0.findings[code] ?? 0) > 0 } }
      let directions = analysis.directions.map { ("\($0.debtor)>\($0.creditor)", "\($0.debtor) owes \($0.creditor)") }
      var g = HTML.Table(
        ["Generator", "Orders"] + directions.map(\.1) + codes.map(\.rawValue),
        columns: ["nowrap"] + Array(repeating: "num", count: 1 + directions.count + codes.count))
      for row in analysis.groups {
        g.add(
          [HTML.code(row.name), String(format: "%.1f", row.orders)]
            + directions.map { HTML.text(money(Int64((row.owedValue[$0.0] ?? 0).rounded()))) }
            + codes.map { String(format: "%.2f", row.findings[$0] ?? 0) })
      }
      page += g.html + "</section>\n"
    }
    page += "<footer>Written by acsa \(HTML.text(version)) from \(HTML.code(scenarioFile)).</footer>\n"
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  func proportion(_ p: MonteCarloAnalysis.Proportion) -> String {
    let (low, high) = p.interval
    return "\(Self.percent(p.estimate)) (95% interval \(Self.percent(low)) to \(Self.percent(high)))"
  }

  /// Writes the page atomically, only over a page acsa wrote (or nothing), never over
  /// `inputs`.
  public func write(to path: String, inputs: [String]) throws {
    let output = try AtomicOutput(path: path, kind: HTMLReport.pageKind, inputs: inputs)
    try output.write(html())
    try output.commit()
  }
}
