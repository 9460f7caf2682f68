import ACSADomain

/// The four tables of `acsa export --format csv|json`: their file names, what each
/// holds, their columns, and how a record becomes a row. CSV and JSON share the columns.
public enum ExportTable: String, CaseIterable, Sendable {
  case deliveries, obligations, orders, settlements

  public struct Column: Sendable {
    public let name: String
    public let help: String
  }

  /// In the order the files are described to users.
  public static let described: [ExportTable] = [.orders, .deliveries, .settlements, .obligations]

  public var fileName: String { rawValue + ".csv" }

  /// One sentence: what a row is.
  public var summary: String {
    switch self {
    case .orders: "one row per order per book: its terms, lines, signature and status at the end of the run"
    case .deliveries:
      "one row per delivered line per book: date, item, quantity, value at the provider's price, receipt, the obligation it created"
    case .settlements:
      "one row per obligation reduced per book: payments, returns in kind, exchanges of equal value, offsets, conversions into cash claims, and settlements the book could not apply (applied = no)"
    case .obligations:
      "one row per obligation per book: who owes whom, what, how much is still open, and every date (delivered, deadline, claimed, billed, due, settled, converted)"
    }
  }

  public var columns: [Column] {
    switch self {
    case .orders:
      [
        Column(name: "book", help: "the party whose book the row is from"),
        Column(name: "order", help: "order id"),
        Column(name: "date", help: "order date"),
        Column(name: "activity", help: "activity id"),
        Column(name: "provider", help: "providing party"),
        Column(name: "provider_unit", help: "providing unit"),
        Column(name: "receiver", help: "receiving party"),
        Column(name: "receiver_unit", help: "receiving unit"),
        Column(name: "settlement", help: "cash, replacement or equal_value"),
        Column(name: "lines", help: "what was ordered, e.g. `840 BILLET, 20 LUBE-OIL`"),
        Column(name: "signed", help: "signed by both parties (yes/no)"),
        Column(name: "status", help: "requested, accepted, delivered, settled, cancelled or closed"),
        Column(name: "cancelled", help: "yes/no"),
        Column(name: "closed_on", help: "date closed"),
        Column(name: "closed_with_balance", help: "closed while something was owed (yes/no)"),
        Column(name: "recorded_order_event", help: "no when the book missed the order event itself"),
      ]
    case .deliveries:
      [
        Column(name: "book", help: "the party whose book the row is from"),
        Column(name: "order", help: "order id"),
        Column(name: "delivery", help: "the order's delivery number (1, 2...)"),
        Column(name: "line", help: "the line within the delivery (1, 2...)"),
        Column(name: "date", help: "delivery date"),
        Column(name: "item", help: "item id"),
        Column(name: "quantity", help: "quantity delivered"),
        Column(name: "unit", help: "the item's unit"),
        Column(name: "kind", help: "the debt it created: cash, in_kind or equal_value"),
        Column(name: "value", help: "quantity x the provider's own-force price that day"),
        Column(name: "currency", help: "the provider's currency"),
        Column(name: "receipt", help: "signed receipt (yes/no)"),
        Column(name: "while_unsigned", help: "delivered before the order was signed (yes/no)"),
        Column(name: "claimed_on", help: "date the provider recorded its claim"),
        Column(name: "billed_on", help: "date billed (cash)"),
        Column(name: "due_on", help: "payment due date (cash)"),
        Column(name: "deadline", help: "settlement deadline (delivery + settlement_days)"),
        Column(name: "obligation", help: "the obligation it created (see obligations)"),
        Column(name: "event", help: "the event's sequence number in the ledger's log"),
        Column(name: "event_id", help: "the event's id in the scenario, if any"),
        Column(name: "scenario_line", help: "the event's line in the scenario file"),
      ]
    case .settlements:
      [
        Column(name: "book", help: "the party whose book the row is from"),
        Column(name: "date", help: "settlement date"),
        Column(name: "method", help: "payment, return, exchange, offset or conversion"),
        Column(name: "order", help: "order id"),
        Column(name: "obligation", help: "the obligation reduced (empty when not applied)"),
        Column(name: "debtor", help: "the party that owed"),
        Column(name: "creditor", help: "the party owed"),
        Column(name: "kind", help: "the obligation's kind: cash, in_kind or equal_value"),
        Column(name: "item", help: "the item the obligation is for"),
        Column(name: "quantity", help: "in kind: quantity returned or converted"),
        Column(name: "unit", help: "in kind: the item's unit"),
        Column(name: "amount", help: "cash and equal value: amount settled; a conversion: the cash claim it created"),
        Column(name: "currency", help: "the amount's currency"),
        Column(name: "into_obligation", help: "a conversion: the cash claim's obligation"),
        Column(name: "applied", help: "no: the book had no debt to apply it to (a credit)"),
        Column(name: "memo", help: "the event as the book recorded it"),
        Column(name: "action", help: "the event: pay, return, exchange, offset, convert or deadline_convert"),
        Column(name: "event", help: "the event's sequence number in the ledger's log"),
        Column(name: "event_id", help: "the event's id in the scenario, if any"),
        Column(name: "scenario_line", help: "the event's line in the scenario file (none for a deadline conversion)"),
      ]
    case .obligations:
      [
        Column(name: "book", help: "the party whose book the row is from"),
        Column(name: "obligation", help: "obligation number within the book"),
        Column(name: "order", help: "order id"),
        Column(name: "debtor", help: "the party that owes"),
        Column(name: "creditor", help: "the party owed"),
        Column(name: "kind", help: "cash, in_kind or equal_value"),
        Column(name: "item", help: "item delivered"),
        Column(name: "category", help: "the item's category"),
        Column(name: "quantity", help: "in kind: quantity delivered"),
        Column(name: "open_quantity", help: "in kind: quantity still to be returned"),
        Column(name: "unit", help: "in kind: the item's unit"),
        Column(name: "value", help: "value at the provider's price on the delivery date (a converted claim: the amount)"),
        Column(name: "open_amount", help: "cash and equal value: amount still owed"),
        Column(name: "currency", help: "the provider's currency"),
        Column(name: "delivery_date", help: "date delivered"),
        Column(name: "created_on", help: "date created (a converted claim: the conversion date)"),
        Column(name: "deadline", help: "settlement deadline"),
        Column(name: "claimed_on", help: "date the claim was recorded"),
        Column(name: "billed_on", help: "date billed"),
        Column(name: "due_on", help: "payment due date"),
        Column(name: "settled_on", help: "date nothing was left owed"),
        Column(name: "converted_on", help: "date the remainder became a cash claim"),
        Column(name: "converted_into", help: "the cash claim it became"),
        Column(name: "converted_from", help: "a converted claim: the obligation it replaced"),
        Column(name: "state", help: "open, settled or converted"),
      ]
    }
  }

