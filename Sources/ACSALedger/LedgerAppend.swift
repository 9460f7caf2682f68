import ACSADomain
import GRDB

/// What continues a ledger: the heads of its chains, the last entry number of each
/// book, the seal of its rows so far and its clock. Read once from the ledger (whose
/// chains and seal `acsa verify` has checked), then carried from one append to the next.
public struct LedgerTail: Sendable {
  var chains: ChainHeads
  var entryNumbers: [PartyID: Int]
  var seal: LedgerSeal
  /// The live exercise's clock as `meta.clock` holds it (nil: the ledger ran to its end).
  public internal(set) var clock: String?

  /// The ledger's digest as the tail leaves it.
  public var digest: String { chains.digest }

  /// Reads the tail of the ledger open in `db`, which keeps both books of `framework`.
  public static func read(_ db: Database, framework: Framework) throws -> LedgerTail {
    let (seal, meta) = try LedgerSeal.unfinished(db)
    let parties = framework.partyIDs
    guard let log = meta["log_head"] else { throw LedgerFileError.damaged(path: db.description, detail: "it keeps no log_head") }
    var heads = [log]
    for party in parties {
      guard let head = meta["book_head_" + party] else {
        throw LedgerFileError.damaged(path: db.description, detail: "it keeps no head of \(party)'s book")
      }
      heads.append(head)
    }
    var numbers: [PartyID: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT book, MAX(entry_no) AS last FROM entries GROUP BY book") {
      numbers[try row.at("book")] = try row.at("last")
    }
    return LedgerTail(
      chains: ChainHeads(parties: parties, heads: heads), entryNumbers: numbers, seal: seal, clock: meta[LedgerSeal.clockKey])
  }
}

extension LedgerWriter {
  /// A writer that appends to the ledger open in `db`, inside the caller's transaction,
  /// from `tail`: its rows go straight into the database, on this thread.
  public static func appending(to db: Database, framework: Framework, tail: LedgerTail) throws -> LedgerWriter {
    let executor = try BatchExecutor(db: db, channel: nil, chains: tail.chains)
    let writer = LedgerWriter(destination: .direct(executor), framework: framework, books: framework.partyIDs)
    writer.entryNumbers = tail.entryNumbers
    writer.seal = tail.seal
    writer.clock = tail.clock
    writer.touched = []
    return writer
  }

  /// Ends an append: the snapshot rows of each order its events touched (in both books:
  /// an order's status in one depends on the other), each book's own unapplied amounts,
  /// the daily balances its postings change, which orders the books record differently;
  /// then the clock, the seal, the heads and the digest. `books`: the books as they
  /// stand after the append (none pruned). Returns the tail to continue from.
  public func finishAppend(books: [Book], refusedOrders: Set<String>, clock: Day?) throws -> LedgerTail {
    guard case .direct(let executor) = destination, let touched else {
      preconditionFailure("finishAppend ends a writer made by appending(to:framework:tail:)")
    }
    for id in touched.sorted() {
      for book in parties {
        try execute(sql: "DELETE FROM orders WHERE book = ? AND order_id = ?", book, id)
        try execute(sql: "DELETE FROM deliveries WHERE book = ? AND order_id = ?", book, id)
        try execute(sql: "DELETE FROM unapplied WHERE book = ? AND order_id = ?", book, id)
      }
      // By key: an order's obligations are only ever added to.
      for book in books {
        guard let owner = book.owner, let rec = book.orders[id] else { continue }
        for oid in rec.obligationIDs {
          try execute(sql: "DELETE FROM obligations WHERE book = ? AND obligation_id = ?", owner, String(oid))
        }
      }
      try execute(sql: "DELETE FROM differing_orders WHERE order_id = ?", id)
      try writeOrder(id, books: books, refused: refusedOrders.contains(id))
    }
    for book in books {
      guard let owner = book.owner else { continue }
      try execute(sql: "DELETE FROM unapplied WHERE book = ? AND order_id IS NULL", owner)
      for (key, amount) in book.bookUnapplied.sorted(by: { $0.key < $1.key }) {
        try insert(.unapplied) { b in
          b.text(owner)
          b.null()
          b.text(key)
          b.int(amount)
        }
      }
    }
    for (key, units) in daily where units != 0 {
      let values = [key.book, key.date.description, key.debtor, key.creditor, key.kind.rawValue, key.commodity]
      for v in values { batch.text(v) }
      batch.int(units)
      batch.operations.append(RowBatch.Operation(kind: .sql(index: Int32(batch.sql.count)), arity: UInt8(values.count + 1)))
      batch.sql.append(
        "INSERT INTO daily_balances(book, date, debtor, creditor, kind, commodity, units) VALUES (?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT(book, date, debtor, creditor, kind, commodity) DO UPDATE SET units = daily_balances.units + excluded.units")
      try execute(
        sql: "DELETE FROM daily_balances WHERE book = ? AND date = ? AND debtor = ? AND creditor = ? AND kind = ? AND commodity = ? AND units = 0",
        key.book, key.date.description, key.debtor, key.creditor, key.kind.rawValue, key.commodity)
    }
    daily = [:]
    let clockText = clock?.description ?? self.clock
    // (Standard SQL throughout, as PostgreSQL also reads it: `PostgresStore.apply`.)
    if let clockText {
      try execute(
        sql: "INSERT INTO meta(key, value) VALUES ('\(LedgerSeal.clockKey)', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", clockText)
    }
    try execute(sql: "UPDATE meta SET value = ? WHERE key = 'seal'", seal.value(clock: clockText))
    batch.operations.append(RowBatch.Operation(kind: .closeChains, arity: 0))
    try flush()
    return LedgerTail(chains: executor.chains, entryNumbers: entryNumbers, seal: seal, clock: clockText)
  }
}

extension ChainHeads {
  /// Heads read back from a ledger: the log's, then each party book's.
  init(parties: [PartyID], heads: [String]) {
    self.parties = parties
    self.heads = heads
  }
}
