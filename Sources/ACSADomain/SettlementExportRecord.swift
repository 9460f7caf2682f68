/// What one settlement took off one obligation: a payment, a return in kind, an
/// exchange of equal value, an offset, or a conversion of an in-kind or equal-value
/// remainder into a cash claim. A settlement the book could not apply to any debt it
/// recorded (an unapplied credit) has no obligation.
public struct SettlementExportRecord: Hashable, Sendable {
  public let book: PartyID
  public let date: String
  /// `payment`, `return`, `exchange`, `offset` or `conversion`.
  public let method: String
  public let order: String?
  public let obligation: Int?
  public let debtor: PartyID
  public let creditor: PartyID
  /// The kind of the obligation settled.
  public let kind: String
  /// The item delivered (for a cash or equal-value obligation, what was provided).
  public let item: String?
  /// In kind: the quantity settled, in thousandths.
  public let quantity: Int64?
  public let unit: String?
  /// Cash and equal value: the amount settled; a conversion: the cash claim it created.
  public let amount: Int64?
  public let currency: String?
  public let digits: Int
  /// A conversion: the cash claim the remainder became.
  public let intoObligation: Int?
  public let applied: Bool
  public let memo: String
  public let event: EventReference

  public init(
    book: PartyID, date: String, method: String, order: String?, obligation: Int?, debtor: PartyID, creditor: PartyID, kind: String,
    item: String?, quantity: Int64?, unit: String?, amount: Int64?, currency: String?, digits: Int, intoObligation: Int?, applied: Bool,
    memo: String, event: EventReference
  ) {
    self.book = book
    self.date = date
    self.method = method
    self.order = order
    self.obligation = obligation
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.item = item
    self.quantity = quantity
    self.unit = unit
    self.amount = amount
    self.currency = currency
    self.digits = digits
    self.intoObligation = intoObligation
    self.applied = applied
    self.memo = memo
    self.event = event
  }
}
