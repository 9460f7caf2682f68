/// One line of a journal entry in a party's book. `amount` is positive for a debit and
/// negative for a credit, in minor units of a currency or thousandths of an item.
public struct Posting: Hashable, Sendable {
  public let account: Account
  public let kind: ObligationKind
  public let commodity: String
  public let amount: Int64
  public let orderID: String?
  public let obligationID: Int?

  public init(account: Account, kind: ObligationKind, commodity: String, amount: Int64, orderID: String?, obligationID: Int?) {
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

/// What moves a debt, named in the counter-account of its postings.
public enum Movement: String, CaseIterable, Sendable {
  /// A delivery, seen from the provider (`provided`) and the receiver (`received`).
  case provided, received
  case payment
  case `return`
  case exchange
  case offset
  case conversion

  /// A settlement: it takes an amount off an obligation (what `settlements(asOf:)` sums).
  public var settles: Bool {
    switch self {
    case .payment, .return, .exchange, .offset: true
    case .provided, .received, .conversion: false
    }
  }

  /// The movements that settle.
  public static let settlements = allCases.filter(\.settles)
}

/// An account of a party's book, from its owner's point of view: `receivable:<kind>` is
/// what the other party owes the owner, `payable:<kind>` what the owner owes it; the
/// others are the counter-accounts of each movement (`payment:cash`). The ledger stores
/// `text`; text read back that names no account acsa writes (an altered ledger) is kept
/// as it was read, so that `acsa verify` reports it.
public enum Account: Hashable, Sendable, CustomStringConvertible {
  case receivable(ObligationKind)
  case payable(ObligationKind)
  case counter(Movement, ObligationKind)
  case unrecognized(String)

  /// The prefixes of the two debt accounts (`receivable:`, `payable:`).
  public static let receivablePrefix = "receivable:"
  public static let payablePrefix = "payable:"

  /// The account `text` names (one lookup: a ledger's readers parse every posting).
  public init(text: String) {
    self = Self.byText[text] ?? .unrecognized(text)
  }

  /// Every account acsa writes, by its text.
  private static let byText: [String: Account] = {
    var all: [Account] = []
    for kind in ObligationKind.allCases {
      all += [.receivable(kind), .payable(kind)] + Movement.allCases.map { .counter($0, kind) }
    }
    return Dictionary(uniqueKeysWithValues: all.map { ($0.text, $0) })
  }()

  /// The account's name in the ledger: `receivable:cash`, `payment:in_kind`.
  public var text: String {
    switch self {
    case .receivable(let k): Self.names[Self.slot(0, k)]
    case .payable(let k): Self.names[Self.slot(1, k)]
    case .counter(let m, let k): Self.names[Self.slot(2 + Self.movementIndex(m), k)]
    case .unrecognized(let t): t
    }
  }

  /// Every name acsa writes, built once (a ledger run writes two postings per change).
  private static let names: [String] = {
    let stems = [receivablePrefix, payablePrefix] + Movement.allCases.map { $0.rawValue + ":" }
    return stems.flatMap { stem in ObligationKind.allCases.map { stem + $0.rawValue } }
  }()

  private static func slot(_ stem: Int, _ k: ObligationKind) -> Int {
    let kinds = ObligationKind.allCases.count
    return switch k {
    case .cash: stem * kinds
    case .inKind: stem * kinds + 1
    case .equalValue: stem * kinds + 2
    }
  }

  private static func movementIndex(_ m: Movement) -> Int {
    switch m {
    case .provided: 0
    case .received: 1
    case .payment: 2
    case .return: 3
    case .exchange: 4
    case .offset: 5
    case .conversion: 6
    }
  }

  public var description: String { text }

  /// The counter-account of a settlement (payment, return, exchange, offset).
  public var isSettlement: Bool {
    if case .counter(let m, _) = self { return m.settles }
    return false
  }
}
