/// Whose rule each refusal and finding applies (`RuleOrigin`): the agreement's, as the
/// public sources of `docs/sources.md` report it, a setting of the scenario, or acsa's
/// own choice. The English text of the Japan-Philippines agreement is not public: its
/// terms are those reported for Japan's ACSAs (S9) and in the summaries of this one (S4,
/// S5).
extension RefusalCode {
  public var origin: RuleOrigin {
    switch self {
    case .sameParty:
      .agreement(
        "the agreement provides for supplies and services between the Self-Defense Forces and the Armed Forces of the Philippines, requested, provided and settled by the forces themselves",
        "S5", "S10")
    case .notInForce:
      .agreement(
        "the agreement applies once it has entered into force, after the Japanese Diet approves it; the date is the scenario's `agreement.in_force`",
        "S1", "S5")
    case .activityNotCovered:
      .agreement(
        "Article 1 lists the activities covered (joint training; UN peacekeeping and peace-and-security operations; relief and disaster response; protection and transport of nationals; routine activities); which types a scenario covers is its `agreement.activities`",
        "S4", "S8")
    case .outsideActivityPeriod:
      .acsa(
        "no source dates an order against its activity; acsa refuses an order dated outside the period of the activity it names, and allows deliveries after the activity ends"
      )
    case .excludedCategory:
      .agreement("weapons are excluded in every version of Japan's ACSAs, the Japan-Philippines one included", "S3", "S4", "S8")
    case .categoryNotCovered:
      .agreement(
        "the agreements list 16 categories of supplies and services; which are covered depends on the agreement's version (the 2010 Japan-Australia ACSA left ammunition out), so a scenario lists its own in `agreement.categories`",
        "S8", "S4", "S11")
    case .settlementNotAllowed:
      .agreement(
        "supplies are settled by return of the same item, or of the same type, equivalent quality and the same quantity, or in currency; services in currency or by services of the same type and equivalent value",
        "S9")
    case .overAuthority:
      .scenario(
        "parties.<party>.signatories",
        "who may sign an order, and up to what amount, is each party's own delegation of authority, which the scenario sets; the DoD Inspector General found orders with no valid signature, so no evidence of a binding commitment; acsa compares the limit with the order's value at the provider's prices on the order date, converted at that day's rate (its choice)",
        "S14")
    case .unknownState:
      .acsa(
        "the sources describe an order requested, accepted once both sides sign, provided, received and settled; the states an order passes through and what each allows are acsa's model of that",
        "S10", "S14", "S16")
    case .alreadyDelivered:
      .acsa("acsa lets an order be cancelled only before anything is delivered: a provision made must be settled")
    case .orderCancelled:
      .acsa("acsa allows no delivery on a cancelled order")
    case .overDelivery:
      .acsa(
        "an order signed by both sides is a binding commitment for what it lists; acsa refuses a delivery beyond it, as quantities billed beyond what was ordered and received are a known audit failure",
        "S14", "S16")
    case .noPrice:
      .acsa(
        "acsa values every provision at the provider's own-force price in the scenario's catalog on the delivery date; the U.S. statute prices inventory items at what the supplier's own forces pay and contractor items at no more than the contractor charges them (10 U.S.C. 2344(b)), and the Japanese clause was not available",
        "S12")
    case .nothingToClaim:
      .acsa(
        "a claim is recorded once for each delivery; the claim notice that starts collection is the one the Board of Audit found never sent",
        "S9")
    case .nothingToInvoice:
      .acsa("a cash line is billed once: an invoice with nothing new to bill is refused")
    case .wrongCurrency:
      .acsa(
        "supplies and services may be reimbursed in currency; which currency is the scenario format's choice: the provider's",
        "S9", "S12")
    case .overpayment:
      .acsa("acsa refuses paying more than the order's open cash claims, which it would otherwise have to hold as a credit")
    case .returnMismatch:
      .agreement(
        "replacement in kind returns the same item, or supplies of the same type, equivalent quality and the same quantity; which items are equivalent is the scenario's `equivalent_to`",
        "S9")
    case .overReturn:
      .agreement("replacement in kind returns the same quantity: no more than is owed", "S9")
    case .exchangeWrongCategory:
      .agreement(
        "in Japan's agreements, services (and only services) may be settled by services of the same type and equivalent value; acsa reads \"the same type\" as the same category",
        "S9")
    case .noRate:
      .acsa(
        "every converted amount keeps its rate, date and source (the same aid was reported under different rates); with no rate, acsa converts nothing",
        "S3")
    case .exchangeExceedsObligation:
      .acsa(
        "how equal value is measured is acsa's choice: the receiver's own price that day, converted at that day's rate; an exchange worth more than the obligation left is refused"
      )
    case .nothingToConvert:
      .acsa(
        "no source sets when or at what price what is owed in kind turns into cash; acsa converts only an open in-kind or equal-value obligation, when the scenario asks (a `convert` event, or `deadline_policy: convert`)"
      )
    case .offsetNotAllowed:
      .scenario(
        "agreement.offset",
        "the Board of Audit told the JMSDF to settle overdue provisions by offset or payment; whether a scenario's agreement allows offset is its setting",
        "S9")
    case .offsetExceedsClaims:
      .acsa("an offset nets claims the two parties hold on each other; acsa refuses one larger than either side's claims", "S9")
    case .transferWithoutConsent:
      .acsa(
        "Japan's supply arrangements of 2008 require the providing government's prior written consent to a transfer to a third party; acsa assumes the ACSAs do too (not verified in their texts)"
      )
    case .overTransfer:
      .acsa("only supplies received and not yet passed on can be passed on")
    case .amountOutOfRange:
      .acsa("amounts are integers of each currency's minor unit; one that does not fit in 64 bits is refused rather than wrapped", "S28")
    }
  }

