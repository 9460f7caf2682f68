import ACSADomain
import GRDB

/// Reading a ledger back row by row for `acsa export --format csv|json`: orders,
/// deliveries, settlements and obligations of each book (or of one), from the end-of-run
/// snapshots and the journal. Rows are handed to `body` one at a time as they are read,
/// so that a ledger of any size is exported in constant memory.
extension LedgerReader {
  /// What every export needs to know once: the parties in order, each currency's minor
  /// digits and each item's unit.
  struct ExportContext {
    let parties: [PartyID]
    let digits: [String: Int]
    let units: [String: String]

    init(_ db: Database) throws {
      parties = try String.fetchAll(db, sql: "SELECT id FROM parties ORDER BY position")
      var digits = Currency.minorDigitsByCode
      var units: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT commodity, kind, digits, unit FROM commodities") {
        let kind: String = try row.at("kind")
        if kind == "currency" {
          digits[try row.at("commodity")] = try row.at("digits")
        } else if let unit: String = try row.at("unit") {
          units[try row.at("commodity")] = unit
        }
      }
      self.digits = digits
      self.units = units
    }

    func other(than party: PartyID) -> PartyID { parties.first { $0 != party } ?? party }

    /// `WHERE` on one book (or none) and its argument.
    static func bookFilter(_ column: String, _ book: PartyID?) -> (String, StatementArguments) {
      guard let book else { return ("", []) }
      return (" AND \(column) = ?", [book])
    }
  }

  /// Orders, by book (party order), then in the order the book first recorded them.
  public func exportOrders(book: PartyID?, _ body: (OrderExportRecord) throws -> Void) throws {
    try queue.read { db in
      let (filter, arguments) = ExportContext.bookFilter("o.book", book)
      let c = ColumnList([
        "o.book", "o.order_id", "o.date", "o.activity", "o.provider", "o.provider_unit", "o.receiver", "o.receiver_unit", "o.settlement",
        "o.terms", "o.signed", "o.status", "o.cancelled", "o.closed_on", "o.closed_with_balance", "o.recorded_order_event",
      ])
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(c)
          FROM orders o JOIN parties b ON b.id = o.book
          WHERE 1\(filter)
          ORDER BY b.position, o.position
          """, arguments: arguments)
      while let r = try rows.next() {
        let terms: String = try r.at(c["terms"])
        var lines: [Line] = []
        if case .order(let t)? = try? EventCodec.decode(terms).action { lines = t.lines }
        try body(
          OrderExportRecord(
            book: try r.at(c["book"]), order: try r.at(c["order_id"]), date: try r.at(c["date"]), activity: try r.at(c["activity"]),
            provider: try r.at(c["provider"]),
            providerUnit: try r.at(c["provider_unit"]), receiver: try r.at(c["receiver"]), receiverUnit: try r.at(c["receiver_unit"]),
            settlement: try r.at(c["settlement"]), lines: lines, signed: try r.at(c["signed"]), status: try r.at(c["status"]),
            cancelled: try r.at(c["cancelled"]),
            closedOn: try r.at(c["closed_on"]), closedWithBalance: try r.at(c["closed_with_balance"]),
            recordedOrderEvent: try r.at(c["recorded_order_event"])))
      }
    }
  }

  /// Delivered lines, by book, then by date, order and delivery; the quantity of each
  /// line comes from the delivery event in the log (which names its lines even when the
  /// scenario left them to the default), its value and dates from the obligation it
  /// created.
  public func exportDeliveries(book: PartyID?, _ body: (DeliveryExportRecord) throws -> Void) throws {
    try queue.read { db in
      let context = try ExportContext(db)
      let (filter, arguments) = ExportContext.bookFilter("d.book", book)
      let g = ColumnList(["kind", "item", "original", "value", "value_currency", "claimed_on", "billed_on", "due_on", "deadline"])
      let obligation = try db.cachedStatement(sql: "SELECT \(g) FROM obligations WHERE book = ? AND obligation_id = ?")
      let c = ColumnList([
        "d.book", "d.order_id", "d.delivery_no", "d.date", "d.receipt", "d.while_unsigned", "d.obligation_ids", "ev.payload", "d.event_seq",
        "ev.event_id", "ev.line", "ev.action",
      ])
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(c)
          FROM deliveries d
          JOIN parties b ON b.id = d.book
          LEFT JOIN orders o ON o.book = d.book AND o.order_id = d.order_id
          LEFT JOIN events ev ON ev.seq = d.event_seq
          WHERE 1\(filter)
          ORDER BY b.position, d.date, o.position, d.delivery_no
          """, arguments: arguments)
      while let r = try rows.next() {
        let owner: String = try r.at(c["book"])
        let idsText: String = try r.at(c["obligation_ids"])
        let payload: String? = try r.at(c["payload"])
        var lines: [Line] = []
        if let payload, case .deliver(_, let recorded?, _, _)? = try? EventCodec.decode(payload).action { lines = recorded }
        let event = EventReference(
          seq: try r.at(c["event_seq"]), id: try r.at(c["event_id"]), line: try r.at(c["line"]), action: try r.at(c["action"]) ?? "deliver")
        let ids = idsText.split(separator: ",").compactMap { Int($0) }
        for (index, id) in ids.enumerated() {
          guard let o = try Row.fetchOne(obligation, arguments: [owner, id]) else { continue }
          let kind: String = try o.at(g["kind"])
          let item: String = try o.at(g["item"])
          let currency: String = try o.at(g["value_currency"])
          // One obligation per recorded line, in order; an in-kind obligation also
          // carries its quantity.
          let quantity: Int64 =
            index < lines.count && lines[index].item == item ? lines[index].qty.milli : (kind == "in_kind" ? try o.at(g["original"]) : 0)
          try body(
            DeliveryExportRecord(
              book: owner, order: try r.at(c["order_id"]), delivery: (try r.at(c["delivery_no"]) as Int) + 1, line: index + 1,
              date: try r.at(c["date"]), item: item,
              quantity: quantity,
              unit: context.units[item], kind: kind, value: try o.at(g["value"]), currency: currency, digits: context.digits[currency] ?? 0,
              receipt: try r.at(c["receipt"]), whileUnsigned: try r.at(c["while_unsigned"]), claimedOn: try o.at(g["claimed_on"]),
              billedOn: try o.at(g["billed_on"]), dueOn: try o.at(g["due_on"]), deadline: try o.at(g["deadline"]),
              obligation: id,
              event: event))
        }
      }
    }
  }

  /// Everything that took something off an obligation (payments, returns, exchanges,
  /// offsets, conversions), and settlements a book could not apply, one row per
  /// obligation touched, by book and then in journal order.
  public func exportSettlements(book: PartyID?, _ body: (SettlementExportRecord) throws -> Void) throws {
    try queue.read { db in
      let context = try ExportContext(db)
      let (filter, arguments) = ExportContext.bookFilter("p.book", book)
      // Each change to a debt is posted as a pair: the receivable or payable line, then
      // its counter-account (the movement) on the next line.
      let c = ColumnList([
        "p.book", "p.date", "p.account", "p.kind", "p.commodity", "p.amount", "p.order_id", "p.obligation_id",
        "c.account AS counter_account", "e.memo", "e.event_seq", "ev.event_id", "ev.line", "ev.action", "g.item", "g.value_currency",
        "g.converted_into", "y.value",
      ])
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(c)
          FROM postings p
          JOIN parties b ON b.id = p.book
          JOIN postings c ON c.book = p.book AND c.entry_no = p.entry_no AND c.line_no = p.line_no + 1
          JOIN entries e ON e.book = p.book AND e.entry_no = p.entry_no
          LEFT JOIN events ev ON ev.seq = e.event_seq
          LEFT JOIN obligations g ON g.book = p.book AND g.obligation_id = p.obligation_id
          LEFT JOIN obligations y ON y.book = p.book AND y.obligation_id = g.converted_into
          WHERE (p.account LIKE '\(Account.receivablePrefix)%' OR p.account LIKE '\(Account.payablePrefix)%')
            AND \(Self.settlementCondition(table: "c", also: [Movement.conversion.rawValue + ":"]))\(filter)
          ORDER BY b.position, p.entry_no, p.line_no
          """, arguments: arguments)
      while let r = try rows.next() {
        let owner: String = try r.at(c["book"])
        let account: String = try r.at(c["account"])
        let isCreditor = account.hasPrefix(Account.receivablePrefix)
        let amount: Int64 = try r.at(c["amount"])
        // What the debt changed by: a settlement makes it smaller. (A conversion also
        // posts the cash claim it creates, which makes a debt larger: not a row.)
        let delta = isCreditor ? amount : -amount
        guard delta < 0 else { continue }
        let counter: String = try r.at(c["counter_account"])
        let method = String(counter.prefix { $0 != ":" })
        let kind: String = try r.at(c["kind"])
        let commodity: String = try r.at(c["commodity"])
        let obligation: Int? = try r.at(c["obligation_id"])
        let inKind = kind == ObligationKind.inKind.rawValue
        let item: String? = try r.at(c["item"]) ?? (inKind ? commodity : nil)
        let currency: String? = inKind ? (method == "conversion" ? try r.at(c["value_currency"]) : nil) : commodity
        let settled: Int64?
        if inKind {
          settled = method == "conversion" ? try r.at(c["value"]) : nil
        } else {
          settled = -delta
        }
        try body(
          SettlementExportRecord(
            book: owner, date: try r.at(c["date"]), method: method, order: try r.at(c["order_id"]), obligation: obligation,
            debtor: isCreditor ? context.other(than: owner) : owner, creditor: isCreditor ? owner : context.other(than: owner),
            kind: kind, item: item, quantity: inKind ? -delta : nil, unit: inKind ? item.flatMap { context.units[$0] } : nil,
            amount: settled,
            currency: currency, digits: currency.flatMap { context.digits[$0] } ?? 0,
            intoObligation: method == "conversion" ? try r.at(c["converted_into"]) : nil, applied: obligation != nil,
            memo: try r.at(c["memo"]),
            event: EventReference(
              seq: try r.at(c["event_seq"]), id: try r.at(c["event_id"]), line: try r.at(c["line"]), action: try r.at(c["action"]) ?? method
            )))
      }
    }
  }

  /// Obligations, by book, in the order each book created them.
  public func exportObligations(book: PartyID?, _ body: (ObligationExportRecord) throws -> Void) throws {
    try queue.read { db in
      let context = try ExportContext(db)
      let (filter, arguments) = ExportContext.bookFilter("g.book", book)
      let c = ColumnList([
        "g.book", "g.obligation_id", "g.order_id", "g.debtor", "g.creditor", "g.kind", "g.item", "g.category", "g.original", "g.open",
        "g.value", "g.value_currency", "g.delivery_date", "g.created_on", "g.deadline", "g.claimed_on", "g.billed_on", "g.due_on",
        "g.settled_on", "g.converted_on", "g.converted_into", "g.converted_from",
      ])
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT \(c)
          FROM obligations g JOIN parties b ON b.id = g.book
          WHERE 1\(filter)
          ORDER BY b.position, g.obligation_id
          """, arguments: arguments)
      while let r = try rows.next() {
        let kind: String = try r.at(c["kind"])
        let item: String = try r.at(c["item"])
        let currency: String = try r.at(c["value_currency"])
        let inKind = kind == ObligationKind.inKind.rawValue
        try body(
          ObligationExportRecord(
            book: try r.at(c["book"]), obligation: try r.at(c["obligation_id"]), order: try r.at(c["order_id"]),
            debtor: try r.at(c["debtor"]), creditor: try r.at(c["creditor"]), kind: kind,
            item: item, category: try r.at(c["category"]),
            quantity: inKind ? try r.at(c["original"]) : nil, openQuantity: inKind ? try r.at(c["open"]) : nil,
            unit: inKind ? context.units[item] : nil,
            value: try r.at(c["value"]),
            openAmount: inKind ? nil : try r.at(c["open"]), currency: currency, digits: context.digits[currency] ?? 0,
            deliveryDate: try r.at(c["delivery_date"]),
            createdOn: try r.at(c["created_on"]), deadline: try r.at(c["deadline"]), claimedOn: try r.at(c["claimed_on"]),
            billedOn: try r.at(c["billed_on"]), dueOn: try r.at(c["due_on"]),
            settledOn: try r.at(c["settled_on"]), convertedOn: try r.at(c["converted_on"]),
            convertedInto: try r.at(c["converted_into"]), convertedFrom: try r.at(c["converted_from"])))
      }
    }
  }
}
