/// One obligation as one book holds it at the end of the run.
public struct ObligationExportRecord: Hashable, Sendable {
  public let book: PartyID
  public let obligation: Int
  public let order: String
  public let debtor: PartyID
  public let creditor: PartyID
  public let kind: String
  public let item: String
  public let category: String
  /// In kind: the quantity delivered and the quantity still to be returned, in thousandths.
  public let quantity: Int64?
  public let openQuantity: Int64?
  public let unit: String?
  /// The value at the provider's price on the delivery date (a converted claim: the
  /// amount converted), in minor units.
  public let value: Int64
  /// Cash and equal value: what is still owed, in minor units.
  public let openAmount: Int64?
  public let currency: String
  public let digits: Int
  public let deliveryDate: String
  public let createdOn: String
  public let deadline: String
  public let claimedOn: String?
  public let billedOn: String?
  public let dueOn: String?
  public let settledOn: String?
  public let convertedOn: String?
  public let convertedInto: Int?
  public let convertedFrom: Int?

  public init(
    book: PartyID, obligation: Int, order: String, debtor: PartyID, creditor: PartyID, kind: String, item: String, category: String,
    quantity: Int64?, openQuantity: Int64?, unit: String?, value: Int64, openAmount: Int64?, currency: String, digits: Int,
    deliveryDate: String, createdOn: String, deadline: String, claimedOn: String?, billedOn: String?, dueOn: String?, settledOn: String?,
    convertedOn: String?, convertedInto: Int?, convertedFrom: Int?
  ) {
    self.book = book
    self.obligation = obligation
    self.order = order
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.item = item
    self.category = category
    self.quantity = quantity
    self.openQuantity = openQuantity
    self.unit = unit
    self.value = value
    self.openAmount = openAmount
    self.currency = currency
    self.digits = digits
    self.deliveryDate = deliveryDate
    self.createdOn = createdOn
    self.deadline = deadline
    self.claimedOn = claimedOn
    self.billedOn = billedOn
    self.dueOn = dueOn
    self.settledOn = settledOn
    self.convertedOn = convertedOn
    self.convertedInto = convertedInto
    self.convertedFrom = convertedFrom
  }

  /// `open` while anything is owed, `converted` once the remainder became a cash
  /// claim, `settled` otherwise.
  public var state: String {
    if (openQuantity ?? 0) > 0 || (openAmount ?? 0) > 0 { return "open" }
    return convertedOn != nil ? "converted" : "settled"
  }
}
