import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation
import Testing

/// Random generator specs over the test world, for the streaming tests: several
/// generators, firings every few days up to and past the scenario's end, several orders
/// a firing, every settlement method, quantities that can draw 0 (dropped lines and
/// orders), every lapse, and scripted events on the same days.
enum RandomGenerators {
  static func text(seed: UInt64) -> (generators: String, events: String) {
    var r = SeededRandom(seed: seed &* 7919 &+ 11)
    func int(_ a: Int64, _ b: Int64) -> Int64 { r.between(a, b) }
    func day(_ offset: Int64) -> String {
      var d = Day(ordinal: Day(year: 2026, month: 10, day: 1)!.ordinal + Int(offset))
      if d > Day(year: 2027, month: 12, day: 31)! { d = Day(year: 2027, month: 12, day: 31)! }
      return d.description
    }
    let kinds = [
      ("FUEL", "{ cash: 1, replacement: 1 }"), ("FUEL", "replacement"), ("MEAL", "cash"), ("BILLET", "{ cash: 1, equal_value: 2 }"),
      ("AIRLIFT", "equal_value"), ("BILLET", "equal_value"),
    ]
    var generators = ""
    for g in 0..<Int(int(1, 4)) {
      let (item, settlement) = kinds[Int(int(0, Int64(kinds.count - 1)))]
      let from = int(0, 420)
      let to = from + int(0, 120)
      let qty = int(0, 1) == 0 ? "{ uniform: [1, \(int(1, 300))] }" : "{ poisson: \(int(0, 3)).5 }"
      let second = int(0, 2) == 0 ? ", { item: \(item), qty: { poisson: 0.7 } }" : ""
      let lapse = { "0.\(int(0, 3))" }
      generators += """
          - name: g\(g)
            every: \(int(1, 6))
            from: \(day(from))
            to: \(day(to))
            count: \(int(1, 4))
            order: { activity: RELIEF, \(int(0, 1) == 0 ? "provider: JPU, receiver: PHU" : "provider: PHU, receiver: JPU"), settlement: \(settlement), lines: [ { item: \(item), qty: \(qty) }\(second) ] }
            deliver_after: { uniform: [0, \(int(0, 9))] }
            settle_after: { uniform: [\(int(0, 5)), \(int(5, 80))] }
            lapses: { no_receipt: \(lapse()), no_claim: \(lapse()), never_settle: \(lapse()), one_book: \(lapse()) }

        """
    }
    var events = ""
    for k in 0..<Int(int(0, 4)) {
      events += "\n- { date: \(day(int(0, 400))), order: { id: S-\(k), activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 5 } ] } }"
    }
    return (generators, events.isEmpty ? "[]" : events)
  }

  static func scenario(seed: UInt64) throws -> Scenario {
    let (generators, events) = text(seed: seed)
    let yaml = World.yaml(events: events) + "\ngenerators:\n" + generators
    do {
      return try ScenarioLoader.parse(text: yaml, file: "random.yaml").with(seed: seed)
    } catch {
      Issue.record("\(error.diagnostics.map(\.description))\n\(yaml)")
      throw error
    }
  }
}

@Suite("Generated events streamed")
struct StreamTests {
  /// `Generation.events` in the engine's order: by date, then index.
  static func sorted(_ events: [ScenarioEvent]) -> [ScenarioEvent] {
    events.sorted { ($0.date, $0.index) < ($1.date, $1.index) }
  }

  static func drain(_ stream: GeneratedStream) -> (events: [ScenarioEvent], last: [Bool], maxWaiting: Int) {
    var stream = stream
    var events: [ScenarioEvent] = []
    var last: [Bool] = []
    var maxWaiting = 0
    while let e = stream.next() {
      events.append(e.event)
      last.append(e.lastOfOrder)
      maxWaiting = max(maxWaiting, stream.waiting)
    }
    return (events, last, maxWaiting)
  }

