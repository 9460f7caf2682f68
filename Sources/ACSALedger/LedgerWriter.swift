import ACSADomain
import GRDB

/// Writes a run into a ledger database, inside the one transaction that `LedgerFile`
/// opens. Statements are prepared once and reused.
public final class LedgerWriter: RunSink {
  let db: Database
  var entryNumbers: [PartyID: Int] = [:]
  public private(set) var heads: ChainHeads
  let parties: [PartyID]
  let paymentDays: Int
  /// Net change of each open balance per day and book, written by `finish`.
  var daily: [DailyKey: Int64] = [:]

  struct DailyKey: Hashable {
    let book: PartyID
    let date: Day
    let debtor: PartyID
    let creditor: PartyID
    let kind: ObligationKind
    let commodity: String
  }

  /// Whether the engine may prune finished orders (their snapshots are then written as
  /// they are pruned, the rest by `finish`: the same rows either way).
  public var prunesOrders = false

  init(db: Database, framework: Framework, frameworkHash: String) {
    self.db = db
    parties = framework.partyIDs
    paymentDays = framework.agreement.paymentDays
    heads = ChainHeads(parties: framework.partyIDs, frameworkHash: frameworkHash)
  }

  /// Writes the scenario's description: meta, parties and commodities.
  public func begin(meta: [String: String], framework: Framework) throws {
    for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
      try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
    }
    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('format_version', ?)", arguments: [String(LedgerSchema.formatVersion)])
    for (i, p) in framework.parties.enumerated() {
      try db.execute(
        sql: "INSERT INTO parties(id, position, name, currency, fiscal_year_start) VALUES (?, ?, ?, ?, ?)",
        arguments: [p.id, i, p.name, p.currency.code, p.fiscalYearStart.description])
    }
    var currencies = Set(framework.parties.map(\.currency))
    for rate in framework.rateList {
      currencies.insert(rate.base)
      currencies.insert(rate.quote)
    }
    for c in currencies.sorted() {
      try db.execute(
        sql: "INSERT INTO commodities(commodity, kind, digits, unit) VALUES (?, 'currency', ?, NULL)", arguments: [c.code, c.minorDigits])
    }
    for item in framework.items.values.sorted(by: { $0.id < $1.id }) {
      try db.execute(
        sql: "INSERT INTO commodities(commodity, kind, digits, unit) VALUES (?, 'item', 3, ?)", arguments: [item.id, item.unit])
    }
  }

  public func record(_ e: EventRecord) throws {
    let statement = try db.cachedStatement(
      sql:
        "INSERT INTO events(seq, date, event_id, line, action, order_id, books, outcome, code, message, payload, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    let hash = heads.add(e)
    statement.setUncheckedArguments([
      e.seq, e.date.description, e.eventID, e.line, e.action, e.orderID, e.books.joined(separator: ","),
      e.outcome.rawValue, e.code, e.message, e.payload, hash,
    ])
    try statement.execute()
  }

  public func post(_ entries: [JournalEntry]) throws {
    guard !entries.isEmpty else { return }
    let entryStatement = try db.cachedStatement(
      sql: "INSERT INTO entries(book, entry_no, date, event_seq, order_id, memo, payload, hash) VALUES (?,?,?,?,?,?,?,?)")
    let postingStatement = try db.cachedStatement(
      sql:
        "INSERT INTO postings(book, entry_no, line_no, date, account, kind, commodity, amount, order_id, obligation_id) VALUES (?,?,?,?,?,?,?,?,?,?)"
    )
    for entry in entries {
      let number = (entryNumbers[entry.book] ?? 0) + 1
      entryNumbers[entry.book] = number
      let date = entry.date.description
      let hash = heads.add(entry, number: number)
      entryStatement.setUncheckedArguments([entry.book, number, date, entry.eventSeq, entry.orderID, entry.memo, entry.payload, hash])
      try entryStatement.execute()
      let other = parties.first { $0 != entry.book } ?? ""
      for (i, p) in entry.postings.enumerated() {
        if p.account.hasPrefix("receivable:") {
          daily[
            DailyKey(book: entry.book, date: entry.date, debtor: other, creditor: entry.book, kind: p.kind, commodity: p.commodity),
            default: 0] +=
            p.amount
        } else if p.account.hasPrefix("payable:") {
          daily[
            DailyKey(book: entry.book, date: entry.date, debtor: entry.book, creditor: other, kind: p.kind, commodity: p.commodity),
            default: 0] -=
            p.amount
        }
        postingStatement.setUncheckedArguments([
          entry.book, number, i, date, p.account, p.kind.rawValue, p.commodity, p.amount, p.orderID, p.obligationID,
        ])
        try postingStatement.execute()
      }
    }
  }

  /// Writes the snapshot rows of one order in each party book that has it: the order,
  /// its deliveries, the events on it, its unapplied amounts and its obligations.
  public func writeOrder(_ id: String, books: [Book], refused: Bool) throws {
    for (index, book) in books.enumerated() {
      guard let owner = book.owner, let rec = book.orders[id] else { continue }
      try writeOrder(rec, owner: owner, status: book.status(of: id, other: books.count == 2 ? books[1 - index] : nil, refused: refused))
      for oid in rec.obligationIDs { try writeObligation(book.obligations[oid], owner: owner) }
    }
    // Listed now, while both books still hold the order (`finish` lists the others).
    if books.count == 2 && FindingRules.recordsMayDiffer(id, books[0], books[1]) {
      try db.execute(sql: "INSERT INTO differing_orders(order_id) VALUES (?)", arguments: [id])
    }
  }

  struct SnapshotStatements {
    let order: Statement
    let delivery: Statement
    let event: Statement
    let unapplied: Statement
    let obligation: Statement
  }
  var snapshots: SnapshotStatements?

  /// The snapshot tables' insert statements, prepared once.
  func snapshotStatements() throws -> SnapshotStatements {
    if let snapshots { return snapshots }
    let made = SnapshotStatements(
      order: try db.makeStatement(
        sql: """
          INSERT INTO orders(book, order_id, position, date, activity, provider_unit, receiver_unit, provider, receiver,
                             settlement, terms, signed, recorded_order_event, cancelled, closed_on, closed_with_balance, status)
          VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
          """),
      delivery: try db.makeStatement(
        sql:
          "INSERT INTO deliveries(book, order_id, delivery_no, date, event_seq, receipt, while_unsigned, obligation_ids) VALUES (?,?,?,?,?,?,?,?)"
      ),
      event: try db.makeStatement(sql: "INSERT INTO order_events(book, order_id, event_seq, date) VALUES (?,?,?,?)"),
      unapplied: try db.makeStatement(sql: "INSERT INTO unapplied(book, order_id, key, amount) VALUES (?,?,?,?)"),
      obligation: try db.makeStatement(
        sql: """
          INSERT INTO obligations(rowid, book, obligation_id, order_id, kind, debtor, creditor, item, category, commodity,
            original, open, value_currency, value, delivery_date, created_on, deadline, claimed_on, billed_on, due_on,
            settled_on, converted_on, converted_into, converted_from)
          VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
          """))
    snapshots = made
    return made
  }

  func writeOrder(_ rec: OrderRecord, owner: PartyID, status: OrderStatus) throws {
    let st = try snapshotStatements()
    let (orderStatement, deliveryStatement, eventStatement, unappliedStatement) = (st.order, st.delivery, st.event, st.unapplied)
    let t = rec.terms
    let id = t.id
    orderStatement.setUncheckedArguments([
      owner, id, rec.position, rec.date.description, t.activity, t.provider, t.receiver, rec.provider, rec.receiver,
      t.settlement.rawValue, EventCodec.encode(EventPayload(action: .order(t))), rec.signed, rec.recordedOrderEvent, rec.cancelled,
      rec.closedOn?.description, rec.closedWithBalance, status.rawValue,
    ])
    try orderStatement.execute()
    for (n, d) in rec.deliveries.enumerated() {
      deliveryStatement.setUncheckedArguments([
        owner, id, n, d.date.description, d.eventSeq, d.receipt, d.whileUnsigned,
        d.obligationIDs.map(String.init).joined(separator: ","),
      ])
      try deliveryStatement.execute()
    }
    for (seq, date) in zip(rec.recordedEvents, rec.recordedDates) {
      eventStatement.setUncheckedArguments([owner, id, seq, date.description])
      try eventStatement.execute()
    }
    for (key, amount) in rec.unapplied.sorted(by: { $0.key < $1.key }) {
      unappliedStatement.setUncheckedArguments([owner, id, key, amount])
      try unappliedStatement.execute()
    }
  }

  func writeObligation(_ o: Obligation, owner: PartyID) throws {
    let obligationStatement = try snapshotStatements().obligation
    // The rowid puts the rows in (book, id) order whenever they are written (a pruned
    // order's obligations are written before older open ones): a table scan, as the
    // audit's, reads each book's obligations in id order.
    let rowid = Int64(parties.firstIndex(of: owner) ?? parties.count) << 40 | Int64(o.id)
    obligationStatement.setUncheckedArguments([
      rowid, owner, o.id, o.order, o.kind.rawValue, o.debtor, o.creditor, o.item, o.category.rawValue, o.commodity,
      o.originalUnits, o.openUnits, o.currency.code, o.originalAmount, o.deliveryDate.description, o.createdOn.description,
      o.deadline.description, o.claimedOn?.description, o.billedOn?.description, o.dueOn?.description,
      o.settledOn?.description, o.convertedOn?.description, o.convertedInto, o.convertedFrom,
    ])
    try obligationStatement.execute()
  }

  /// Writes the end-of-run snapshots of each book (orders, deliveries, the events on
  /// each order, obligations, unapplied amounts) not written yet, then the heads and the
  /// digest.
  public func finish(books: [Book], refusedOrders: Set<String>) throws -> String {
    let unappliedStatement = try snapshotStatements().unapplied
    for (index, book) in books.enumerated() {
      guard let owner = book.owner else { continue }
      let other = books.count == 2 ? books[1 - index] : nil
      for id in book.orderIDs {
        guard let rec = book.orders[id] else { continue }
        try writeOrder(rec, owner: owner, status: book.status(of: id, other: other, refused: refusedOrders.contains(id)))
      }
      for (key, amount) in book.bookUnapplied.sorted(by: { $0.key < $1.key }) {
        unappliedStatement.setUncheckedArguments([owner, nil, key, amount])
        try unappliedStatement.execute()
      }
      for o in book.obligations { try writeObligation(o, owner: owner) }
    }
    let dailyStatement = try db.cachedStatement(
      sql: "INSERT INTO daily_balances(book, date, debtor, creditor, kind, commodity, units) VALUES (?,?,?,?,?,?,?)")
    for (key, units) in daily where units != 0 {
      dailyStatement.setUncheckedArguments([
        key.book, key.date.description, key.debtor, key.creditor, key.kind.rawValue, key.commodity, units,
      ])
      try dailyStatement.execute()
    }
    snapshots = nil
    if books.count == 2 {
      let differing = try db.cachedStatement(sql: "INSERT INTO differing_orders(order_id) VALUES (?)")
      for (i, book) in books.enumerated() {
        for id in book.orderIDs where i == 0 || books[0].orders.index(forKey: id) == nil {
          guard FindingRules.recordsMayDiffer(id, books[0], books[1]) else { continue }
          differing.setUncheckedArguments([id])
          try differing.execute()
        }
      }
    }
    try db.execute(sql: LedgerSchema.indexes(paymentDays: paymentDays))
    let value = heads.digest
    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('ledger_digest', ?)", arguments: [value])
    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('log_head', ?)", arguments: [heads.log])
    for party in parties {
      try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: ["book_head_" + party, heads.books[party] ?? ""])
    }
    return value
  }
}
