import ACSADomain
import GRDB

/// Writes a run into a ledger database, inside the one transaction that `LedgerFile`
/// opens. The writer runs on the engine's thread and only builds rows (values, chain
/// hashes, daily sums); it hands them in batches to the thread that owns the database
/// connection (`LedgerFile.create`), which inserts them through statements prepared once.
/// So the simulation and SQLite run side by side, on two cores.
public final class LedgerWriter: RunSink {
  /// Where full batches go: to the database's thread (a new ledger), or straight into
  /// the database, on this thread (an append).
  enum Destination {
    case channel(BatchChannel)
    case direct(BatchExecutor)
  }
  let destination: Destination
  var batch = RowBatch()
  var entryNumbers: [PartyID: Int] = [:]
  let parties: [PartyID]
  /// The books whose chains are kept, in the order of `ChainHeads`.
  let books: [PartyID]
  let paymentDays: Int
  let claimDays: Int
  /// Net change of each open balance per day and book, written by `finish`.
  var daily: [DailyKey: Int64] = [:]
  /// What the chains do not cover (`LedgerSeal`), sealed by `finish`.
  var seal = LedgerSeal(meta: [:])
  /// A live exercise's clock (`meta.clock`), which the seal ends with.
  var clock: String?
  /// The orders an append's events touched, whose snapshot rows it rewrites (nil when
  /// writing a new ledger).
  var touched: Set<String>?

  struct DailyKey: Hashable {
    let book: PartyID
    let date: Day
    let debtor: PartyID
    let creditor: PartyID
    let kind: ObligationKind
    let commodity: String
  }

  /// The inserts a run makes, prepared once on the database's side.
  enum Insert: UInt8, CaseIterable, Sendable {
    case event, entry, posting, order, delivery, unapplied, obligation, daily, differing

    /// The table and its columns, in the order the writer binds its values: declared
    /// here once; the statement and its arity follow, and a test holds them to the
    /// ledger's schema.
    var table: (name: String, columns: [String]) {
      switch self {
      case .event:
        ("events", ["seq", "date", "event_id", "line", "action", "order_id", "books", "outcome", "code", "message", "payload", "hash"])
      case .entry: ("entries", ["book", "entry_no", "date", "event_seq", "order_id", "memo", "payload", "hash"])
      case .posting:
        ("postings", ["book", "entry_no", "line_no", "date", "account", "kind", "commodity", "amount", "order_id", "obligation_id"])
      case .order:
        (
          "orders",
          [
            "book", "order_id", "position", "date", "activity", "provider_unit", "receiver_unit", "provider", "receiver", "settlement",
            "terms", "signed", "recorded_order_event", "cancelled", "closed_on", "closed_with_balance", "status", "recorded_events",
          ]
        )
      case .delivery:
        ("deliveries", ["book", "order_id", "delivery_no", "date", "event_seq", "receipt", "while_unsigned", "obligation_ids"])
      case .unapplied: ("unapplied", ["book", "order_id", "key", "amount"])
      case .obligation:
        // (`rowid` first: the obligation's place in a book's id order, which the audit's scan reads.)
        (
          "obligations",
          [
            "rowid", "book", "obligation_id", "order_id", "kind", "debtor", "creditor", "item", "category", "commodity", "original", "open",
            "value_currency", "value", "delivery_date", "created_on", "deadline", "claimed_on", "billed_on", "due_on", "settled_on",
            "converted_on", "converted_into", "converted_from",
          ]
        )
      case .daily: ("daily_balances", ["book", "date", "debtor", "creditor", "kind", "commodity", "units"])
      case .differing: ("differing_orders", ["order_id"])
      }
    }

    /// The statement inserting one row.
    var sql: String { Self.statements[Int(rawValue)] }

    /// How many values a row takes.
    var arity: Int { Self.arities[Int(rawValue)] }

    private static let statements = allCases.map { insert in
      let (name, columns) = insert.table
      return "INSERT INTO \(name)(" + columns.joined(separator: ", ") + ") VALUES ("
        + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
    }
    private static let arities = allCases.map { $0.table.columns.count }
  }