  /// The rule's origin, in one sentence (`origin.text`).
  public var source: String { origin.text }
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
    case .overdue: "Every provision is settled within 12 months of delivery (the agreement's settlement_months or settlement_days)."
    case .settledLate: "A provision settled after its deadline was settled late: the lapse stays on record once paid or returned."
    case .incompleteOrder:
      "A delivered order records the data the agreement's procedures ask for (the scenario's required_order_fields)."
    case .bookMismatch: "The two parties' books record the same events and obligations on every order."
    case .closedWithBalance: "An order is closed only once nothing is owed on it; closing extinguishes no debt."
    case .integrity: "The ledger passes its own checks: balanced entries, unbroken hash chains, balances equal to a replay of its events."
    }
  }

  public var origin: RuleOrigin {
    switch self {
    case .unsignedOrder:
      .acsa("an audit check: the DoD Inspector General found orders with no signatures, so no evidence of a binding commitment", "S14")
    case .noReceipt:
      .acsa("an audit check: the DoD Inspector General found most sampled orders lacked the documents that support them", "S14")
    case .noClaim:
      .acsa(
        "an audit check: the Board of Audit of Japan found the claim notice never sent to the revenue collection officer; the window is the scenario's `payment_days`, not a term of any text",
        "S9")
    case .notInvoiced:
      .acsa(
        "an audit check: the GAO found overdue orders worth over $1 billion with no reimbursement requested; the window is the scenario's `payment_days`, not a term of any text",
        "S15")
    case .latePayment:
      .scenario(
        "agreement.payment_days",
        "a cash bill is due payment_days after it is billed; the 30 days of the scenarios are a practice a training deck reports, not a term of any text acsa holds",
        "S20")
    case .overdue:
      .agreement(
        "settlement within 12 months of delivery (the Procedural Arrangements of Japan's agreements; the U.S. statute for replacement and exchange); the Board of Audit found 110 JMSDF provisions past it; how the 12 months are counted is the scenario's `settlement_months` (calendar months) or `settlement_days`",
        "S9", "S12")
    case .settledLate:
      .agreement(
        "settlement within 12 months of delivery (the Procedural Arrangements of Japan's agreements; the U.S. statute for replacement and exchange); the Board of Audit reported provisions settled long after it; keeping a late settlement on record after it is paid is acsa's reading of an audit, which looks back",
        "S9", "S12")
    case .incompleteOrder:
      .scenario(
        "agreement.required_order_fields",
        "the DoD Inspector General found that no sampled order carried all of its 25 required data elements, and supporting documents missing; which fields a scenario requires is its setting",
        "S14")
    case .bookMismatch:
      .acsa("each party keeps its own book; acsa compares the two, as a reconciliation of the parties' records would")
    case .closedWithBalance:
      .acsa("an audit check: the DoD Inspector General found orders not closed properly, their status unknown", "S14")
    case .integrity:
      .acsa("the ledger's own checks: append-only entries, hash chains and a replay of the events (the README, The ledger)")
    }
  }

  /// Where the practice comes from, in one sentence (`origin.text`).
  public var source: String { origin.text }
}

/// Rules that are not refusals: what the simulator does by itself.
public enum Rulebook {
  /// Every provision is settled within 12 months of delivery.
  public static let deadlineRule = "Every provision is settled within 12 months of delivery."
  public static let deadlineOrigin = RuleOrigin.agreement(
    "settlement within 12 months of the delivery date, under the Procedural Arrangements Japan's Ministry of Defense concluded with each partner; the U.S. statute likewise for replacement and exchange; a scenario counts the 12 months as its `settlement_months` (calendar months, the default from format 1.4) or its `settlement_days` (365 days, the default of format 1.3)",
    "S9", "S12")
  /// What a deadline conversion does (`deadline_policy: convert`).
  public static let conversionRule =
    "With `deadline_policy: convert`, what is still owed in kind or in equal value after the deadline becomes a cash claim on the day after it, at the provider's price on the delivery date."
  public static let conversionOrigin = RuleOrigin.scenario(
    "agreement.deadline_policy",
    "no source sets a day or a price date on which an unsettled return turns into cash (one reading of the texts has the receiver pay in currency when a return fails); the day after the deadline and the delivery-date price are acsa's choice"
  )
  /// The tax exemption (`agreement.tax_exempt`).
  public static let taxExemptionOrigin = RuleOrigin.scenario(
    "agreement.tax_exempt",
    "news reports call the provision tax-free; the Japan-Philippines text is not public, so whether the exemption sits in the agreement, the Reciprocal Access Agreement or domestic law is not known",
    "S1")
}
