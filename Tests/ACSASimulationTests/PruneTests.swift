import ACSAAudit
import ACSADomain
import ACSALedger
import ACSAScenario
import ACSASimulation
import Foundation
import GRDB
import Testing

/// A ledger run with and without pruning finished orders: the ledgers must be the same,
/// table by table and row by row, with the same digest and the same expectations.
enum PrunedRun {
  struct Outcome {
    let digest: String
    let tables: [String: [String]]
    let expectations: [String]
    let pruned: Int
    let summary: String
  }

  static func run(_ scenario: Scenario, prune: Bool) throws -> Outcome {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-prune-\(UUID().uuidString).sqlite").path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    let outcome = try LedgerRun.write(
      scenario, generated: try Generation.stream(for: scenario, seed: scenario.seed), to: path, version: "test", prune: prune)
    let (result, digest, pruned) = (outcome.result, outcome.digest, outcome.pruned)
    // A pruned run writes its rows out of order; the audit still reads the ledger fast
    // (each book's obligations in id order) instead of restoring every order.
    if prune {
      #expect(
        try AuditReport.fast(AuditedLedger(path: path), asOf: scenario.end) != nil, "\(scenario.name): the audit's fast path was not taken")
    }
    let queue = try DatabaseQueue(path: path)
    let tables = try queue.read { db in
      var tables: [String: [String]] = [:]
      for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").count
        let order = (1...max(columns, 1)).map(String.init).joined(separator: ", ")
        tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \(name) ORDER BY \(order)").map(\.description)
      }
      return tables
    }
    let expectations = result.expectations.map { e in
      "\(e.date) \(e.subject): expected \(e.expected), actual \(e.actualSummary) \(e.passed)"
    }
    let summary = "\(result.applied) applied, \(result.refusals.count) refused, \(result.systemEvents) system"
    return Outcome(digest: digest, tables: tables, expectations: expectations, pruned: pruned, summary: summary)
  }

  /// Compares the two runs; returns how many orders the pruned one pruned.
  @discardableResult
  static func compare(_ scenario: Scenario, _ label: String) throws -> Int {
    let full = try run(scenario, prune: false)
    let pruned = try run(scenario, prune: true)
    #expect(full.pruned == 0)
    #expect(full.digest == pruned.digest, "\(label): digest")
    #expect(full.summary == pruned.summary, "\(label): summary")
    #expect(full.tables.keys.sorted() == pruned.tables.keys.sorted(), "\(label): tables")
    for (name, rows) in full.tables.sorted(by: { $0.key < $1.key }) {
      let other = pruned.tables[name] ?? []
      let first = (0..<min(rows.count, other.count)).first { rows[$0] != other[$0] }
      #expect(
        rows.count == other.count && first == nil,
        "\(label): table \(name), \(rows.count) rows against \(other.count), first difference: \(first.map { "\(rows[$0]) | \(other[$0])" } ?? "-")"
      )
    }
    let firstExpectation = (0..<min(full.expectations.count, pruned.expectations.count)).first {
      full.expectations[$0] != pruned.expectations[$0]
    }
    #expect(
      full.expectations.count == pruned.expectations.count && firstExpectation == nil,
      "\(label): expectation \(firstExpectation.map { "\(full.expectations[$0]) | \(pruned.expectations[$0])" } ?? "-")")
    return pruned.pruned
  }

  /// Expectations spread over the scenario: findings (all codes, in either book and in
  /// each), and what each party owes the other in cash.
  static func expectations(every days: Int, from: Day, to: Day) -> String {
    let codes =
      "{ unsigned_order: 0, no_receipt: 0, no_claim: 0, not_invoiced: 0, late_payment: 0, overdue: 0, book_mismatch: 0, closed_with_balance: 0 }"
    var text = ""
    var day = from
    while day <= to {
      text += "\n- { date: \(day), expect: { findings: \(codes) } }"
      text += "\n- { date: \(day), books: [JP], expect: { findings: \(codes) } }"
      text += "\n- { date: \(day), books: [PH], expect: { findings: \(codes) } }"
      text += "\n- { date: \(day), expect: { outstanding: { debtor: PH, creditor: JP, cash: \"JPY 0\" } } }"
      text += "\n- { date: \(day), expect: { outstanding: { debtor: JP, creditor: PH, cash: \"PHP 0\" } } }"
      text += "\n- { date: \(day), expect: { outstanding: { debtor: PH, creditor: JP, in_kind: { item: FUEL, qty: 0 } } } }"
      day = day.adding(days: days)
    }
    return text
  }

  static func randomScenario(seed: UInt64) throws -> Scenario {
    let (generators, events) = RandomGenerators.text(seed: seed)
    var scripted = events == "[]" ? "" : events
    scripted += expectations(
      every: 23 + Int(seed % 17), from: Day(year: 2026, month: 10, day: 3)!, to: Day(year: 2027, month: 12, day: 31)!)
    // Offsets now and then: they net open cash claims of both sides.
    for (k, date) in ["2027-01-15", "2027-05-20", "2027-11-02"].enumerated() where (seed >> UInt64(k)) & 1 == 1 {
      scripted += "\n- { date: \(date), offset: { amount: \"JPY \(100 + seed * 37)\" } }"
    }
    let agreement = seed % 3 == 0 ? "billing: manual" : seed % 3 == 1 ? "deadline_policy: flag" : ""
    let yaml = World.yaml(agreement: agreement, events: scripted) + "\ngenerators:\n" + generators
    do {
      return try ScenarioLoader.parse(text: yaml, file: "random.yaml").with(seed: seed)
    } catch {
      Issue.record("\(error.diagnostics.map(\.description))")
      throw error
    }
  }
}

