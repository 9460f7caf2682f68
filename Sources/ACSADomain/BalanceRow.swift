/// One open balance: what a debtor owes a creditor of one kind and commodity, in one
/// book, in total or on one order.
public struct BalanceRow: Hashable, Sendable, Encodable {
  public let book: PartyID
  public let orderID: String?
  public let debtor: PartyID
  public let creditor: PartyID
  public let kind: String
  public let commodity: String
  /// Minor units (currencies) or thousandths (items).
  public let units: Int64
  public let digits: Int

  public init(
    book: PartyID, orderID: String?, debtor: PartyID, creditor: PartyID, kind: String, commodity: String, units: Int64, digits: Int
  ) {
    self.book = book
    self.orderID = orderID
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.commodity = commodity
    self.units = units
    self.digits = digits
  }

  /// The amount as text: `JPY 1960000`, `PHP 2080000.00`, or a quantity `20000`.
  public var amountText: String {
    kind == ObligationKind.inKind.rawValue ? numberText : commodity + " " + numberText
  }

  /// The number alone: `2080000.00`, `20000`.
  public var numberText: String {
    kind == ObligationKind.inKind.rawValue ? Quantity(milli: units).description : Money.decimalText(units, digits, grouped: false)
  }

  /// For people: `JPY 1,960,000`, `20,000`.
  public var formattedAmount: String {
    if kind == ObligationKind.inKind.rawValue { return Quantity(milli: units).formatted }
    return commodity + " " + Money.decimalText(units, digits, grouped: true)
  }

  enum CodingKeys: String, CodingKey {
    case book, order, debtor, creditor, kind, commodity, amount, units
  }

  /// The JSON row of `run --json` and `balance --json`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(book, forKey: .book)
    try c.encode(orderID, forKey: .order)
    try c.encode(debtor, forKey: .debtor)
    try c.encode(creditor, forKey: .creditor)
    try c.encode(kind, forKey: .kind)
    try c.encode(commodity, forKey: .commodity)
    try c.encode(amountText, forKey: .amount)
    try c.encode(units, forKey: .units)
  }
}
