import ACSADomain
import GRDB

extension LedgerReader {
  /// Each book present, rebuilt from the end-of-run snapshots (`Book.restore`).
  public func snapshotBooks(framework: Framework) throws -> [Book] {
    try queue.read { db in
      let present = try Self.presentBooks(db)
      var books: [Book] = []
      for owner in present {
        var deliveries: [String: [Delivery]] = [:]
        let dRows = try Row.fetchCursor(
          db, sql: "SELECT \(Self.deliveryColumns) FROM deliveries WHERE book = ? ORDER BY order_id, delivery_no",
          arguments: [owner])
        while let r = try dRows.next() { deliveries[try r.at(Self.deliveryAt.orderId), default: []].append(try Self.delivery(r)) }
        let events = try Self.recordedEvents(db, book: owner, orders: nil)
        var unapplied: [String: [String: Int64]] = [:]
        var bookUnapplied: [String: Int64] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT order_id, key, amount FROM unapplied WHERE book = ?", arguments: [owner]) {
          if let order: String = try r.at("order_id") {
            unapplied[order, default: [:]][try r.at("key")] = try r.at("amount")
          } else {
            bookUnapplied[try r.at("key")] = try r.at("amount")
          }
        }
        var orders: [OrderRecord] = []
        let oRows = try Row.fetchCursor(
          db, sql: "SELECT \(Self.orderColumns) FROM orders WHERE book = ? ORDER BY position", arguments: [owner])
        while let r = try oRows.next() {
          let id: String = try r.at(Self.orderAt.orderId)
          if let rec = try Self.orderRecord(r, deliveries: deliveries[id] ?? [], events: events[id] ?? [], unapplied: unapplied[id] ?? [:])
          {
            orders.append(rec)
          }
        }
        var obligations: [Obligation] = []
        let gRows = try Row.fetchCursor(
          db, sql: "SELECT \(Self.obligationColumns) FROM obligations WHERE book = ? ORDER BY obligation_id", arguments: [owner])
        while let r = try gRows.next() {
          if let o = try Self.obligation(r) { obligations.append(o) }
        }
        books.append(
          Book.restore(owner: owner, framework: framework, orders: orders, obligations: obligations, bookUnapplied: bookUnapplied))
      }
      return books
    }
  }

  static func day(_ text: String) -> Day { Day(text: text) ?? Day(ordinal: 0) }

  /// The events a book recorded on its orders (all, or those in `orders`: SQL marks and
  /// their arguments, the book first), each order's in the order recorded. Read from
  /// `orders.recorded_events`, or from the `order_events` table of ledgers written
  /// before that column.
  static func recordedEvents(
    _ db: Database, book: PartyID, orders: (marks: String, arguments: StatementArguments)?
  ) throws -> [String: [(seq: Int, date: Day)]] {
    var events: [String: [(seq: Int, date: Day)]] = [:]
    let filter = orders.map { " AND order_id IN (\($0.marks))" } ?? ""
    let arguments = orders?.arguments ?? [book]
    guard try db.columns(in: "orders").contains(where: { $0.name == "recorded_events" }) else {
      let rows = try Row.fetchCursor(
        db, sql: "SELECT order_id, event_seq, date FROM order_events WHERE book = ?\(filter) ORDER BY order_id, event_seq",
        arguments: arguments)
      while let r = try rows.next() {
        events[try r.at("order_id"), default: []].append((try r.at("event_seq"), Self.day(try r.at("date"))))
      }
      return events
    }
    let c = ColumnList(["order_id", "recorded_events"])
    let rows = try Row.fetchCursor(db, sql: "SELECT \(c) FROM orders WHERE book = ?\(filter)", arguments: arguments)
    while let r = try rows.next() {
      let text: String? = try r.at(c["recorded_events"])
      var list: [(seq: Int, date: Day)] = []
      for pair in (text ?? "").split(separator: ",") {
        let parts = pair.split(separator: ":", maxSplits: 1)
        // A pair that does not read is kept as sequence 0 on day 0: the replay that
        // `acsa verify` compares with then tells the difference.
        list.append((parts.first.flatMap { Int($0) } ?? 0, parts.count == 2 ? Self.day(String(parts[1])) : Day(ordinal: 0)))
      }
      events[try r.at(c["order_id"])] = list
    }
    return events
  }

  /// The columns `orderRecord(_:deliveries:events:unapplied:)` reads, in order.
  static let orderColumns = ColumnList([
    "order_id", "date", "provider", "receiver", "terms", "signed", "recorded_order_event", "cancelled", "closed_on", "closed_with_balance",
    "position",
  ])

  static let orderAt = OrderAt(orderColumns)

  /// Positions in `orderColumns`, found once: readers go through millions of rows.
  struct OrderAt: Sendable {
    let orderId, date, provider, receiver, terms, signed, recordedOrderEvent, cancelled, closedOn, closedWithBalance, position: Int

    init(_ c: ColumnList) {
      orderId = c["order_id"]
      date = c["date"]
      provider = c["provider"]
      receiver = c["receiver"]
      terms = c["terms"]
      signed = c["signed"]
      recordedOrderEvent = c["recorded_order_event"]
      cancelled = c["cancelled"]
      closedOn = c["closed_on"]
      closedWithBalance = c["closed_with_balance"]
      position = c["position"]
    }
  }

  /// An order's snapshot (selected with `orderColumns`), or nil when its terms do not decode.
  static func orderRecord(_ r: Row, deliveries: [Delivery], events: [(seq: Int, date: Day)], unapplied: [String: Int64]) throws
    -> OrderRecord?
  {
    let c = orderAt
    let termsText: String = try r.at(c.terms)
    guard case .order(let terms)? = try? EventCodec.decode(termsText).action else { return nil }
    let closedOn: String? = try r.at(c.closedOn)
    return OrderRecord(
      restoring: terms, provider: try r.at(c.provider), receiver: try r.at(c.receiver), date: Self.day(try r.at(c.date)),
      recordedOrderEvent: try r.at(c.recordedOrderEvent), signed: try r.at(c.signed), cancelled: try r.at(c.cancelled),
      closedOn: closedOn.map(Self.day), closedWithBalance: try r.at(c.closedWithBalance), deliveries: deliveries, events: events,
      unapplied: unapplied)
  }

  /// The columns `delivery(_:)` reads.
  static let deliveryColumns = ColumnList(["order_id", "date", "event_seq", "receipt", "while_unsigned", "obligation_ids"])

  static let deliveryAt = DeliveryAt(deliveryColumns)

  /// Positions in `deliveryColumns`, found once: readers go through millions of rows.
  struct DeliveryAt: Sendable {
    let orderId, date, eventSeq, receipt, whileUnsigned, obligationIds: Int

    init(_ c: ColumnList) {
      orderId = c["order_id"]
      date = c["date"]
      eventSeq = c["event_seq"]
      receipt = c["receipt"]
      whileUnsigned = c["while_unsigned"]
      obligationIds = c["obligation_ids"]
    }
  }

  /// A delivery's snapshot, selected with `deliveryColumns`.
  static func delivery(_ r: Row) throws -> Delivery {
    let c = deliveryAt
    let ids: String = try r.at(c.obligationIds)
    return Delivery(
      date: Self.day(try r.at(c.date)), eventSeq: try r.at(c.eventSeq), receipt: try r.at(c.receipt),
      obligationIDs: ids.split(separator: ",").compactMap { Int($0) }, whileUnsigned: try r.at(c.whileUnsigned))
  }

  /// The columns `obligation(_:)` reads, in order.
  static let obligationColumns = ColumnList([
    "obligation_id", "order_id", "kind", "debtor", "creditor", "item", "category", "value_currency", "delivery_date", "created_on",
    "deadline", "value", "original", "open", "claimed_on", "billed_on", "due_on", "settled_on", "converted_on", "converted_into",
    "converted_from",
  ])

  static let obligationAt = ObligationAt(obligationColumns)

  /// Positions in `obligationColumns`, found once: readers go through millions of rows.
  struct ObligationAt: Sendable {
    let obligationId, orderId, kind, debtor, creditor, item, category, valueCurrency, deliveryDate, createdOn, deadline, value, original,
      open, claimedOn, billedOn, dueOn, settledOn, convertedOn, convertedInto, convertedFrom: Int

    init(_ c: ColumnList) {
      obligationId = c["obligation_id"]
      orderId = c["order_id"]
      kind = c["kind"]
      debtor = c["debtor"]
      creditor = c["creditor"]
      item = c["item"]
      category = c["category"]
      valueCurrency = c["value_currency"]
      deliveryDate = c["delivery_date"]
      createdOn = c["created_on"]
      deadline = c["deadline"]
      value = c["value"]
      original = c["original"]
      open = c["open"]
      claimedOn = c["claimed_on"]
      billedOn = c["billed_on"]
      dueOn = c["due_on"]
      settledOn = c["settled_on"]
      convertedOn = c["converted_on"]
      convertedInto = c["converted_into"]
      convertedFrom = c["converted_from"]
    }
  }

  /// An obligation's snapshot (selected with `obligationColumns`), or nil when its kind,
  /// category or currency is unknown.
  static func obligation(_ r: Row) throws -> Obligation? {
    let c = obligationAt
    let kindText: String = try r.at(c.kind)
    let categoryText: String = try r.at(c.category)
    let currencyText: String = try r.at(c.valueCurrency)
    guard let kind = ObligationKind(rawValue: kindText), let category = Category(rawValue: categoryText),
      let currency = Currency(code: currencyText)
    else { return nil }
    let original: Int64 = try r.at(c.original)
    let value: Int64 = try r.at(c.value)
    func optionalDay(_ column: Int) throws -> Day? { (try r.at(column) as String?).map(Self.day) }
    return Obligation(
      id: try r.at(c.obligationId), order: try r.at(c.orderId), debtor: try r.at(c.debtor), creditor: try r.at(c.creditor),
      kind: kind,
      item: try r.at(c.item), category: category, currency: currency, deliveryDate: Self.day(try r.at(c.deliveryDate)),
      createdOn: Self.day(try r.at(c.createdOn)), deadline: Self.day(try r.at(c.deadline)), originalAmount: value,
      originalQty: kind == .inKind ? Quantity(milli: original) : .zero, openUnits: try r.at(c.open),
      claimedOn: try optionalDay(c.claimedOn),
      billedOn: try optionalDay(c.billedOn), dueOn: try optionalDay(c.dueOn), settledOn: try optionalDay(c.settledOn),
      convertedOn: try optionalDay(c.convertedOn), convertedInto: try r.at(c.convertedInto),
      convertedFrom: try r.at(c.convertedFrom))
  }

  /// The books present in the snapshots (with orders or entries), in party order.
  static func presentBooks(_ db: Database) throws -> [PartyID] {
    try String.fetchAll(
      db,
      sql: """
        SELECT id FROM parties p
        WHERE EXISTS (SELECT 1 FROM orders WHERE book = p.id) OR EXISTS (SELECT 1 FROM entries WHERE book = p.id)
        ORDER BY position
        """)
  }

  /// Some orders of one book, as `snapshotBooks` restores them, each with all its
  /// obligations (`obligations`: their ids in this book): the orders that can have a
  /// finding, for `acsa audit`. Read a few hundred at a time, through the tables' keys.
  public func partialBook(owner: PartyID, agreement: Agreement, orders ids: Set<String>, obligations: [Int]) throws -> PartialBook {
    try queue.read { db in
      var book = PartialBook(owner: owner, agreement: agreement)
      guard !ids.isEmpty else { return book }
      var unapplied: [String: [String: Int64]] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT order_id, key, amount FROM unapplied WHERE book = ?", arguments: [owner]) {
        if let order: String = try r.at("order_id"), ids.contains(order) {
          unapplied[order, default: [:]][try r.at("key")] = try r.at("amount")
        }
      }
      func chunks<T>(_ values: [T], _ body: (String, StatementArguments) throws -> Void) throws where T: DatabaseValueConvertible {
        var start = 0
        while start < values.count {
          let chunk = values[start..<min(start + 500, values.count)]
          try body(
            Array(repeating: "?", count: chunk.count).joined(separator: ","), StatementArguments([owner]) + StatementArguments(Array(chunk))
          )
          start += chunk.count
        }
      }
      var byOrder: [String: [Obligation]] = [:]
      try chunks(obligations.sorted()) { marks, arguments in
        let rows = try Row.fetchCursor(
          db,
          sql: "SELECT \(Self.obligationColumns) FROM obligations WHERE book = ? AND obligation_id IN (\(marks)) ORDER BY obligation_id",
          arguments: arguments)
        while let r = try rows.next() {
          if let o = try Self.obligation(r) { byOrder[o.order, default: []].append(o) }
        }
      }
      var deliveries: [String: [Delivery]] = [:]
      var events: [String: [(seq: Int, date: Day)]] = [:]
      var records: [(position: Int, record: OrderRecord)] = []
      let sorted = ids.sorted()
      try chunks(sorted) { marks, arguments in
        let dRows = try Row.fetchCursor(
          db,
          sql:
            "SELECT \(Self.deliveryColumns) FROM deliveries WHERE book = ? AND order_id IN (\(marks)) ORDER BY order_id, delivery_no",
          arguments: arguments)
        while let r = try dRows.next() { deliveries[try r.at(Self.deliveryAt.orderId), default: []].append(try Self.delivery(r)) }
        events.merge(try Self.recordedEvents(db, book: owner, orders: (marks, arguments))) { a, _ in a }
        let oRows = try Row.fetchCursor(
          db, sql: "SELECT \(Self.orderColumns) FROM orders WHERE book = ? AND order_id IN (\(marks))", arguments: arguments)
        while let r = try oRows.next() {
          let id: String = try r.at(Self.orderAt.orderId)
          if let rec = try Self.orderRecord(r, deliveries: deliveries[id] ?? [], events: events[id] ?? [], unapplied: unapplied[id] ?? [:])
          {
            records.append((try r.at(Self.orderAt.position), rec))
          }
        }
      }
      for (_, rec) in records.sorted(by: { $0.position < $1.position }) {
        book.add(rec, obligations: byOrder[rec.terms.id] ?? [])
      }
      return book
    }
  }

  /// Settlements (payments, returns, exchanges, offsets) taken off each obligation, by
  /// book and date, up to `asOf`: (book, date, obligation id, units).
  public func settlements(asOf: Day) throws -> [(book: PartyID, date: Day, obligation: Int, units: Int64)] {
    try queue.read { db in
      var result: [(book: PartyID, date: Day, obligation: Int, units: Int64)] = []
      let c = ColumnList(["book", "date", "obligation_id", "ABS(amount) AS units"])
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(c) FROM postings
          WHERE obligation_id IS NOT NULL AND date <= ?
            AND \(Self.settlementCondition())
          """, arguments: [asOf.description])
      while let r = try rows.next() {
        result.append((try r.at(c["book"]), Self.day(try r.at(c["date"])), try r.at(c["obligation_id"]), try r.at(c["units"])))
      }
      return result
    }
  }
}
