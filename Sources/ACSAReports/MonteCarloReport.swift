import ACSADomain
import ACSAFiles
import ACSAScenario
import ACSASimulation
import CSV
import Foundation

/// What `acsa run --runs N` prints (text or JSON) and writes (`--csv`).
public struct MonteCarloReport {
  public let scenario: Scenario
  public let analysis: MonteCarloAnalysis
  public let seconds: Double
  /// The runs asked for, when fewer were run (a scenario without generators: one).
  public let asked: Int

  public init(scenario: Scenario, analysis: MonteCarloAnalysis, seconds: Double, asked: Int) {
    self.scenario = scenario
    self.analysis = analysis
    self.seconds = seconds
    self.asked = asked
  }

  public var currency: Currency { analysis.currency }

  /// Units of a key in its own unit: `PHP 2,142,000.00`-style digits, or a quantity.
  public static func units(_ key: OpenTotal.Key, _ units: Int64, grouped: Bool = true) -> String {
    if key.kind == .inKind { return grouped ? Quantity(milli: units).formatted : Quantity(milli: units).description }
    guard let c = Currency(code: key.commodity) else { return String(units) }
    return Money.decimalText(units, c.minorDigits, grouped: grouped)
  }

  public func money(_ minor: Int64) -> String { Money.decimalText(minor, currency.minorDigits, grouped: true) }
  public func money(_ mean: Double) -> String { money(Int64(mean.rounded())) }

  public static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

  public static func proportion(_ p: MonteCarloAnalysis.Proportion) -> String {
    let (low, high) = p.interval
    return "\(percent(p.estimate)) (95% CI \(percent(low))-\(percent(high)))"
  }

  /// What the first lines say of the values.
  public var valuationNote: String {
    var note = "Values in \(currency.code) at the rates in effect on \(analysis.valuationDate)"
    if !analysis.rates.isEmpty { note += " (" + analysis.rates.joined(separator: "; ") + ")" }
    note += "; what is owed in kind at the creditor's catalog price that day (acsa's choice of yardstick)."
    if !analysis.unvalued.isEmpty {
      note += " Not valued (no rate or price that day): " + analysis.unvalued.joined(separator: ", ") + "."
    }
    return note
  }

  public var noGenerators: String? {
    guard scenario.generators.isEmpty else { return nil }
    return
      "This scenario has no generators: every run is the same whatever the seed, so one was run\(asked > 1 ? " instead of \(asked)" : "")."
  }

  /// The explanation of negative figures, when there are any.
  public var negatives: String? {
    let credits = analysis.owed.filter { $0.negativeRuns > 0 }
    guard !credits.isEmpty else { return nil }
    let which = credits.map {
      "\($0.key.debtor) owes \($0.key.creditor) \($0.key.kind.rawValue.replacingOccurrences(of: "_", with: " ")) \($0.key.commodity) (\($0.negativeRuns) runs)"
    }
    return "A negative figure is a credit: the creditor's book shows the debtor paid or returned more than it recorded as owed, "
      + "as when a settlement is recorded in a book that missed the delivery (the generators' `one_book` lapse). Credits occur in: "
      + which.joined(separator: "; ") + "."
  }

