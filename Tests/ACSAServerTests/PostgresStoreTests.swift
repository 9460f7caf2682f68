import ACSAAudit
import ACSADomain
import ACSALedger
import ACSALive
import ACSAPostgres
import ACSAScenario
import ACSASimulation
import Foundation
import GRDB
import Testing

/// The PostgreSQL store against a real server: `scripts/test` starts a throwaway one and
/// sets `ACSA_TEST_POSTGRES`; CI (which installs PostgreSQL) requires it.
enum PG {
  static var url: String? { ProcessInfo.processInfo.environment["ACSA_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
  static var runnable: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

  /// A new ledger's location in the test database.
  static func location() throws -> PostgresLocation {
    let database = try #require(url, "CI=true but ACSA_TEST_POSTGRES is not set: scripts/test starts a throwaway server")
    return try PostgresLocation(url: database + "?ledger=s_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))
  }

  /// Every table's rows (with their rowids where the table has them), the header's fields.
  static func contents(_ path: String) throws -> [String: [[String]]] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      var out: [String: [[String]]] = [:]
      out["pragma"] = [
        [String(try Int64.fetchOne(db, sql: "PRAGMA application_id") ?? 0)], [String(try Int64.fetchOne(db, sql: "PRAGMA user_version") ?? 0)],
      ]
      out["schema"] = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .map { row in row.databaseValues.map { "\($0)" } }
      for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
        let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
        let rowid = !sql.uppercased().contains("WITHOUT ROWID")
        out[table] = try Row.fetchAll(db, sql: "SELECT \(rowid ? "rowid, " : "")* FROM \"\(table)\"\(rowid ? " ORDER BY rowid" : "")")
          .map { row in row.databaseValues.map { "\($0)" } }
      }
      return out
    }
  }
}

@Suite("A ledger kept in PostgreSQL", .enabled(if: PG.runnable, "needs a PostgreSQL server: scripts/test starts one"))
struct PostgresStoreTests {
  static let scenarios = [
    "kamandag-2026.yaml", "typhoon-relief-2026.yaml", "maritime-mca-2026.yaml", "auditor-training.yaml", "teaching-refusals.yaml",
    "teaching-no-offset.yaml", "relief-leap-year-2028.yaml", "live-exercise-2026.yaml",
  ]

