/// Where each rule comes from, for `acsa explain`: the agreement, the texts behind it, or
/// the scenario format. Sections (§) are those of the domain notes,
/// `shared/docs/acsa-domain.md`, and S1...S30 the sources its section 9 lists; "inferred"
/// marks what the notes tag [I] (general knowledge or a design assumption, not found in a
/// source).
extension RefusalCode {
  /// The rule's origin, in one sentence.
  public var source: String {
    switch self {
    case .sameParty:
      "The agreement is a framework for provision between the Self-Defense Forces and the Armed Forces of the Philippines, requested, provided and settled by the forces themselves (acsa-domain.md §1, MOFA release, S5; §2.4, 1996 Japan-US ACSA Art. 1(6), S10)."
    case .notInForce:
      "The agreement takes effect only after the Japanese Diet approves it and it enters into force (acsa-domain.md §1, AP and MOFA, S1, S5); no order before it is in force (§5, inferred)."
    case .activityNotCovered:
      "Art. 1 lists the covered activities: joint training; UN PKO and peace-and-security operations; relief and disaster response; protection and transport of nationals; routine activities (acsa-domain.md §1, S4; §2.2, MOFA overview of the Japan-UK ACSA, S8); each agreement version lists its own."
    case .outsideActivityPeriod:
      "The scenario format's precise rules check the activity period against the order's date; an order serves a dated activity or exercise (acsa-domain.md §5, inferred)."
    case .excludedCategory:
      "Weapons are excluded in every version of Japan's ACSAs, the Japan-Philippines one included (acsa-domain.md §1, S3, S4; §2.1; §2.3, MOFA overview of the Japan-UK ACSA, S8)."
    case .categoryNotCovered:
      "The annex lists 16 categories of supplies and services (acsa-domain.md §2.3, S8; §1, S4); which are covered is a property of each agreement version, as when the 2010 Japan-Australia ACSA left out ammunition (§2.1)."
    case .settlementNotAllowed:
      "Supplies are settled by return of the same or an equivalent item or in currency; services in currency or by services of the same type and equivalent value (acsa-domain.md §2.4, Board of Audit of Japan, S9; 10 USC §2344(a), S12)."
    case .unknownState:
      "The order's lifecycle (requested, accepted once both sign, delivered, settled, closed; cancelled only before delivery) (acsa-domain.md §5, inferred) and the scenario format's state rules."
    case .alreadyDelivered:
      "The order's lifecycle: an order is cancelled only before delivery (acsa-domain.md §5, inferred; the scenario format)."
    case .orderCancelled:
      "The order's lifecycle: a cancelled order is at an end (acsa-domain.md §5, inferred; the scenario format)."
    case .overDelivery:
      "An order signed by both parties is a binding commitment for what it lists (acsa-domain.md §3, AGATRS order mechanics, S14, S16); quantities billed beyond what was ordered and received are a known audit failure (§4, item 10)."
    case .noPrice:
      "Provision is priced at what the supplier charges its own forces (acsa-domain.md §2.4, inferred for Japan; 10 USC §2344(b), S12), from price tables set per fiscal year (§8, DLA standard prices, S30)."
    case .nothingToClaim:
      "The claim-creation notice (債権発生通知書) that starts collection is sent once per provision (acsa-domain.md §4, Board of Audit of Japan, S9)."
    case .nothingToInvoice:
      "A line is billed once: duplicate invoices and double-billed deliveries are a known audit failure (acsa-domain.md §4, item 14, inferred)."
    case .wrongCurrency:
      "Reimbursement in currency (acsa-domain.md §2.4, S9; 10 USC §2344(a), S12), in the provider's currency as the scenario format fixes it."
    case .overpayment:
      "Reimbursement settles what was provided at its agreed price (acsa-domain.md §2.4, S9; 10 USC §2344, S12); the scenario format refuses paying more than is claimed."
    case .returnMismatch:
      "Replacement in kind is the same item, or supplies of the same type, equivalent quality and the same quantity (acsa-domain.md §2.4, Board of Audit of Japan, S9); another grade, such as F-76 returned for JP-5, is a known failure (§4, item 8)."
    case .overReturn:
      "Replacement in kind returns the same quantity (acsa-domain.md §2.4, Board of Audit of Japan, S9)."
    case .exchangeWrongCategory:
      "Services are settled by services of the same type and equivalent value (acsa-domain.md §2.4, Board of Audit of Japan, S9; exchange of equal value, 10 USC §2344(a), S12)."
    case .noRate:
      "Every converted amount carries its rate, date and source: the same amount appears under different conversions (acsa-domain.md §1, the OSA figures; §4, item 18; §5)."
    case .exchangeExceedsObligation:
      "An exchange is of equivalent value (acsa-domain.md §2.4, S9); one that is not equal under the agreed prices is a known failure (§4, item 8)."
    case .nothingToConvert:
      "The receiver pays in currency when a return in kind fails (acsa-domain.md §2.4, inferred; §4, item 7; §5, CONVERTED_TO_CASH)."
    case .offsetNotAllowed:
      "Offset is a recognised settlement path (acsa-domain.md §2.4, Board of Audit of Japan, S9) that each agreement allows or not (the scenario's `agreement.offset`)."
    case .offsetExceedsClaims:
      "Offset nets claims the parties hold on each other (acsa-domain.md §2.4, Board of Audit of Japan, S9; 10 USC §2345, S12); offsets that do not net correctly are a known failure (§4, item 16)."
    case .transferWithoutConsent:
      "Passing supplies to a third party needs the providing government's prior written consent (acsa-domain.md §2.4, inferred from Japan's 2008 supply arrangements; §4, item 13)."
    case .overTransfer:
      "Only supplies received can be passed on, and only once (acsa-domain.md §2.4, third-party transfer, inferred; the scenario format)."
    case .amountOutOfRange:
      "A project extension: amounts are integers of each currency's minor unit (acsa-domain.md §5; §7, ISO 4217, S28), and one that does not fit in 64 bits is refused rather than wrapped."
    }
  }
}

