import ACSADomain

/// The terms of `acsa glossary`, in teaching order. Each says whose rule it states
/// (`RuleOrigin`): the agreement's, with its sources (S1...S30, listed in
/// docs/sources.md), or a choice of the scenario or of acsa.
/// Every example names a line of a scenario in `scenarios/`; a test checks that the line
/// holds the quoted text.
public enum Glossary {
  static func example(_ file: String, _ line: Int, _ text: String, _ note: String) -> GlossaryExample {
    GlossaryExample(file: "scenarios/" + file, line: line, text: text, note: note)
  }

  public static let groups = ["The agreement", "Orders and provisions", "Settlement", "Books and audit"]

  public static let terms: [GlossaryTerm] = [
    // MARK: The agreement
    GlossaryTerm(
      name: "ACSA", aliases: ["acquisition and cross-servicing agreement", "agreement", "cross-servicing"], group: "The agreement",
      summary: "the treaty under which two forces supply each other, settling later",
      definition: """
        An Acquisition and Cross-Servicing Agreement is a treaty between two countries that lets their armed \
        forces provide each other supplies and services (fuel, food, water, billeting, transport, ammunition...) \
        during agreed activities, and settle each provision afterwards under common rules: in cash, in kind, or \
        by services of equal value. Japan and the Philippines signed theirs in Manila on 15 January 2026; the \
        Philippines is Japan's 11th ACSA partner and the first in ASEAN.
        """,
      inAcsa: """
        The scenario's `agreement:` block: its id, dates (`signed`, `in_force`), covered activity types and \
        categories, `tax_exempt`, `settlement_months` or `settlement_days`, `payment_days`, `billing`, \
        `deadline_policy`, `offset`, and from format 1.4 `claim_days`, `payment_currency`, `category_activities`, \
        `term_years`, `terminated`, `required_order_fields`. Each agreement version is a property of the \
        scenario, not a constant.
        """,
      origin: .agreement(
        "the agreement as signed in Manila on 15 January 2026 and reported (its English text is not public), and the template of Japan's earlier agreements",
        "S1", "S2", "S5", "S8", "S9", "S11"),
      examples: [example("kamandag-2026.yaml", 17, "id: JP-PH-ACSA", "the agreement block every scenario starts with")],
      related: ["entry into force", "covered activities", "covered categories", "order"]),
    GlossaryTerm(
      name: "entry into force",
      aliases: ["in force", "in_force", "not_in_force", "signature of the agreement", "term", "term_years", "terminated", "termination"],
      group: "The agreement",
      summary: "the date from which the agreement applies; earlier orders are refused",
      definition: """
        A treaty binds only once it has entered into force, which can be months after it is signed: Japan's \
        Diet must approve an ACSA first. No order may be made under the agreement before that date.
        """,
      inAcsa: """
        `agreement.in_force`. An order dated before it is refused with `not_in_force` (the second check on an \
        order, after `same_party`). From format 1.4, `term_years` (the published texts give 10 years, renewed \
        automatically) and `terminated` (a date) end the period in which orders may be made: a later order is \
        `not_in_force` too, and its message says which; what was provided before is settled and audited as usual.
        """,
      origin: .agreement(
        "the agreement takes effect after the Japanese Diet approves it; one report says 30 days after a step it does not name; a scenario dates it in `agreement.in_force`; Japan's agreements run for 10 years, renewed automatically (a scenario's `term_years`)",
        "S1", "S5", "S7"),
      examples: [
        example(
          "teaching-refusals.yaml", 137, "id: r-not-in-force",
          "an order of 2026-08-20 under an agreement in force from 2026-09-01: refused not_in_force")
      ],
      related: ["ACSA", "refusal"]),
    GlossaryTerm(
      name: "covered activities", aliases: ["activity", "activities", "activity_not_covered", "outside_activity_period", "determination"],
      group: "The agreement",
      summary: "the activities it applies to: training, PKO, disaster relief...",
      definition: """
        An ACSA applies only during the activities it lists. Japan's template lists training in which both \
        forces take part; UN peacekeeping and internationally coordinated peace and security operations; \
        humanitarian relief and large-scale disaster response; the protection or transport of nationals in an \
        emergency; and liaison and other routine activities such as ship and aircraft visits.
        """,
      inAcsa: """
        `agreement.activities` lists the covered types (training, pko, hadr, evacuation, routine, other); each \
        scenario `activities:` entry has a type and dates. An order for an uncovered type is refused \
        `activity_not_covered`; one dated outside the activity's period `outside_activity_period`. From format \
        1.4 an activity of type `other` needs `determination`, the reference of both governments' decision to \
        cover it (earlier agreements cover other activities only on such a decision).
        """,
      origin: .agreement(
        "Article 1 of Japan's agreements and the summary of this one list the activities; a scenario's `agreement.activities` and its activities' dates are its own",
        "S4", "S8"),
      examples: [
        example("teaching-refusals.yaml", 203, "id: r-activity", "an order for a pko activity under a version that leaves pko out"),
        example("teaching-refusals.yaml", 333, "id: r-outside-period", "an order dated after BILAT-LUZON ended"),
      ],
      related: ["covered categories", "refusal"]),
    GlossaryTerm(
      name: "covered categories", aliases: ["category", "categories", "category_not_covered", "category_activities"],
      group: "The agreement",
      summary: "the 16 categories of supplies and services it may cover",
      definition: """
        Japan's ACSAs cover sixteen categories: food; water; billeting; transportation (airlift included); \
        petroleum, oils and lubricants; clothing; communications; medical services; base support; storage; use \
        of facilities; training services; spare parts and components; repair and maintenance; airport and \
        seaport services; ammunition. Which ones a given agreement covers has changed over time (the 2010 \
        Australia ACSA left out ammunition).
        """,
      inAcsa: """
        Each catalog item has a `category`; `agreement.categories` lists the covered ones. An order for an item \
        of an uncovered category is refused `category_not_covered`. From format 1.4, \
        `agreement.category_activities` (e.g. `{ ammunition: [pko, hadr] }`) covers a category only for orders \
        made for those activity types, as Japan's earlier agreements covered ammunition only in some situations; \
        an order for another type is `category_not_covered` too.
        """,
      origin: .agreement(
        "the 16 categories of Japan's agreements; which a version covers changed over time, so a scenario lists its own in `agreement.categories`",
        "S8", "S11"),
      examples: [example("teaching-refusals.yaml", 221, "id: r-category", "uniforms under a version that leaves clothing out")],
      related: ["weapons exclusion", "covered activities"]),
    GlossaryTerm(
      name: "weapons exclusion", aliases: ["weapons", "excluded_category", "arms"], group: "The agreement",
      summary: "weapons are never provided under an ACSA, whatever it lists",
      definition: """
        Every version of Japan's ACSAs excludes weapons: ammunition, fuel or food may be provided, a rifle may \
        not. (The US statute similarly excludes significant military equipment.)
        """,
      inAcsa: """
        A catalog item may have category `weapons`, but listing `weapons` in `agreement.categories` is a static \
        error, and an order for such an item is refused `excluded_category`.
        """,
      origin: .agreement(
        "weapons are excluded in every version of Japan's agreements and in the reports of this one; the U.S. statute excludes significant military equipment",
        "S3", "S4", "S13"),
      examples: [example("teaching-refusals.yaml", 211, "id: r-excluded", "an order for ten Howa Type 20 rifles: refused")],
      related: ["covered categories", "refusal"]),
    GlossaryTerm(
      name: "tax exemption", aliases: ["tax", "tax-free", "tax_exempt"], group: "The agreement",
      summary: "provisions under the JP-PH ACSA are reported to be tax-free",
      definition: """
        News reports describe the Japan-Philippines ACSA as allowing the tax-free provision of supplies. Whether \
        the exemption sits in the ACSA itself, in the Reciprocal Access Agreement or in domestic law is not \
        known from public sources.
        """,
      inAcsa: """
        `agreement.tax_exempt` (default true), a flag per agreement: prices in the catalog are own-force prices \
        without tax, and the flag is shown in reports.
        """,
      origin: .scenario(
        "agreement.tax_exempt",
        "news reports call the provision tax-free; where the exemption sits (the agreement, the Reciprocal Access Agreement or domestic law) is not known, so it is a scenario's setting",
        "S1"),
      examples: [example("auditor-training.yaml", 68, "tax_exempt: true", "the flag written out")],
      related: ["ACSA", "own-force price"]),

    // MARK: Orders and provisions
    GlossaryTerm(
      name: "order",
      aliases: [
        "request", "order form", "requisition", "signed order", "unsigned_order", "sign", "order data", "required_order_fields",
        "incomplete_order", "place", "documents", "contacts",
      ],
      group: "Orders and provisions",
      summary: "the request form: what a unit asks of the other side, and how it is settled",
      definition: """
        The document by which a unit of one side asks a unit of the other for supplies or services: the items \
        and quantities, the activity, and how it will be settled. Once authorised officials of both sides have \
        signed it, it is a binding commitment; a US audit found orders with no signatures, hence no evidence of one.
        """,
      inAcsa: """
        The `order` event (id, activity, provider and receiver units, settlement, lines, `signed`); `sign` signs \
        an order made with `signed: false`; `cancel` withdraws it before any delivery. Delivering an unsigned \
        order is recorded, and the audit finds `unsigned_order`. From format 1.4 an order may record what real \
        order forms carry: `place`, `requested_date`, `contacts` (each party's point of contact), `documents` \
        (supporting documents) and `signed_by` (see signatory); `agreement.required_order_fields` lists those \
        every delivered order must have, and one without them has the finding `incomplete_order`, which names \
        the missing fields (the scenario's setting: the DoD Inspector General found no sampled order with all \
        25 of its required data elements).
        """,
      origin: .agreement(
        "the forces themselves request, provide and settle; U.S. practice makes an order binding once both sides sign it, and audits found orders with no signatures",
        "S10", "S14", "S16"),
      examples: [
        example("kamandag-2026.yaml", 81, "order: { id: PH-0001", "the Marines' billeting order, signed when made"),
        example("auditor-training.yaml", 274, "signed: false", "an order delivered before anyone signed it (unsigned_order)"),
        example(
          "relief-leap-year-2028.yaml", 34, "required_order_fields: [place, contacts, documents, signed_by]",
          "what every delivered order must record; PH-0001 lacks two fields (incomplete_order)"),
      ],
      related: ["provision", "signatory", "finding"]),
    GlossaryTerm(
      name: "signatory", aliases: ["signatories", "signed_by", "over_authority", "authority", "signing limit"],
      group: "Orders and provisions",
      summary: "an official who may sign orders for a party, up to a limit",
      definition: """
        An order binds once authorised officials of both sides sign it. Who may sign, and for how much, is each \
        side's own delegation of authority; audits of US programmes found orders with no valid signature, so \
        no evidence of a binding commitment.
        """,
      inAcsa: """
        From format 1.4, `parties.<party>.signatories` lists each party's officials (`id`, `name`, an optional \
        `limit` in the party's currency), and an `order` or `sign` names who signed in \
        `signed_by: { JP: id, PH: id }`. A signatory whose limit is below the order's value (its lines at the \
        provider's prices on the order date, converted at that day's rate for the other party's official) is \
        refused `over_authority`, and nothing is recorded. An unknown signatory is a static error.
        """,
      origin: RefusalCode.overAuthority.origin,
      examples: [
        example(
          "relief-leap-year-2028.yaml", 120, "id: airlift-over-limit", "JPY 4,800,000 signed by an officer whose limit is JPY 3,000,000")
      ],
      related: ["order", "refusal"]),
    GlossaryTerm(
      name: "provision", aliases: ["provider", "receiver", "delivery", "deliver", "supply", "service"], group: "Orders and provisions",
      summary: "a delivery of supplies or services: the provider gives, the receiver owes",
      definition: """
        A provision is the delivery of supplies or the performance of services under an order. The provider is \
        the unit (and party) that supplies; the receiver is the unit of the other party that gets them and from \
        then on owes their settlement. Provision, receipt and settlement are carried out by the forces \
        themselves.
        """,
      inAcsa: """
        The `deliver` event (lines, `receipt`, `claim`; without lines, all that is left). Each delivered line \
        creates an obligation of the receiver's party to the provider's, valued at the provider's own price that \
        day. Provider and receiver of the same party: refused `same_party`; more than ordered: `over_delivery`.
        """,
      origin: .agreement(
        "provision, receipt and settlement are carried out by the forces themselves; valuing each line at the provider's price on the delivery date is acsa's choice",
        "S9", "S10"),
      examples: [
        example("kamandag-2026.yaml", 87, "provider: ARDB, receiver: 3MBDE", "the JGSDF brigade provides diesel to the Marines"),
        example("kamandag-2026.yaml", 95, "deliver: { order: JP-0001 }", "the delivery: 8,000 L now owed in kind"),
      ],
      related: ["order", "obligation", "own-force price"]),
    GlossaryTerm(
      name: "own-force price", aliases: ["price", "pricing", "catalog"], group: "Orders and provisions",
      summary: "each side values what it provides at the price its own forces pay",
      definition: """
        What a provision costs the receiver. The US statute has two principles: an item bought from a contractor \
        costs no more than the contractor charges the supplier's own forces, allowing for differences in \
        delivery; an item from inventory, or a service by government personnel, costs what the supplier's own \
        forces pay. (The Japanese clause was not available. Fixing fuel prices for a fiscal year is one US \
        agency's practice, not a rule.)
        """,
      inAcsa: """
        `catalog:` items carry each party's price from a date, in that party's currency. A delivery is valued \
        at the provider's price in force on the delivery date (none: refused `no_price`), quantity x price \
        rounded half away from zero per line.
        """,
      origin: .acsa(
        "the U.S. statute has two principles: an item bought from a contractor costs the receiver no more than the contractor charges the supplier's own forces, allowing for delivery differences, and an item from inventory costs what the supplier's own forces pay; the Japanese clause was not available; acsa values every provision at the provider's own-force price in the scenario's catalog, and fixing prices per fiscal year is one agency's fuel practice, not a rule",
        "S12", "S30"),
      examples: [
        example("kamandag-2026.yaml", 48, "price: \"PHP 1500.00\"", "the Marines' price for a person-night of billeting"),
        example("maritime-mca-2026.yaml", 216, "claim at JP's price on the ORIGINAL delivery date", "a price change between fiscal years"),
      ],
      related: ["provision", "exchange rate", "fiscal year"]),
    GlossaryTerm(
      name: "reimbursable transaction", aliases: ["reimbursement", "reimbursable", "cash order", "settlement: cash"],
      group: "Orders and provisions",
      summary: "a provision to be paid back in money rather than in kind",
      definition: """
        A provision the receiver will reimburse in currency: the provider bills it and the receiver pays. It is \
        one of the three ways to settle (beside replacement in kind and an exchange of equal value), open to \
        supplies and services alike.
        """,
      inAcsa: """
        An order with `settlement: cash`. Each delivered line is a cash obligation in the provider's currency, \
        billed on delivery (`billing: auto`) or by an `invoice` event, due `payment_days` later, settled by \
        `pay` or `offset`.
        """,
      origin: .agreement("supplies and services may be reimbursed in currency", "S9", "S12"),
      examples: [example("kamandag-2026.yaml", 82, "settlement: cash", "billeting for 60 personnel, to be paid in pesos")],
      related: ["settlement in cash", "invoice", "replacement in kind", "equal value exchange"]),
    GlossaryTerm(
      name: "signed receipt", aliases: ["receipt", "proof of delivery", "no_receipt"], group: "Orders and provisions",
      summary: "the receiver's signature for a delivery: the evidence for the bill",
      definition: """
        The receiver signs for what it received (one NATO form serves as request, receipt and invoice). Without \
        it there is no evidence for the bill: audits of US programmes found deliveries with no supporting \
        documents.
        """,
      inAcsa: """
        `deliver` with `receipt: false` records the delivery without a receipt (a lapse, not a refusal); the \
        audit finds `no_receipt`.
        """,
      origin: .acsa(
        "an audit check: the DoD Inspector General found deliveries with no supporting documents; a NATO form serves as request, receipt and invoice",
        "S14", "S21"),
      examples: [
        example("typhoon-relief-2026.yaml", 98, "receipt: false", "water handed out on the apron at Roxas with no signature")
      ],
      related: ["provision", "finding"]),
    GlossaryTerm(
      name: "claim notice", aliases: ["claim", "claim recording", "claim-creation notice", "no_claim", "receivable"],
      group: "Orders and provisions",
      summary: "the provider's record that it is owed; without it nothing is billed",
      definition: """
        After a delivery the provider must record its claim: in Japan, a claim-creation notice (債権発生通知書) \
        to the revenue collection officer. Japan's Board of Audit found JMSDF provisions unsettled for over 12 \
        months, for two reasons: settlement procedures that could not go forward, and claim notices never sent.
        """,
      inAcsa: """
        `deliver` with `claim: false` delivers without recording the claim: the debt exists, but is never billed \
        until a `claim` event records it. The audit finds `no_claim` when the claim is recorded more than \
        `payment_days` after delivery, or not at all.
        """,
      origin: .agreement(
        "the Board of Audit of Japan found two causes of the unsettled provisions: settlement procedures that could not go forward, and claim notices not sent to the revenue collecting officer; when a claim counts as late is the scenario's `payment_days`",
        "S9"),
      examples: [
        example("auditor-training.yaml", 318, "deliver: { order: JP-0002, claim: false }", "Kunisaki's supply officer records no claim"),
        example("auditor-training.yaml", 438, "claim: { order: JP-0002 }", "recorded 66 days later: no_claim stays on the record"),
      ],
      related: ["invoice", "finding"]),
    GlossaryTerm(
      name: "invoice", aliases: ["bill", "billing", "invoicing", "not_invoiced", "late_payment", "due date"],
      group: "Orders and provisions",
      summary: "the provider's bill for cash lines; payment is due payment_days later",
      definition: """
        The provider bills the receiver for what it delivered for cash; payment is due within a set period (a \
        training deck reports 30 days as US practice; no text acsa holds sets one). GAO found thousands of US \
        orders overdue for which no reimbursement had even been requested.
        """,
      inAcsa: """
        `agreement.billing`: `auto` bills a cash delivery on its delivery date, `manual` waits for an `invoice` \
        event. Payment is due `payment_days` after billing. The audit finds `not_invoiced` (unbilled more than \
        `payment_days` after delivery) and `late_payment` (not fully paid by the end of the due date).
        """,
      origin: .scenario(
        "agreement.payment_days",
        "the provider bills and the receiver pays; the 30 days of the scenarios are a practice a training deck reports, not a term of any text acsa holds; the GAO found overdue orders with no reimbursement requested",
        "S15", "S20"),
      examples: [
        example("auditor-training.yaml", 71, "billing: manual", "an agreement that bills only on invoice events"),
        example("auditor-training.yaml", 302, "invoice: { order: PH-0002 }", "the first ration bill, invoiced the day of delivery"),
      ],
      related: ["claim notice", "settlement in cash", "reimbursable transaction"]),

    // MARK: Settlement
    GlossaryTerm(
      name: "obligation", aliases: ["debt", "outstanding", "balance", "owed"], group: "Settlement",
      summary: "what a receiver owes for one delivered line: cash, in kind, equal value",
      definition: """
        Each delivered line leaves the receiver owing the provider until it is settled: an amount of money, a \
        quantity of the same item to give back, or services of equal value. It has a deadline 12 months after \
        delivery.
        """,
      inAcsa: """
        One obligation per delivered line, in each book that records the delivery: `cash` (minor units of the \
        provider's currency), `in_kind` (a quantity of the item) or `equal_value` (minor units). `expect: \
        outstanding` checks them; `acsa balance` sums them; `acsa export --format csv` lists them.
        """,
      origin: .agreement(
        "what is provided must be settled, in cash, in kind or by equal value, within 12 months of delivery; one obligation per delivered line is acsa's model",
        "S9"),
      examples: [
        example(
          "kamandag-2026.yaml", 105, "cash: \"PHP 2142000.00\"", "what Japan owes in cash once rations and billets are delivered")
      ],
      related: ["provision", "settlement in cash", "replacement in kind", "equal value exchange", "12-month deadline"]),
    GlossaryTerm(
      name: "settlement in cash", aliases: ["payment", "pay", "cash", "overpayment", "wrong_currency", "payment_currency"],
      group: "Settlement",
      summary: "paying a cash obligation in the provider's currency",
      definition: """
        The receiver pays what it owes in money (in the provider's currency, in acsa), by the due date the \
        scenario sets. The US statute also requires accrued credits and liabilities to be liquidated by direct \
        payment at least once every 12 months.
        """,
      inAcsa: """
        `pay` (order, amount) settles the order's open cash claims, billed or not, oldest delivery first. \
        Another currency is refused `wrong_currency`; more than is owed, `overpayment`. From format 1.4, \
        `agreement.payment_currency: either` also accepts the receiver's currency: the amount is converted at the \
        rate in force that day, rounded half to even, and applied in the provider's currency; the ledger keeps \
        the amount paid, the amount applied and the rate (no rate: `no_rate`).
        """,
      origin: .agreement(
        "supplies and services may be reimbursed in currency; the U.S. statute has accrued credits and liabilities liquidated at least every 12 months; which currency is paid is acsa's choice: the provider's",
        "S9", "S12"),
      examples: [
        example(
          "kamandag-2026.yaml", 113, "pay: { order: PH-0001, amount: \"PHP 1260000.00\" }", "Japan pays the billets before the due date"),
        example("typhoon-relief-2026.yaml", 128, "pay: { order: PH-0001, amount: \"PHP 2500000.00\" }", "a first instalment"),
        example(
          "relief-leap-year-2028.yaml", 137, "pay: { order: JP-0004, amount: \"PHP 1824000.00\" }",
          "a yen bill paid in pesos (payment_currency: either)"),
      ],
      related: ["reimbursable transaction", "invoice", "offset"]),
    GlossaryTerm(
      name: "replacement in kind", aliases: ["RIK", "return", "replacement", "in kind", "in_kind", "equivalent_to"],
      group: "Settlement",
      summary: "settling a supply by giving back the same item, or an equivalent one",
      definition: """
        A supply is settled by returning the same item, or supplies of the same type, equivalent quality and the \
        same quantity. For New Zealand this is the principle, with money used when a return is difficult. Only \
        supplies can be replaced in kind.
        """,
      inAcsa: """
        An order with `settlement: replacement`; the `return` event names items and quantities, oldest delivery \
        first. A catalog item with `equivalent_to` may stand in for the item it names. The wrong item is refused \
        `return_mismatch`, more than is owed `over_return`.
        """,
      origin: .agreement(
        "a supply is settled by return of the same item, or of the same type, equivalent quality and the same quantity; New Zealand's summary makes it the principle, with currency when a return is difficult; which items are equivalent is the scenario's `equivalent_to`",
        "S9", "S7", "S12"),
      examples: [
        example(
          "kamandag-2026.yaml", 123, "return: { order: JP-0001, lines: [ { item: DIESEL, qty: 8000 } ] }", "all the diesel comes back"),
        example("maritime-mca-2026.yaml", 206, "item: F-76-ALT", "marine diesel of the same grade accepted for F-76"),
      ],
      related: ["deadline conversion", "equal value exchange"]),
    GlossaryTerm(
      name: "equal value exchange", aliases: ["EVE", "exchange", "equal value", "equal_value", "exchange of equal value"],
      group: "Settlement",
      summary: "repaying a service with services of the same type and equal value",
      definition: """
        In Japan's agreements a service is settled by providing services of the same type and equivalent value in \
        return: medical care for medical care, port services for port services (the US statute allows an \
        equal-value exchange of supplies too). The two sides' prices and currencies differ, so measuring equal \
        value needs a price list and an exchange rate.
        """,
      inAcsa: """
        An order with `settlement: equal_value` (services only). The `exchange` event values each line at the \
        receiver's own price that day, converts it at the day's rate (rounded per line), and takes the sum off \
        the obligations of that category. Refusals: `exchange_wrong_category`, `no_price`, `no_rate`, \
        `exchange_exceeds_obligation`.
        """,
      origin: .agreement(
        "in Japan's agreements, services are settled by services of the same type and equivalent value, and only services (the U.S. statute allows an equal-value exchange of supplies or services); how equal value is measured (the receiver's price, converted at the day's rate) is acsa's choice",
        "S9", "S12"),
      examples: [
        example(
          "typhoon-relief-2026.yaml", 140, "exchange: { order: JP-0002, lines: [ { item: MED-TEAM, qty: 2.5 } ] }",
          "Philippine medical teams repay Japanese ones, valued in PHP and converted to JPY")
      ],
      related: ["exchange rate", "replacement in kind", "deadline conversion"]),
    GlossaryTerm(
      name: "exchange rate", aliases: ["rate", "fx", "conversion rate", "no_rate"], group: "Settlement",
      summary: "the rate, date and source behind every yen-peso conversion",
      definition: """
        Amounts move between two currencies (JPY has no minor digits, PHP has two). The same amount appears under \
        different figures depending on the rate used, so every converted amount must carry its rate, date and \
        source.
        """,
      inAcsa: """
        `rates:` (base, quote, rate as a quoted string, source). The latest rate on or before a date applies; \
        base to quote multiplies, quote to base divides, rounded once. Used by exchanges, offsets and the \
        audit's valuations; none on record: `no_rate`.
        """,
      origin: .acsa(
        "the same aid was reported under different rates, so acsa keeps every converted amount with its rate, date and source, and converts at the latest rate on or before the day",
        "S3", "S28"),
      examples: [
        example("kamandag-2026.yaml", 76, "rate: \"0.3871\"", "1 JPY = 0.3871 PHP from 2026-09-01, with its source"),
        example("teaching-refusals.yaml", 171, "id: r-no-rate", "an exchange before any rate is on record"),
      ],
      related: ["equal value exchange", "offset"]),
    GlossaryTerm(
      name: "offset", aliases: ["netting", "set-off", "相殺", "offset_not_allowed", "offset_exceeds_claims"], group: "Settlement",
      summary: "netting the cash claims the two sides hold on each other",
      definition: """
        When each side owes the other money, the claims can be netted so that only the difference changes hands. \
        Japan's Board of Audit told the JMSDF to clear its overdue provisions by offset or by payment. The US \
        statute allows offsetting US credits left unpaid more than 18 months after delivery, at the Secretary of \
        Defense's option with the Secretary of State's concurrence: a scenario's `offset` is a simpler setting.
        """,
      inAcsa: """
        The `offset` event (an amount in either party's currency) takes the amount off each side's open cash \
        claims, oldest delivery first, converting once at the day's rate. `agreement.offset: false` refuses it \
        (`offset_not_allowed`); more than either side holds: `offset_exceeds_claims`.
        """,
      origin: .scenario(
        "agreement.offset",
        "the Board of Audit told the JMSDF to settle overdue provisions by offset or by payment; the U.S. statute (10 U.S.C. 2345(c)) allows offset of U.S. credits unliquidated more than 18 months after delivery, at the Secretary of Defense's option with the Secretary of State's concurrence; the scenario's `offset` is not that rule: it allows netting cash claims at any time, when set",
        "S9", "S12"),
      examples: [
        example(
          "maritime-mca-2026.yaml", 158, "offset: { amount: \"PHP 445200.00\" }", "the Subic provisions bill netted against the oil bill"),
        example("teaching-no-offset.yaml", 85, "id: r-offset", "an agreement version without offsets"),
      ],
      related: ["settlement in cash", "exchange rate"]),
    GlossaryTerm(
      name: "12-month deadline",
      aliases: [
        "deadline", "settlement deadline", "settlement_days", "settlement_months", "calendar months", "overdue", "settled_late",
        "twelve months",
      ],
      group: "Settlement",
      summary: "every provision must be settled within 12 months of its delivery",
      definition: """
        Japan's procedural arrangements require settlement to be completed within 12 months of the delivery date \
        (the US statute has the same rule for replacement in kind and exchanges). In June 2023 the JMSDF had 110 \
        provisions, JPY 135.07 million, unsettled more than 12 months after delivery.
        """,
      inAcsa: """
        `agreement.settlement_months` (12 by default from format 1.4): each obligation's deadline is its delivery \
        date plus that many calendar months, on the same day of the month or the month's last day (delivered \
        2028-02-29, due back by 2029-02-28). A file of format 1.3 counts `settlement_days` instead (365 by \
        default: across a 29 February the deadline falls a day early). The audit finds `overdue` on any later \
        date while anything is still owed, and, from 1.4, `settled_late` once it is settled after the deadline \
        (which stays); it ages open obligations (0-6, 6-12, 12-18, 18+ months).
        """,
      origin: .agreement(
        "settlement within 12 months of the delivery date, under the Procedural Arrangements of Japan's agreements (the U.S. statute likewise for replacement and exchange); a scenario counts the 12 months as calendar months (`settlement_months`, format 1.4) or as days (`settlement_days`, format 1.3); keeping `settled_late` after payment is acsa's reading of an audit",
        "S9", "S12", "S15"),
      examples: [
        example("auditor-training.yaml", 477, "Lapse (overdue", "3,000 L of diesel never returned: overdue from 2028-01-22"),
        example("kamandag-2026.yaml", 20, "settlement_months: 12", "the deadline, in calendar months"),
        example(
          "relief-leap-year-2028.yaml", 163, "return: { order: JP-0001, lines: [ { item: DIESEL, qty: 10000 } ] }",
          "diesel lent on 2027-03-15, back on 2028-03-15: the last lawful day"),
      ],
      related: ["deadline conversion", "finding", "obligation"]),
    GlossaryTerm(
      name: "deadline conversion", aliases: ["conversion", "convert", "deadline_policy", "nothing_to_convert"], group: "Settlement",
      summary: "what is still owed in kind or equal value becomes a cash claim",
      definition: """
        When a return in kind or an exchange of services does not happen, the receiver may pay in money instead. \
        No source says when, or at what price, nor forbids a late return: acsa turns the remainder into a cash \
        claim valued at the provider's price on the original delivery date only when the scenario asks. It keeps \
        the original deadline, so once the deadline has passed it is overdue from birth.
        """,
      inAcsa: """
        The `convert` event converts an order's remainder at any time; with `deadline_policy: convert` (the \
        default of format 1.3) it happens by itself on the day after the deadline. With `flag` (the default \
        from 1.4) the remainder stays owed in kind, a late return is accepted, and the audit reports it. \
        Nothing left: `nothing_to_convert`.
        """,
      origin: .scenario(
        "agreement.deadline_policy",
        "no source sets a day or a price date on which an unsettled return or exchange turns into cash; converting on the day after the deadline at the delivery-date price is acsa's choice, and a scenario chooses `convert` or `flag`"
      ),
      examples: [
        example("kamandag-2026.yaml", 132, "cash: \"JPY 240000\"", "2,000 rounds never returned become JPY 240,000 on 2027-10-11"),
        example("typhoon-relief-2026.yaml", 185, "convert: { order: JP-0002 }", "a medical remainder converted before its deadline"),
      ],
      related: ["12-month deadline", "replacement in kind", "equal value exchange"]),
    GlossaryTerm(
      name: "closing an order", aliases: ["close", "closed", "closed_with_balance"], group: "Settlement",
      summary: "marking an order finished; closing extinguishes no debt",
      definition: """
        An order is closed once it is settled. Audits found orders closed improperly, or with a status nobody \
        could explain; closing an order on which something is still owed hides the debt without paying it.
        """,
      inAcsa: """
        The `close` event. Debts stay, deadlines still run and settlements are still allowed; closing with \
        something owed is recorded and the audit finds `closed_with_balance`.
        """,
      origin: .acsa(
        "an audit check: the DoD Inspector General found orders not closed properly, their status unknown; that closing extinguishes no debt is acsa's choice",
        "S14"),
      examples: [example("auditor-training.yaml", 442, "close: { order: JP-0005 }", "closed while 1,000 L of water were still owed")],
      related: ["finding", "obligation"]),
    GlossaryTerm(
      name: "transfer to a third party", aliases: ["transfer", "third party", "consent", "transfer_without_consent", "over_transfer"],
      group: "Settlement",
      summary: "passing supplies on to another country needs prior consent",
      definition: """
        The receiver may not pass what it received to a third party (another country's forces) without the \
        providing government's prior written consent. Japan's 2008 supply exchanges of notes require it, and it \
        is assumed to hold for the ACSAs too.
        """,
      inAcsa: """
        The `transfer` event (order, lines, `to`, `consent`). Without `consent` it is refused \
        `transfer_without_consent`; beyond what was delivered and not yet transferred, `over_transfer`. \
        Balances do not change: the receiver still owes the provider.
        """,
      origin: .acsa(
        "Japan's supply arrangements of 2008 require the providing government's prior written consent to a transfer to a third party; acsa assumes the ACSAs do too, which their texts available here do not show"
      ),
      examples: [
        example("teaching-refusals.yaml", 420, "id: r-transfer-no-consent", "diesel passed to US Marines without consent: refused"),
        example("teaching-refusals.yaml", 428, "consent: \"JMOD-2026-117\"", "the same transfer with Japan's consent"),
      ],
      related: ["replacement in kind"]),

    // MARK: Books and audit
    GlossaryTerm(
      name: "fiscal year", aliases: ["FY", "fiscal years", "fiscal_year_start", "budget year"], group: "Books and audit",
      summary: "Japan's runs April to March, the Philippines' is the calendar year",
      definition: """
        Japan's government fiscal year runs from 1 April to 31 March and is named by the year it starts in \
        (FY2026 = April 2026 to March 2027); the Philippines' has been the calendar year since 1977. One \
        delivery therefore falls in different fiscal years on each side: 15 February 2027 is JP FY2026 and PH \
        FY2027.
        """,
      inAcsa: """
        `parties.<id>.fiscal_year_start` (04-01 for JP, 01-01 for PH). `acsa audit` reports what each party \
        provided, received and settled per fiscal year, from its own book.
        """,
      origin: .agreement(
        "the Philippine fiscal year is the calendar year by presidential decree; Japan's runs from April to March (general knowledge, not checked against a source here)",
        "S27"),
      examples: [example("kamandag-2026.yaml", 30, "fiscal_year_start: 04-01", "Japan's fiscal year starts on 1 April")],
      related: ["own-force price"]),
    GlossaryTerm(
      name: "refusal", aliases: ["refused", "refusal code", "violation", "code"], group: "Books and audit",
      summary: "an event that breaks the agreement: not recorded, only logged with a code",
      definition: """
        Some things the agreement forbids outright: an order before entry into force, for a weapon, for an \
        uncovered activity; paying more than is owed; returning the wrong fuel. Such an event is refused: it \
        changes neither book, and the log keeps it with a stable code.
        """,
      inAcsa: """
        Every event is checked in a fixed order; the first rule that fails gives the code (`not_in_force`, \
        `excluded_category`, `overpayment`...). `acsa run` lists refusals; `expect: { refused: ID, code: CODE }` \
        checks one; the `refusals` view in the ledger holds them.
        """,
      origin: .acsa(
        "which breaches are refused and which lapses are recorded for the audit is acsa's choice: what the agreement forbids is refused, a lapse of practice recorded"
      ),
      examples: [
        example(
          "teaching-refusals.yaml", 141, "expect: { refused: r-not-in-force, code: not_in_force }", "a refusal checked by an expectation")
      ],
      related: ["finding", "weapons exclusion", "entry into force"]),
    GlossaryTerm(
      name: "finding", aliases: ["audit finding", "findings", "lapse", "audit"], group: "Books and audit",
      summary: "a procedural lapse, recorded as it happened, reported by the audit",
      definition: """
        What the agreement allows but good practice forbids: an unsigned order, a missing receipt, a claim never \
        recorded, a bill never sent or paid late, a debt past its deadline, books that disagree, an order closed \
        with a balance. These are the failures real audits of ACSA programmes keep finding.
        """,
      inAcsa: """
        Lapses are recorded, never refused; `acsa audit` reports findings (`unsigned_order`, `no_receipt`, \
        `no_claim`, `not_invoiced`, `late_payment`, `overdue`, `book_mismatch`, `closed_with_balance`, \
        `integrity`) with what is at stake, as of any date; `expect: findings` counts them.
        """,
      origin: .acsa(
        "audit checks after what audits of real programmes found: the Board of Audit of Japan, the DoD Inspector General, the GAO", "S9",
        "S14", "S15", "S16"),
      examples: [
        example("auditor-training.yaml", 537, "expect: { findings: { unsigned_order: 1", "every finding but integrity, counted at the end")
      ],
      related: ["refusal", "reconciliation", "12-month deadline"]),
    GlossaryTerm(
      name: "reconciliation", aliases: ["reconcile", "book mismatch", "book_mismatch", "two books", "lost record", "books"],
      group: "Books and audit",
      summary: "comparing the two sides' books to find where they disagree",
      definition: """
        Each side keeps its own records of the same orders. Reconciling them finds a delivery, return or payment \
        one side recorded and the other did not; without it, the disagreement surfaces only as an unexplained \
        debt.
        """,
      inAcsa: """
        Every ledger keeps both books. An event with `books: [JP]` is recorded in JP's book only (a lost \
        record). `acsa reconcile` compares the books order by order (or two exported books), and the audit \
        finds `book_mismatch`.
        """,
      origin: .acsa("each party keeps its own book; comparing the two is acsa's check, after the GAO's finding of poor data", "S15"),
      examples: [
        example("auditor-training.yaml", 462, "books: [JP]", "a return of Jet A-1 posted in JP's book only")
      ],
      related: ["finding", "ledger digest"]),
    GlossaryTerm(
      name: "ledger digest", aliases: ["ledger_digest", "hash chain", "chain", "digest", "head hash", "verify"], group: "Books and audit",
      summary: "one hash over the whole ledger: the same scenario gives the same one",
      definition: """
        Ledger entries are append-only. Each record's hash covers the record and the hash before it, so changing, \
        removing or reordering any record breaks the chain; the digest combines the heads of the event log and of \
        both books. The two sides can exchange head hashes to prove later that a book was not rewritten.
        """,
      inAcsa: """
        `acsa run` prints the `ledger_digest` last; the same file and seed give the same digest on any machine. \
        `acsa verify` recomputes every chain, replays every event and checks heads given with `--head`.
        """,
      origin: .acsa("the hash chains and the digest are acsa's own design (the README, The ledger)"),
      examples: [
        example("programme-2027.yaml", 17, "seed: 2027", "the seed of the generators: the same seed gives the same ledger_digest")
      ],
      related: ["reconciliation", "finding"]),
  ]
}
