/// Rebuilding a book from a ledger's end-of-run snapshots, for reading (the audit, the
/// reconciliation): the result answers findings, statuses and balances, but it is not
/// meant to take further events.
extension Obligation {
  public init(
    id: Int, order: String, debtor: PartyID, creditor: PartyID, kind: ObligationKind, item: String, category: Category,
    currency: Currency, deliveryDate: Day, createdOn: Day, deadline: Day, originalAmount: Int64, originalQty: Quantity,
    openUnits: Int64, claimedOn: Day?, billedOn: Day?, dueOn: Day?, settledOn: Day?, convertedOn: Day?, convertedInto: Int?,
    convertedFrom: Int?
  ) {
    self.id = id
    self.order = order
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.item = item
    self.category = category
    self.currency = currency
    self.deliveryDate = deliveryDate
    self.createdOn = createdOn
    self.deadline = deadline
    self.originalAmount = originalAmount
    self.originalQty = originalQty
    self.openAmount = kind == .inKind ? 0 : openUnits
    self.openQty = kind == .inKind ? Quantity(milli: openUnits) : .zero
    self.claimedOn = claimedOn
    self.billedOn = billedOn
    self.dueOn = dueOn
    self.settledOn = settledOn
    self.convertedOn = convertedOn
    self.convertedInto = convertedInto
    self.convertedFrom = convertedFrom
  }
}

extension Delivery {
  public init(date: Day, eventSeq: Int, receipt: Bool, obligationIDs: [Int], whileUnsigned: Bool) {
    self.init(date: date, eventSeq: eventSeq, receipt: receipt, lines: [], obligationIDs: obligationIDs, whileUnsigned: whileUnsigned)
  }
}

extension OrderRecord {
  public init(
    restoring terms: OrderTerms, provider: PartyID, receiver: PartyID, date: Day, recordedOrderEvent: Bool, signed: Bool,
    cancelled: Bool, closedOn: Day?, closedWithBalance: Bool, deliveries: [Delivery], events: [(seq: Int, date: Day)],
    unapplied: [String: Int64]
  ) {
    self.init(terms: terms, provider: provider, receiver: receiver, date: date, recordedOrderEvent: recordedOrderEvent, signed: signed)
    self.cancelled = cancelled
    self.closed = closedOn != nil
    self.closedOn = closedOn
    self.closedWithBalance = closedWithBalance
    self.deliveries = deliveries
    self.recordedEvents = events.map(\.seq)
    self.recordedDates = events.map(\.date)
    self.unapplied = unapplied
  }
}

extension Book {
  /// A book from its snapshots: orders in the order the book first recorded them, and
  /// obligations in creation order (their ids are their positions).
  public static func restore(
    owner: PartyID, framework: Framework, orders: [OrderRecord], obligations: [Obligation], bookUnapplied: [String: Int64]
  ) -> Book {
    var book = Book(owner: owner, framework: framework)
    book.obligations = ObligationStore(obligations)
    var ids: [String: [Int]] = [:]
    var delivered: [String: [String: Quantity]] = [:]
    for o in obligations {
      ids[o.order, default: []].append(o.id)
      if o.convertedFrom == nil { delivered[o.order, default: [:]][o.item, default: .zero] += o.originalQty }
    }
    book.orders.reserveCapacity(orders.count)
    book.orderIDs.reserveCapacity(orders.count)
    for var rec in orders {
      let id = rec.terms.id
      rec.obligationIDs = ids[id] ?? []
      rec.delivered = delivered[id] ?? [:]
      rec.position = book.recordedOrders
      book.orders[id] = rec
      book.orderIDs.append(id)
      book.recordedOrders += 1
    }
    book.bookUnapplied = bookUnapplied
    return book
  }
}

/// Part of a party's book: some of its orders, each with all its obligations, read from
/// a ledger. `acsa audit` reads only the orders that can have a finding into one, and
/// `FindingRules` judges them as they would the whole book.
public struct PartialBook: FindingBook, Sendable {
  public let owner: PartyID?
  public let agreement: Agreement
  public private(set) var orderIDs: [String] = []
  public private(set) var orders: [String: OrderRecord] = [:]
  public private(set) var obligations: [Int: Obligation] = [:]

  public init(owner: PartyID, agreement: Agreement) {
    self.owner = owner
    self.agreement = agreement
  }

  /// Adds an order with its obligations (those of the order, in creation order), as
  /// `Book.restore` links them.
  public mutating func add(_ record: OrderRecord, obligations: [Obligation]) {
    var rec = record
    rec.obligationIDs = obligations.map(\.id)
    if orders.updateValue(rec, forKey: rec.terms.id) == nil { orderIDs.append(rec.terms.id) }
    for o in obligations { self.obligations[o.id] = o }
  }

  public func record(_ id: String) -> OrderRecord? { orders[id] }

  public func obligation(_ id: Int) -> Obligation {
    guard let o = obligations[id] else { preconditionFailure("obligation \(id) of \(owner ?? "?")'s book was not read") }
    return o
  }

  /// The obligations of an order, in creation order.
  public func obligations(of order: String) -> [Obligation] {
    orders[order]?.obligationIDs.compactMap { obligations[$0] } ?? []
  }
}
