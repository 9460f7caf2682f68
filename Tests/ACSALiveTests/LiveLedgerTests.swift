import ACSAAudit
import ACSADomain
import ACSAFiles
import ACSALedger
import ACSAScenario
import ACSASimulation
import Foundation
import GRDB
import Testing

@testable import ACSALive

/// A folder of its own for each test.
struct Scratch: ~Copyable {
  let folder: URL
  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-live-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  deinit { try? FileManager.default.removeItem(at: folder) }
}

enum Live {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func scenario(_ name: String) throws -> Scenario {
    try ScenarioLoader.load(path: packageRoot.appendingPathComponent("scenarios/\(name)").path)
  }

  /// A live ledger of `s`'s framework, started at `s`'s start with none of its events.
  static func start(_ s: Scenario, at path: String) throws -> LiveLedger {
    let empty = Scenario(
      file: s.file, name: s.name, description: s.description, start: s.start, end: s.end, seed: s.seed, framework: s.framework,
      events: [], sourceText: s.sourceText)
    _ = try LedgerRun.write(empty, generated: GeneratedStream(), to: path, version: "test", through: s.start)
    return try LiveLedger(path: path)
  }

  /// `s`'s events (scripted and generated) in the order a replay processes them: by
  /// date, each day's events in file order, then its expectations.
  static func processingOrder(_ s: Scenario) throws -> [ScenarioEvent] {
    let all = s.events + (try Generation.events(for: s, seed: s.seed))
    let sorted = all.enumerated().sorted { a, b in
      (a.element.date, a.element.index, a.offset) < (b.element.date, b.element.index, b.offset)
    }.map(\.element)
    var ordered: [ScenarioEvent] = []
    var expects: [ScenarioEvent] = []
    var day: Day?
    for e in sorted where e.date <= s.end {
      if e.date != day {
        ordered += expects
        expects = []
        day = e.date
      }
      if case .expect = e.action { expects.append(e) } else { ordered.append(e) }
    }
    return ordered + expects
  }

  static func problems(_ path: String) throws -> [String] {
    try Inspection.run(try AuditedLedger(path: path)).problems.map { "\($0.kind.rawValue): \($0.message)" }
  }
}

@Suite("A ledger that grows event by event")
struct LiveLedgerTests {
  @Test(
    "every shipped scenario recorded one event at a time: verify passes after each append, and the last digest is a full run's",
    arguments: [
      "auditor-training.yaml", "kamandag-2026.yaml", "maritime-mca-2026.yaml", "programme-2027.yaml", "relief-leap-year-2028.yaml",
      "teaching-no-offset.yaml", "teaching-refusals.yaml", "typhoon-relief-2026.yaml",
    ])
  func sameAsARun(name: String) throws {
    let scratch = try Scratch()
    let s = try Live.scenario(name)
    let full = try LedgerRun.write(
      s, generated: try Generation.stream(for: s, seed: s.seed), to: scratch.path("full.sqlite"), version: "test")
    let path = scratch.path("live.sqlite")
    var live = try Live.start(s, at: path)
    let events = try Live.processingOrder(s)
    for (n, event) in events.enumerated() {
      let appended = try live.record(event)
      #expect(appended.records.last?.date == event.date)
      // Verify after every append of a small exercise; after every tenth of a long one
      // (and reopen, which replays the log: the state carried in memory must be the log's).
      if events.count < 60 || n % 10 == 0 {
        try live.close()
        #expect(try Live.problems(path) == [], "after event \(n): \(event.action.name) on \(event.date)")
        live = try LiveLedger(path: path)
      }
    }
    _ = try live.advance(to: s.end)
    #expect(live.digest == full.digest)
    try live.close()
    #expect(try Live.problems(path) == [])
    #expect(try AuditedLedger(path: path).reader.info().meta["ledger_digest"] == full.digest)
  }
}

/// A small exercise to play live: one cash order of 10 meals (PHP 3,500.00) from PH to JP.
enum Meals {
  static let yaml = """
    scenario: { name: meals, start: 2026-10-01, end: 2026-12-31 }
    agreement: { id: T, in_force: 2026-09-01, activities: [training], categories: [food] }
    parties:
      JP: { name: Japan, currency: JPY, fiscal_year_start: 04-01 }
      PH: { name: Philippines, currency: PHP }
    units: [ { id: JPU, party: JP }, { id: PHU, party: PH } ]
    activities: [ { id: EX, type: training } ]
    catalog:
      - { id: MEAL, category: food, kind: supply, unit: meal, prices: [ { party: PH, from: 2026-01-01, price: "PHP 350.00" } ] }
    events:
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }
    """

  static func start(at path: String) throws -> LiveLedger {
    let s = try ScenarioLoader.parse(text: yaml, file: "meals.yaml")
    _ = try LedgerRun.write(
      s, generated: GeneratedStream(), to: path, version: "test", through: try LiveStart.check(s, clock: LiveStart.defaultClock(s)))
    return try LiveLedger(path: path)
  }

  static func events(_ live: LiveLedger, _ text: String) throws -> [ScenarioEvent] {
    try ScenarioLoader.parseEvents(text: text, file: "events.yaml", context: live.eventContext)
  }

  static func eventCount(_ path: String) throws -> Int {
    try AuditedLedger(path: path).reader.storedEvents().count
  }
}

