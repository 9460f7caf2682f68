import ACSADomain
import ACSALedger
import ACSASimulation
import Foundation
import GRDB

/// Every stored row against the row acsa writes from what the ledger records: the
/// ledger's event log and journals, as they read back, and its books replayed from
/// those journals go through the same writer as a run, into a temporary file; then
/// every table of the two is compared, value by value and type by type. So a stored
/// value that a command prints or computes from, and that no chain covers (a posting's
/// date, an order's status, a daily balance, a currency's digits, a party's name, a
/// view), differs from what its records give the moment it is edited.
///
/// The keys that cannot be derived (`LedgerSeal.metaKeys`) are taken as stored: the
/// seal covers them. In one party's exported book, an order's status depends on the
/// other book, which is not there: statuses are left to the seal too.
enum Derivation {
  static let limitPerTable = 20

  static func problems(_ ledger: AuditedLedger, records: LedgerRecords, books: [Book], refused: Set<String>) throws -> [IntegrityProblem] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-verify-\(UUID().uuidString).sqlite").path
    defer {
      for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    var meta = LedgerMeta.derived(from: ledger.frameworkScenario, framework: ledger.info.meta["framework_source"] ?? "")
    for key in LedgerSeal.metaKeys + [LedgerSeal.clockKey] { meta[key] = ledger.info.meta[key] }
    try LedgerFile.create(at: path, framework: ledger.framework, frameworkHash: ledger.frameworkHash, books: ledger.books) { writer in
      try writer.begin(meta: meta, framework: ledger.framework)
      for e in records.events { try writer.record(e.record) }
      for book in ledger.books { try writer.post((records.entries[book] ?? []).map(\.entry)) }
      _ = try writer.finish(books: books, refusedOrders: refused)
    }
    let exported = ledger.books.count == 1
    let format = Int(ledger.info.meta["format_version"] ?? "") ?? 0
    return try ledger.reader.queue.inDatabase { db in
      try db.execute(sql: "ATTACH DATABASE ? AS derived", arguments: [path])
      defer { try? db.execute(sql: "DETACH DATABASE derived") }
      var problems: [IntegrityProblem] = []
      for table in LedgerComparison.tables {
        // Which orders the two books record differently needs both books.
        if exported && table.name == "differing_orders" { continue }
        // Kept as a table only by the earliest ledgers; a view over orders since.
        if table.name == "order_events",
          try String.fetchOne(db, sql: "SELECT type FROM main.sqlite_master WHERE name = 'order_events'") != "table"
        {
          continue
        }
        // The hashes are the chains' (checked link by link before); a status in one book
        // alone, the seal's.
        var skipping = ["events", "entries"].contains(table.name) ? ["hash"] : []
        if exported && table.name == "orders" { skipping.append("status") }
        let (differences, count) = try LedgerComparison.compare(
          db, LedgerComparison.Table(table.name, key: table.key, skipping: skipping), limit: limitPerTable)
        problems += differences.map(problem)
        if count > differences.count {
          problems.append(IntegrityProblem(.rowMismatch, book: nil, "\(table.name): \(count - differences.count) more rows differ"))
        }
      }
      problems += try metaProblems(db, format: format)
      return problems
    }
  }

  /// The meta rows against the derived ones: every key acsa derives; in a ledger of
  /// this format, no key acsa does not write.
  static func metaProblems(_ db: Database, format: Int) throws -> [IntegrityProblem] {
    func values(_ schema: String) throws -> [String: DatabaseValue] {
      var result: [String: DatabaseValue] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT key, value FROM \(schema).meta") {
        result[try row.at("key")] = row["value"] as DatabaseValue
      }
      return result
    }
    let stored = try values("main")
    let derived = try values("derived")
    var problems: [IntegrityProblem] = []
    // The heads and the digest are the chains' own (checked against them before); the
    // seal is checked apart; an earlier format says so.
    func chained(_ key: String) -> Bool { key == "seal" || key == "log_head" || key == "ledger_digest" || key.hasPrefix("book_head_") }
    for (key, value) in derived.sorted(by: { $0.key < $1.key }) where !chained(key) && !(key == "format_version" && format < 2) {
      guard let found = stored[key] else {
        problems.append(IntegrityProblem(.rowMismatch, book: nil, "meta: \(key) is missing"))
        continue
      }
      if found != value {
        problems.append(
          IntegrityProblem(
            .rowMismatch, book: nil,
            "meta: \(key) is \(LedgerComparison.shown(found)); from the scenario and the chains the ledger keeps it is \(LedgerComparison.shown(value))"
          ))
      }
    }
    if format >= 2 {
      for key in stored.keys.sorted() where derived[key] == nil && !chained(key) {
        problems.append(IntegrityProblem(.rowMismatch, book: nil, "meta: \(key) is not a key acsa writes"))
      }
    }
    return problems
  }

  /// A difference in words, on the book, order, entry and event its key names.
  static func problem(_ d: LedgerComparison.Difference) -> IntegrityProblem {
    let key = d.key.map { "\($0.column) \($0.value)" }.joined(separator: ", ")
    let message: String
    switch d.kind {
    case .changed(let columns):
      message =
        "\(d.table) (\(key)): "
        + columns.map { "\($0.column) is \($0.stored) where acsa, writing what the ledger records, writes \($0.derived)" }
        .joined(separator: "; ")
    case .onlyStored: message = "\(d.table) (\(key)): a row that what the ledger records does not give"
    case .onlyDerived: message = "\(d.table) (\(key)): missing; what the ledger records gives this row"
    }
    return IntegrityProblem(
      .rowMismatch, book: d.key("book"), order: d.key("order_id"), entry: d.key("entry_no").flatMap { Int($0) },
      seq: (d.key("seq") ?? d.key("event_seq")).flatMap { Int($0) }, message)
  }

  /// The seal of the rows as they are, against the one the ledger keeps.
  static func sealProblems(_ ledger: AuditedLedger) throws -> [IntegrityProblem] {
    let format = Int(ledger.info.meta["format_version"] ?? "") ?? 0
    guard let stored = ledger.info.meta["seal"] else {
      return format >= 2
        ? [IntegrityProblem(.sealBroken, book: nil, "the ledger keeps no seal (meta.seal) of what its chains do not cover")] : []
    }
    let computed = try ledger.reader.queue.read { db in try LedgerSeal.compute(db) }
    guard computed != stored else { return [] }
    return [
      IntegrityProblem(
        .sealBroken, book: nil,
        "what the chains do not cover (the scenario file's name and SHA-256, the acsa that wrote it, each event's line, the "
          + "expectations\(ledger.books.count == 1 ? ", the orders' statuses" : "")) is not what was sealed when the ledger was written")
    ]
  }
}