@Suite("Pruning finished orders during a ledger run")
struct PruneTests {
  @Test("every scenario in scenarios/ writes the same ledger with and without pruning")
  func shippedScenarios() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("scenarios")
    var pruned = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".yaml") {
      let s = try ScenarioLoader.load(path: dir.appendingPathComponent(name).path)
      pruned += try PrunedRun.compare(s, name)
      if !s.generators.isEmpty { pruned += try PrunedRun.compare(s.with(seed: 7), name + " seed 7") }
    }
    #expect(pruned > 100, "\(pruned) orders pruned")
  }

  @Test(
    "random generated scenarios (lapses, never settled, in kind, equal value, conversions, offsets, expectations) write the same ledger")
  func randomScenarios() throws {
    var pruned = 0
    for seed in UInt64(0)..<24 {
      pruned += try PrunedRun.compare(try PrunedRun.randomScenario(seed: seed), "random seed \(seed)")
    }
    #expect(pruned > 1000, "\(pruned) orders pruned")
  }

  @Test("a pruned ledger run keeps in its books only the orders still open (and those scripted events name)")
  func bounded() throws {
    let s = try GeneratorTests.scenario(
      """
        - name: o
          from: 2026-10-01
          to: 2027-09-30
          count: 30
          order: { activity: RELIEF, provider: JPU, receiver: PHU, settlement: { cash: 1, replacement: 1 }, lines: [ { item: FUEL, qty: { uniform: [1, 9] } } ] }
          deliver_after: { uniform: [0, 5] }
          settle_after: { uniform: [5, 25] }
      """,
      events: "\n  - { date: 2027-06-01, expect: { findings: { late_payment: 0 } } }")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-prune-\(UUID().uuidString).sqlite").path
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    let (result, pruned) = try LedgerFile.create(at: path, framework: s.framework, frameworkHash: "test") { writer in
      try writer.begin(meta: [:], framework: s.framework)
      writer.prunesOrders = true
      var sink = writer
      var engine = Engine(scenario: s, stream: try Generation.stream(for: s, seed: 1))
      try engine.replay(into: &sink)
      _ = try writer.finish(books: engine.result.books, refusedOrders: engine.result.refusedOrders)
      return (engine.result, engine.pruned)
    }
    // 30 orders a day for a year, each settled within 30 days, long before the end.
    #expect(result.applied > 30_000)
    #expect(pruned == 10_950)
    #expect(result.books.allSatisfy { $0.orders.isEmpty && $0.obligations.kept == 0 })
    #expect(result.books.allSatisfy { $0.orderIDs.count < 2100 })
  }

  @Test("a finished order's findings appear from their onset and stay: brute force over every third later day")
  func onsets() throws {
    var checked = 0
    for seed in UInt64(0)..<8 {
      let s = try PrunedRun.randomScenario(seed: seed)
      var sink = NullSink()
      let result = try Engine.run(s, stream: try Generation.stream(for: s, seed: s.seed), into: &sink)
      let books = result.books
      // Orders owing nothing at the end, from the day of their last fact on (every record
      // of them is final from then).
      var candidates: [(id: String, from: Day, onsets: [(code: FindingCode, book: PartyID, onset: Day)])] = []
      for id in books[0].orderIDs where !books.contains(where: { $0.owesAnything(id) }) {
        var last = s.start
        for book in books {
          if let d = book.orders[id]?.recordedDates.last { last = max(last, d) }
          for o in book.obligations(of: id) {
            for d in [o.createdOn, o.settledOn, o.convertedOn, o.claimedOn, o.billedOn].compactMap({ $0 }) { last = max(last, d) }
          }
        }
        candidates.append((id, last, FindingRules.onsets(id, books: books, from: last)))
      }
      var day = s.start
      while day <= s.end {
        var shown: [String: Set<String>] = [:]
        for f in FindingRules.findings(books: books, asOf: day) {
          for b in f.books { shown[f.order, default: []].insert("\(f.code.rawValue)@\(b)") }
        }
        for c in candidates where c.from <= day {
          let expected = Set(c.onsets.filter { $0.onset <= day }.map { "\($0.code.rawValue)@\($0.book)" })
          #expect((shown[c.id] ?? []) == expected, "seed \(seed), \(c.id) on \(day): \(shown[c.id] ?? []) against \(expected)")
          checked += 1
        }
        day = day.adding(days: 3)
      }
    }
    #expect(checked > 10_000, "\(checked) checks")
  }
}

struct NullSink: RunSink {
  mutating func record(_ event: EventRecord) throws {}
  mutating func post(_ entries: [JournalEntry]) throws {}
}
