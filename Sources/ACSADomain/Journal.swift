/// One line of a journal entry in a party's book. `amount` is positive for a debit and
/// negative for a credit, in minor units of a currency or thousandths of an item.
public struct Posting: Hashable, Sendable {
  public let account: String
  public let kind: ObligationKind
  public let commodity: String
  public let amount: Int64
  public let orderID: String?
  public let obligationID: Int?

  public init(account: String, kind: ObligationKind, commodity: String, amount: Int64, orderID: String?, obligationID: Int?) {
    self.account = account
    self.kind = kind
    self.commodity = commodity
    self.amount = amount
    self.orderID = orderID
    self.obligationID = obligationID
  }
}

/// A balanced journal entry: for every (kind, commodity) its postings sum to zero.
public struct JournalEntry: Hashable, Sendable {
  public let book: PartyID
  public let date: Day
  public let eventSeq: Int
  public let orderID: String?
  public let memo: String
  /// What the book recorded of the event (`EventCodec`), for replays.
  public let payload: String
  public let postings: [Posting]

  public init(book: PartyID, date: Day, eventSeq: Int, orderID: String?, memo: String, payload: String, postings: [Posting]) {
    self.book = book
    self.date = date
    self.eventSeq = eventSeq
    self.orderID = orderID
    self.memo = memo
    self.payload = payload
    self.postings = postings
  }

  public var isBalanced: Bool {
    var sums: [String: Int64] = [:]
    for p in postings { sums[p.kind.rawValue + "|" + p.commodity, default: 0] &+= p.amount }
    return sums.values.allSatisfy { $0 == 0 }
  }
}

/// Account names, from the book owner's point of view. `receivable:<kind>` is what the
/// other party owes the owner, `payable:<kind>` what the owner owes it; the others are
/// the counter-accounts of each movement.
public enum Account {
  public static func receivable(_ k: ObligationKind) -> String { "receivable:" + k.rawValue }
  public static func payable(_ k: ObligationKind) -> String { "payable:" + k.rawValue }
  /// The counter-account of a movement: `provided`, `received`, `payment`, `return`,
  /// `exchange`, `offset`, `conversion`, `unapplied`.
  public static func counter(_ movement: String, _ k: ObligationKind) -> String { movement + ":" + k.rawValue }
}
