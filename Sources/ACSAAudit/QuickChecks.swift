import ACSADomain
import ACSALedger
import GRDB

/// The checks `acsa audit` runs on every ledger, in a few queries: the framework against
/// its hash, balanced entries, consecutive entry numbers, postings with an entry, chain
/// heads against the meta, and the journal's balances against the books' obligations and
/// the daily summaries `acsa balance` reads.
/// `acsa verify` recomputes every hash and replays every event besides.
public enum QuickChecks {
  public static func run(_ ledger: AuditedLedger, books: [Book]) throws -> [IntegrityProblem] {
    try run(ledger, owners: books.compactMap(\.owner), journal: { nil }) { owner, perOrder in
      books.first { $0.owner == owner }.map { snapshot($0, perOrder: perOrder) } ?? [:]
    }
  }

  /// The same checks with what one pass over the postings found (`JournalScan`, asked
  /// for once the entries are counted): the queries run only where it saw something
  /// wrong, and the books' balances come from the obligations' snapshots in the ledger.
  static func run(_ ledger: AuditedLedger, owners: [PartyID], journal: () throws -> JournalScan) throws -> [IntegrityProblem] {
    try run(ledger, owners: owners, journal: journal) { owner, perOrder in try snapshot(ledger, owner, perOrder: perOrder) }
  }

  /// `owners`: the books whose balances are checked; `journal`: what a pass over the
  /// postings found, if one was made; `snapshot(owner, perOrder)`: a book's balances
  /// from its obligations and unapplied amounts (as `snapshot(_:perOrder:)`).
  static func run(
    _ ledger: AuditedLedger, owners: [PartyID], journal: () throws -> JournalScan?,
    snapshot: (PartyID, Bool) throws -> [String: Int64]
  ) throws -> [IntegrityProblem] {
    var scan: JournalScan?
    var problems: [IntegrityProblem] = []
    if LedgerChain.sha256Hex(ledger.info.meta["framework_source"] ?? "") != ledger.frameworkHash {
      problems.append(
        IntegrityProblem(.frameworkChanged, book: nil, "the agreement, units, catalog and rates kept in the ledger do not match their hash")
      )
    }
    try ledger.reader.queue.read { db in
      let entries = try Row.fetchAll(db, sql: "SELECT book, COUNT(*), MAX(entry_no) FROM entries GROUP BY book")
      scan = try journal()
      if scan.map({ !$0.balanceDecided || $0.unbalanced }) ?? true {
        let unbalanced = try Row.fetchAll(
          db, sql: "SELECT DISTINCT book, entry_no FROM postings GROUP BY book, entry_no, kind, commodity HAVING SUM(amount) <> 0")
        for r in unbalanced {
          let entry: Int = try r.at(1)
          let book: String = try r.at(0)
          let order =
            try String?.fetchOne(
              db, sql: "SELECT order_id FROM entries WHERE book = ? AND entry_no = ?", arguments: [book, entry]) ?? nil
          problems.append(IntegrityProblem(.unbalanced, book: book, order: order, entry: entry, "entry \(entry) does not balance"))
        }
      }
      var last: [String: Int64] = [:]
      for r in entries {
        if let book: String = try r.at(0), let max: Int64? = try r.at(2), let max { last[book] = max }
        if (try r.at(1) as Int) != (try r.at(2) as Int) {
          problems.append(
            IntegrityProblem(
              .numberingGap, book: try r.at(0),
              "\(try r.at(1) as Int) entries numbered up to \(try r.at(2) as Int): entries were deleted or renumbered"))
        }
      }
      // With entries numbered 1...n (checked above), a posting outside that range has no entry.
      var orphans = true
      if let scan {
        orphans = scan.entryRanges.contains { book, range in
          guard let last = last[book] else { return false }
          return range.lowerBound < 1 || range.upperBound > last
        }
      }
      if orphans {
        for r in try Row.fetchAll(
          db,
          sql: """
            SELECT DISTINCT p.book, p.entry_no, p.order_id FROM postings p
            JOIN (SELECT book, MAX(entry_no) AS last FROM entries GROUP BY book) m ON m.book = p.book
            WHERE p.entry_no < 1 OR p.entry_no > m.last
            """)
        {
          problems.append(
            IntegrityProblem(
              .orphanPosting, book: try r.at(0), order: try r.at(2), entry: try r.at(1),
              "postings of entry \(try r.at(1) as Int) have no entry"))
        }
      }
      for book in ledger.books {
        let last = try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE book = ? ORDER BY entry_no DESC LIMIT 1", arguments: [book])
        if let last, let recorded = ledger.info.meta["book_head_" + book], last != recorded {
          problems.append(
            IntegrityProblem(.headChanged, book: book, "\(book)'s last entry is not the head recorded when the ledger was written"))
        }
      }
      let lastEvent = try String.fetchOne(db, sql: "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1")
      if let lastEvent, let recorded = ledger.info.meta["log_head"], lastEvent != recorded {
        problems.append(
          IntegrityProblem(.headChanged, book: nil, "the event log's last record is not the head recorded when it was written"))
      }
    }
    // The journal's balances against the books' obligations and unapplied amounts: in
    // total, and order by order only where the totals differ.
    for owner in owners {
      let journalTotals =
        scan.map { Dictionary(uniqueKeysWithValues: ($0.totals[owner] ?? [:]).map { ("-|" + $0.key, $0.value) }) }
        ?? Self.journal(ledger, owner, perOrder: false)
      var summary: [String: Int64] = [:]
      for row in (try? ledger.reader.balances(asOf: nil, book: owner, perOrder: false)) ?? [] {
        summary["-|\(row.debtor)>\(row.creditor)|\(row.kind)|\(row.commodity)"] = row.units
      }
      if summary != journalTotals {
        problems.append(IntegrityProblem(.snapshotMismatch, book: owner, "\(owner)'s daily balance summaries differ from its journal"))
      }
      if journalTotals != (try snapshot(owner, false)) {
        let journal = Self.journal(ledger, owner, perOrder: true)
        let snapshot = try snapshot(owner, true)
        for key in Set(journal.keys).union(snapshot.keys).sorted() where journal[key] != snapshot[key] {
          let order = String(key.split(separator: "|").first ?? "-")
          problems.append(
            IntegrityProblem(
              .balanceMismatch, book: owner, order: order == "-" ? nil : order,
              "the journal says \(journal[key] ?? 0), the book's obligations \(snapshot[key] ?? 0) (\(key))"))
        }
      }
    }
    return problems
  }

