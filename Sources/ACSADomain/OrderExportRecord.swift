// The records of `acsa export --format csv|json`: what one book holds, row by row, as
// read back from a ledger's end-of-run snapshots and journal. Dates are ISO text as
// stored; amounts are integer minor units with their currency and its digits;
// quantities are thousandths of an item.

/// One order as one book records it.
public struct OrderExportRecord: Hashable, Sendable {
  public let book: PartyID
  public let order: String
  public let date: String
  public let activity: String
  public let provider: PartyID
  public let providerUnit: String
  public let receiver: PartyID
  public let receiverUnit: String
  public let settlement: String
  public let lines: [Line]
  public let signed: Bool
  public let status: String
  public let cancelled: Bool
  public let closedOn: String?
  public let closedWithBalance: Bool
  /// False when the book missed the `order` event and took the terms from a later one.
  public let recordedOrderEvent: Bool

  public init(
    book: PartyID, order: String, date: String, activity: String, provider: PartyID, providerUnit: String, receiver: PartyID,
    receiverUnit: String, settlement: String, lines: [Line], signed: Bool, status: String, cancelled: Bool, closedOn: String?,
    closedWithBalance: Bool, recordedOrderEvent: Bool
  ) {
    self.book = book
    self.order = order
    self.date = date
    self.activity = activity
    self.provider = provider
    self.providerUnit = providerUnit
    self.receiver = receiver
    self.receiverUnit = receiverUnit
    self.settlement = settlement
    self.lines = lines
    self.signed = signed
    self.status = status
    self.cancelled = cancelled
    self.closedOn = closedOn
    self.closedWithBalance = closedWithBalance
    self.recordedOrderEvent = recordedOrderEvent
  }
}
