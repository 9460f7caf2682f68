import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation
import Testing

@Suite("The seeded random stream")
struct SeededRandomTests {
  @Test("xoshiro256** seeded by SplitMix64 gives the same stream on every machine")
  func reference() {
    var r = SeededRandom(seed: 42)
    let first = (0..<3).map { _ in r.next() }
    #expect(first == SeededRandomTests.reference42)
    var zero = SeededRandom(seed: 0)
    #expect(zero.next() == 11_091_344_671_253_066_420)
  }

  /// Checked against an independent implementation of SplitMix64 and xoshiro256**.
  static let reference42: [UInt64] = [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009]

  @Test("uniform integers stay within their bounds and average their midpoint")
  func uniform() {
    var r = SeededRandom(seed: 7)
    var sum: Int64 = 0
    let n = 100_000
    for _ in 0..<n {
      let v = r.between(20, 420)
      #expect(v >= 20 && v <= 420)
      sum += v
    }
    let mean = Double(sum) / Double(n)
    #expect(abs(mean - 220) < 2, "mean \(mean)")
  }

  @Test("e^-x in integers matches the real value", arguments: [500, 1000, 3000, 12_500, 16_000])
  func exp(_ milli: Int64) {
    let value = Double(SeededRandom.expNegative(milli: milli)) / 18_446_744_073_709_551_616.0
    let expected = Foundation.exp(-Double(milli) / 1000)
    #expect(abs(value - expected) / expected < 1e-9, "\(value) vs \(expected)")
  }

  @Test("Poisson draws have the mean and variance of their parameter", arguments: [3_000, 12_500, 40_000])
  func poisson(_ meanMilli: Int64) {
    var r = SeededRandom(seed: 99)
    let n = 40_000
    var values: [Double] = []
    for _ in 0..<n { values.append(Double(r.poisson(meanMilli: meanMilli))) }
    let lambda = Double(meanMilli) / 1000
    let mean = values.reduce(0, +) / Double(n)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
    // Standard error of the mean: sqrt(lambda / n); allow five of them.
    #expect(abs(mean - lambda) < 5 * (lambda / Double(n)).squareRoot(), "mean \(mean) for \(lambda)")
    #expect(abs(variance - lambda) / lambda < 0.05, "variance \(variance) for \(lambda)")
  }

  @Test("chance(p) happens at rate p; pick follows its weights")
  func rates() {
    var r = SeededRandom(seed: 3)
    let n = 100_000
    var hits = 0
    for _ in 0..<n where r.chance(Weight(scaled: 2_000_000_000)) { hits += 1 }
    #expect(abs(Double(hits) / Double(n) - 0.2) < 0.006)
    var counts = [0, 0, 0]
    for _ in 0..<n { counts[r.pick([Weight(scaled: 5), Weight(scaled: 3), Weight(scaled: 2)])] += 1 }
    #expect(abs(Double(counts[0]) / Double(n) - 0.5) < 0.01)
    #expect(abs(Double(counts[2]) / Double(n) - 0.2) < 0.01)
  }
}

@Suite("Generators")
struct GeneratorTests {
  static func scenario(_ generator: String, events: String = "[]", seed: UInt64 = 1) throws -> Scenario {
    let text = World.yaml(events: events) + "\ngenerators:\n" + generator
    return try ScenarioLoader.parse(text: text, file: "g.yaml").with(seed: seed)
  }

  static let fuel = """
      - name: fuel
        every: 1
        from: 2026-10-10
        to: 2026-11-08
        count: 50
        order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: { cash: 0.5, replacement: 0.5 }, lines: [ { item: FUEL, qty: { uniform: [100, 2000] } } ] }
        deliver_after: { uniform: [0, 3] }
        settle_after: { uniform: [10, 60] }
        lapses: { no_receipt: 0.2, no_claim: 0.1, never_settle: 0.1, one_book: 0.05 }
    """