  /// A book's balances from its snapshots in the ledger, as `snapshot(_:perOrder:)`
  /// computes them from the restored book: the open obligations, less the unapplied
  /// amounts of the book and of its orders.
  static func snapshot(_ ledger: AuditedLedger, _ owner: PartyID, perOrder: Bool) throws -> [String: Int64] {
    try ledger.reader.queue.read { db in
      var result: [String: Int64] = [:]
      for r in try Row.fetchAll(
        db, sql: "SELECT order_id, debtor, creditor, kind, item, value_currency, open FROM obligations WHERE book = ? AND open <> 0",
        arguments: [owner])
      {
        let kind: String = try r.at(3)
        let commodity: String = kind == ObligationKind.inKind.rawValue ? try r.at(4) : try r.at(5)
        let order: String = try r.at(0)
        result["\(perOrder ? order : "-")|\(try r.at(1) as String)>\(try r.at(2) as String)|\(kind)|\(commodity)", default: 0] +=
          try r.at(6) as Int64
      }
      // As a restored book keeps them: one amount per key, the last row's, and only for
      // orders the book has.
      var unapplied: [String: [String: Int64]] = [:]
      var bookUnapplied: [String: Int64] = [:]
      for r in try Row.fetchAll(
        db,
        sql: """
          SELECT u.order_id, u.key, u.amount FROM unapplied u
          WHERE u.book = ? AND (u.order_id IS NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.book = u.book AND o.order_id = u.order_id))
          """, arguments: [owner])
      {
        if let order: String = try r.at(0) {
          unapplied[order, default: [:]][try r.at(1)] = try r.at(2)
        } else {
          bookUnapplied[try r.at(1)] = try r.at(2)
        }
      }
      for (id, amounts) in unapplied {
        for (key, amount) in amounts { result["\(perOrder ? id : "-")|\(key)", default: 0] -= amount }
      }
      for (key, amount) in bookUnapplied { result["-|\(key)", default: 0] -= amount }
      return result.filter { $0.value != 0 }
    }
  }

  /// Balances by "order|debtor>creditor|kind|commodity" (order "-" for totals).
  static func journal(_ ledger: AuditedLedger, _ owner: PartyID, perOrder: Bool) -> [String: Int64] {
    var result: [String: Int64] = [:]
    for row in (try? ledger.reader.journalBalances(asOf: nil, book: owner, perOrder: perOrder)) ?? [] {
      result["\(perOrder ? row.orderID ?? "-" : "-")|\(row.debtor)>\(row.creditor)|\(row.kind)|\(row.commodity)"] = row.units
    }
    return result
  }

  static func snapshot(_ book: Book, perOrder: Bool) -> [String: Int64] {
    var result: [String: Int64] = [:]
    for o in book.obligations where o.openUnits != 0 {
      result["\(perOrder ? o.order : "-")|\(o.debtor)>\(o.creditor)|\(o.kind.rawValue)|\(o.commodity)", default: 0] += o.openUnits
    }
    for id in book.orderIDs {
      for (key, amount) in book.orders[id]?.unapplied ?? [:] { result["\(perOrder ? id : "-")|\(key)", default: 0] -= amount }
    }
    for (key, amount) in book.bookUnapplied { result["-|\(key)", default: 0] -= amount }
    return result.filter { $0.value != 0 }
  }
}