  /// Whether the engine may prune finished orders (their snapshots are then written as
  /// they are pruned, the rest by `finish`: the same rows either way).
  public var prunesOrders = false

  init(destination: Destination, framework: Framework, books: [PartyID]) {
    self.destination = destination
    parties = framework.partyIDs
    self.books = books
    paymentDays = framework.agreement.paymentDays
    claimDays = framework.agreement.claimDays
  }

  /// Adds one row, its values written by `values` into the batch; hands the batch over
  /// when it is full.
  func insert(_ insert: Insert, _ values: (inout RowBatch) -> Void) throws {
    let before = batch.values.count
    values(&batch)
    precondition(batch.values.count - before == insert.arity, "\(insert) takes \(insert.arity) values")
    batch.operations.append(RowBatch.Operation(kind: .insert(insert), arity: UInt8(insert.arity)))
    if batch.operations.count >= RowBatch.capacity { try flush() }
  }

  /// Adds one execution of SQL text, with its values.
  func execute(sql: String, _ values: String...) throws {
    for v in values { batch.text(v) }
    batch.operations.append(
      RowBatch.Operation(kind: .sql(index: Int32(batch.sql.count)), arity: UInt8(values.count)))
    batch.sql.append(sql)
    if batch.operations.count >= RowBatch.capacity { try flush() }
  }

  /// Hands the rows built so far to the database's thread.
  func flush() throws {
    guard !batch.isEmpty else { return }
    switch destination {
    case .channel(let channel):
      var full = channel.emptyBatch()
      swap(&full, &batch)
      try channel.send(full)
    case .direct(let executor):
      try executor.execute(batch)
      batch.clear()
    }
  }