  @Test("the same seed gives the same events; another seed other events")
  func determinism() throws {
    let a = try Generation.events(for: Self.scenario(Self.fuel), seed: 1)
    let b = try Generation.events(for: Self.scenario(Self.fuel), seed: 1)
    let c = try Generation.events(for: Self.scenario(Self.fuel), seed: 2)
    #expect(a == b)
    #expect(a != c)
  }

  @Test("30 firings of 50 orders, numbered in generation order; lapses at their rates")
  func countsAndLapses() throws {
    let events = try Generation.events(for: Self.scenario(Self.fuel), seed: 5)
    let orders = events.compactMap { e -> OrderTerms? in if case .order(let t) = e.action { t } else { nil } }
    #expect(orders.count == 1500)
    #expect(orders.prefix(3).map(\.id) == ["fuel-1", "fuel-2", "fuel-3"])
    #expect(orders.allSatisfy { $0.lines[0].qty.milli >= 100_000 && $0.lines[0].qty.milli <= 2_000_000 })
    let deliveries = events.compactMap { e -> (Bool, Bool, Bool)? in
      if case .deliver(_, _, let receipt, let claim) = e.action { (receipt, claim, e.books != nil) } else { nil }
    }
    #expect(deliveries.count == 1500)
    func rate(_ n: Int) -> Double { Double(n) / 1500 }
    #expect(abs(rate(deliveries.filter { !$0.0 }.count) - 0.2) < 0.035)
    #expect(abs(rate(deliveries.filter { !$0.1 }.count) - 0.1) < 0.03)
    #expect(abs(rate(deliveries.filter { $0.2 }.count) - 0.05) < 0.02)
    let settlements = events.filter {
      switch $0.action {
      case .pay, .returnItems: true
      default: false
      }
    }
    #expect(abs(rate(settlements.count) - 0.9) < 0.03)
    // Settlement weights 1:1 between cash and replacement.
    let cash = orders.filter { $0.settlement == .cash }.count
    #expect(abs(rate(cash) - 0.5) < 0.04)
  }

  @Test("generated orders settle in full: paid, returned, or exchanged then converted and paid")
  func settleInFull() throws {
    let generator = """
        - name: lift
          every: 10
          from: 2026-10-10
          to: 2026-11-30
          order: { activity: RELIEF, provider: PHU, receiver: JPU, settlement: equal_value, lines: [ { item: AIRLIFT, qty: { poisson: 3 } } ] }
          settle_after: 5
        - name: fuel
          every: 10
          from: 2026-10-10
          to: 2026-11-30
          order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: { cash: 1, replacement: 1 }, lines: [ { item: FUEL, qty: 10.5 } ] }
          settle_after: 5
      """
    let s = try Self.scenario(generator)
    let generated = try Generation.events(for: s, seed: s.seed)
    var sink = RecordingSink()
    let result = try Engine.run(s, generated: generated, into: &sink)
    #expect(result.refusals.isEmpty, "\(result.refusals.map(\.message))")
    let orders = result.book("JP")!.orderIDs
    #expect(orders.count >= 10)
    for id in orders {
      #expect(result.status(of: id, in: "JP") == .settled, "\(id)")
    }
    // Each equal-value order: an exchange of AIRLIFT at JP's price (JPY 1,500,000 x 0.4 =
    // PHP 600,000.00 an hour) up to what is owed (PHP 520,000.00 an hour), then the rest
    // converted and paid.
    #expect(generated.contains { if case .exchange = $0.action { true } else { false } })
    #expect(generated.contains { if case .convert = $0.action { true } else { false } })
  }

  @Test("a generated id equal to a scripted one is a static error")
  func collision() throws {
    let s = try Self.scenario(
      "  - { name: O, every: 1, from: 2026-10-10, to: 2026-10-10, order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }\n",
      events:
        "\n  - { date: 2026-10-11, order: { id: O-1, activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }"
    )
    #expect(throws: ScenarioErrors.self) { try Generation.events(for: s, seed: 1) }
    do {
      _ = try Generation.events(for: s, seed: 1)
    } catch {
      #expect(error.diagnostics.first?.message.contains("generated order id 'O-1' is also the id of the order scripted at line") == true)
    }
  }
}
