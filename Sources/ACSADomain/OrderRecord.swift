/// One delivery as a book recorded it.
public struct Delivery: Hashable, Sendable {
  public let date: Day
  public let eventSeq: Int
  public let receipt: Bool
  public let lines: [Line]
  public let obligationIDs: [Int]
  /// The order was not signed by both parties when this delivery was made.
  public let whileUnsigned: Bool
}

/// One book's record of an order: its terms and everything that happened to it.
public struct OrderRecord: Hashable, Sendable {
  public let terms: OrderTerms
  public let provider: PartyID
  public let receiver: PartyID
  public let date: Day
  /// False in a book that missed the order's own `order` event but recorded a later one.
  public internal(set) var recordedOrderEvent: Bool
  public internal(set) var signed: Bool
  public internal(set) var cancelled = false
  public internal(set) var closed = false
  public internal(set) var closedOn: Day?
  /// Something was owed, in this book, when the order was closed.
  public internal(set) var closedWithBalance = false
  public internal(set) var deliveries: [Delivery] = []
  public internal(set) var delivered: [String: Quantity] = [:]
  public internal(set) var transferred: [String: Quantity] = [:]
  public internal(set) var obligationIDs: [Int] = []
  /// Sequence numbers of the events this book recorded on the order, in order, and
  /// their dates.
  public internal(set) var recordedEvents: [Int] = []
  public internal(set) var recordedDates: [Day] = []
  /// Amounts this book could not apply to any obligation (a payment or return it has no
  /// debt for, because it missed the delivery): by kind and commodity, positive.
  public internal(set) var unapplied: [String: Int64] = [:]

  /// Notes that this book recorded event `seq` of `date` on the order.
  mutating func noteEvent(_ seq: Int, on date: Day) {
    recordedEvents.append(seq)
    recordedDates.append(date)
  }

  /// The events recorded on or before `day`.
  public func recordedEvents(through day: Day) -> [Int] {
    if recordedDates.last.map({ $0 <= day }) ?? true { return recordedEvents }
    return zip(recordedEvents, recordedDates).filter { $0.1 <= day }.map(\.0)
  }

  init(terms: OrderTerms, provider: PartyID, receiver: PartyID, date: Day, recordedOrderEvent: Bool, signed: Bool) {
    self.terms = terms
    self.provider = provider
    self.receiver = receiver
    self.date = date
    self.recordedOrderEvent = recordedOrderEvent
    self.signed = signed
  }

  /// Ordered quantity per item (lines naming the same item are added together), in the
  /// order items first appear.
  public var orderedByItem: [(item: String, qty: Quantity)] {
    var result: [(item: String, qty: Quantity)] = []
    for line in terms.lines {
      if let i = result.firstIndex(where: { $0.item == line.item }) {
        result[i].qty += line.qty
      } else {
        result.append((line.item, line.qty))
      }
    }
    return result
  }

  public func ordered(_ item: String) -> Quantity {
    terms.lines.reduce(Quantity.zero) { $1.item == item ? $0 + $1.qty : $0 }
  }

  public var hasDeliveries: Bool { !deliveries.isEmpty }
}
