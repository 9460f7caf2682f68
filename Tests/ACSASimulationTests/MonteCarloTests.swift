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

  @Test("replications are reproducible and their statistics computed by nearest rank")
  func statistics() throws {
    let s = try GeneratorTests.scenario(GeneratorTests.fuel)
    let a = try MonteCarlo.run(s, runs: 8, firstSeed: 40, workers: 2)
    let b = try MonteCarlo.run(s, runs: 8, firstSeed: 40, workers: 1)
    #expect(a.owed.map(\.stat) == b.owed.map(\.stat))
    #expect(a.findings.map(\.stat) == b.findings.map(\.stat))
    let outcomes = try (40..<48).map { try MonteCarlo.replicate(s, seed: UInt64($0)) }
    let key = try #require(a.owed.first?.key)
    let values = outcomes.map { $0.owed[key] ?? 0 }.sorted()
    let stat = try #require(a.owed.first?.stat)
    #expect(stat.max == values[7])
    #expect(stat.p50 == values[3])  // rank ceil(0.5 x 8) = 4
    #expect(stat.p95 == values[7])  // rank ceil(0.95 x 8) = 8
    #expect(abs(stat.mean - Double(values.reduce(0, +)) / 8) < 0.001)
  }
}
