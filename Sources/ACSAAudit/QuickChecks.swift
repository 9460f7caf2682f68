import ACSADomain
import ACSALedger
import GRDB

/// The checks `acsa audit` runs on every ledger, in a few queries: the framework against
/// its hash, balanced entries, consecutive entry numbers, postings with an entry, chain
/// heads against the meta, and the journal's balances against the books' obligations.
/// `acsa verify` recomputes every hash and replays every event besides.
public enum QuickChecks {
  public static func run(_ ledger: AuditedLedger, books: [Book]) throws -> [IntegrityProblem] {
    var problems: [IntegrityProblem] = []
    if LedgerChain.sha256Hex(ledger.info.meta["framework_source"] ?? "") != ledger.frameworkHash {
      problems.append(IntegrityProblem(.frameworkChanged, book: nil, "the agreement, units, catalog and rates kept in the ledger do not match their hash"))
    }
    try ledger.reader.queue.read { db in
      for r in try Row.fetchAll(
        db,
        sql: """
          SELECT p.book, p.entry_no, e.order_id FROM postings p LEFT JOIN entries e ON e.book = p.book AND e.entry_no = p.entry_no
          GROUP BY p.book, p.entry_no, p.kind, p.commodity HAVING SUM(p.amount) <> 0
          """)
      {
        problems.append(IntegrityProblem(.unbalanced, book: r[0], order: r[2], entry: r[1], "entry \(r[1] as Int) does not balance"))
      }
      for r in try Row.fetchAll(db, sql: "SELECT book, COUNT(*), MAX(entry_no) FROM entries GROUP BY book") where (r[1] as Int) != (r[2] as Int) {
        problems.append(IntegrityProblem(.numberingGap, book: r[0], "\(r[1] as Int) entries numbered up to \(r[2] as Int): entries were deleted or renumbered"))
      }
      for r in try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT p.book, p.entry_no, p.order_id FROM postings p LEFT JOIN entries e ON e.book = p.book AND e.entry_no = p.entry_no
          WHERE e.entry_no IS NULL
          """)
      {
        problems.append(IntegrityProblem(.orphanPosting, book: r[0], order: r[2], entry: r[1], "postings of entry \(r[1] as Int) have no entry"))
      }
      for book in ledger.books {
        let last = try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE book = ? ORDER BY entry_no DESC LIMIT 1", arguments: [book])
        if let last, let recorded = ledger.info.meta["book_head_" + book], last != recorded {
          problems.append(IntegrityProblem(.headChanged, book: book, "\(book)'s last entry is not the head recorded when the ledger was written"))
        }
      }
      let lastEvent = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1")
      if let lastEvent, let recorded = ledger.info.meta["log_head"], lastEvent != recorded {
        problems.append(IntegrityProblem(.headChanged, book: nil, "the event log's last record is not the head recorded when it was written"))
      }
    }
    // The journal's balances against the books' obligations and unapplied amounts.
    for book in books {
      guard let owner = book.owner else { continue }
      var journal: [String: Int64] = [:]
      for row in try ledger.reader.balances(asOf: nil, book: owner, perOrder: true) {
        journal["\(row.orderID ?? "-")|\(row.debtor)>\(row.creditor)|\(row.kind)|\(row.commodity)"] = row.units
      }
      var snapshot: [String: Int64] = [:]
      for o in book.obligations where o.openUnits != 0 {
        snapshot["\(o.order)|\(o.debtor)>\(o.creditor)|\(o.kind.rawValue)|\(o.commodity)", default: 0] += o.openUnits
      }
      for id in book.orderIDs {
        for (key, amount) in book.orders[id]?.unapplied ?? [:] { snapshot["\(id)|\(key)", default: 0] -= amount }
      }
      for (key, amount) in book.bookUnapplied { snapshot["-|\(key)", default: 0] -= amount }
      snapshot = snapshot.filter { $0.value != 0 }
      for key in Set(journal.keys).union(snapshot.keys).sorted() where journal[key] != snapshot[key] {
        let order = String(key.split(separator: "|").first ?? "-")
        problems.append(
          IntegrityProblem(
            .balanceMismatch, book: owner, order: order == "-" ? nil : order,
            "the journal says \(journal[key] ?? 0), the book's obligations \(snapshot[key] ?? 0) (\(key))"))
      }
    }
    return problems
  }
}
