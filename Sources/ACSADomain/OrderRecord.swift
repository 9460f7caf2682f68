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
///
/// A value with copy-on-write storage: books copy records freely (into findings, into
/// the record of everything when the books first differ), and a copy costs one retain;
/// a record changed in place in its book's dictionary is copied only when shared.
public struct OrderRecord: Hashable, Sendable {
  final class Storage: @unchecked Sendable {
    // @unchecked: mutated only through `OrderRecord`'s setters, after `makeUnique()`.
    var terms: OrderTerms
    let provider: PartyID
    let receiver: PartyID
    let date: Day
    var recordedOrderEvent: Bool
    var signed: Bool
    var cancelled = false
    var closed = false
    var closedOn: Day?
    var closedWithBalance = false
    var deliveries: [Delivery] = []
    var delivered: [String: Quantity] = [:]
    var transferred: [String: Quantity] = [:]
    var obligationIDs: [Int] = []
    var recordedEvents: [Int] = []
    var recordedDates: [Day] = []
    var unapplied: [String: Int64] = [:]
    var position = 0

    init(terms: OrderTerms, provider: PartyID, receiver: PartyID, date: Day, recordedOrderEvent: Bool, signed: Bool) {
      self.terms = terms
      self.provider = provider
      self.receiver = receiver
      self.date = date
      self.recordedOrderEvent = recordedOrderEvent
      self.signed = signed
    }

    func copy() -> Storage {
      let c = Storage(
        terms: terms, provider: provider, receiver: receiver, date: date, recordedOrderEvent: recordedOrderEvent, signed: signed)
      c.cancelled = cancelled
      c.closed = closed
      c.closedOn = closedOn
      c.closedWithBalance = closedWithBalance
      c.deliveries = deliveries
      c.delivered = delivered
      c.transferred = transferred
      c.obligationIDs = obligationIDs
      c.recordedEvents = recordedEvents
      c.recordedDates = recordedDates
      c.unapplied = unapplied
      c.position = position
      return c
    }
  }

  private var storage: Storage

  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// The order's terms; a `sign` naming signatories adds them to `details.signedBy`.
  public internal(set) var terms: OrderTerms {
    get { storage.terms }
    set {
      makeUnique()
      storage.terms = newValue
    }
  }
  public var provider: PartyID { storage.provider }
  public var receiver: PartyID { storage.receiver }
  public var date: Day { storage.date }
  /// False in a book that missed the order's own `order` event but recorded a later one.
  public internal(set) var recordedOrderEvent: Bool {
    get { storage.recordedOrderEvent }
    set {
      makeUnique()
      storage.recordedOrderEvent = newValue
    }
  }
  public internal(set) var signed: Bool {
    get { storage.signed }
    set {
      makeUnique()
      storage.signed = newValue
    }
  }
  public internal(set) var cancelled: Bool {
    get { storage.cancelled }
    set {
      makeUnique()
      storage.cancelled = newValue
    }
  }
  public internal(set) var closed: Bool {
    get { storage.closed }
    set {
      makeUnique()
      storage.closed = newValue
    }
  }
  public internal(set) var closedOn: Day? {
    get { storage.closedOn }
    set {
      makeUnique()
      storage.closedOn = newValue
    }
  }
  /// Something was owed, in this book, when the order was closed.
  public internal(set) var closedWithBalance: Bool {
    get { storage.closedWithBalance }
    set {
      makeUnique()
      storage.closedWithBalance = newValue
    }
  }
  public internal(set) var deliveries: [Delivery] {
    get { storage.deliveries }
    _modify {
      makeUnique()
      yield &storage.deliveries
    }
  }
  public internal(set) var delivered: [String: Quantity] {
    get { storage.delivered }
    _modify {
      makeUnique()
      yield &storage.delivered
    }
  }
  public internal(set) var transferred: [String: Quantity] {
    get { storage.transferred }
    _modify {
      makeUnique()
      yield &storage.transferred
    }
  }
  public internal(set) var obligationIDs: [Int] {
    get { storage.obligationIDs }
    _modify {
      makeUnique()
      yield &storage.obligationIDs
    }
  }
  /// Sequence numbers of the events this book recorded on the order, in order, and
  /// their dates.
  public internal(set) var recordedEvents: [Int] {
    get { storage.recordedEvents }
    _modify {
      makeUnique()
      yield &storage.recordedEvents
    }
  }
  public internal(set) var recordedDates: [Day] {
    get { storage.recordedDates }
    _modify {
      makeUnique()
      yield &storage.recordedDates
    }
  }
  /// Amounts this book could not apply to any obligation (a payment or return it has no
  /// debt for, because it missed the delivery): by kind and commodity, positive.
  public internal(set) var unapplied: [String: Int64] {
    get { storage.unapplied }
    _modify {
      makeUnique()
      yield &storage.unapplied
    }
  }

  /// Where the order comes among those its book recorded (0-based).
  public internal(set) var position: Int {
    get { storage.position }
    set {
      makeUnique()
      storage.position = newValue
    }
  }

  public static func == (a: OrderRecord, b: OrderRecord) -> Bool {
    if a.storage === b.storage { return true }
    let x = a.storage
    let y = b.storage
    return x.terms == y.terms && x.provider == y.provider && x.receiver == y.receiver && x.date == y.date
      && x.recordedOrderEvent == y.recordedOrderEvent && x.signed == y.signed && x.cancelled == y.cancelled && x.closed == y.closed
      && x.closedOn == y.closedOn && x.closedWithBalance == y.closedWithBalance && x.deliveries == y.deliveries
      && x.delivered == y.delivered && x.transferred == y.transferred && x.obligationIDs == y.obligationIDs
      && x.recordedEvents == y.recordedEvents && x.recordedDates == y.recordedDates && x.unapplied == y.unapplied
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.terms)
    hasher.combine(storage.date)
    hasher.combine(storage.recordedEvents)
  }

  /// Notes that this book recorded event `seq` of `date` on the order.
  mutating func noteEvent(_ seq: Int, on date: Day) {
    makeUnique()
    storage.recordedEvents.append(seq)
    storage.recordedDates.append(date)
  }

  /// The events recorded on or before `day`.
  public func recordedEvents(through day: Day) -> [Int] {
    if recordedDates.last.map({ $0 <= day }) ?? true { return recordedEvents }
    return zip(recordedEvents, recordedDates).filter { $0.1 <= day }.map(\.0)
  }

  init(terms: OrderTerms, provider: PartyID, receiver: PartyID, date: Day, recordedOrderEvent: Bool, signed: Bool) {
    storage = Storage(
      terms: terms, provider: provider, receiver: receiver, date: date, recordedOrderEvent: recordedOrderEvent, signed: signed)
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

  var hasDeliveries: Bool { !deliveries.isEmpty }
}
