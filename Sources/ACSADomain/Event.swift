/// A line of an order or of a delivery, return, exchange or transfer.
public struct Line: Hashable, Sendable {
  public let item: String
  public let qty: Quantity

  public init(item: String, qty: Quantity) {
    self.item = item
    self.qty = qty
  }
}

/// What an order records besides its terms (format 1.4): where, when asked for, who to
/// contact, the supporting documents, and who signed for each party.
public struct OrderDetails: Hashable, Sendable {
  public var place: String?
  public var requestedDate: Day?
  /// Points of contact, per party.
  public var contacts: [PartyID: String]
  /// References of supporting documents.
  public var documents: [String]
  /// The signatory (an id of `parties.X.signatories`) who signed for each party.
  public var signedBy: [PartyID: String]

  public init(
    place: String? = nil, requestedDate: Day? = nil, contacts: [PartyID: String] = [:], documents: [String] = [],
    signedBy: [PartyID: String] = [:]
  ) {
    self.place = place
    self.requestedDate = requestedDate
    self.contacts = contacts
    self.documents = documents
    self.signedBy = signedBy
  }

  public static let none = OrderDetails()
  public var isEmpty: Bool { self == .none }

  /// The fields of `required` this order lacks, given the two parties: `contacts` and
  /// `signed_by` need both parties, `documents` at least one.
  public func missing(_ required: [OrderField], parties: [PartyID]) -> [OrderField] {
    required.filter { field in
      switch field {
      case .place: (place ?? "").allSatisfy(\.isWhitespace)
      case .requestedDate: requestedDate == nil
      case .contacts: !parties.allSatisfy { !(contacts[$0] ?? "").allSatisfy(\.isWhitespace) }
      case .documents: documents.allSatisfy { $0.allSatisfy(\.isWhitespace) }
      case .signedBy: !parties.allSatisfy { signedBy[$0] != nil }
      }
    }
  }
}

/// The terms of an order as written in its `order` event.
public struct OrderTerms: Hashable, Sendable {
  public let id: String
  public let activity: String
  public let provider: String
  public let receiver: String
  public let settlement: SettlementMethod
  public let lines: [Line]
  public let signed: Bool
  /// What the order records besides (1.4), out of line: most orders (every generated
  /// one) record nothing more, and an order's terms are copied with it through the books
  /// (one nil reference instead of five fields to retain).
  private var detailsStorage: DetailsStorage?

  /// What the order records besides (1.4); a later `sign` may add signatories.
  public internal(set) var details: OrderDetails {
    get { detailsStorage?.value ?? .none }
    set { detailsStorage = newValue.isEmpty ? nil : DetailsStorage(newValue) }
  }

  public init(
    id: String, activity: String, provider: String, receiver: String,
    settlement: SettlementMethod, lines: [Line], signed: Bool, details: OrderDetails = .none
  ) {
    self.id = id
    self.activity = activity
    self.provider = provider
    self.receiver = receiver
    self.settlement = settlement
    self.lines = lines
    self.signed = signed
    detailsStorage = details.isEmpty ? nil : DetailsStorage(details)
  }
}

/// An order's details behind one reference (immutable: a change makes a new one).
private final class DetailsStorage: Hashable, Sendable {
  let value: OrderDetails

  init(_ value: OrderDetails) { self.value = value }

  static func == (a: DetailsStorage, b: DetailsStorage) -> Bool { a === b || a.value == b.value }
  func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

public enum ObligationKind: String, CaseIterable, Sendable, Comparable {
  case cash
  case inKind = "in_kind"
  case equalValue = "equal_value"

  public static func < (a: ObligationKind, b: ObligationKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// What an `expect` checks.
public enum Expectation: Hashable, Sendable {
  public enum Outstanding: Hashable, Sendable {
    case cash(Money)
    case equalValue(Money)
    case inKind(item: String, qty: Quantity)
  }
  case outstanding(debtor: PartyID, creditor: PartyID, Outstanding)
  case status(order: String, OrderStatus)
  case refused(eventID: String, code: RefusalCode)
  /// Counts of orders per finding code; only the listed codes are constrained.
  case findings([FindingCode: Int])
}

/// The action of one event: exactly one per event.
public enum Action: Hashable, Sendable {
  case order(OrderTerms)
  /// `signedBy`: the signatories a `sign` names (1.4), per party.
  case sign(order: String, signedBy: [PartyID: String] = [:])
  case cancel(order: String)
  case deliver(order: String, lines: [Line]?, receipt: Bool, claim: Bool)
  case claim(order: String)
  case invoice(order: String)
  case pay(order: String, amount: Money)
  case returnItems(order: String, lines: [Line])
  case exchange(order: String, lines: [Line])
  case convert(order: String)
  case offset(amount: Money)
  case close(order: String)
  case transfer(order: String, lines: [Line], to: String, consent: String?)
  case expect(Expectation)

  /// The action's key in the scenario format.
  public var name: String {
    switch self {
    case .order: "order"
    case .sign: "sign"
    case .cancel: "cancel"
    case .deliver: "deliver"
    case .claim: "claim"
    case .invoice: "invoice"
    case .pay: "pay"
    case .returnItems: "return"
    case .exchange: "exchange"
    case .convert: "convert"
    case .offset: "offset"
    case .close: "close"
    case .transfer: "transfer"
    case .expect: "expect"
    }
  }

  /// The order the action is about, if any (`offset` and `expect` name none, except an
  /// `expect status`).
  public var orderID: String? {
    switch self {
    case .order(let t): t.id
    case .sign(let o, _), .cancel(let o), .claim(let o), .invoice(let o), .convert(let o), .close(let o):
      o
    case .deliver(let o, _, _, _), .pay(let o, _), .returnItems(let o, _), .exchange(let o, _),
      .transfer(let o, _, _, _):
      o
    case .offset: nil
    case .expect(.status(let o, _)): o
    case .expect: nil
    }
  }
}

/// Where an event stands in its scenario file, for messages.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}

/// One dated event of a scenario.
public struct ScenarioEvent: Hashable, Sendable {
  public let date: Day
  public let id: String?
  /// nil: both books. Otherwise the parties whose books record the event.
  public let books: [PartyID]?
  public let action: Action
  /// Position in the file (0-based), the tie-break on one date.
  public let index: Int
  public let location: SourceLocation?

  public init(date: Day, id: String?, books: [PartyID]?, action: Action, index: Int, location: SourceLocation?) {
    self.date = date
    self.id = id
    self.books = books
    self.action = action
    self.index = index
    self.location = location
  }
}
