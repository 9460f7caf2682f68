/// One delivered line, with the obligation it created.
public struct DeliveryExportRecord: Hashable, Sendable {
  public let book: PartyID
  public let order: String
  /// The delivery's number within the order (1, 2...) and the line's within the delivery.
  public let delivery: Int
  public let line: Int
  public let date: String
  public let item: String
  /// Thousandths of the item.
  public let quantity: Int64
  public let unit: String?
  /// The obligation's kind: `cash`, `in_kind` or `equal_value`.
  public let kind: String
  /// The value at the provider's own-force price on the delivery date, in minor units.
  public let value: Int64
  public let currency: String
  public let digits: Int
  public let receipt: Bool
  public let whileUnsigned: Bool
  public let claimedOn: String?
  public let billedOn: String?
  public let dueOn: String?
  public let deadline: String
  public let obligation: Int
  public let event: EventReference

  public init(
    book: PartyID, order: String, delivery: Int, line: Int, date: String, item: String, quantity: Int64, unit: String?, kind: String,
    value: Int64, currency: String, digits: Int, receipt: Bool, whileUnsigned: Bool, claimedOn: String?, billedOn: String?,
    dueOn: String?, deadline: String, obligation: Int, event: EventReference
  ) {
    self.book = book
    self.order = order
    self.delivery = delivery
    self.line = line
    self.date = date
    self.item = item
    self.quantity = quantity
    self.unit = unit
    self.kind = kind
    self.value = value
    self.currency = currency
    self.digits = digits
    self.receipt = receipt
    self.whileUnsigned = whileUnsigned
    self.claimedOn = claimedOn
    self.billedOn = billedOn
    self.dueOn = dueOn
    self.deadline = deadline
    self.obligation = obligation
    self.event = event
  }
}
