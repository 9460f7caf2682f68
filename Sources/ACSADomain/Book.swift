/// An amount a book could not compute (`Book.overflow`), named with its event: the run
/// stops rather than record a wrong figure.
public struct AmountOverflow: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(description: String) { self.description = description }
}

/// A party's book: its record of every order and obligation between the two parties,
/// and the journal entries it posts.
///
/// The simulator keeps three: one per party, and one with every applied event (`owner`
/// nil), which is "what really happened" and against which refusals are decided.
public struct Book: Sendable {
  public let owner: PartyID?
  public let framework: Framework
  public internal(set) var orders: [String: OrderRecord] = [:]
  /// Order ids in the order this book first recorded them. After `prune`, it may still
  /// hold ids of pruned orders (no longer in `orders`) until it is next compacted.
  public internal(set) var orderIDs: [String] = []
  /// How many orders this book has recorded (pruned ones included): the next order's
  /// position.
  var recordedOrders = 0
  /// Pruned ids still in `orderIDs`.
  var staleOrderIDs = 0
  public internal(set) var obligations = ObligationStore()
  /// Unapplied amounts of pruned orders, by key (they still count in `outstanding`).
  var prunedUnapplied: [String: Int64] = [:]
  /// Open in-kind and equal-value obligations by deadline, for deadline processing.
  var deadlineQueue: [Day: [Int]] = [:]
  /// Amounts this book could not apply to any order (an offset beyond its claims).
  public internal(set) var bookUnapplied: [String: Int64] = [:]
  /// Entries posted since the last `drainJournal()`.
  var journal: [JournalEntry] = []
  /// Whether entries carry their memo and event record (text). A run that keeps only
  /// totals (Monte Carlo) turns it off.
  public var recordsText = true
  /// The first amount this book could not compute (it would not fit in 64-bit minor
  /// units), naming the event: `Rules` refuses such events, so this is set only by a
  /// replay of records that were not judged (a damaged or altered ledger). The book then
  /// holds a value of 0 in its place; whoever applies events must check it.
  public internal(set) var overflow: String?

  public init(owner: PartyID?, framework: Framework) {
    self.owner = owner
    self.framework = framework
  }

  public var agreement: Agreement { framework.agreement }

  public mutating func drainJournal() -> [JournalEntry] {
    defer { journal.removeAll(keepingCapacity: true) }
    return journal
  }

  /// The earliest deadline with an in-kind or equal-value obligation still waiting.
  public var nextDeadline: Day? { deadlineQueue.keys.min() }

  /// Obligations of an order, in creation order.
  public func obligations(of order: String) -> [Obligation] {
    orders[order]?.obligationIDs.map { obligations[$0] } ?? []
  }

  /// Drops the order's record and obligations (a ledger run does it once they are
  /// written and nothing more can happen to the order); its unapplied amounts go on
  /// counting in `outstanding`.
  public mutating func prune(_ id: String) {
    guard let rec = orders.removeValue(forKey: id) else { return }
    for oid in rec.obligationIDs { obligations.remove(oid) }
    for (key, amount) in rec.unapplied { prunedUnapplied[key, default: 0] += amount }
    staleOrderIDs += 1
    if staleOrderIDs > 1024 && staleOrderIDs * 2 > orderIDs.count {
      orderIDs.removeAll { orders.index(forKey: $0) == nil }
      staleOrderIDs = 0
    }
  }

  /// Something is still owed on the order, in any form, in this book.
  public func owesAnything(_ order: String) -> Bool {
    obligations(of: order).contains { $0.isOpen }
  }
}

/// A change of one debt, turned into two postings in the book that records it.
struct DebtChange {
  let debtor: PartyID
  let creditor: PartyID
  let kind: ObligationKind
  let commodity: String
  /// Positive: the debt grows; negative: it shrinks.
  let delta: Int64
  let orderID: String?
  let obligationID: Int?
  /// What moves the debt (nil: a delivery, `provided` or `received` by the side).
  let movement: Movement?

  init(_ o: Obligation, delta: Int64, movement: Movement?) {
    debtor = o.debtor
    creditor = o.creditor
    kind = o.kind
    commodity = o.commodity
    self.delta = delta
    orderID = o.order
    obligationID = o.id
    self.movement = movement
  }

  init(debtor: PartyID, creditor: PartyID, kind: ObligationKind, commodity: String, delta: Int64, orderID: String?, movement: Movement) {
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.commodity = commodity
    self.delta = delta
    self.orderID = orderID
    self.obligationID = nil
    self.movement = movement
  }
}

extension Book {
  /// Posts one balanced entry for the changes, seen from this book's owner.
  /// Posts one entry. `memo` and `payload` are only built when the book keeps its text.
  mutating func post(
    _ changes: [DebtChange], date: Day, seq: Int, orderID: String?, memo: @autoclosure () -> String,
    payload: @autoclosure () -> EventPayload
  ) {
    let keepsText = recordsText
    post(changes, date: date, seq: seq, orderID: orderID, memo: memo(), encodedPayload: keepsText ? EventCodec.encode(payload()) : "")
  }

  /// Posts one entry whose memo and payload text are already built.
  mutating func post(
    _ changes: [DebtChange], date: Day, seq: Int, orderID: String?, memo: @autoclosure () -> String,
    encodedPayload: @autoclosure () -> String
  ) {
    guard let owner else { return }
    var postings: [Posting] = []
    postings.reserveCapacity(changes.count * 2)
    for c in changes where c.delta != 0 {
      let isCreditor = owner == c.creditor
      let debtAccount: Account = isCreditor ? .receivable(c.kind) : .payable(c.kind)
      let movement = c.movement ?? (isCreditor ? .provided : .received)
      // A growing debt is a debit on a receivable and a credit on a payable.
      let signed = isCreditor ? c.delta : -c.delta
      postings.append(
        Posting(
          account: debtAccount, kind: c.kind, commodity: c.commodity, amount: signed, orderID: c.orderID, obligationID: c.obligationID))
      postings.append(
        Posting(
          account: .counter(movement, c.kind), kind: c.kind, commodity: c.commodity, amount: -signed, orderID: c.orderID,
          obligationID: c.obligationID))
    }
    journal.append(
      JournalEntry(
        book: owner, date: date, eventSeq: seq, orderID: orderID, memo: recordsText ? memo() : "",
        payload: recordsText ? encodedPayload() : "", postings: postings))
  }
}

extension Book {
  /// The same records under another owner (nil: the record of everything), with an
  /// empty journal buffer: how the simulator starts keeping "what really happened" apart
  /// from the parties' books once they first differ.
  public func copy(owner: PartyID?) -> Book {
    var book = Book(owner: owner, framework: framework)
    book.orders = orders
    book.orderIDs = orderIDs
    book.recordedOrders = recordedOrders
    book.staleOrderIDs = staleOrderIDs
    book.prunedUnapplied = prunedUnapplied
    book.obligations = obligations
    book.deadlineQueue = deadlineQueue
    book.bookUnapplied = bookUnapplied
    book.recordsText = recordsText
    return book
  }
}