extension FindingCode {
  /// The practice the finding checks, in one sentence a trainee understands.
  public var rule: String {
    switch self {
    case .unsignedOrder: "An order binds the parties only once both officials have signed it, so nothing is delivered before that."
    case .noReceipt: "Every delivery needs a signed receipt, the proof that it was received."
    case .noClaim:
      "The provider records its claim promptly after delivery (within the agreement's payment_days), or it may never be billed."
    case .notInvoiced: "Cash owed is invoiced within the agreement's payment_days of delivery."
    case .latePayment: "A cash claim is paid by its due date, the agreement's payment_days after the invoice."
    case .overdue: "Every provision is settled within 12 months of delivery (the agreement's settlement_days)."
    case .bookMismatch: "The two parties' books record the same events and obligations on every order."
    case .closedWithBalance: "An order is closed only once nothing is owed on it; closing extinguishes no debt."
    case .integrity: "The ledger passes its own checks: balanced entries, unbroken hash chains, balances equal to a replay of its events."
    }
  }

  /// Where the practice comes from.
  public var source: String {
    switch self {
    case .unsignedOrder:
      "DoD IG DODIG-2016-067 found orders with no signatures, so no evidence of a binding commitment (acsa-domain.md §4, S14; §3, S14, S16)."
    case .noReceipt:
      "DoD IG DODIG-2016-067 found most sampled orders lacked the source documents that support them (acsa-domain.md §4, S14; failure mode 3)."
    case .noClaim:
      "The Board of Audit of Japan (2023) found the claim-creation notice never sent to the revenue collection officer (acsa-domain.md §4, S9; failure mode 4)."
    case .notInvoiced:
      "GAO-20-309 found overdue orders worth over $1B with no reimbursement requested (acsa-domain.md §4, S15; failure mode 5)."
    case .latePayment:
      "ACSA practice: a cash bill is paid within 30 days (acsa-domain.md §3, briefing deck, S20; failure mode 5)."
    case .overdue:
      "The Procedural Arrangements require settlement within 12 months of delivery; the Board of Audit of Japan found 110 JMSDF provisions past it (acsa-domain.md §2.4 and §4, S9); 10 USC §2345 (S12)."
    case .bookMismatch:
      "Each party keeps its own book and reconciliation reports disagreements (acsa-domain.md §5); two books that disagree are a known failure (§4, failure mode 15)."
    case .closedWithBalance:
      "DoD IG DODIG-2016-067 found orders not closed properly, their status unknown (acsa-domain.md §4, S14; failure mode 11)."
    case .integrity:
      "Ledger entries are append-only (acsa-domain.md §5, invariants); the project's hash chains and replay make any change visible (README, The ledger)."
    }
  }
}

/// Rules that are not refusals: what the simulator does by itself.
public enum Rulebook {
  /// Deadline processing (`deadline_policy: convert`), the 12-month rule.
  public static let deadlineRule =
    "Every provision is settled within 12 months of delivery; what is still owed in kind or in equal value once the deadline has passed becomes a cash claim, at the provider's price on the delivery date."
  public static let deadlineSource =
    "The Procedural Arrangements Japan's Ministry of Defense concluded with each partner: settlement within 12 months of the delivery date (acsa-domain.md §2.4, Board of Audit of Japan, S9); 10 USC §2345, replacement and exchange within 12 months (S12); payment in currency when a return fails (§2.4, inferred; §4, item 7)."
  /// The tax exemption (`agreement.tax_exempt`).
  public static let taxExemptionSource =
    "Reported as tax-free provision of ammunition, fuel, food and other necessities (acsa-domain.md §1, AP, S1); whether the exemption sits in the ACSA, the RAA or domestic law is unknown, so it is a per-agreement setting (§2.4)."
}
