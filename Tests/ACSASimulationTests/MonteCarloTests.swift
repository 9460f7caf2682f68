import ACSADomain
import ACSAScenario
import ACSASimulation
import Testing

@Suite("Monte Carlo")
struct MonteCarloTests {
  @Test("one run gives the same balances through the totals sink as through the engine's books")
  func bothSinks() throws {
    let s = try GeneratorTests.scenario(GeneratorTests.fuel)
    let generated = try Generation.events(for: s, seed: 9)
    var recording = RecordingSink()
    let full = try Engine.run(s.with(seed: 9), generated: generated, into: &recording)
    let outcome = try MonteCarlo.replicate(s, seed: 9)
    // The creditor's book, from the full run's books.
    var expected: [OpenTotal.Key: Int64] = [:]
    for book in full.books {
      for key in book.balanceKeys() where key.creditor == book.owner {
        let units = book.outstanding(debtor: key.debtor, creditor: key.creditor, kind: key.kind, commodity: key.commodity)
        if units != 0 { expected[key] = units }
      }
    }
    #expect(!expected.isEmpty)
    #expect(outcome.owed == expected)
    #expect(outcome.refused == full.refusals.count)
  }

  @Test("replications are reproducible, whatever the number of threads")
  func reproducible() throws {
    let s = try GeneratorTests.scenario(GeneratorTests.fuel)
    let a = try MonteCarlo.run(s, runs: 8, firstSeed: 40, workers: 2)
    let b = try MonteCarlo.run(s, runs: 8, firstSeed: 40, workers: 1)
    #expect(a.outcomes.map(\.seed) == Array(40..<48))
    #expect(a.outcomes.map(\.owed) == b.outcomes.map(\.owed))
    #expect(a.outcomes.map(\.findings) == b.outcomes.map(\.findings))
    let outcomes = try (40..<48).map { try MonteCarlo.replicate(s, seed: UInt64($0)) }
    #expect(a.outcomes.map(\.owed) == outcomes.map(\.owed))
  }

  @Test(
    "a replication that keeps one book for both, when every event is in both books, gives the same outcome as two books",
    arguments: [
      MonteCarloTests.bothWays,
      // Settled up to 500 days late: deadline conversions, overdue amounts, late payments.
      MonteCarloTests.bothWays.replacingOccurrences(of: "uniform: [10, 60]", with: "uniform: [10, 500]"),
    ])
  func mirrored(generator: String) throws {
    let s = try GeneratorTests.scenario(generator)
    var sawOverdue = false
    for seed in UInt64(1)...4 {
      let generated = try Generation.events(for: s.with(seed: seed), seed: seed)
      #expect(Engine.mirrors(s, generated: generated))
      let one = try MonteCarlo.replicate(s.with(seed: seed), seed: seed, generated: generated, mirrored: true)
      let two = try MonteCarlo.replicate(s.with(seed: seed), seed: seed, generated: generated, mirrored: false)
      #expect(Set(two.owed.keys.map(\.creditor)).count == 2, "both directions owe something")
      #expect(!two.findings.isEmpty)
      #expect(one.owed == two.owed)
      #expect(one.overdue == two.overdue)
      #expect(one.findings == two.findings)
      #expect(one.refused == two.refused)
      sawOverdue = sawOverdue || !two.overdue.isEmpty
    }
    if generator.contains("500") { #expect(sawOverdue) }
  }

  /// Fuel from JP and meals from PH, without one-book lapses.
  static let bothWays =
    GeneratorTests.fuel.replacingOccurrences(of: ", one_book: 0.05", with: "") + """

        - name: meals
          every: 2
          from: 2026-10-10
          to: 2026-11-08
          count: 20
          order: { activity: RELIEF, provider: PHU, receiver: JPU, settlement: { cash: 0.5, replacement: 0.5 }, lines: [ { item: MEAL, qty: { uniform: [10, 300] } } ] }
          deliver_after: { uniform: [0, 3] }
          settle_after: { uniform: [10, 60] }
          lapses: { no_receipt: 0.1, no_claim: 0.1, never_settle: 0.2 }
      """

  @Test("a one-book lapse makes a replication keep both books")
  func notMirrored() throws {
    let s = try GeneratorTests.scenario(GeneratorTests.fuel)
    let generated = try Generation.events(for: s, seed: 3)
    #expect(generated.contains { $0.books != nil })
    #expect(!Engine.mirrors(s, generated: generated))
  }
}
