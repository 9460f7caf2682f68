import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation
import GRDB
import Testing

@testable import ACSALedger

/// The ledger writer builds rows (and chain records) on the engine's thread and hands
/// them in batches to the thread that owns the database: these tests hold it to the
/// string definitions of the chains, to its error handling and to determinism.
@Suite("Ledger pipeline: rows built on the engine's thread, written on the database's")
struct LedgerPipelineTests {
  /// Text that escaping must handle: the separators and line ends, a CRLF (one Character
  /// in Swift), combining marks (a `|` followed by one is not a `|` Character), non-ASCII.
  static let awkward: [String?] = [
    nil, "", "plain", "a|b", "back\\slash", "line\nend", "cr\rlone", "crlf\r\nend", "|\u{301}", "e\u{301}|x", "日本|食料",
    "emoji 🇯🇵🇵🇭", "\\|\n\r", "\r\n|\\", "||||", "tail|",
  ]

  static func bytes(_ write: (inout ChainRecordEncoder) -> Void) -> String {
    var encoder = ChainRecordEncoder(bytes: [])
    write(&encoder)
    return String(decoding: encoder.bytes, as: UTF8.self)
  }

  @Test("chain records written as bytes are the string records, on awkward text")
  func recordsMatchStrings() throws {
    var checked = 0
    for (i, text) in Self.awkward.enumerated() {
      let other = Self.awkward[(i * 7 + 3) % Self.awkward.count]
      let e = EventRecord(
        seq: 7 + i * 1_003, date: Day(year: 2026, month: 1 + i % 12, day: 1 + i)!, eventID: text, line: i, action: "deliver",
        orderID: other, books: i % 2 == 0 ? ["JP", "PH"] : ["PH"], outcome: .applied, code: text, message: other ?? "m",
        payload: text)
      #expect(Self.bytes { $0.append(event: e) } == LedgerChain.eventRecord(e), "event with \(String(reflecting: text))")
      let entry = JournalEntry(
        book: i % 2 == 0 ? "JP" : "PH", date: e.date, eventSeq: e.seq, orderID: text, memo: other ?? "", payload: text ?? "",
        postings: [
          Posting(
            account: .receivable(.cash), kind: .cash, commodity: text ?? "PHP", amount: Int64(i) * 1_000_001, orderID: other,
            obligationID: i
          ),
          Posting(
            account: .counter(.provided, .cash), kind: .cash, commodity: "PHP", amount: -Int64(i) * 1_000_001, orderID: text,
            obligationID: nil),
          Posting(account: .payable(.inKind), kind: .inKind, commodity: "FUEL", amount: .min, orderID: nil, obligationID: 12_345),
        ])
      for number in [1, 9, 10, 123_456] {
        #expect(
          Self.bytes { $0.append(entry: entry, number: number) } == LedgerChain.entryRecord(entry, number: number),
          "entry \(number) with \(String(reflecting: text))")
        checked += 1
      }
    }
    #expect(checked == Self.awkward.count * 4)
  }

  @Test("the chains computed on the database's thread are the chains `verify` recomputes")
  func chainsMatch() throws {
    let record = "entry|JP|1|2026-10-05|3|O-1|memo|payload\n"
    var heads = ChainHeads(parties: ["JP", "PH"], frameworkHash: "f")
    let hash = Array(record.utf8).withUnsafeBytes { heads.add($0, to: ChainHeads.book(0)) }
    #expect(hash == LedgerChain.next(LedgerChain.genesis("book JP", frameworkHash: "f"), record))
    #expect(heads.heads[ChainHeads.log] == LedgerChain.genesis("log", frameworkHash: "f"))
    #expect(
      heads.digest
        == LedgerChain.digest(
          logHead: LedgerChain.genesis("log", frameworkHash: "f"),
          bookHeads: [("JP", hash), ("PH", LedgerChain.genesis("book PH", frameworkHash: "f"))]))
  }

  /// A file at a fresh path holding `previous`; returns its path.
  /// A path in a folder of its own, with nothing there yet.
  static func freshPath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("ledger.sqlite").path
  }

  /// A complete ledger of a few events, in a folder of its own, and its bytes.
  static func previousLedger() throws -> (path: String, bytes: Data) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("ledger.sqlite").path
    try LedgerFile.create(at: path, framework: Self.framework, frameworkHash: "test") { writer in
      try writer.begin(meta: [:], framework: Self.framework)
      for seq in 1...3 { try writer.record(Self.event(seq)) }
      _ = try writer.finish(books: [], refusedOrders: [])
    }
    return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func event(_ seq: Int) -> EventRecord {
    EventRecord(
      seq: seq, date: Day(year: 2026, month: 10, day: 1)!, eventID: "e\(seq)", line: seq, action: "sign", orderID: "O-\(seq)",
      books: ["JP", "PH"], outcome: .applied, code: nil, message: "event \(seq)", payload: "sign|O-\(seq)")
  }

  static let framework = try! ScenarioLoader.parse(text: World.yaml(events: "[]"), file: "w.yaml").framework

  @Test("a database error stops the engine (even while it waits on a full queue) and leaves the previous ledger")
  func databaseErrorStopsTheEngine() throws {
    let (path, previous) = try Self.previousLedger()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    let seen = Seen()
    #expect {
      try LedgerFile.create(at: path, framework: Self.framework, frameworkHash: "test") { writer in
        try writer.record(Self.event(1))
        try writer.record(Self.event(1))  // the same sequence number: a primary-key violation
        // Far more rows than the queue holds: the engine must be stopped, not hang.
        do {
          for seq in 2..<(RowBatch.capacity * (BatchChannel().depth + 4)) {
            try writer.record(Self.event(seq))
            seen.written += 1
          }
        } catch is PipelineStopped {
          seen.stopped = true
          throw PipelineStopped()
        }
      }
    } throws: { error in
      // The database's error is the one reported, not the engine's stop.
      (error as? LedgerFileError).map { String(describing: $0).contains("UNIQUE constraint failed: events.seq") } ?? false
    }
    #expect(seen.stopped, "the engine went on after \(seen.written) rows")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == previous)
    let left = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
    #expect(left == ["ledger.sqlite"], "left behind: \(left)")
  }

  struct EngineFailure: Error {}

  @Test("an engine error after many rows leaves the previous ledger and no temporary file")
  func engineErrorLeavesThePreviousLedger() throws {
    let (path, previous) = try Self.previousLedger()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    #expect(throws: EngineFailure.self) {
      try LedgerFile.create(at: path, framework: Self.framework, frameworkHash: "test") { writer in
        for seq in 1...(RowBatch.capacity * 3 + 17) { try writer.record(Self.event(seq)) }
        throw EngineFailure()
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == previous)
    let left = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
    #expect(left == ["ledger.sqlite"], "left behind: \(left)")
  }

  @Test("rows of every table keep their order across batches and grouped inserts")
  func rowOrder() throws {
    let path = try Self.freshPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    // More than a batch, a count that is not a multiple of the grouped statement's rows.
    let count = RowBatch.capacity + BatchExecutor.groupRows * 3 + 5
    try LedgerFile.create(at: path, framework: Self.framework, frameworkHash: "test") { writer in
      for seq in 1...count { try writer.record(Self.event(seq)) }
    }
    let rows = try DatabaseQueue(path: path).read { db in
      try Row.fetchAll(db, sql: "SELECT seq, event_id, line, message FROM events ORDER BY rowid")
    }
    #expect(rows.count == count)
    #expect(
      rows.enumerated().allSatisfy { i, row in row[0] == i + 1 && row[1] == "e\(i + 1)" && row[2] == i + 1 && row[3] == "event \(i + 1)" })
  }

  @Test("the same scenario and seed write the same ledger file, byte for byte")
  func deterministicFile() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/programme-2027.yaml").path)
    var files: [Data] = []
    for _ in 0..<2 {
      let path = try Self.freshPath()
      defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
      _ = try LedgerFile.create(at: path, framework: scenario.framework, frameworkHash: "test") { writer in
        try writer.begin(meta: ["scenario_name": scenario.name], framework: scenario.framework)
        writer.prunesOrders = true
        var sink = writer
        let result = try Engine.run(scenario, stream: try Generation.stream(for: scenario, seed: scenario.seed), into: &sink)
        return try writer.finish(books: result.books, refusedOrders: result.refusedOrders)
      }
      files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    #expect(files[0].count > 100_000)
    #expect(files[0] == files[1])
  }

  @Test("the events on each order are read back from orders.recorded_events, and from an order_events table of older ledgers alike")
  func recordedEventsBothLayouts() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/auditor-training.yaml").path)
    let path = try Self.freshPath()
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    _ = try LedgerFile.create(at: path, framework: scenario.framework, frameworkHash: "test") { writer in
      try writer.begin(meta: [:], framework: scenario.framework)
      var sink = writer
      let result = try Engine.run(scenario, stream: try Generation.stream(for: scenario, seed: scenario.seed), into: &sink)
      return try writer.finish(books: result.books, refusedOrders: result.refusedOrders)
    }
    let current = try LedgerReader(path: path).snapshotBooks(framework: scenario.framework)
    // The view gives one row per recorded event, as the table did.
    let (viewRows, recorded) = try DatabaseQueue(path: path).read { db in
      (
        try Row.fetchAll(db, sql: "SELECT book, order_id, event_seq, date FROM order_events ORDER BY book, order_id, event_seq"),
        try Int.fetchOne(db, sql: "SELECT SUM(LENGTH(recorded_events) - LENGTH(REPLACE(recorded_events, ',', '')) + 1) FROM orders") ?? 0
      )
    }
    #expect(viewRows.count == recorded && recorded > 50)
    // The layout of ledgers written before the column: a table of the same rows.
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: """
          CREATE TABLE order_events_table AS SELECT * FROM order_events;
          DROP VIEW order_events;
          ALTER TABLE order_events_table RENAME TO order_events;
          ALTER TABLE orders DROP COLUMN recorded_events;
          """)
    }
    let older = try LedgerReader(path: path).snapshotBooks(framework: scenario.framework)
    #expect(current.count == 2 && older.count == 2)
    for (a, b) in zip(current, older) {
      #expect(a.orders.count > 10)
      #expect(a.orders == b.orders)
      #expect(a.orders.values.allSatisfy { !$0.recordedEvents.isEmpty })
    }
  }
}

/// What the engine's thread saw, read by the test once `LedgerFile.create` has joined it.
private final class Seen: @unchecked Sendable {
  var written = 0
  var stopped = false
}
