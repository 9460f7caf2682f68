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
        let kind: String = try row.at(1)
        if kind == "currency" {
          digits[try row.at(0)] = try row.at(2)
        } else if let unit: String = try row.at(3) {
          units[try row.at(0)] = unit
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
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT o.book, o.order_id, o.date, o.activity, o.provider, o.provider_unit, o.receiver, o.receiver_unit, o.settlement,
                 o.terms, o.signed, o.status, o.cancelled, o.closed_on, o.closed_with_balance, o.recorded_order_event
          FROM orders o JOIN parties b ON b.id = o.book
          WHERE 1\(filter)
          ORDER BY b.position, o.position
          """, arguments: arguments)
      while let r = try rows.next() {
        let terms: String = try r.at(9)
        var lines: [Line] = []
        if case .order(let t)? = try? EventCodec.decode(terms).action { lines = t.lines }
        try body(
          OrderExportRecord(
            book: try r.at(0), order: try r.at(1), date: try r.at(2), activity: try r.at(3), provider: try r.at(4),
            providerUnit: try r.at(5), receiver: try r.at(6), receiverUnit: try r.at(7),
            settlement: try r.at(8), lines: lines, signed: try r.at(10), status: try r.at(11), cancelled: try r.at(12),
            closedOn: try r.at(13), closedWithBalance: try r.at(14),
            recordedOrderEvent: try r.at(15)))
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
      let obligation = try db.cachedStatement(
        sql: """
          SELECT kind, item, original, value, value_currency, claimed_on, billed_on, due_on, deadline
          FROM obligations WHERE book = ? AND obligation_id = ?
          """)
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT d.book, d.order_id, d.delivery_no, d.date, d.receipt, d.while_unsigned, d.obligation_ids,
                 ev.payload, d.event_seq, ev.event_id, ev.line, ev.action
          FROM deliveries d
          JOIN parties b ON b.id = d.book
          LEFT JOIN orders o ON o.book = d.book AND o.order_id = d.order_id
          LEFT JOIN events ev ON ev.seq = d.event_seq
          WHERE 1\(filter)
          ORDER BY b.position, d.date, o.position, d.delivery_no
          """, arguments: arguments)
      while let r = try rows.next() {
        let owner: String = try r.at(0)
        let idsText: String = try r.at(6)
        let payload: String? = try r.at(7)
        var lines: [Line] = []
        if let payload, case .deliver(_, let recorded?, _, _)? = try? EventCodec.decode(payload).action { lines = recorded }
        let event = EventReference(seq: try r.at(8), id: try r.at(9), line: try r.at(10), action: try r.at(11) ?? "deliver")
        let ids = idsText.split(separator: ",").compactMap { Int($0) }
        for (index, id) in ids.enumerated() {
          guard let o = try Row.fetchOne(obligation, arguments: [owner, id]) else { continue }
          let kind: String = o[0]
          let item: String = o[1]
          let currency: String = o[4]
          // One obligation per recorded line, in order; an in-kind obligation also
          // carries its quantity.
          let quantity: Int64 =
            index < lines.count && lines[index].item == item ? lines[index].qty.milli : (kind == "in_kind" ? o[2] : 0)
          try body(
            DeliveryExportRecord(
              book: owner, order: try r.at(1), delivery: (try r.at(2) as Int) + 1, line: index + 1, date: try r.at(3), item: item,
              quantity: quantity,
              unit: context.units[item], kind: kind, value: o[3], currency: currency, digits: context.digits[currency] ?? 0,
              receipt: try r.at(4), whileUnsigned: try r.at(5), claimedOn: o[5], billedOn: o[6], dueOn: o[7], deadline: o[8],
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
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT p.book, p.date, p.account, p.kind, p.commodity, p.amount, p.order_id, p.obligation_id, c.account,
                 e.memo, e.event_seq, ev.event_id, ev.line, ev.action, g.item, g.value_currency, g.converted_into, y.value
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
        let owner: String = try r.at(0)
        let account: String = try r.at(2)
        let isCreditor = account.hasPrefix(Account.receivablePrefix)
        let amount: Int64 = try r.at(5)
        // What the debt changed by: a settlement makes it smaller. (A conversion also
        // posts the cash claim it creates, which makes a debt larger: not a row.)
        let delta = isCreditor ? amount : -amount
        guard delta < 0 else { continue }
        let counter: String = try r.at(8)
        let method = String(counter.prefix { $0 != ":" })
        let kind: String = try r.at(3)
        let commodity: String = try r.at(4)
        let obligation: Int? = try r.at(7)
        let inKind = kind == ObligationKind.inKind.rawValue
        let item: String? = try r.at(14) ?? (inKind ? commodity : nil)
        let currency: String? = inKind ? (method == "conversion" ? try r.at(15) : nil) : commodity
        let settled: Int64?
        if inKind {
          settled = method == "conversion" ? try r.at(17) : nil
        } else {
          settled = -delta
        }
        try body(
          SettlementExportRecord(
            book: owner, date: try r.at(1), method: method, order: try r.at(6), obligation: obligation,
            debtor: isCreditor ? context.other(than: owner) : owner, creditor: isCreditor ? owner : context.other(than: owner),
            kind: kind, item: item, quantity: inKind ? -delta : nil, unit: inKind ? item.flatMap { context.units[$0] } : nil,
            amount: settled,
            currency: currency, digits: currency.flatMap { context.digits[$0] } ?? 0,
            intoObligation: method == "conversion" ? try r.at(16) : nil, applied: obligation != nil, memo: try r.at(9),
            event: EventReference(seq: try r.at(10), id: try r.at(11), line: try r.at(12), action: try r.at(13) ?? method)))
      }
    }
  }

  /// Obligations, by book, in the order each book created them.
  public func exportObligations(book: PartyID?, _ body: (ObligationExportRecord) throws -> Void) throws {
    try queue.read { db in
      let context = try ExportContext(db)
      let (filter, arguments) = ExportContext.bookFilter("g.book", book)
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT g.book, g.obligation_id, g.order_id, g.debtor, g.creditor, g.kind, g.item, g.category, g.original, g.open,
                 g.value, g.value_currency, g.delivery_date, g.created_on, g.deadline, g.claimed_on, g.billed_on, g.due_on,
                 g.settled_on, g.converted_on, g.converted_into, g.converted_from
          FROM obligations g JOIN parties b ON b.id = g.book
          WHERE 1\(filter)
          ORDER BY b.position, g.obligation_id
          """, arguments: arguments)
      while let r = try rows.next() {
        let kind: String = try r.at(5)
        let item: String = try r.at(6)
        let currency: String = try r.at(11)
        let inKind = kind == ObligationKind.inKind.rawValue
        try body(
          ObligationExportRecord(
            book: try r.at(0), obligation: try r.at(1), order: try r.at(2), debtor: try r.at(3), creditor: try r.at(4), kind: kind,
            item: item, category: try r.at(7),
            quantity: inKind ? try r.at(8) : nil, openQuantity: inKind ? try r.at(9) : nil, unit: inKind ? context.units[item] : nil,
            value: try r.at(10),
            openAmount: inKind ? nil : try r.at(9), currency: currency, digits: context.digits[currency] ?? 0, deliveryDate: try r.at(12),
            createdOn: try r.at(13), deadline: try r.at(14), claimedOn: try r.at(15), billedOn: try r.at(16), dueOn: try r.at(17),
            settledOn: try r.at(18), convertedOn: try r.at(19),
            convertedInto: try r.at(20), convertedFrom: try r.at(21)))
      }
    }
  }
}
