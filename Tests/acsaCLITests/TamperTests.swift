import ACSALedger
import Foundation
import Testing

/// The edits an insider could make with the sqlite3 shell, one or more on every table,
/// view and kind of schema object. Each must be detected and named by `acsa verify`
/// (exit 1) and reported as an `integrity` finding by `acsa audit --verify`, or be one
/// the README lists as not covered (`verify` passes: the edit changes no answer).
struct Tamper: CustomTestStringConvertible, Sendable {
  enum Ledger: Sendable {
    /// KAMANDAG as shipped.
    case kamandag
    /// KAMANDAG with a delivery recorded in PH's book only: JP's book then holds an
    /// unapplied payment and the order is listed in `differing_orders`.
    case lostRecord
  }
  let name: String
  var ledger = Ledger.kamandag
  let sql: String
  /// Problem kinds `verify --json` must report (at least these); empty: not covered.
  let kinds: Set<String>
  /// Whether `acsa audit`'s quick checks see it too (`audit --verify` always does).
  var quick = false
  var testDescription: String { name }
}

let tampers: [Tamper] = [
  // postings
  .init(
    name: "change an amount", sql: "UPDATE postings SET amount = amount - 100000 WHERE book = 'JP' AND entry_no = 8 AND line_no = 0;",
    kinds: ["chain_broken", "unbalanced", "replay_mismatch", "balance_mismatch"], quick: true),
  .init(
    name: "change an amount on both lines, so the entry still balances",
    sql: "UPDATE postings SET amount = amount / 2 WHERE book = 'PH' AND entry_no = 8;", kinds: ["chain_broken", "replay_mismatch"],
    quick: true),
  .init(
    name: "delete a posting", sql: "DELETE FROM postings WHERE book = 'PH' AND entry_no = 8 AND line_no = 1;",
    kinds: ["chain_broken", "unbalanced", "replay_mismatch"], quick: true),
  .init(
    name: "insert a posting pair",
    sql:
      "INSERT INTO postings VALUES ('JP', 8, 2, '2026-10-19', 'payable:cash', 'cash', 'PHP', -5000000, 'PH-0001', NULL), ('JP', 8, 3, '2026-10-19', 'received:cash', 'cash', 'PHP', 5000000, 'PH-0001', NULL);",
    kinds: ["chain_broken", "replay_mismatch", "balance_mismatch"], quick: true),
  .init(
    name: "change a posting's date alone (balance --as-of reads it)",
    sql: "UPDATE postings SET date = '2026-10-30' WHERE book = 'PH' AND entry_no = 9;", kinds: ["row_mismatch"]),
  .init(
    name: "change a posting's account",
    sql: "UPDATE postings SET account = 'payable:cash' WHERE book = 'JP' AND entry_no = 9 AND line_no = 1;",
    kinds: ["chain_broken", "replay_mismatch"]),
  .init(
    name: "write text into an amount", sql: "UPDATE postings SET amount = 'abc' WHERE book = 'JP' AND entry_no = 9 AND line_no = 0;",
    kinds: ["bad_value"]),
  // entries
  .init(
    name: "delete an entry and its postings",
    sql: "DELETE FROM postings WHERE book = 'JP' AND entry_no = 12; DELETE FROM entries WHERE book = 'JP' AND entry_no = 12;",
    kinds: ["chain_broken", "numbering_gap", "log_mismatch", "replay_mismatch"], quick: true),
  .init(
    name: "change a date",
    sql:
      "UPDATE entries SET date = '2026-12-19' WHERE book = 'PH' AND entry_no = 12; UPDATE postings SET date = '2026-12-19' WHERE book = 'PH' AND entry_no = 12;",
    kinds: ["chain_broken", "log_mismatch"]),
  .init(
    name: "reorder two entries",
    sql: """
      UPDATE entries SET entry_no = -1 WHERE book = 'JP' AND entry_no = 12; UPDATE postings SET entry_no = -1 WHERE book = 'JP' AND entry_no = 12;
      UPDATE entries SET entry_no = 12 WHERE book = 'JP' AND entry_no = 13; UPDATE postings SET entry_no = 12 WHERE book = 'JP' AND entry_no = 13;
      UPDATE entries SET entry_no = 13 WHERE book = 'JP' AND entry_no = -1; UPDATE postings SET entry_no = 13 WHERE book = 'JP' AND entry_no = -1;
      """,
    kinds: ["chain_broken", "out_of_order"]),
  .init(
    name: "change an entry's memo", sql: "UPDATE entries SET memo = 'forged' WHERE book = 'PH' AND entry_no = 3;", kinds: ["chain_broken"]),
  .init(
    name: "write a NULL into an entry's hash (after lifting NOT NULL from the schema text)",
    sql: """
      PRAGMA writable_schema = ON;
      UPDATE sqlite_master SET sql = replace(sql, 'hash      TEXT NOT NULL', 'hash      TEXT') WHERE name = 'entries';
      PRAGMA writable_schema = RESET;
      UPDATE entries SET hash = NULL WHERE book = 'JP' AND entry_no = 3;
      """, kinds: ["schema_changed", "bad_value"]),
  // events
  .init(name: "delete an event from the log", sql: "DELETE FROM events WHERE seq = 13;", kinds: ["chain_broken", "log_mismatch"]),
  .init(
    name: "insert an event into the log",
    sql:
      "INSERT INTO events VALUES (999, '2026-11-01', NULL, NULL, 'pay', 'PH-0002', 'JP,PH', 'applied', NULL, 'forged', 'pay|PH-0002|PHP|100', 'x');",
    kinds: ["chain_broken", "log_mismatch"], quick: true),
  .init(
    name: "change what an event recorded (a receipt hidden)",
    sql:
      "UPDATE events SET payload = replace(payload, 'deliver|PH-0002|1|1', 'deliver|PH-0002|0|1') WHERE action = 'deliver' AND order_id = 'PH-0002';",
    kinds: ["chain_broken", "log_mismatch"]),
  .init(name: "change an event's message", sql: "UPDATE events SET message = 'forged' WHERE seq = 9;", kinds: ["chain_broken"]),
  .init(name: "change an event's line in the scenario", sql: "UPDATE events SET line = 7 WHERE seq = 9;", kinds: ["seal_broken"]),
  .init(
    name: "turn a failed expectation into a passed one", ledger: .lostRecord,
    sql:
      "UPDATE events SET outcome = 'expect_passed' WHERE outcome = 'expect_failed' AND seq = (SELECT MIN(seq) FROM events WHERE outcome = 'expect_failed');",
    kinds: ["seal_broken"]),
  // meta
  .init(
    name: "rename the scenario", sql: "UPDATE meta SET value = 'Another exercise' WHERE key = 'scenario_name';", kinds: ["row_mismatch"]),
  .init(name: "change the scenario's SHA-256", sql: "UPDATE meta SET value = 'abc' WHERE key = 'scenario_sha256';", kinds: ["seal_broken"]),
  .init(
    name: "change the scenario file's name", sql: "UPDATE meta SET value = 'other.yaml' WHERE key = 'scenario_file';",
    kinds: ["seal_broken"]),
  .init(name: "change an agreement setting", sql: "UPDATE meta SET value = '3' WHERE key = 'settlement_months';", kinds: ["row_mismatch"]),
  .init(
    name: "change a price in the framework kept in the ledger",
    sql: "UPDATE meta SET value = replace(value, 'JPY 150', 'JPY 15') WHERE key = 'framework_source';", kinds: ["framework_changed"]),
  .init(name: "change the log's head", sql: "UPDATE meta SET value = 'abc' WHERE key = 'log_head';", kinds: ["head_changed"], quick: true),
  .init(name: "add a meta key", sql: "INSERT INTO meta VALUES ('approved_by', 'auditor');", kinds: ["row_mismatch"]),
  // parties, commodities
  .init(name: "rename a party", sql: "UPDATE parties SET name = 'Somebody else' WHERE id = 'JP';", kinds: ["row_mismatch"]),
  .init(name: "change a party's currency", sql: "UPDATE parties SET currency = 'USD' WHERE id = 'PH';", kinds: ["row_mismatch"]),
  .init(
    name: "change a currency's digits (balances shown 100 times larger)",
    sql: "UPDATE commodities SET digits = 0 WHERE commodity = 'PHP';", kinds: ["row_mismatch"]),
  .init(name: "change an item's unit", sql: "UPDATE commodities SET unit = 'kL' WHERE commodity = 'DIESEL';", kinds: ["row_mismatch"]),
  // the books' snapshots
  .init(
    name: "mark an order cancelled", sql: "UPDATE orders SET status = 'cancelled' WHERE order_id = 'JP-0001' AND book = 'PH';",
    kinds: ["row_mismatch"]),
  .init(
    name: "mark a settled order delivered again, in the book that lost a record", ledger: .lostRecord,
    sql: "UPDATE orders SET status = 'delivered' WHERE order_id = 'PH-0002' AND book = 'JP';", kinds: ["row_mismatch"]),
  .init(name: "mark an order unsigned", sql: "UPDATE orders SET signed = 0 WHERE order_id = 'PH-0001';", kinds: ["row_mismatch"]),
  .init(name: "close an order", sql: "UPDATE orders SET closed_on = '2026-12-01' WHERE order_id = 'PH-0002';", kinds: ["row_mismatch"]),
  .init(
    name: "hide a receipt in a delivery", sql: "UPDATE deliveries SET receipt = 0 WHERE order_id = 'JP-0001';", kinds: ["row_mismatch"]),
  .init(
    name: "reopen an obligation", sql: "UPDATE obligations SET open = 100 WHERE order_id = 'PH-0001';",
    kinds: ["row_mismatch"], quick: true),
  .init(
    name: "move a deadline", sql: "UPDATE obligations SET deadline = '2028-10-07' WHERE order_id = 'JP-0001';", kinds: ["row_mismatch"]),
  .init(
    name: "change a daily balance summary, which acsa balance reads",
    sql: "UPDATE daily_balances SET units = units + 100 WHERE book = 'JP' AND date = '2026-10-19' AND kind = 'cash';",
    kinds: ["row_mismatch"], quick: true),
  .init(
    name: "change an unapplied payment", ledger: .lostRecord, sql: "UPDATE unapplied SET amount = 1 WHERE book = 'JP';",
    kinds: ["row_mismatch"]),
  .init(
    name: "take an order off the list of those the books record differently", ledger: .lostRecord,
    sql: "DELETE FROM differing_orders;", kinds: ["row_mismatch"]),
  // the schema
  .init(
    name: "redefine a view (every order settled)",
    sql: """
      DROP VIEW order_status;
      CREATE VIEW order_status AS SELECT order_id, book, 'settled' AS status, provider, receiver, settlement, date FROM orders ORDER BY order_id, book;
      """, kinds: ["schema_changed"]),
  .init(name: "drop a view", sql: "DROP VIEW refusals;", kinds: ["schema_changed"]),
  .init(
    name: "redefine the open balances (nothing owed)",
    sql:
      "DROP VIEW open_balances; CREATE VIEW open_balances AS SELECT book, NULL AS debtor, NULL AS creditor, kind, commodity, 0 AS units, 0 AS digits FROM postings WHERE 0;",
    kinds: ["schema_changed"]),
  .init(
    name: "redefine the open obligations (the overdue ones hidden)",
    sql: """
      DROP VIEW open_obligations;
      CREATE VIEW open_obligations AS SELECT book, obligation_id, order_id, debtor, creditor, kind, commodity, item, open AS units, delivery_date, deadline, due_on FROM obligations WHERE open > 0 AND deadline > '2027-12-31';
      """, kinds: ["schema_changed"]),
  .init(
    name: "redefine the events recorded on each order",
    sql: "DROP VIEW order_events; CREATE VIEW order_events AS SELECT book, order_id, 0 AS event_seq, date FROM orders;",
    kinds: ["schema_changed"]),
  .init(
    name: "add a trigger", sql: "CREATE TRIGGER t AFTER INSERT ON events BEGIN UPDATE meta SET value = 'x' WHERE key = 'seal'; END;",
    kinds: ["schema_changed"]),
  .init(name: "drop an index the audit reads", sql: "DROP INDEX obligations_findable;", kinds: ["schema_changed"]),
  .init(
    name: "forget a migration", sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-clustered-tables';", kinds: ["schema_changed"]),
  // Not covered: changes no answer of any command.
  .init(name: "not covered: gather SQLite's statistics (ANALYZE), which only choose query plans", sql: "ANALYZE;", kinds: []),
  .init(name: "not covered: rebuild the file (VACUUM), which keeps every value", sql: "VACUUM;", kinds: []),
]

@Suite("Tamper evidence: an insider's edits are detected and named")
struct TamperTests {
  /// The ledger an edit is made on, in a folder of its own.
  static func ledger(_ kind: Tamper.Ledger) throws -> (URL, String) {
    switch kind {
    case .kamandag: return try CLI.kamandagLedger()
    case .lostRecord:
      let tmp = try CLI.tempDir()
      let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8).replacingOccurrences(
        of: "  - date: 2026-10-19\n    deliver: { order: PH-0002 }",
        with: "  - date: 2026-10-19\n    books: [PH]\n    deliver: { order: PH-0002 }")
      try source.write(to: tmp.appendingPathComponent("lost.yaml"), atomically: true, encoding: .utf8)
      _ = try CLI.run(["run", "lost.yaml", "--db", "k.sqlite"], in: tmp)
      #expect(try CLI.sqlite(tmp.appendingPathComponent("k.sqlite").path, "SELECT COUNT(*) FROM unapplied") == "1")
      return (tmp, tmp.appendingPathComponent("k.sqlite").path)
    }
  }

  @Test(arguments: tampers)
  func detected(_ t: Tamper) throws {
    let (tmp, path) = try Self.ledger(t.ledger)
    #expect(try CLI.run(["verify", "k.sqlite"], in: tmp).status == 0, "the ledger verifies before the edit")
    _ = try CLI.sqlite(path, t.sql)
    let out = try CLI.run(["verify", "k.sqlite", "--json"], in: tmp)
    guard !t.kinds.isEmpty else {
      #expect(out.status == 0, "\(t.name): listed as not covered, but verify finds something:\n\(out.stdout)")
      return
    }
    #expect(out.status == 1, "\(t.name): verify passed:\n\(out.stdout)\(out.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let kinds = Set((json["problems"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
    #expect(t.kinds.isSubset(of: kinds), "\(t.name): reported \(kinds.sorted())")
    let text = try CLI.run(["verify", "k.sqlite"], in: tmp)
    #expect(text.stdout.contains("FAILED"))
    for flags in [["--verify"]] + (t.quick ? [[]] : []) {
      let audit = try CLI.run(["audit", "k.sqlite", "--json"] + flags, in: tmp)
      #expect(audit.status == 1, "\(t.name) \(flags): \(audit.stderr)")
      let json = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
      let counts = json["counts"] as? [String: Int] ?? [:]
      #expect((counts["integrity"] ?? 0) >= 1, "\(t.name) \(flags): no integrity finding in \(counts)")
    }
  }

  @Test("the edits are at least 30, and touch every table and view of a ledger")
  func everyTable() throws {
    let (_, path) = try CLI.kamandagLedger()
    let names = try CLI.sqlite(path, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")
      .split(separator: "\n").map(String.init)
    #expect(names.count >= 16)
    let covered = tampers.filter { !$0.kinds.isEmpty }
    #expect(covered.count >= 30)
    for name in names {
      let pattern = try Regex("\\b\(name)\\b")
      #expect(covered.contains { $0.sql.contains(pattern) }, "no edit of \(name)")
    }
  }

  @Test("a book rewritten consistently and re-chained passes verify, but not against the head the other party anchored")
  func consistentRewrite() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    _ = try CLI.run(["export", "k.sqlite", "--book", "JP", "--db", "JP.sqlite"], in: tmp)
    let jp = tmp.appendingPathComponent("JP.sqlite").path
    let before = try CLI.run(["verify", "JP.sqlite", "--json"], in: tmp)
    let anchored = try #require(
      (try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])?["book_heads"] as? [String: String])["JP"]!
    // The insider lowers JP's record of the billeting payment on PH-0001 from PHP
    // 1,260,000.00 to PHP 1,000,000.00 everywhere it appears (the log, the journal, the
    // snapshots, the daily balances), then recomputes every hash.
    _ = try CLI.sqlite(
      jp,
      """
      UPDATE events SET payload = 'pay|PH-0001|PHP|100000000', message = 'PHP 1,000,000.00 paid on PH-0001' WHERE action = 'pay' AND order_id = 'PH-0001';
      UPDATE entries SET payload = 'pay|PH-0001|PHP|100000000', memo = 'pay PH-0001: PHP 1000000.00' WHERE payload = 'pay|PH-0001|PHP|126000000';
      UPDATE postings SET amount = CASE WHEN amount > 0 THEN 100000000 ELSE -100000000 END
        WHERE (book, entry_no) IN (SELECT book, entry_no FROM entries WHERE payload = 'pay|PH-0001|PHP|100000000');
      UPDATE obligations SET open = 26000000, settled_on = NULL WHERE order_id = 'PH-0001';
      UPDATE daily_balances SET units = -100000000 WHERE date = '2026-11-10' AND kind = 'cash' AND commodity = 'PHP';
      UPDATE orders SET status = 'delivered' WHERE order_id = 'PH-0001';
      """)
    try Self.rechain(jp)
    let rewritten = try CLI.run(["verify", "JP.sqlite"], in: tmp)
    #expect(rewritten.status == 0, "the consistent rewrite is invisible without an anchor:\n\(rewritten.stdout)")
    let caught = try CLI.run(["verify", "JP.sqlite", "--head", "JP=\(anchored)", "--json"], in: tmp)
    #expect(caught.status == 1)
    #expect(caught.stdout.contains("anchor_not_found"))
  }

  /// Recomputes every hash of a one-book ledger from its rows, as an insider who read
  /// the README could: the log chain, the book chain, the heads, the digest and the seal.
  static func rechain(_ path: String) throws {
    let reader = try LedgerReader(path: path)
    let info = try reader.info()
    let frameworkHash = info.meta["framework_hash"] ?? ""
    let book = try #require(info.meta["exported_book"])
    var sql = "BEGIN;\n"
    var log = LedgerChain.genesis("log", frameworkHash: frameworkHash)
    for e in try reader.storedEvents() where e.record.payload != nil {
      log = LedgerChain.next(log, LedgerChain.eventRecord(e.record))
      sql += "UPDATE events SET hash = '\(log)' WHERE seq = \(e.record.seq);\n"
    }
    var head = LedgerChain.genesis(LedgerChain.chainName(book: book), frameworkHash: frameworkHash)
    for s in try reader.storedEntries(book: book) {
      head = LedgerChain.next(head, LedgerChain.entryRecord(s.entry, number: s.number))
      sql += "UPDATE entries SET hash = '\(head)' WHERE book = '\(book)' AND entry_no = \(s.number);\n"
    }
    sql += "UPDATE meta SET value = '\(log)' WHERE key = 'log_head';\n"
    sql += "UPDATE meta SET value = '\(head)' WHERE key = 'book_head_\(book)';\n"
    sql += "UPDATE meta SET value = '\(LedgerChain.digest(logHead: log, bookHeads: [(book, head)]))' WHERE key = 'ledger_digest';\nCOMMIT;"
    _ = try CLI.sqlite(path, sql)
    // And the seal of what the chains do not cover, computed again from the rows.
    let seal = try LedgerReader(path: path).queue.read { db in try LedgerSeal.compute(db) }
    _ = try CLI.sqlite(path, "UPDATE meta SET value = '\(seal)' WHERE key = 'seal'")
  }
}