  public var columnNames: [String] { columns.map(\.name) }

  public static func cells(_ r: OrderExportRecord, units: [String: String]) -> [ExportCell] {
    [
      .text(r.book), .text(r.order), .text(r.date), .text(r.activity), .text(r.provider), .text(r.providerUnit), .text(r.receiver),
      .text(r.receiverUnit), .text(r.settlement), .lines(r.lines, units: units), .flag(r.signed), .text(r.status), .flag(r.cancelled),
      .text(r.closedOn), .flag(r.closedWithBalance), .flag(r.recordedOrderEvent),
    ]
  }

  public static func cells(_ r: DeliveryExportRecord) -> [ExportCell] {
    [
      .text(r.book), .text(r.order), .integer(r.delivery), .integer(r.line), .text(r.date), .text(r.item),
      .quantity(r.quantity, unit: r.unit), .text(r.unit), .text(r.kind), .money(r.value, currency: r.currency, digits: r.digits),
      .text(r.currency), .flag(r.receipt), .flag(r.whileUnsigned), .text(r.claimedOn), .text(r.billedOn), .text(r.dueOn),
      .text(r.deadline), .integer(r.obligation), .integer(r.event.seq), .text(r.event.id), .integer(r.event.line),
    ]
  }

  public static func cells(_ r: SettlementExportRecord) -> [ExportCell] {
    [
      .text(r.book), .text(r.date), .text(r.method), .text(r.order), .integer(r.obligation), .text(r.debtor), .text(r.creditor),
      .text(r.kind), .text(r.item), .quantity(r.quantity, unit: r.unit), .text(r.unit),
      .money(r.amount, currency: r.currency, digits: r.digits), .text(r.currency), .integer(r.intoObligation), .flag(r.applied),
      .text(r.memo), .text(r.event.action), .integer(r.event.seq), .text(r.event.id), .integer(r.event.line),
    ]
  }

  public static func cells(_ r: ObligationExportRecord) -> [ExportCell] {
    [
      .text(r.book), .integer(r.obligation), .text(r.order), .text(r.debtor), .text(r.creditor), .text(r.kind), .text(r.item),
      .text(r.category), .quantity(r.quantity, unit: r.unit), .quantity(r.openQuantity, unit: r.unit), .text(r.unit),
      .money(r.value, currency: r.currency, digits: r.digits), .money(r.openAmount, currency: r.currency, digits: r.digits),
      .text(r.currency), .text(r.deliveryDate), .text(r.createdOn), .text(r.deadline), .text(r.claimedOn), .text(r.billedOn),
      .text(r.dueOn), .text(r.settledOn), .text(r.convertedOn), .integer(r.convertedInto), .integer(r.convertedFrom), .text(r.state),
    ]
  }

  /// What `acsa export --help` says about the files.
  public static var helpText: String {
    described.map { t in
      "\(t.fileName): \(t.summary). Columns: " + t.columnNames.joined(separator: ", ") + "."
    }.joined(separator: "\n\n")
  }
}
