import ACSALedger
import Foundation
import Testing

/// The edits an insider could make with the sqlite3 shell. Each must be detected and
/// named by `acsa verify` (exit 1) and reported as an `integrity` finding by `acsa audit`.
struct Tamper: CustomTestStringConvertible, Sendable {
  let name: String
  let sql: String
  /// Problem kinds `verify --json` must report (at least these).
  let kinds: Set<String>
  /// Whether `acsa audit`'s quick checks see it too (`audit --verify` always does).
  var quick = true
  var testDescription: String { name }
}

let tampers: [Tamper] = [
  .init(
    name: "change an amount", sql: "UPDATE postings SET amount = amount - 100000 WHERE book = 'JP' AND entry_no = 8 AND line_no = 0;",
    kinds: ["chain_broken", "unbalanced", "replay_mismatch", "balance_mismatch"]),
  .init(
    name: "change an amount on both lines, so the entry still balances",
    sql: "UPDATE postings SET amount = amount / 2 WHERE book = 'PH' AND entry_no = 8;", kinds: ["chain_broken", "replay_mismatch"]),
  .init(
    name: "delete a posting", sql: "DELETE FROM postings WHERE book = 'PH' AND entry_no = 8 AND line_no = 1;",
    kinds: ["chain_broken", "unbalanced", "replay_mismatch"]),
  .init(
    name: "delete an entry and its postings",
    sql: "DELETE FROM postings WHERE book = 'JP' AND entry_no = 12; DELETE FROM entries WHERE book = 'JP' AND entry_no = 12;",
    kinds: ["chain_broken", "numbering_gap", "log_mismatch", "replay_mismatch"]),
  .init(
    name: "delete an event from the log", sql: "DELETE FROM events WHERE seq = 13;",
    kinds: ["chain_broken", "log_mismatch"], quick: false),
  .init(
    name: "insert a posting pair",
    sql:
      "INSERT INTO postings VALUES ('JP', 8, 2, '2026-10-19', 'payable:cash', 'cash', 'PHP', -5000000, 'PH-0001', NULL), ('JP', 8, 3, '2026-10-19', 'received:cash', 'cash', 'PHP', 5000000, 'PH-0001', NULL);",
    kinds: ["chain_broken", "replay_mismatch", "balance_mismatch"]),
  .init(
    name: "insert an event into the log",
    sql:
      "INSERT INTO events VALUES (999, '2026-11-01', NULL, NULL, 'pay', 'PH-0002', 'JP,PH', 'applied', NULL, 'forged', 'pay|PH-0002|PHP|100', 'x');",
    kinds: ["chain_broken", "log_mismatch"]),
  .init(
    name: "change a date",
    sql:
      "UPDATE entries SET date = '2026-12-19' WHERE book = 'PH' AND entry_no = 12; UPDATE postings SET date = '2026-12-19' WHERE book = 'PH' AND entry_no = 12;",
    kinds: ["chain_broken", "log_mismatch"], quick: false),
  .init(
    name: "reorder two entries",
    sql: """
      UPDATE entries SET entry_no = -1 WHERE book = 'JP' AND entry_no = 12; UPDATE postings SET entry_no = -1 WHERE book = 'JP' AND entry_no = 12;
      UPDATE entries SET entry_no = 12 WHERE book = 'JP' AND entry_no = 13; UPDATE postings SET entry_no = 12 WHERE book = 'JP' AND entry_no = 13;
      UPDATE entries SET entry_no = 13 WHERE book = 'JP' AND entry_no = -1; UPDATE postings SET entry_no = 13 WHERE book = 'JP' AND entry_no = -1;
      """,
    kinds: ["chain_broken", "out_of_order"], quick: false),
  .init(
    name: "change a daily balance summary, which acsa balance reads",
    sql: "UPDATE daily_balances SET units = units + 100 WHERE book = 'JP' AND date = '2026-10-19' AND kind = 'cash';",
    kinds: ["snapshot_mismatch"]),
  .init(
    name: "change what an event recorded (a receipt hidden)",
    sql:
      "UPDATE events SET payload = replace(payload, 'deliver|PH-0002|1|1', 'deliver|PH-0002|0|1') WHERE action = 'deliver' AND order_id = 'PH-0002';",
    kinds: ["chain_broken", "log_mismatch"], quick: false),
]

@Suite("Tamper evidence: an insider's edits are detected and named")
struct TamperTests {
  @Test(arguments: tampers)
  func detected(_ t: Tamper) throws {
    let (tmp, path) = try CLI.kamandagLedger()
    _ = try CLI.sqlite(path, t.sql)
    let out = try CLI.run(["verify", "k.sqlite", "--json"], in: tmp)
    #expect(out.status == 1, "\(t.name): verify passed:\n\(out.stdout)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let kinds = Set((json["problems"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
    #expect(t.kinds.isSubset(of: kinds), "\(t.name): reported \(kinds.sorted())")
    let text = try CLI.run(["verify", "k.sqlite"], in: tmp)
    #expect(text.stdout.contains("FAILED"))
    for flags in [["--verify"]] + (t.quick ? [[]] : []) {
      let audit = try CLI.run(["audit", "k.sqlite", "--json"] + flags, in: tmp)
      #expect(audit.status == 1)
      let json = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
      let counts = json["counts"] as? [String: Int] ?? [:]
      #expect((counts["integrity"] ?? 0) >= 1, "\(t.name) \(flags): no integrity finding in \(counts)")
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
  /// the README could: the log chain, the book chain, the heads and the digest.
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
  }
}
