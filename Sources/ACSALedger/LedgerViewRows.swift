import ACSADomain

/// One row of `daily_balances`: the net change, on one day and in one book, of what a
/// debtor owes a creditor of one kind and commodity.
public struct DailyMovement: Hashable, Sendable {
  public let book: PartyID
  public let date: Day
  public let debtor: PartyID
  public let creditor: PartyID
  /// `cash`, `in_kind` or `equal_value`.
  public let kind: String
  public let commodity: String
  /// Minor units (currencies) or thousandths (items); negative when the balance fell.
  public let units: Int64
  public let digits: Int

  public init(book: PartyID, date: Day, debtor: PartyID, creditor: PartyID, kind: String, commodity: String, units: Int64, digits: Int) {
    self.book = book
    self.date = date
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.commodity = commodity
    self.units = units
    self.digits = digits
  }
}

/// One row of the `order_status` view, with the order's activity and units.
public struct OrderStatusRow: Hashable, Sendable {
  public let orderID: String
  public let book: PartyID
  public let status: String
  public let provider: PartyID
  public let receiver: PartyID
  public let settlement: String
  public let date: Day
  public let activity: String
  public let providerUnit: String
  public let receiverUnit: String
}

/// One row of the `refusals` view.
public struct RefusalRow: Hashable, Sendable {
  public let seq: Int
  public let date: Day
  public let eventID: String?
  /// The event's line in the scenario file (nil for a generated event).
  public let line: Int?
  public let action: String
  public let orderID: String?
  public let code: String
  public let message: String
}