@Suite("What an append refuses, and what a failed one leaves")
struct LiveLedgerEdgeTests {
  @Test("an event dated before the clock, or after the end, is refused with its code and nothing is written")
  func datesOutsideTheClock() throws {
    let scratch = try Scratch()
    let path = scratch.path("m.sqlite")
    let live = try Meals.start(at: path)
    #expect(live.clock == Day(text: "2026-10-05"))
    let before = live.digest
    let early = try Meals.events(live, "{ date: 2026-10-04, deliver: { order: O1 } }")
    #expect(throws: LiveError.self) { try live.record(early[0]) }
    do {
      _ = try live.record(early[0])
    } catch let e as LiveError {
      #expect(e.code == "before_clock")
      #expect(e.description.contains("the exercise's clock stands at 2026-10-05"))
    }
    do {
      _ = try live.advance(to: Day(text: "2027-01-01")!)
    } catch let e as LiveError {
      #expect(e.code == "after_end")
    }
    #expect(live.digest == before)
    try live.close()
    #expect(try Meals.eventCount(path) == 1)
    #expect(try Live.problems(path) == [])
  }

  @Test("a transaction that fails half-way is rolled back, the state rebuilt from the ledger, and the next event goes in")
  func failedAppendRollsBack() throws {
    let scratch = try Scratch()
    let path = scratch.path("m.sqlite")
    let live = try Meals.start(at: path)
    let before = live.digest
    // A disk that fails on the delivery's first posting, as seen by SQLite.
    try live.queue.write { db in
      try db.execute(sql: "CREATE TEMP TRIGGER fail BEFORE INSERT ON postings BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    }
    let deliver = try Meals.events(live, "{ date: 2026-10-06, deliver: { order: O1 } }")[0]
    #expect(throws: (any Error).self) { try live.record(deliver) }
    #expect(live.digest == before)
    #expect(live.clock == Day(text: "2026-10-05"))
    try live.queue.write { db in try db.execute(sql: "DROP TRIGGER temp.fail") }
    let appended = try live.record(deliver)
    #expect(appended.records.map(\.outcome) == [.applied])
    #expect(appended.records.map(\.seq) == [2])
    try live.close()
    #expect(try Live.problems(path) == [])
    #expect(try Meals.eventCount(path) == 2)
  }

  @Test("a second writer of the same ledger is refused while the first holds it")
  func oneWriter() throws {
    let scratch = try Scratch()
    let path = scratch.path("m.sqlite")
    let live = try Meals.start(at: path)
    #expect(throws: FileError.self) { try LiveLedger(path: path) }
    try live.close()
    let again = try LiveLedger(path: path)
    try again.close()
  }

  @Test("a ledger altered by an insider is not appended to: it does not verify")
  func tampered() throws {
    let scratch = try Scratch()
    let path = scratch.path("m.sqlite")
    try Meals.start(at: path).close()
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "UPDATE orders SET status = 'closed' WHERE order_id = 'O1' AND book = 'JP'") }
    try queue.close()
    do {
      _ = try LiveLedger(path: path)
      Issue.record("opened a tampered ledger")
    } catch let e as LiveError {
      #expect(e.code == "ledger_does_not_verify")
    }
  }

  @Test("a lapse recorded in JP's book only: the books differ, verify passes, the audit finds book_mismatch on O1")
  func lapse() throws {
    let scratch = try Scratch()
    let path = scratch.path("m.sqlite")
    let live = try Meals.start(at: path)
    for e in try Meals.events(
      live,
      """
      - { date: 2026-10-06, deliver: { order: O1 } }
      - { date: 2026-10-07, books: [JP], pay: { order: O1, amount: "PHP 3500.00" } }
      """)
    {
      #expect(try live.record(e).records.map(\.outcome) == [.applied])
    }
    // JP's book: paid; PH's: still owed PHP 3,500.00.
    #expect(live.books[0].outstanding(debtor: "JP", creditor: "PH", kind: .cash, commodity: "PHP") == 0)
    #expect(live.books[1].outstanding(debtor: "JP", creditor: "PH", kind: .cash, commodity: "PHP") == 350_000)
    try live.close()
    #expect(try Live.problems(path) == [])
    let audited = try AuditedLedger(path: path)
    let audit = try AuditReport.make(audited, asOf: audited.lastDay)
    #expect(audit.findings.filter { $0.code == .bookMismatch }.map(\.order) == ["O1"])
  }

  @Test("events are read as a scenario's: an unknown order, an order id used again, a date outside the period, each at its line and column")
  func diagnostics() throws {
    let scratch = try Scratch()
    let live = try Meals.start(at: scratch.path("m.sqlite"))
    defer { try? live.close() }
    do {
      _ = try Meals.events(
        live,
        """
        - { date: 2026-10-06, deliver: { order: O2 } }
        - { date: 2026-10-06, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }
        - { date: 2027-01-06, claim: { order: O1 } }
        """)
      Issue.record("parsed")
    } catch let error as ScenarioErrors {
      #expect(
        error.diagnostics.map(\.description) == [
          "events.yaml:1:41: error: [0].deliver.order: unknown order id 'O2'; did you mean 'O1'?",
          "events.yaml:2:36: error: [1].order.id: duplicate order id 'O1' (already in the ledger)",
          "events.yaml:3:11: error: [2].date: 2027-01-06 is outside the scenario period 2026-10-01..2026-12-31",
        ])
    }
  }
}
