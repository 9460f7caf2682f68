import ACSADomain
import ACSAReports

/// One book as the live views show it, read from a snapshot: what is owed each way,
/// the orders, the deadlines still open, the latest events. The team's and control's
/// pages render it, and `GET /api/state` returns it as JSON: one reading for both.
struct BookView: Encodable, Sendable {
  /// What one party owes the other in this book, of one kind and commodity.
  struct Owed: Encodable, Sendable {
    let debtor: PartyID
    let creditor: PartyID
    /// `cash`, `in_kind` or `equal_value`.
    let kind: String
    /// A currency code, or the item for in-kind.
    let commodity: String
    /// Minor units (currencies) or thousandths (items).
    let units: Int64
    /// For people: `PHP 12,345.00`, `1,500 L fuel-diesel`.
    let amount: String
  }

  struct Order: Encodable, Sendable {
    let order: String
    let date: String
    let provider: PartyID
    let receiver: PartyID
    /// `QTY ITEM`, one a line.
    let lines: [String]
    let settlement: String
    let signed: Bool
    /// Parties whose signature waits for the other's (the order is not yet signed).
    let signed_waiting: [PartyID]
    let deliveries: Int
    /// `requested`, `accepted`, `delivered`, `settled`, `closed`, `cancelled`,
    /// `refused`, `unrecorded`.
    let status: String
  }

  /// An open obligation, soonest deadline first.
  struct Deadline: Encodable, Sendable {
    let order: String
    let debtor: PartyID
    let creditor: PartyID
    let kind: String
    let commodity: String
    let units: Int64
    let amount: String
    let due: String?
    let deadline: String
    /// The deadline is before the clock.
    let passed: Bool
  }

  let book: PartyID
  let owed: [Owed]
  let orders: [Order]
  let deadlines: [Deadline]
  /// The latest events addressed to this book (applied or refused), newest last: a team
  /// does not see what was addressed to the other book alone.
  let events: [RecordText.EventJSON]
  /// The same events, for the pages' sentences.
  let records: [EventRecord]

  enum CodingKeys: String, CodingKey {
    case book, owed, orders, deadlines, events
  }

  static let eventLimit = 15

  init(_ book: Book, owner: PartyID, _ snapshot: Snapshot, framework: Framework, other: Book?) {
    self.book = owner
    func amount(_ units: Int64, _ kind: ObligationKind, _ commodity: String) -> String {
      Self.amount(units, kind: kind, commodity: commodity, framework: framework)
    }
    owed = book.balanceKeys().compactMap { key in
      let units = book.outstanding(debtor: key.debtor, creditor: key.creditor, kind: key.kind, commodity: key.commodity)
      guard units != 0 else { return nil }
      return Owed(
        debtor: key.debtor, creditor: key.creditor, kind: key.kind.rawValue, commodity: key.commodity, units: units,
        amount: amount(units, key.kind, key.commodity))
    }
    orders = book.orderIDs.compactMap { id in
      guard let rec = book.orders[id] else { return nil }
      let waiting = rec.signed ? [] : (snapshot.pending[id] ?? [:]).keys.sorted()
      return Order(
        order: id, date: rec.date.description, provider: rec.terms.provider, receiver: rec.terms.receiver,
        lines: rec.terms.lines.map { "\($0.qty) \($0.item)" }, settlement: rec.terms.settlement.rawValue, signed: rec.signed,
        signed_waiting: waiting, deliveries: rec.deliveries.count,
        status: book.status(of: id, other: other, refused: snapshot.refusedOrders.contains(id)).rawValue)
    }
    deadlines = book.obligations.filter(\.isOpen).sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }.map { o in
      Deadline(
        order: o.order, debtor: o.debtor, creditor: o.creditor, kind: o.kind.rawValue, commodity: o.commodity, units: o.openUnits,
        amount: amount(o.openUnits, o.kind, o.commodity), due: o.dueOn?.description, deadline: o.deadline.description,
        passed: o.deadline < snapshot.clock)
    }
    records = Array(snapshot.recent.filter { $0.books.contains(owner) }.suffix(Self.eventLimit))
    events = records.map(RecordText.EventJSON.init)
  }

  /// The views of a snapshot's books: `party`'s alone, or both (nil: control).
  static func views(_ snapshot: Snapshot, framework: Framework, party: PartyID?) -> [BookView] {
    snapshot.books.enumerated().compactMap { i, b in
      guard let owner = b.owner, party == nil || owner == party else { return nil }
      let other = snapshot.books.indices.contains(1 - i) ? snapshot.books[1 - i] : nil
      return BookView(b, owner: owner, snapshot, framework: framework, other: other)
    }
  }

  static func amount(_ units: Int64, kind: ObligationKind, commodity: String, framework: Framework) -> String {
    if kind == .inKind {
      return "\(Quantity(milli: units)) \(framework.items[commodity]?.unit ?? "") \(commodity)"
    }
    guard let currency = framework.parties.map(\.currency).first(where: { $0.code == commodity }) else {
      return "\(units) \(commodity)"
    }
    return Money(units, currency).formatted
  }
}
