import ACSADomain
import ACSAScenario
import Testing

@Suite("The generators section")
struct GeneratorParsingTests {
  /// The valid fixture with one generator appended (its first line is line 64).
  static func with(_ generator: String) -> String {
    validScenario + "generators:\n" + generator
  }

  static let good = """
      - name: fuel
        every: 2
        from: 2026-10-05
        to: 2026-10-20
        count: 3
        order:
          activity: KAMANDAG-10
          provider: ARDB
          receiver: MBLT-4
          settlement: { cash: 0.5, replacement: 0.25, equal_value: 0.25 }
          lines: [ { item: F-76, qty: { uniform: [5000, 20000.5] } } ]
        deliver_after: { poisson: 1.5 }
        settle_after: { uniform: [20, 420] }
        lapses: { no_receipt: 0.02, no_claim: 0.01, never_settle: 0.01, one_book: 0.005 }

    """

  @Test("a generator parses, with only the settlement methods that suit every line")
  func parses() throws {
    let scenario = try ScenarioLoader.parse(text: Self.with(Self.good), file: "s.yaml")
    let g = try #require(scenario.generators.first)
    #expect(g.name == "fuel")
    #expect(g.every == 2)
    #expect(g.count == 3)
    #expect(g.settlement.map(\.method) == [.cash, .replacement])
    #expect(g.settlement.map(\.weight.scaled) == [5_000_000_000, 2_500_000_000])
    #expect(g.lines == [GeneratorSpec.LineSpec(item: "F-76", qty: .uniform(5_000_000, 20_000_500))])
    #expect(g.deliverAfter == .poisson(meanMilli: 1500))
    #expect(g.settleAfter == .uniform(20, 420))
    #expect(g.lapses.oneBook.scaled == 50_000_000)
  }

  @Test("defaults: every 1, the whole scenario, one order a firing, delivered the same day, never settled")
  func defaults() throws {
    let text = Self.with(
      "  - { name: g, order: { activity: KAMANDAG-10, provider: ARDB, receiver: MBLT-4, settlement: cash, lines: [ { item: F-76, qty: 10 } ] } }\n"
    )
    let g = try #require(try ScenarioLoader.parse(text: text, file: "s.yaml").generators.first)
    #expect(g.every == 1)
    #expect(g.from.description == "2026-10-01")
    #expect(g.to.description == "2026-12-31")
    #expect(g.count == 1)
    #expect(g.deliverAfter == .fixed(0))
    #expect(g.settleAfter == nil)
    #expect(g.lines[0].qty == .fixed(10_000))
  }

  @Test(
    "static errors in a generator",
    arguments: [
      (
        "settlement: { cash: 0.5, replacement: 0.25, equal_value: 0.25 }", "settlement: equal_value",
        "s.yaml:74:19: error: generators[0].order.settlement: no settlement method with a positive weight suits every line (supplies: cash or replacement; services: cash or equal_value)"
      ),
      (
        "{ item: F-76, qty: { uniform", "{ item: F-99, qty: { uniform",
        "s.yaml:75:24: error: generators[0].order.lines[0].item: unknown item 'F-99'"
      ),
      ("[5000, 20000.5]", "[0, 20000.5]", "s.yaml:75:47: error: generators[0].order.lines[0].qty.uniform[0]: must be at least 0.001"),
      ("[20, 420]", "[420, 20]", "s.yaml:77:30: error: generators[0].settle_after.uniform: the low bound is above the high bound"),
      ("one_book: 0.005", "one_book: 1.5", "s.yaml:78:79: error: generators[0].lapses.one_book: a probability is at most 1"),
      (
        "deliver_after: { poisson: 1.5 }", "deliver_after: { normal: 1.5 }",
        "s.yaml:76:22: error: unknown key 'normal' in generators[0].deliver_after; expected one of: uniform, poisson"
      ),
    ])
  func errors(_ change: (String, String, String)) {
    let text = Self.with(Self.good).replacingOccurrences(of: change.0, with: change.1)
    #expect(diagnostics(text).first == change.2, "\(diagnostics(text))")
  }
}
