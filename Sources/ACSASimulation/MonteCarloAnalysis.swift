import ACSADomain
import ACSAScenario
import Foundation

/// What a planner reads from many replications: what is owed at the end, per direction
/// and valued in one currency, with its spread; how likely each finding is; how likely
/// what is owed is to exceed a threshold; and which generator the amounts and findings
/// come from.
///
/// Percentiles are nearest-rank (the value of the ceil(p·n/100)-th smallest run);
/// probabilities come with a 95% Wilson score interval. Values are in one currency at
/// the rates in effect on the scenario's last day; what is owed in kind is valued at the
/// creditor's catalog price that day (acsa's choice: a planner's single yardstick, not
/// how a real claim would be priced, which is at the delivery date's price).
public struct MonteCarloAnalysis: Sendable {
  /// The spread of a figure over the runs.
  public struct Spread: Sendable, Hashable {
    public let min: Int64
    public let p5: Int64
    public let p50: Int64
    public let p95: Int64
    public let max: Int64
    public let mean: Double

    public init(_ values: [Int64]) {
      let sorted = values.sorted()
      let n = sorted.count
      guard n > 0 else {
        (min, p5, p50, p95, max, mean) = (0, 0, 0, 0, 0, 0)
        return
      }
      func rank(_ p: Int) -> Int64 { sorted[Swift.max(0, (p * n + 99) / 100 - 1)] }
      min = sorted[0]
      p5 = rank(5)
      p50 = rank(50)
      p95 = rank(95)
      max = sorted[n - 1]
      mean = sorted.reduce(0.0) { $0 + Double($1) } / Double(n)
    }
  }

  /// How often something happened: `hits` of `runs`, with a 95% Wilson score interval.
  public struct Proportion: Sendable, Hashable {
    public let hits: Int
    public let runs: Int

    public init(hits: Int, runs: Int) {
      self.hits = hits
      self.runs = runs
    }

    public var estimate: Double { runs == 0 ? 0 : Double(hits) / Double(runs) }

    /// The 95% Wilson score interval: right at 0 and n hits, where the normal
    /// approximation would give a width of zero.
    public var interval: (low: Double, high: Double) {
      guard runs > 0 else { return (0, 1) }
      let z = 1.959963984540054
      let n = Double(runs)
      let p = estimate
      let denominator = 1 + z * z / n
      let centre = (p + z * z / (2 * n)) / denominator
      let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
      // At 0 and n hits the bound is exactly 0 or 1 (rounding would leave a trace).
      return (hits == 0 ? 0 : Swift.max(0, centre - half), hits == runs ? 1 : Swift.min(1, centre + half))
    }
  }

  /// One (debtor, creditor, kind, commodity): its units and, when it can be valued, its
  /// value; `negativeRuns`: the runs in which the creditor's book shows a credit.
  public struct KeyRow: Sendable {
    public let key: OpenTotal.Key
    /// The item's unit, for what is owed in kind.
    public let unit: String?
    public let units: Spread
    public let value: Spread?
    public let negativeRuns: Int
  }

  /// What one party owes the other, valued.
  public struct DirectionRow: Sendable {
    public let debtor: PartyID
    public let creditor: PartyID
    public let value: Spread
    /// The runs in which it exceeded the threshold (with `threshold`).
    public let overThreshold: Proportion?
  }

  public struct FindingRow: Sendable {
    public let code: FindingCode
    /// The runs with at least one order with the finding.
    public let atLeastOne: Proportion
    /// Orders with the finding, per run.
    public let orders: Spread
  }

  /// A generator (or the scripted orders): means per run.
  public struct GroupRow: Sendable {
    public let name: String
    public let orders: Double
    /// What its orders leave owed at the end, valued, per direction (`debtor>creditor`).
    public let owedValue: [String: Double]
    /// Orders with each finding, per run.
    public let findings: [FindingCode: Double]
  }

  public let runs: Int
  public let firstSeed: UInt64
  public let currency: Currency
  public let valuationDate: Day
  /// The rates used, as text (`1 JPY = 0.3871 PHP on 2026-09-01, ...`).
  public let rates: [String]
  public let directions: [DirectionRow]
  public let owed: [KeyRow]
  public let overdue: [KeyRow]
  public let findings: [FindingRow]
  public let refused: Spread
  /// The threshold, in `currency`, and the runs in which either direction exceeded it.
  public let threshold: Money?
  public let eitherOverThreshold: Proportion?
  /// Per generator, then the scripted orders (empty without generators).
  public let groups: [GroupRow]
  /// What could not be valued (no rate or no price on the valuation date).
  public let unvalued: [String]
  /// Each run's direction values, in run order, keyed `debtor>creditor` (for the
  /// histograms and the CSV).
  public let directionValues: [String: [Int64]]

