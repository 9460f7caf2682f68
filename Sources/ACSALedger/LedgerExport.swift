import ACSADomain
import ACSAFiles
import GRDB

extension LedgerFile {
  /// Writes one party's book alone, as that party's office would keep it: its journal
  /// and snapshots (entries, postings, orders, deliveries, obligations, unapplied
  /// amounts, daily balances) unchanged, so that its chain and head hash
  /// are the same as in the source, and the event log reduced to the events recorded in
  /// that book and the refusals, re-chained. Written atomically like any ledger.
  public static func exportBook(from source: String, book: PartyID, to path: String) throws {
    let sourceQueue = try open(source)
    let parties = try sourceQueue.read { db in try String.fetchAll(db, sql: "SELECT id FROM parties ORDER BY position") }
    guard parties.contains(book) else {
      throw UsageProblem("--book: '\(book)' is not a party of this ledger; use one of \(parties.joined(separator: ", "))")
    }
    let meta = try sourceQueue.read { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
          (try $0.at("key") as String, try $0.at("value") as String)
        })
    }
    if let exported = meta["exported_book"], exported != book {
      throw UsageProblem("--book: \(source) holds \(exported)'s book only")
    }
    try atomically(at: path, inputs: [source]) { temp in
      try sourceQueue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [temp]) }
      let queue = try DatabaseQueue(path: temp)
      try queue.writeWithoutTransaction { db in
        try db.inTransaction {
          // Every table kept per book: nothing of the other book's records travels with it.
          for table in ["postings", "entries", "orders", "deliveries", "obligations", "unapplied", "daily_balances"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE book <> ?", arguments: [book])
          }
          // Which orders the two books record differently says something of the other book.
          try db.execute(sql: "DELETE FROM differing_orders")
          try db.execute(
            sql: """
              DELETE FROM events WHERE outcome IN ('expect_passed', 'expect_failed')
                 OR (outcome IN ('applied', 'system') AND instr(',' || books || ',', ',' || ? || ',') = 0)
              """, arguments: [book])
          // The log is re-chained over what remains.
          var head = LedgerChain.genesis("log", frameworkHash: meta["framework_hash"] ?? "")
          let rows = try Row.fetchAll(db, sql: "SELECT \(LedgerReader.eventColumns) FROM events ORDER BY seq")
          let update = try db.makeStatement(sql: "UPDATE events SET hash = ? WHERE seq = ?")
          for row in rows {
            let record = try LedgerReader.eventRecord(row)
            head = LedgerChain.next(head, LedgerChain.eventRecord(record))
            try update.execute(arguments: [head, record.seq])
          }
          let bookHead = meta["book_head_" + book] ?? ""
          for party in parties where party != book {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: ["book_head_" + party])
          }
          try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'log_head'", arguments: [head])
          try db.execute(
            sql: "UPDATE meta SET value = ? WHERE key = 'ledger_digest'",
            arguments: [LedgerChain.digest(logHead: head, bookHeads: [(book, bookHead)])])
          try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('exported_book', ?)", arguments: [book])
          try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('exported_from_digest', ?)", arguments: [meta["ledger_digest"] ?? ""])
          // Sealed again: the log, the meta and (a book alone) the orders' statuses.
          try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('seal', ?)", arguments: [try LedgerSeal.compute(db)])
          return .commit
        }
      }
      try queue.close()
    }
  }
}