  @discardableResult
  static func check(_ s: Scenario, seed: UInt64) throws -> Int {
    let expected = sorted(try Generation.events(for: s, seed: seed))
    let stream = try Generation.stream(for: s, seed: seed)
    #expect(stream.count == expected.count)
    let (events, last, _) = drain(stream)
    let firstDifference = (0..<min(events.count, expected.count)).first { events[$0] != expected[$0] }
    #expect(events.count == expected.count && firstDifference == nil, "seed \(seed): first difference at \(firstDifference.map(String.init) ?? "the end")")
    // The last flag: the order's last event in generation order, which is also its last
    // in run order.
    var lastIndex: [String: Int] = [:]
    for e in expected { if let id = e.action.orderID { lastIndex[id] = max(lastIndex[id] ?? -1, e.index) } }
    let flagged = zip(events, last).map { e, l in l == (lastIndex[e.action.orderID ?? ""] == e.index) }
    #expect(flagged.allSatisfy { $0 }, "seed \(seed)")
    return events.count
  }

  @Test("the stream yields Generation.events sorted by (date, index), for random generators and seeds")
  func randomSpecs() throws {
    var total = 0
    for seed in UInt64(0)..<60 {
      let s = try RandomGenerators.scenario(seed: seed)
      total += try Self.check(s, seed: seed)
      total += try Self.check(s, seed: seed &+ 1000)
    }
    #expect(total > 10_000, "\(total) events")
  }

  @Test("the stream yields Generation.events sorted by (date, index), for every scenario with generators")
  func shippedScenarios() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("scenarios")
    var checked = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".yaml") {
      let s = try ScenarioLoader.load(path: dir.appendingPathComponent(name).path)
      guard !s.generators.isEmpty else { continue }
      for seed in [s.seed, 0, 1, 2, 3, 99] { try Self.check(s, seed: seed) }
      checked += 1
    }
    #expect(checked >= 1)
  }

  @Test("the stream holds only the events drawn and not yet due")
  func bounded() throws {
    let s = try GeneratorTests.scenario(
      """
        - name: o
          from: 2026-10-01
          to: 2027-09-30
          count: 20
          order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: { uniform: [1, 9] } } ] }
          deliver_after: { uniform: [0, 2] }
          settle_after: { uniform: [1, 5] }
      """)
    let all = try Generation.events(for: s, seed: 1)
    let (_, _, maxWaiting) = Self.drain(try Generation.stream(for: s, seed: 1))
    #expect(all.count > 20_000)
    // 20 orders a day, each waiting at most 7 days for its settlement: about 3 x 20 x 8.
    #expect(maxWaiting < 600, "\(maxWaiting) waiting")
  }

  @Test("the engine gives the same records from the stream as from the events")
  func engineSame() throws {
    for seed in UInt64(0)..<25 {
      let s = try RandomGenerators.scenario(seed: seed)
      var a = RecordingSink()
      var b = RecordingSink()
      let ra = try Engine.run(s, generated: try Generation.events(for: s, seed: seed), into: &a)
      let rb = try Engine.run(s, stream: try Generation.stream(for: s, seed: seed), into: &b)
      #expect(a.events.count == b.events.count && a.events == b.events, "seed \(seed)")
      #expect(a.entries.count == b.entries.count && a.entries == b.entries, "seed \(seed)")
      #expect(ra.applied == rb.applied && ra.expectations.count == rb.expectations.count)
    }
  }

  @Test("a static error of the generators is reported before the stream runs")
  func collision() throws {
    let s = try GeneratorTests.scenario(
      "  - { name: O, every: 1, from: 2026-10-10, to: 2026-10-10, order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }\n",
      events:
        "\n  - { date: 2026-10-11, order: { id: O-1, activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }"
    )
    #expect(throws: ScenarioErrors.self) { try Generation.stream(for: s, seed: 1) }
  }
}