  @Test("a ledger copied in and out is the same file: every row, rowid, view and header field; it verifies", arguments: scenarios)
  func roundTrip(_ name: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-pg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try ScenarioLoader.load(path: Fixture.packageRoot.appendingPathComponent("scenarios/\(name)").path)
    let original = folder.appendingPathComponent("original.sqlite").path
    let written = try LedgerRun.write(scenario, generated: try Generation.stream(for: scenario, seed: scenario.seed), to: original, version: "test")
    let store = try PostgresStore.connect(try PG.location())
    defer {
      try? store.drop()
      store.close()
    }
    try store.upload(from: original)
    #expect(throws: PostgresStoreError.self) { try store.upload(from: original) }
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try store.download(to: copy)
    let a = try PG.contents(original)
    let b = try PG.contents(copy)
    #expect(a.keys.sorted() == b.keys.sorted())
    for table in a.keys.sorted() { #expect(a[table] == b[table], "table \(table)") }
    let audited = try AuditedLedger(path: copy)
    #expect(audited.info.meta["ledger_digest"] == written.digest)
    #expect(try Inspection.run(audited).problems.isEmpty)
  }

  @Test("every append is PostgreSQL's in the same transaction: the copy out equals the working file after each event")
  func mirroredAppends() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-pg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try ScenarioLoader.load(path: Fixture.scenarioPath)
    let working = folder.appendingPathComponent("working.sqlite").path
    _ = try LedgerRun.write(scenario, generated: GeneratedStream(), to: working, version: "test", through: Day(text: "2026-10-05")!)
    let store = try PostgresStore.connect(try PG.location())
    defer {
      try? store.drop()
      store.close()
    }
    try store.lock()
    try store.upload(from: working)
    let live = try LiveLedger(path: working, verify: false)
    live.mirror = { try store.apply($0) }
    let events = try ScenarioLoader.loadEvents(
      path: Fixture.packageRoot.appendingPathComponent("docs/examples/live-day-1.yaml").path, context: live.eventContext)
    for (i, event) in events.enumerated() {
      _ = try live.record(event)
      // Deadline processing, a lapse and a refusal too.
      if i == 2 { _ = try live.advance(to: Day(text: "2026-10-07")!) }
    }
    let lapse = try ScenarioLoader.parseEvents(
      text: "{date: 2026-10-09, books: [PH], invoice: {order: PH-0001}}", file: "lapse", context: live.eventContext)
    _ = try live.record(lapse[0])
    _ = try live.advance(to: Day(text: "2027-11-01")!)
    let digest = live.digest
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try store.download(to: copy)
    try live.close()
    let a = try PG.contents(working)
    let b = try PG.contents(copy)
    for table in a.keys.sorted() { #expect(a[table] == b[table], "table \(table)") }
    let audited = try AuditedLedger(path: copy)
    #expect(audited.info.meta["ledger_digest"] == digest)
    #expect(try Inspection.run(audited).problems.isEmpty)
    #expect(try AuditReport.make(audited, asOf: audited.lastDay).items.contains { $0.finding.code == .bookMismatch })
  }

  @Test("a failed PostgreSQL transaction rolls the append back here too; one server at a time")
  func failureAndLock() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-pg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try ScenarioLoader.load(path: Fixture.scenarioPath)
    let working = folder.appendingPathComponent("working.sqlite").path
    _ = try LedgerRun.write(scenario, generated: GeneratedStream(), to: working, version: "test", through: Day(text: "2026-10-05")!)
    let location = try PG.location()
    let store = try PostgresStore.connect(location)
    defer {
      try? store.drop()
      store.close()
    }
    try store.lock()
    // A second server on the same ledger is refused.
    let other = try PostgresStore.connect(location)
    #expect(throws: PostgresStoreError.self) { try other.lock() }
    other.close()
    try store.upload(from: working)
    let live = try LiveLedger(path: working, verify: false)
    var failing = true
    live.mirror = { statements in
      if failing { throw PostgresStoreError.query("appending to the ledger", "the connection was lost") }
      try store.apply(statements)
    }
    let before = live.digest
    let deliver = try ScenarioLoader.parseEvents(text: "{date: 2026-10-05, deliver: {order: PH-0001}}", file: "e", context: live.eventContext)
    #expect(throws: PostgresStoreError.self) { _ = try live.record(deliver[0]) }
    #expect(live.digest == before)
    #expect(live.books.allSatisfy { $0.orders["PH-0001"]?.deliveries.isEmpty == true })
    failing = false
    let appended = try live.record(deliver[0])
    #expect(appended.records.map(\.seq) == [2], "the failed attempt left no trace: the event is the second")
    let copy = folder.appendingPathComponent("copy.sqlite").path
    try store.download(to: copy)
    try live.close()
    #expect(try AuditedLedger(path: copy).info.meta["ledger_digest"] == appended.digest)
  }

  @Test("URLs: what is read, and what is refused in words")
  func urls() throws {
    let l = try PostgresLocation(url: "postgres://trainer:secret@db.example:6543/centre?ledger=Kamandag-10", environment: [:])
    #expect(l.host == "db.example" && l.port == 6543 && l.user == "trainer" && l.password == "secret" && l.database == "centre")
    #expect(l.ledger == "kamandag_10" && l.schema == "acsa_kamandag_10")
    #expect(l.description == "postgres://trainer@db.example:6543/centre?ledger=kamandag_10")
    let env = try PostgresLocation(url: "postgresql:///centre?ledger=x&host=/run/postgresql", environment: ["PGUSER": "u", "PGPASSWORD": "p"])
    #expect(env.user == "u" && env.password == "p" && env.socketFolder == "/run/postgresql")
    #expect(try PostgresLocation(url: "postgres://h/db", defaultLedger: "live_exercise_2026").ledger == "live_exercise_2026")
    for (url, says) in [
      ("postgres://h/db", "name the ledger: add ?ledger=NAME"), ("postgres://h/?ledger=a", "name the database"),
      ("postgres://u:pw@h/db?ledger=a;drop", "is not a name"), ("postgres://h/db?ledger=a&sslmode=x", "unknown parameter 'sslmode'"),
    ] {
      do {
        _ = try PostgresLocation(url: url, environment: [:])
        Issue.record("\(url) was read")
      } catch {
        #expect(error.description.contains(says), "\(error.description)")
        #expect(!error.description.contains("pw@"), "the password is never shown")
      }
    }
    #expect(PostgresLocation.ledgerName(forFile: "scenarios/live-exercise-2026.yaml") == "live_exercise_2026")
  }
}