  public var text: String {
    var out: [String] = []
    let last = analysis.firstSeed &+ UInt64(max(analysis.runs - 1, 0))
    out.append(
      "Monte Carlo: \(analysis.runs) run\(analysis.runs == 1 ? "" : "s") of \"\(scenario.name)\", seeds \(analysis.firstSeed) to \(last), \(String(format: "%.1f", seconds)) s"
    )
    if let noGenerators { out.append(noGenerators) }
    out.append(valuationNote)
    out.append("")
    out.append("What is owed at the end (\(scenario.end)), per direction, in the creditor's book, valued in \(currency.code):")
    var d = TextTable(rightAligned: [1, 2, 3, 4, 5, 6])
    d.add(["", "min", "p5", "p50", "p95", "max", "mean"])
    for r in analysis.directions {
      let v = r.value
      d.add(["\(r.debtor) owes \(r.creditor)", money(v.min), money(v.p5), money(v.p50), money(v.p95), money(v.max), money(v.mean)])
    }
    out.append(d.render())
    if let threshold = analysis.threshold {
      let parts = analysis.directions.compactMap { r in r.overThreshold.map { "\(r.debtor) owes \(r.creditor) \(Self.proportion($0))" } }
      out.append(
        "  Above \(threshold.formatted): " + parts.joined(separator: "; ")
          + (analysis.eitherOverThreshold.map { "; either direction \(Self.proportion($0))" } ?? "") + ".")
    }
    out.append("")
    func section(_ title: String, _ rows: [MonteCarloAnalysis.KeyRow]) {
      out.append(title)
      guard !rows.isEmpty else {
        out.append("  nothing, in every run")
        return
      }
      var t = TextTable(rightAligned: [4, 5, 6, 7, 8, 9, 10])
      t.add(["", "kind", "commodity", "unit", "min", "p5", "p50", "p95", "max", "mean", "mean value (\(currency.code))"])
      for r in rows {
        let k = r.key
        let u = r.units
        t.add([
          "\(k.debtor) owes \(k.creditor)", k.kind.rawValue.replacingOccurrences(of: "_", with: " "), k.commodity, r.unit ?? k.commodity,
          Self.units(k, u.min), Self.units(k, u.p5), Self.units(k, u.p50), Self.units(k, u.p95), Self.units(k, u.max),
          Self.units(k, Int64(u.mean.rounded())), r.value.map { money($0.mean) } ?? "-",
        ])
      }
      out.append(t.render())
    }
    section("By kind and commodity, in its own unit:", analysis.owed)
    out.append("")
    section("Of which past the 12-month deadline:", analysis.overdue)
    if let negatives {
      out.append("")
      out.append(negatives)
    }
    out.append("")
    out.append("Findings at the end: the share of runs with at least one, and orders per run:")
    var t = TextTable(rightAligned: [1, 2, 3, 4, 5, 6])
    t.add(["", "runs with one", "95% CI", "mean", "p50", "p95", "max"])
    for r in analysis.findings {
      let (low, high) = r.atLeastOne.interval
      t.add([
        r.code.rawValue, Self.percent(r.atLeastOne.estimate), "\(Self.percent(low))-\(Self.percent(high))",
        String(format: "%.1f", r.orders.mean),
        String(r.orders.p50), String(r.orders.p95), String(r.orders.max),
      ])
    }
    let refused = analysis.refused
    t.add(["refused events", "", "", String(format: "%.1f", refused.mean), String(refused.p50), String(refused.p95), String(refused.max)])
    out.append(t.render())
    if !analysis.groups.isEmpty {
      out.append("")
      out.append("By generator (means per run: orders placed, what they leave owed valued in \(currency.code), orders with each finding):")
      let codes = FindingCode.allCases.filter { code in analysis.groups.contains { ($0.findings[code] ?? 0) > 0 } }
      let directions = analysis.directions.map { "\($0.debtor)>\($0.creditor)" }
      var g = TextTable(rightAligned: Set(1...(1 + directions.count + codes.count)))
      g.add(["", "orders"] + analysis.directions.map { "\($0.debtor) owes \($0.creditor)" } + codes.map(\.rawValue))
      for row in analysis.groups {
        g.add(
          [row.name, String(format: "%.1f", row.orders)] + directions.map { money(row.owedValue[$0] ?? 0) }
            + codes.map { String(format: "%.2f", row.findings[$0] ?? 0) })
      }
      out.append(g.render())
    }
    return out.joined(separator: "\n")
  }

  // MARK: - JSON

  public struct JSON: Encodable {
    public struct Spread: Encodable {
      public let min: Int64
      public let p5: Int64
      public let p50: Int64
      public let p95: Int64
      public let max: Int64
      public let mean: Double
      public init(_ s: MonteCarloAnalysis.Spread) {
        (min, p5, p50, p95, max) = (s.min, s.p5, s.p50, s.p95, s.max)
        mean = (s.mean * 1000).rounded() / 1000
      }
    }
    public struct Proportion: Encodable {
      public let runs_with: Int
      public let runs: Int
      public let estimate: Double
      public let low: Double
      public let high: Double
      public init(_ p: MonteCarloAnalysis.Proportion) {
        runs_with = p.hits
        runs = p.runs
        estimate = (p.estimate * 1e6).rounded() / 1e6
        low = (p.interval.low * 1e6).rounded() / 1e6
        high = (p.interval.high * 1e6).rounded() / 1e6
      }
    }
    public struct Direction: Encodable {
      public let debtor: String
      public let creditor: String
      public let value: Spread
      public let above_threshold: Proportion?
    }
    public struct Row: Encodable {
      public let debtor: String
      public let creditor: String
      public let kind: String
      public let commodity: String
      public let unit: String?
      public let units: Spread
      public let value: Spread?
      public let runs_with_credit: Int
    }
    public struct FindingRow: Encodable {
      public let code: String
      public let runs_with_one: Proportion
      public let orders: Spread
    }
    public struct Group: Encodable {
      public let generator: String
      public let orders: Double
      public let owed_value: [String: Double]
      public let findings: [String: Double]
    }
    public let scenario: String
    public let runs: Int
    public let runs_asked: Int
    public let note: String?
    public let first_seed: UInt64
    public let seconds: Double
    public let currency: String
    public let valued_on: String
    public let rates: [String]
    public let threshold: String?
    public let directions: [Direction]
    public let above_threshold_either: Proportion?
    public let owed: [Row]
    public let overdue: [Row]
    public let findings: [FindingRow]
    public let refused: Spread
    public let generators: [Group]
  }