  /// Writes the scenario's description: meta, parties and commodities.
  public func begin(meta: [String: String], framework: Framework) throws {
    seal = LedgerSeal(meta: meta)
    clock = meta[LedgerSeal.clockKey]
    try execute(sql: LedgerSchema.findingIndexes(paymentDays: paymentDays, claimDays: claimDays))
    let metaSQL = "INSERT INTO meta(key, value) VALUES (?, ?)"
    for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
      try execute(sql: metaSQL, key, value)
    }
    try execute(sql: metaSQL, "format_version", String(LedgerSchema.formatVersion))
    for (i, p) in framework.parties.enumerated() {
      try execute(
        sql: "INSERT INTO parties(id, position, name, currency, fiscal_year_start) VALUES (?, \(i), ?, ?, ?)",
        p.id, p.name, p.currency.code, p.fiscalYearStart.description)
    }
    var currencies = Set(framework.parties.map(\.currency))
    for rate in framework.rateList {
      currencies.insert(rate.base)
      currencies.insert(rate.quote)
    }
    for c in currencies.sorted() {
      try execute(sql: "INSERT INTO commodities(commodity, kind, digits, unit) VALUES (?, 'currency', \(c.minorDigits), NULL)", c.code)
    }
    for item in framework.items.values.sorted(by: { $0.id < $1.id }) {
      try execute(sql: "INSERT INTO commodities(commodity, kind, digits, unit) VALUES (?, 'item', 3, ?)", item.id, item.unit)
    }
  }

  public func record(_ e: EventRecord) throws {
    seal.add(e)
    if touched != nil, let id = e.orderID { touched?.insert(id) }
    try insert(.event) { b in
      b.int(e.seq)
      b.day(e.date)
      b.text(e.eventID)
      b.int(e.line)
      b.text(e.action)
      b.text(e.orderID)
      b.text(e.books.joined(separator: ","))
      b.text(e.outcome.rawValue)
      b.text(e.code)
      b.text(e.message)
      b.text(e.payload)
      // Expectations are not chained.
      if e.outcome.isExpectation || e.payload == nil { b.null() } else { b.chained(ChainHeads.log) { $0.append(event: e) } }
    }
  }

  public func post(_ entries: [JournalEntry]) throws {
    if touched != nil {
      for entry in entries {
        if let id = entry.orderID { touched?.insert(id) }
        for p in entry.postings { if let id = p.orderID { touched?.insert(id) } }
      }
    }
    for entry in entries {
      let number = (entryNumbers[entry.book] ?? 0) + 1
      entryNumbers[entry.book] = number
      guard let index = books.firstIndex(of: entry.book) else {
        throw LedgerFileError.internalError(path: "", detail: "an entry of \(entry.book)'s book, which this ledger does not keep")
      }
      let chain = ChainHeads.book(index)
      try insert(.entry) { b in
        b.text(entry.book)
        b.int(number)
        b.day(entry.date)
        b.int(entry.eventSeq)
        b.text(entry.orderID)
        b.text(entry.memo)
        b.text(entry.payload)
        b.chained(chain) { $0.append(entry: entry, number: number) }
      }
      let other = parties.first { $0 != entry.book } ?? ""
      for (i, p) in entry.postings.enumerated() {
        if case .receivable = p.account {
          daily[
            DailyKey(book: entry.book, date: entry.date, debtor: other, creditor: entry.book, kind: p.kind, commodity: p.commodity),
            default: 0] +=
            p.amount
        } else if case .payable = p.account {
          daily[
            DailyKey(book: entry.book, date: entry.date, debtor: entry.book, creditor: other, kind: p.kind, commodity: p.commodity),
            default: 0] -=
            p.amount
        }
        try insert(.posting) { b in
          b.text(entry.book)
          b.int(number)
          b.int(i)
          b.day(entry.date)
          b.text(p.account.text)
          b.text(p.kind.rawValue)
          b.text(p.commodity)
          b.int(p.amount)
          b.text(p.orderID)
          b.int(p.obligationID)
        }
      }
    }
  }

  /// Writes the snapshot rows of one order in each party book that has it: the order
  /// (with the events recorded on it), its deliveries, its unapplied amounts and its
  /// obligations.
  public func writeOrder(_ id: String, books: [Book], refused: Bool) throws {
    // Both books usually hold the same terms: encoded once.
    var encoded: (terms: OrderTerms, text: String)?
    for (index, book) in books.enumerated() {
      guard let owner = book.owner, let rec = book.orders[id] else { continue }
      if encoded?.terms != rec.terms { encoded = (rec.terms, EventCodec.encode(EventPayload(action: .order(rec.terms)))) }
      try writeOrder(
        rec, owner: owner, status: book.status(of: id, other: books.count == 2 ? books[1 - index] : nil, refused: refused),
        terms: encoded?.text)
      for oid in rec.obligationIDs { try writeObligation(book.obligations[oid], owner: owner) }
    }
    // Listed now, while both books still hold the order (`finish` lists the others).
    if books.count == 2 && FindingRules.recordsMayDiffer(id, books[0], books[1]) {
      try insert(.differing) { $0.text(id) }
    }
  }

  /// `terms`: the order's terms already encoded, if the caller has them.
  func writeOrder(_ rec: OrderRecord, owner: PartyID, status: OrderStatus, terms: String? = nil) throws {
    let t = rec.terms
    let id = t.id
    try insert(.order) { b in
      b.text(owner)
      b.text(id)
      b.int(rec.position)
      b.day(rec.date)
      b.text(t.activity)
      b.text(t.provider)
      b.text(t.receiver)
      b.text(rec.provider)
      b.text(rec.receiver)
      b.text(t.settlement.rawValue)
      b.text(terms ?? EventCodec.encode(EventPayload(action: .order(t))))
      b.bool(rec.signed)
      b.bool(rec.recordedOrderEvent)
      b.bool(rec.cancelled)
      b.day(rec.closedOn)
      b.bool(rec.closedWithBalance)
      b.text(status.rawValue)
      b.recordedEvents(rec.recordedEvents, rec.recordedDates)
    }
    for (n, d) in rec.deliveries.enumerated() {
      try insert(.delivery) { b in
        b.text(owner)
        b.text(id)
        b.int(n)
        b.day(d.date)
        b.int(d.eventSeq)
        b.bool(d.receipt)
        b.bool(d.whileUnsigned)
        b.text(d.obligationIDs.map(String.init).joined(separator: ","))
      }
    }
    for (key, amount) in rec.unapplied.sorted(by: { $0.key < $1.key }) {
      try insert(.unapplied) { b in
        b.text(owner)
        b.text(id)
        b.text(key)
        b.int(amount)
      }
    }
  }

  func writeObligation(_ o: Obligation, owner: PartyID) throws {
    // The rowid puts the rows in (book, id) order whenever they are written (a pruned
    // order's obligations are written before older open ones): a table scan, as the
    // audit's, reads each book's obligations in id order.
    let rowid = Int64(parties.firstIndex(of: owner) ?? parties.count) << 40 | Int64(o.id)
    try insert(.obligation) { b in
      b.int(rowid)
      b.text(owner)
      b.int(o.id)
      b.text(o.order)
      b.text(o.kind.rawValue)
      b.text(o.debtor)
      b.text(o.creditor)
      b.text(o.item)
      b.text(o.category.rawValue)
      b.text(o.commodity)
      b.int(o.originalUnits)
      b.int(o.openUnits)
      b.text(o.currency.code)
      b.int(o.originalAmount)
      b.day(o.deliveryDate)
      b.day(o.createdOn)
      b.day(o.deadline)
      b.day(o.claimedOn)
      b.day(o.billedOn)
      b.day(o.dueOn)
      b.day(o.settledOn)
      b.day(o.convertedOn)
      b.int(o.convertedInto)
      b.int(o.convertedFrom)
    }
  }

  /// Writes the end-of-run snapshots of each book (orders, deliveries, the events on
  /// each order, obligations, unapplied amounts) not written yet, then the heads and the
  /// digest, and hands the last rows over.
  public func finish(books: [Book], refusedOrders: Set<String>) throws -> String {
    for (index, book) in books.enumerated() {
      guard let owner = book.owner else { continue }
      let other = books.count == 2 ? books[1 - index] : nil
      for id in book.orderIDs {
        guard let rec = book.orders[id] else { continue }
        try writeOrder(rec, owner: owner, status: book.status(of: id, other: other, refused: refusedOrders.contains(id)))
      }
      for (key, amount) in book.bookUnapplied.sorted(by: { $0.key < $1.key }) {
        try insert(.unapplied) { b in
          b.text(owner)
          b.null()
          b.text(key)
          b.int(amount)
        }
      }
      for o in book.obligations { try writeObligation(o, owner: owner) }
    }
    // In key order, so that the same run writes the same rows in the same order.
    let days = daily.filter { $0.value != 0 }.sorted { a, b in
      let (x, y) = (a.key, b.key)
      return (x.book, x.date.ordinal, x.debtor, x.creditor, x.kind.rawValue, x.commodity)
        < (y.book, y.date.ordinal, y.debtor, y.creditor, y.kind.rawValue, y.commodity)
    }
    for (key, units) in days {
      try insert(.daily) { b in
        b.text(key.book)
        b.day(key.date)
        b.text(key.debtor)
        b.text(key.creditor)
        b.text(key.kind.rawValue)
        b.text(key.commodity)
        b.int(units)
      }
    }
    if books.count == 2 {
      for (i, book) in books.enumerated() {
        for id in book.orderIDs where i == 0 || books[0].orders.index(forKey: id) == nil {
          guard FindingRules.recordsMayDiffer(id, books[0], books[1]) else { continue }
          try insert(.differing) { $0.text(id) }
        }
      }
    }
    try execute(sql: "INSERT INTO meta(key, value) VALUES ('seal', ?)", seal.value(clock: clock))
    try execute(sql: LedgerSchema.lookupIndexes)
    batch.operations.append(RowBatch.Operation(kind: .closeChains, arity: 0))
    try flush()
    switch destination {
    case .channel(let channel): return try channel.awaitDigest()
    case .direct(let executor): return executor.chains.digest
    }
  }
}