  /// The value in `currency` of `units` of a key, at the rates and prices of `date`.
  static func value(_ key: OpenTotal.Key, units: Int64, framework: Framework, currency: Currency, date: Day) -> (Money, RateUse?)? {
    let amount: Money
    switch key.kind {
    case .inKind:
      guard let price = framework.items[key.commodity]?.price(for: key.creditor, on: date),
        let total = try? price.times(Quantity(milli: units))
      else { return nil }
      amount = total
    case .cash, .equalValue:
      guard let c = Currency(code: key.commodity) else { return nil }
      amount = Money(units, c)
    }
    guard let converted = try? framework.rates.convert(amount, to: currency, on: date) else { return nil }
    return converted
  }

  public init(scenario: Scenario, summary: MonteCarlo.Summary, currency: Currency, threshold: Money?) {
    let framework = scenario.framework
    let date = scenario.end
    let outcomes = summary.outcomes
    runs = outcomes.count
    firstSeed = summary.firstSeed
    self.currency = currency
    valuationDate = date
    var rateTexts: Set<String> = []
    var unvalued: Set<String> = []
    func value(_ key: OpenTotal.Key, _ units: Int64) -> Int64? {
      guard let (money, use) = Self.value(key, units: units, framework: framework, currency: currency, date: date) else {
        unvalued.insert("\(key.kind == .inKind ? "in kind " : "")\(key.commodity)")
        return nil
      }
      if let use { rateTexts.insert(use.summary) }
      return money.minor
    }
    func rows(_ pick: (MonteCarlo.Outcome) -> [OpenTotal.Key: Int64]) -> [KeyRow] {
      Set(outcomes.flatMap { pick($0).keys }).sorted().map { key in
        let units = outcomes.map { pick($0)[key] ?? 0 }
        let values = units.map { value(key, $0) }
        return KeyRow(
          key: key, unit: key.kind == .inKind ? framework.items[key.commodity]?.unit : nil, units: Spread(units),
          value: values.contains(nil) ? nil : Spread(values.compactMap { $0 }), negativeRuns: units.filter { $0 < 0 }.count)
      }
    }
    owed = rows(\.owed)
    overdue = rows(\.overdue)
    // Each direction, valued run by run.
    let parties = framework.partyIDs
    var pairs: [(PartyID, PartyID)] = []
    for a in parties { for b in parties where a != b { pairs.append((a, b)) } }
    var perDirection: [String: [Int64]] = [:]
    for (debtor, creditor) in pairs {
      perDirection["\(debtor)>\(creditor)"] = outcomes.map { o in
        o.owed.filter { $0.key.debtor == debtor && $0.key.creditor == creditor }.reduce(Int64(0)) { sum, entry in
          sum &+ (value(entry.key, entry.value) ?? 0)
        }
      }
    }
    directionValues = perDirection
    let limit: Money? = threshold.flatMap { t in
      t.currency == currency ? t : (try? framework.rates.convert(t, to: currency, on: date))?.0
    }
    self.threshold = limit
    directions = pairs.map { debtor, creditor in
      let values = perDirection["\(debtor)>\(creditor)"] ?? []
      return DirectionRow(
        debtor: debtor, creditor: creditor, value: Spread(values),
        overThreshold: limit.map { l in Proportion(hits: values.filter { $0 > l.minor }.count, runs: values.count) })
    }
    eitherOverThreshold = limit.map { l in
      let hits = (0..<outcomes.count).filter { i in perDirection.values.contains { $0[i] > l.minor } }.count
      return Proportion(hits: hits, runs: outcomes.count)
    }
    findings = FindingCode.judged(under: scenario.framework.agreement).map { code in
      let counts = outcomes.map { Int64($0.findings[code] ?? 0) }
      return FindingRow(
        code: code, atLeastOne: Proportion(hits: counts.filter { $0 > 0 }.count, runs: counts.count), orders: Spread(counts))
    }
    refused = Spread(outcomes.map { Int64($0.refused) })
    // Per generator, then the scripted orders.
    var groups: [GroupRow] = []
    if !scenario.generators.isEmpty, runs > 0 {
      let names = scenario.generators.map(\.name) + ["(scripted orders)"]
      for (index, name) in names.enumerated() {
        let present = outcomes.compactMap { $0.groups[index] }
        if index == scenario.generators.count && present.allSatisfy({ $0.orders == 0 }) { continue }
        let n = Double(runs)
        var owedValue: [String: Double] = [:]
        for (debtor, creditor) in pairs {
          let total = present.reduce(0.0) { sum, g in
            sum
              + Double(
                g.owed.filter { $0.key.debtor == debtor && $0.key.creditor == creditor }.reduce(Int64(0)) {
                  $0 &+ (value($1.key, $1.value) ?? 0)
                })
          }
          owedValue["\(debtor)>\(creditor)"] = total / n
        }
        var findings: [FindingCode: Double] = [:]
        for g in present {
          for (code, count) in g.findings { findings[code, default: 0] += Double(count) / n }
        }
        groups.append(
          GroupRow(name: name, orders: Double(present.reduce(0) { $0 + $1.orders }) / n, owedValue: owedValue, findings: findings))
      }
    }
    self.groups = groups
    rates = rateTexts.sorted()
    self.unvalued = unvalued.sorted()
  }
}
