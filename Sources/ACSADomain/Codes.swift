/// Why an event was refused. Stable codes: scripts and scenarios match on them.
public enum RefusalCode: String, CaseIterable, Sendable, Codable {
  case sameParty = "same_party"
  case notInForce = "not_in_force"
  case activityNotCovered = "activity_not_covered"
  case outsideActivityPeriod = "outside_activity_period"
  case excludedCategory = "excluded_category"
  case categoryNotCovered = "category_not_covered"
  case settlementNotAllowed = "settlement_not_allowed"
  /// 1.4: a signatory named in `signed_by` whose limit is below the order's value.
  case overAuthority = "over_authority"
  case unknownState = "unknown_state"
  case alreadyDelivered = "already_delivered"
  case orderCancelled = "order_cancelled"
  case overDelivery = "over_delivery"
  case noPrice = "no_price"
  case nothingToClaim = "nothing_to_claim"
  case nothingToInvoice = "nothing_to_invoice"
  case wrongCurrency = "wrong_currency"
  case overpayment
  case returnMismatch = "return_mismatch"
  case overReturn = "over_return"
  case exchangeWrongCategory = "exchange_wrong_category"
  case noRate = "no_rate"
  case exchangeExceedsObligation = "exchange_exceeds_obligation"
  case nothingToConvert = "nothing_to_convert"
  case offsetNotAllowed = "offset_not_allowed"
  case offsetExceedsClaims = "offset_exceeds_claims"
  case transferWithoutConsent = "transfer_without_consent"
  case overTransfer = "over_transfer"
  /// An extension of the format: an amount computed by the event (quantity × price,
  /// a conversion, a sum) would leave the range of 64-bit minor units.
  case amountOutOfRange = "amount_out_of_range"

  /// The rule behind the code, in one sentence a trainee understands.
  public var rule: String {
    switch self {
    case .sameParty: "An order is between the two parties: the receiver must be a unit of the other party."
    case .notInForce: "No order may be placed before the agreement enters into force."
    case .activityNotCovered: "The agreement covers only the activity types it lists (Art. 1: training, PKO, relief, evacuation, routine)."
    case .outsideActivityPeriod: "An order must be dated within the period of the activity it serves."
    case .excludedCategory: "Weapons are never provided under an ACSA."
    case .categoryNotCovered: "Only the categories of supplies and services the agreement lists may be provided."
    case .settlementNotAllowed: "Supplies settle in cash or by replacement in kind; services in cash or by an exchange of equal value."
    case .overAuthority: "An official signs an order only within the limit of their authority."
    case .unknownState: "The action does not fit the order's state (not yet ordered, refused, cancelled, closed or already signed)."
    case .alreadyDelivered: "An order can be cancelled only before anything has been delivered."
    case .orderCancelled: "Nothing may be delivered on a cancelled order."
    case .overDelivery: "A delivery may not exceed what the order lists."
    case .noPrice: "Every provision is valued at the provider's own-force price in force that day; there is none."
    case .nothingToClaim: "There is no unclaimed delivery on this order."
    case .nothingToInvoice: "There is no delivered, claimed and unbilled cash line on this order."
    case .wrongCurrency: "Cash is paid in the provider's currency."
    case .overpayment: "A payment may not exceed the order's open cash claims."
    case .returnMismatch: "Replacement in kind returns the same item, or one declared equivalent to it, on an order settled by replacement."
    case .overReturn: "A return may not exceed the quantity still owed in kind."
    case .exchangeWrongCategory:
      "An equal-value exchange provides services of a category the order received, on an order settled by equal value."
    case .noRate: "A conversion between the parties' currencies needs an exchange rate on or before that day."
    case .exchangeExceedsObligation: "An exchange may not exceed the equal-value obligation still open in that category."
    case .nothingToConvert: "Only an open in-kind or equal-value obligation can be converted into a cash claim."
    case .offsetNotAllowed: "This agreement does not allow the parties to offset their claims."
    case .offsetExceedsClaims: "An offset nets claims both parties hold; neither side can net more than it is owed."
    case .transferWithoutConsent: "Supplies may be passed to a third party only with the provider's prior written consent."
    case .overTransfer: "Only supplies delivered and not yet transferred can be transferred."
    case .amountOutOfRange: "Amounts are kept as 64-bit minor units; this one would not fit."
    }
  }
}

/// What the audit flags. Stable codes.
public enum FindingCode: String, CaseIterable, Sendable, Codable, Comparable {
  case unsignedOrder = "unsigned_order"
  case noReceipt = "no_receipt"
  case noClaim = "no_claim"
  case notInvoiced = "not_invoiced"
  case latePayment = "late_payment"
  case overdue
  /// 1.4: an obligation brought to zero only after its deadline.
  case settledLate = "settled_late"
  /// 1.4: a delivered order lacking data `agreement.required_order_fields` asks for.
  case incompleteOrder = "incomplete_order"
  case bookMismatch = "book_mismatch"
  case closedWithBalance = "closed_with_balance"
  case integrity

  public static func < (a: FindingCode, b: FindingCode) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The codes the audit can report under this agreement, `integrity` aside:
  /// `settled_late` from format 1.4, `incomplete_order` with `required_order_fields`.
  public static func judged(under a: Agreement) -> [FindingCode] {
    allCases.filter { code in
      switch code {
      case .integrity: false
      case .settledLate: a.format >= .v1_4
      case .incompleteOrder: !a.requiredOrderFields.isEmpty
      default: true
      }
    }
  }
}

/// An order's status, as one book reads it.
public enum OrderStatus: String, CaseIterable, Sendable, Codable {
  case requested, accepted, delivered, settled, cancelled, closed, refused, unrecorded
}
