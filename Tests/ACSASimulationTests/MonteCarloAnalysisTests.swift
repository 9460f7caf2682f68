import ACSADomain
import ACSAScenario
import ACSASimulation
import Testing

/// The planner's figures, computed by hand: nearest-rank percentiles, Wilson intervals,
/// values at the scenario's last day (the test world: 1 JPY = 0.4 PHP; FUEL at JPY 120 a
/// litre from 2027), the threshold, credits, and the breakdown by generator.
@Suite("Monte Carlo analysis")
struct MonteCarloAnalysisTests {
  @Test("nearest-rank percentiles: of 1...20, p5 is the 1st value, p50 the 10th, p95 the 19th")
  func spread() {
    let s = MonteCarloAnalysis.Spread([20, 3, 1, 19, 2, 18, 4, 17, 5, 16, 6, 15, 7, 14, 8, 13, 9, 12, 10, 11])
    #expect([s.min, s.p5, s.p50, s.p95, s.max] == [1, 1, 10, 19, 20])
    #expect(s.mean == 10.5)
    let one = MonteCarloAnalysis.Spread([42])
    #expect([one.min, one.p5, one.p50, one.p95, one.max] == [42, 42, 42, 42, 42])
  }

  @Test("95% Wilson score intervals: 0 of 200, 1 of 1, 50 of 100")
  func wilson() {
    func interval(_ hits: Int, _ runs: Int) -> (Double, Double) {
      MonteCarloAnalysis.Proportion(hits: hits, runs: runs).interval
    }
    // z = 1.96: 0/200 -> [0, z²/(n + z²)] = [0, 3.8415/203.8415].
    let none = interval(0, 200)
    #expect(none.0 == 0 && abs(none.1 - 0.018845) < 1e-5)
    let all = interval(1, 1)
    #expect(abs(all.0 - 0.206549) < 1e-5 && all.1 == 1)
    let half = interval(50, 100)
    #expect(abs(half.0 - 0.403832) < 1e-5 && abs(half.1 - 0.596168) < 1e-5)
  }

  static let fuelKey = OpenTotal.Key(debtor: "PH", creditor: "JP", kind: .inKind, commodity: "FUEL")
  static let cashKey = OpenTotal.Key(debtor: "JP", creditor: "PH", kind: .cash, commodity: "PHP")

  /// Four runs: PH owes JP 1,000 L, nothing, 2,000 L and a credit of 500 L of fuel; JP
  /// owes PH PHP 400.00 in the second; overdue findings 0, 1, 2, 0.
  static func analysis(threshold: Money?) throws -> MonteCarloAnalysis {
    let s = try GeneratorTests.scenario(GeneratorTests.fuel)
    let fuel: [Int64] = [1_000_000, 0, 2_000_000, -500_000]
    let cash: [Int64] = [0, 40_000, 0, 0]
    let overdue = [0, 1, 2, 0]
    let outcomes = (0..<4).map { i in
      var owed: [OpenTotal.Key: Int64] = [:]
      if fuel[i] != 0 { owed[fuelKey] = fuel[i] }
      if cash[i] != 0 { owed[cashKey] = cash[i] }
      return MonteCarlo.Outcome(
        seed: UInt64(10 + i), owed: owed, overdue: [:], findings: overdue[i] > 0 ? [.overdue: overdue[i]] : [:], refused: i,
        groups: [0: MonteCarlo.Group(orders: 50, owed: owed, findings: overdue[i] > 0 ? [.overdue: overdue[i]] : [:])])
    }
    return MonteCarloAnalysis(
      scenario: s, summary: MonteCarlo.Summary(runs: 4, firstSeed: 10, outcomes: outcomes), currency: .jpy, threshold: threshold)
  }

  @Test("values in one currency at the last day's price and rate, per direction, with the threshold and credits")
  func values() throws {
    let a = try Self.analysis(threshold: Money(150_000, .jpy))
    // PH owes JP: 1,000 L x JPY 120 = JPY 120,000; 2,000 L = 240,000; the credit -60,000.
    let ph = try #require(a.directions.first { $0.debtor == "PH" })
    #expect(a.directionValues["PH>JP"] == [120_000, 0, 240_000, -60_000])
    #expect([ph.value.min, ph.value.p5, ph.value.p50, ph.value.p95, ph.value.max] == [-60_000, -60_000, 0, 240_000, 240_000])
    #expect(ph.value.mean == 75_000)
    #expect(ph.overThreshold == MonteCarloAnalysis.Proportion(hits: 1, runs: 4))
    // JP owes PH PHP 400.00 = JPY 1,000 at 0.4.
    #expect(a.directionValues["JP>PH"] == [0, 1_000, 0, 0])
    #expect(a.eitherOverThreshold == MonteCarloAnalysis.Proportion(hits: 1, runs: 4))
    let fuel = try #require(a.owed.first { $0.key == Self.fuelKey })
    #expect(fuel.unit == "L")
    #expect(fuel.negativeRuns == 1)
    #expect(fuel.value?.mean == 75_000)
    #expect(a.unvalued.isEmpty)
    #expect(a.rates == ["1 JPY = 0.4 PHP on 2026-10-10, test"])
  }

  @Test("a threshold in the other currency is converted at the last day's rate")
  func thresholdConverted() throws {
    // PHP 60,000.00 = JPY 150,000.
    let a = try Self.analysis(threshold: Money(6_000_000, .php))
    #expect(a.threshold == Money(150_000, .jpy))
  }

  @Test("findings: the share of runs with at least one; the breakdown by generator, means per run")
  func findingsAndGroups() throws {
    let a = try Self.analysis(threshold: nil)
    let overdue = try #require(a.findings.first { $0.code == .overdue })
    #expect(overdue.atLeastOne == MonteCarloAnalysis.Proportion(hits: 2, runs: 4))
    #expect(overdue.orders.mean == 0.75)
    #expect(a.refused.max == 3)
    #expect(a.groups.map(\.name) == ["fuel"])
    #expect(a.groups.first?.orders == 50)
    #expect(a.groups.first?.findings[.overdue] == 0.75)
    #expect(a.groups.first?.owedValue["PH>JP"] == 75_000)
    #expect(a.groups.first?.owedValue["JP>PH"] == 250)
  }

  @Test("the generators' shares add up to the totals, run by run, and every order has its group")
  func attribution() throws {
    let s = try GeneratorTests.scenario(MonteCarloTests.bothWays)
    let summary = try MonteCarlo.run(s, runs: 4, firstSeed: 1, workers: 2)
    for o in summary.outcomes {
      var sum: [OpenTotal.Key: Int64] = [:]
      var findings: [FindingCode: Int] = [:]
      for g in o.groups.values {
        for (k, v) in g.owed { sum[k, default: 0] += v }
        for (c, n) in g.findings { findings[c, default: 0] += n }
      }
      #expect(sum.filter { $0.value != 0 } == o.owed)
      #expect(findings == o.findings)
      // fuel: 30 firings of 50; meals: 15 firings of 20.
      #expect(o.groups[0]?.orders == 1500)
      #expect(o.groups[1]?.orders == 300)
    }
  }
}
