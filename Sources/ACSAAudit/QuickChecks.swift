import ACSADomain
import ACSALedger

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
    try run(ledger, owners: owners, journal: journal) { owner, perOrder in
      try ledger.reader.snapshotBalances(book: owner, perOrder: perOrder)
    }
  }

  /// `owners`: the books whose balances are checked; `journal`: what a pass over the
  /// postings found, if one was made; `snapshot(owner, perOrder)`: a book's balances
  /// from its obligations and unapplied amounts (as `snapshot(_:perOrder:)`).
  static func run(
    _ ledger: AuditedLedger, owners: [PartyID], journal: () throws -> JournalScan?,
    snapshot: (PartyID, Bool) throws -> [BalanceLine: Int64]
  ) throws -> [IntegrityProblem] {
    let reader = ledger.reader
    var problems: [IntegrityProblem] = []
    if LedgerChain.sha256Hex(ledger.info.meta["framework_source"] ?? "") != ledger.frameworkHash {
      problems.append(
        IntegrityProblem(.frameworkChanged, book: nil, "the agreement, units, catalog and rates kept in the ledger do not match their hash")
      )
    }
    let entries = try reader.entryCounts()
    let scan = try journal()
    if scan.map({ !$0.balanceDecided || $0.unbalanced }) ?? true {
      for u in try reader.unbalancedEntries() {
        problems.append(IntegrityProblem(.unbalanced, book: u.book, order: u.order, entry: u.entry, "entry \(u.entry) does not balance"))
      }
    }
    var last: [String: Int] = [:]
    for e in entries {
      last[e.book] = e.last
      if e.count != e.last {
        problems.append(
          IntegrityProblem(
            .numberingGap, book: e.book, "\(e.count) entries numbered up to \(e.last): entries were deleted or renumbered"))
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
      for o in try reader.postingsOutsideEntries() {
        problems.append(
          IntegrityProblem(.orphanPosting, book: o.book, order: o.order, entry: o.entry, "postings of entry \(o.entry) have no entry"))
      }
    }
    for book in ledger.books {
      if let head = try reader.lastEntryHash(book: book), let recorded = ledger.info.meta["book_head_" + book], head != recorded {
        problems.append(
          IntegrityProblem(.headChanged, book: book, "\(book)'s last entry is not the head recorded when the ledger was written"))
      }
    }
    if let head = try reader.lastEventHash(), let recorded = ledger.info.meta["log_head"], head != recorded {
      problems.append(IntegrityProblem(.headChanged, book: nil, "the event log's last record is not the head recorded when it was written"))
    }
    // The journal's balances against the books' obligations and unapplied amounts: in
    // total, and order by order only where the totals differ.
    for owner in owners {
      let journalTotals = try scan.map { $0.totals[owner] ?? [:] } ?? Self.journal(ledger, owner, perOrder: false)
      var summary: [BalanceLine: Int64] = [:]
      for row in try reader.balances(asOf: nil, book: owner, perOrder: false) { summary[Self.line(row, perOrder: false)] = row.units }
      if summary != journalTotals {
        problems.append(IntegrityProblem(.snapshotMismatch, book: owner, "\(owner)'s daily balance summaries differ from its journal"))
      }
      if journalTotals != (try snapshot(owner, false)) {
        let journal = try Self.journal(ledger, owner, perOrder: true)
        let snapshot = try snapshot(owner, true)
        for key in Set(journal.keys).union(snapshot.keys).sorted() where journal[key] != snapshot[key] {
          problems.append(
            IntegrityProblem(
              .balanceMismatch, book: owner, order: key.order,
              "the journal says \(journal[key] ?? 0), the book's obligations \(snapshot[key] ?? 0) (\(key))"))
        }
      }
    }
    return problems
  }

  /// A book's balances from its journal.
  static func journal(_ ledger: AuditedLedger, _ owner: PartyID, perOrder: Bool) throws -> [BalanceLine: Int64] {
    var result: [BalanceLine: Int64] = [:]
    for row in try ledger.reader.journalBalances(asOf: nil, book: owner, perOrder: perOrder) {
      result[line(row, perOrder: perOrder)] = row.units
    }
    return result
  }

  static func line(_ row: BalanceRow, perOrder: Bool) -> BalanceLine {
    BalanceLine(order: perOrder ? row.orderID : nil, debtor: row.debtor, creditor: row.creditor, kind: row.kind, commodity: row.commodity)
  }

  static func snapshot(_ book: Book, perOrder: Bool) -> [BalanceLine: Int64] {
    var result: [BalanceLine: Int64] = [:]
    for o in book.obligations where o.openUnits != 0 {
      let line = BalanceLine(
        order: perOrder ? o.order : nil, debtor: o.debtor, creditor: o.creditor, kind: o.kind.rawValue, commodity: o.commodity)
      result[line, default: 0] += o.openUnits
    }
    for id in book.orderIDs {
      for (key, amount) in book.orders[id]?.unapplied ?? [:] {
        result[BalanceLine.unapplied(key, order: perOrder ? id : nil), default: 0] -= amount
      }
    }
    for (key, amount) in book.bookUnapplied { result[BalanceLine.unapplied(key, order: nil), default: 0] -= amount }
    return result.filter { $0.value != 0 }
  }
}
