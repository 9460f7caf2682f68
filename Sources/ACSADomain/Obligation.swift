/// One delivered line's debt of the receiver to the provider, as one book records it.
///
/// Cash and equal-value obligations are amounts in the provider's currency; an in-kind
/// obligation is a quantity of the item still to be returned (its `value` is kept for
/// reports and for conversion).
public struct Obligation: Hashable, Sendable {
  /// Creation order within the book (0-based).
  public let id: Int
  public let order: String
  public let debtor: PartyID
  public let creditor: PartyID
  public let kind: ObligationKind
  /// The item delivered (for a converted claim, the original item).
  public let item: String
  public let category: Category
  /// The provider's currency.
  public let currency: Currency
  public let deliveryDate: Day
  /// When the obligation came into being: the delivery date, or for a cash claim born of a
  /// conversion, the day of the conversion.
  public let createdOn: Day
  public let deadline: Day
  /// The amount when created (cash, equal value), or the value of the quantity at the
  /// provider's price on the delivery date (in kind).
  public let originalAmount: Int64
  public let originalQty: Quantity
  /// Still owed: minor units (cash, equal value) or quantity (in kind).
  public internal(set) var openAmount: Int64
  public internal(set) var openQty: Quantity
  public internal(set) var claimedOn: Day?
  public internal(set) var billedOn: Day?
  public internal(set) var dueOn: Day?
  /// When nothing was left owed by payment, return, exchange or offset.
  public internal(set) var settledOn: Day?
  /// When the remainder was converted into a cash claim (in kind, equal value).
  public internal(set) var convertedOn: Day?
  public internal(set) var convertedInto: Int?
  /// For a cash claim born of a conversion: the obligation it replaced.
  public let convertedFrom: Int?

  public var isOpen: Bool { kind == .inKind ? openQty.isPositive : openAmount > 0 }

  /// Whether anything of it was still owed at the end of `day`: it existed, and had been
  /// neither settled nor converted by then. Obligations only ever shrink, so the dates
  /// say it without the history of amounts.
  public func owed(at day: Day) -> Bool {
    createdOn <= day && (convertedOn.map { $0 > day } ?? true) && (settledOn.map { $0 > day } ?? true)
  }

  /// The commodity of the obligation's postings: a currency code, or the item id.
  public var commodity: String { kind == .inKind ? item : currency.code }

  /// What is still owed, in postings' units (minor units or thousandths).
  public var openUnits: Int64 { kind == .inKind ? openQty.milli : openAmount }
  public var originalUnits: Int64 { kind == .inKind ? originalQty.milli : originalAmount }
}