  public var json: JSON {
    let a = analysis
    func rows(_ r: [MonteCarloAnalysis.KeyRow]) -> [JSON.Row] {
      r.map {
        JSON.Row(
          debtor: $0.key.debtor, creditor: $0.key.creditor, kind: $0.key.kind.rawValue, commodity: $0.key.commodity, unit: $0.unit,
          units: JSON.Spread($0.units), value: $0.value.map(JSON.Spread.init), runs_with_credit: $0.negativeRuns)
      }
    }
    func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
    return JSON(
      scenario: scenario.name, runs: a.runs, runs_asked: asked, note: noGenerators, first_seed: a.firstSeed,
      seconds: (seconds * 100).rounded() / 100, currency: currency.code, valued_on: a.valuationDate.description, rates: a.rates,
      threshold: a.threshold?.description,
      directions: a.directions.map {
        JSON.Direction(
          debtor: $0.debtor, creditor: $0.creditor, value: JSON.Spread($0.value),
          above_threshold: $0.overThreshold.map(JSON.Proportion.init))
      },
      above_threshold_either: a.eitherOverThreshold.map(JSON.Proportion.init), owed: rows(a.owed), overdue: rows(a.overdue),
      findings: a.findings.map {
        JSON.FindingRow(code: $0.code.rawValue, runs_with_one: JSON.Proportion($0.atLeastOne), orders: JSON.Spread($0.orders))
      },
      refused: JSON.Spread(a.refused),
      generators: a.groups.map { g in
        JSON.Group(
          generator: g.name, orders: round(g.orders), owed_value: g.owedValue.mapValues(round),
          findings: Dictionary(uniqueKeysWithValues: g.findings.map { ($0.key.rawValue, round($0.value)) }))
      })
  }

  // MARK: - CSV

  /// What `--csv` replaces: a file acsa wrote there before (its header).
  public static let csvKind = OutputKind.text("a Monte Carlo CSV written by acsa", firstLine: "seed,refused_events,")

  /// Every run, one row each: its seed, refused events, what each direction owes valued
  /// in the report's currency, what is owed and overdue per kind and commodity (in its
  /// own unit, as a decimal), and the orders with each finding.
  public func csv(_ summary: MonteCarlo.Summary) throws -> String {
    let writer = try CSVWriter(stream: .toMemory())
    let directions = analysis.directions.map { ($0.debtor, $0.creditor) }
    let owedKeys = analysis.owed.map(\.key)
    let overdueKeys = analysis.overdue.map(\.key)
    let codes = analysis.findings.map(\.code)
    func name(_ k: OpenTotal.Key) -> String { "\(k.debtor)_\(k.creditor)_\(k.kind.rawValue)_\(k.commodity)" }
    try writer.write(
      row: ["seed", "refused_events"] + directions.map { "value_\($0.0)_owes_\($0.1)_\(currency.code)" }
        + owedKeys.map { "owed_" + name($0) }
        + overdueKeys.map { "overdue_" + name($0) } + codes.map { "findings_" + $0.rawValue })
    for (i, o) in summary.outcomes.enumerated() {
      var row = [String(o.seed), String(o.refused)]
      row += directions.map { d in
        Money.decimalText(analysis.directionValues["\(d.0)>\(d.1)"]?[i] ?? 0, currency.minorDigits, grouped: false)
      }
      row += owedKeys.map { Self.units($0, o.owed[$0] ?? 0, grouped: false) }
      row += overdueKeys.map { Self.units($0, o.overdue[$0] ?? 0, grouped: false) }
      row += codes.map { String(o.findings[$0] ?? 0) }
      try writer.write(row: row)
    }
    writer.stream.close()
    let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
