import ACSADomain
import Testing

/// Each case: events in which the one with id `x` must be refused with `code`.
struct RefusalCase: CustomTestStringConvertible, Sendable {
  let code: String
  let events: String
  var agreement = ""
  var testDescription: String { code + ": " + (events.split(separator: "\n").last.map(String.init) ?? "") }
}

let cashMeal =
  "- { date: 2026-10-05, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 10 } ] } }"
let fuelKind =
  "- { date: 2026-10-05, order: { id: F1, activity: EX, provider: JPU, receiver: PHU, settlement: replacement, lines: [ { item: FUEL, qty: 1000 } ] } }"
let airEV =
  "- { date: 2026-10-05, order: { id: A1, activity: EX, provider: PHU, receiver: JPU, settlement: equal_value, lines: [ { item: AIRLIFT, qty: 2 } ] } }"

let refusalCases: [RefusalCase] = [
  // Format 1.4's additions (usable in a 1.3 file too): the agreement's term and its
  // termination, coverage by activity, a signatory's limit.
  .init(
    code: "not_in_force",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }",
    agreement: "terminated: 2026-10-05"),
  .init(
    code: "not_in_force",
    events:
      "- { date: 2027-10-01, id: x, order: { id: O1, activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }",
    agreement: "term_years: 1"),
  .init(
    code: "category_not_covered",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }",
    agreement: "category_activities: { fuel: [hadr] }"),
  // JPY 100,000 of fuel, above JP-LOG's JPY 50,000.
  .init(
    code: "over_authority",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1000 } ], signed_by: { JP: JP-LOG } } }"
  ),
  // settlement_not_allowed is checked before over_authority.
  .init(
    code: "settlement_not_allowed",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: equal_value, lines: [ { item: FUEL, qty: 1000 } ], signed_by: { JP: JP-LOG } } }"
  ),
  .init(
    code: "over_authority",
    events: """
      - { date: 2026-10-05, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 501 } ], signed: false } }
      - { date: 2026-10-06, id: x, sign: { order: O1, signed_by: { JP: JP-LOG } } }
      """),
  .init(
    code: "same_party",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: JPU2, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }"
  ),
  // same_party is checked before not_in_force.
  .init(
    code: "same_party",
    events:
      "- { date: 2026-09-15, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: JPU2, settlement: cash, lines: [ { item: RIFLE, qty: 1 } ] } }"
  ),
  .init(
    code: "not_in_force",
    events:
      "- { date: 2026-09-30, id: x, order: { id: O1, activity: RELIEF, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }"
  ),
  .init(
    code: "activity_not_covered",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: OTHER, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: RIFLE, qty: 1 } ] } }"
  ),
  .init(
    code: "outside_activity_period",
    events:
      "- { date: 2026-11-01, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: FUEL, qty: 1 } ] } }"
  ),
  // excluded_category before category_not_covered, whatever the line order.
  .init(
    code: "excluded_category",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: SHIRT, qty: 1 }, { item: RIFLE, qty: 1 } ] } }"
  ),
  .init(
    code: "category_not_covered",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: SHIRT, qty: 1 } ] } }"
  ),
  .init(
    code: "settlement_not_allowed",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: PHU, receiver: JPU, settlement: replacement, lines: [ { item: FUEL, qty: 1 }, { item: BILLET, qty: 1 } ] } }"
  ),
  .init(
    code: "settlement_not_allowed",
    events:
      "- { date: 2026-10-05, id: x, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: equal_value, lines: [ { item: FUEL, qty: 1 } ] } }"
  ),
  .init(code: "unknown_state", events: cashMeal + "\n- { date: 2026-10-06, id: x, sign: { order: O1 } }"),
  .init(code: "unknown_state", events: "- { date: 2026-10-04, id: x, deliver: { order: O1 } }\n" + cashMeal),
  .init(code: "unknown_state", events: "- { date: 2026-10-05, id: x, deliver: { order: O1 } }\n" + cashMeal),
  .init(
    code: "unknown_state",
    events:
      "- { date: 2026-10-05, order: { id: O1, activity: OTHER, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: MEAL, qty: 1 } ] } }\n- { date: 2026-10-06, id: x, pay: { order: O1, amount: \"PHP 1.00\" } }"
  ),
  .init(
    code: "unknown_state",
    events: cashMeal + "\n- { date: 2026-10-06, close: { order: O1 } }\n- { date: 2026-10-07, id: x, deliver: { order: O1 } }"),
  .init(
    code: "unknown_state",
    events: cashMeal + "\n- { date: 2026-10-06, cancel: { order: O1 } }\n- { date: 2026-10-07, id: x, close: { order: O1 } }"),
  .init(
    code: "already_delivered",
    events: cashMeal
      + "\n- { date: 2026-10-06, deliver: { order: O1, lines: [ { item: MEAL, qty: 1 } ] } }\n- { date: 2026-10-07, id: x, cancel: { order: O1 } }"
  ),
  .init(
    code: "order_cancelled",
    events: cashMeal + "\n- { date: 2026-10-06, cancel: { order: O1 } }\n- { date: 2026-10-07, id: x, deliver: { order: O1 } }"),
  .init(
    code: "over_delivery",
    events: cashMeal + "\n- { date: 2026-10-06, id: x, deliver: { order: O1, lines: [ { item: MEAL, qty: 6 }, { item: MEAL, qty: 5 } ] } }"),
  .init(
    code: "over_delivery",
    events: cashMeal + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, deliver: { order: O1 } }"),
  .init(
    code: "over_delivery", events: cashMeal + "\n- { date: 2026-10-06, id: x, deliver: { order: O1, lines: [ { item: FUEL, qty: 1 } ] } }"),
  .init(
    code: "no_price",
    events:
      "- { date: 2026-10-05, order: { id: P1, activity: EX, provider: PHU, receiver: JPU, settlement: cash, lines: [ { item: PORT, qty: 2 } ] } }\n- { date: 2026-10-09, id: x, deliver: { order: P1 } }"
  ),
  .init(
    code: "nothing_to_claim",
    events: cashMeal + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, claim: { order: O1 } }"),
  .init(
    code: "nothing_to_invoice",
    events: cashMeal + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, invoice: { order: O1 } }"),
  .init(
    code: "wrong_currency",
    events: cashMeal
      + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, pay: { order: O1, amount: \"JPY 100\" } }"),
  .init(
    code: "overpayment",
    events: cashMeal
      + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, pay: { order: O1, amount: \"PHP 3500.01\" } }"),
  .init(
    code: "return_mismatch",
    events: cashMeal
      + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, return: { order: O1, lines: [ { item: MEAL, qty: 1 } ] } }"
  ),
  .init(
    code: "return_mismatch",
    events: fuelKind
      + "\n- { date: 2026-10-06, deliver: { order: F1 } }\n- { date: 2026-10-07, id: x, return: { order: F1, lines: [ { item: MEAL, qty: 1 } ] } }"
  ),
  .init(
    code: "over_return",
    events: fuelKind
      + "\n- { date: 2026-10-06, deliver: { order: F1, lines: [ { item: FUEL, qty: 400 } ] } }\n- { date: 2026-10-07, id: x, return: { order: F1, lines: [ { item: FUEL-ALT, qty: 300 }, { item: FUEL, qty: 101 } ] } }"
  ),
  .init(
    code: "exchange_wrong_category",
    events: airEV
      + "\n- { date: 2026-10-06, deliver: { order: A1 } }\n- { date: 2026-10-11, id: x, exchange: { order: A1, lines: [ { item: BILLET, qty: 1 } ] } }"
  ),
  .init(
    code: "exchange_wrong_category",
    events: cashMeal.replacingOccurrences(of: "MEAL, qty: 10", with: "AIRLIFT, qty: 1")
      + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-11, id: x, exchange: { order: O1, lines: [ { item: AIRLIFT, qty: 1 } ] } }"
  ),
  .init(
    code: "no_price",
    events: airEV
      + "\n- { date: 2026-10-06, deliver: { order: A1 } }\n- { date: 2026-10-11, id: x, exchange: { order: A1, lines: [ { item: SEALIFT, qty: 1 } ] } }"
  ),
  .init(
    code: "no_rate",
    events: airEV
      + "\n- { date: 2026-10-06, deliver: { order: A1 } }\n- { date: 2026-10-09, id: x, exchange: { order: A1, lines: [ { item: AIRLIFT, qty: 1 } ] } }"
  ),
  // no_price is checked on every line before no_rate on any: the first line has a price
  // but no rate yet (before 10 Oct), the second has no price at all.
  .init(
    code: "no_price",
    events: airEV
      + "\n- { date: 2026-10-06, deliver: { order: A1 } }\n- { date: 2026-10-09, id: x, exchange: { order: A1, lines: [ { item: AIRLIFT, qty: 1 }, { item: SEALIFT, qty: 1 } ] } }"
  ),
  // 2 h x PHP 520,000.00 = PHP 1,040,000.00 owed; 2 h x JPY 1,500,000 x 0.4 = PHP 1,200,000.00.
  .init(
    code: "exchange_exceeds_obligation",
    events: airEV
      + "\n- { date: 2026-10-06, deliver: { order: A1 } }\n- { date: 2026-10-11, id: x, exchange: { order: A1, lines: [ { item: AIRLIFT, qty: 2 } ] } }"
  ),
  .init(
    code: "nothing_to_convert",
    events: fuelKind
      + "\n- { date: 2026-10-06, deliver: { order: F1 } }\n- { date: 2026-10-07, return: { order: F1, lines: [ { item: FUEL, qty: 1000 } ] } }\n- { date: 2026-10-08, id: x, convert: { order: F1 } }"
  ),
  .init(code: "offset_not_allowed", events: "- { date: 2026-10-11, id: x, offset: { amount: \"JPY 1\" } }", agreement: "offset: false"),
  .init(
    code: "no_rate",
    events: cashMeal + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-07, id: x, offset: { amount: \"PHP 1.00\" } }"),
  .init(
    code: "offset_exceeds_claims",
    events: cashMeal + "\n- { date: 2026-10-06, deliver: { order: O1 } }\n- { date: 2026-10-11, id: x, offset: { amount: \"PHP 1.00\" } }"),
  .init(
    code: "transfer_without_consent",
    events: fuelKind
      + "\n- { date: 2026-10-06, deliver: { order: F1 } }\n- { date: 2026-10-07, id: x, transfer: { order: F1, lines: [ { item: FUEL, qty: 10 } ], to: Third Navy } }"
  ),
  .init(
    code: "over_transfer",
    events: fuelKind
      + "\n- { date: 2026-10-06, deliver: { order: F1, lines: [ { item: FUEL, qty: 100 } ] } }\n- { date: 2026-10-07, transfer: { order: F1, lines: [ { item: FUEL, qty: 60 } ], to: Third Navy, consent: JP-2026-17 } }\n- { date: 2026-10-08, id: x, transfer: { order: F1, lines: [ { item: FUEL, qty: 41 } ], to: Third Navy, consent: JP-2026-17 } }"
  ),
  .init(
    code: "amount_out_of_range",
    events:
      "- { date: 2026-10-05, order: { id: S1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: SHELL, qty: 2 } ] } }\n- { date: 2026-10-06, id: x, deliver: { order: S1 } }"
  ),
]

@Suite("Refusals: each code, in the order the spec checks them")
struct RefusalTests {
  @Test(arguments: refusalCases)
  func refused(_ c: RefusalCase) throws {
    let (result, sink) = try World.run(agreement: c.agreement, c.events)
    #expect(World.code(sink, "x") == c.code)
    // A refusal changes nothing: no journal entry refers to it.
    let seq = sink.events.first { $0.eventID == "x" }?.seq
    #expect(!sink.entries.contains { $0.eventSeq == seq })
    #expect(result.refusals.contains { $0.eventID == "x" })
  }

  @Test("every refusal code in the spec is exercised above")
  func coverage() {
    let covered = Set(refusalCases.map(\.code))
    let all = Set(RefusalCode.allCases.map(\.rawValue))
    #expect(all.subtracting(covered).isEmpty, "untested: \(all.subtracting(covered).sorted())")
  }

  @Test("a refused order makes every later action on it unknown_state, in both books")
  func refusedOrder() throws {
    let (result, sink) = try World.run(
      """
      - { date: 2026-10-05, id: o, order: { id: O1, activity: EX, provider: JPU, receiver: PHU, settlement: cash, lines: [ { item: RIFLE, qty: 1 } ] } }
      - { date: 2026-10-06, id: d, deliver: { order: O1 } }
      - { date: 2026-10-07, id: c, cancel: { order: O1 } }
      """)
    #expect(World.code(sink, "o") == "excluded_category")
    #expect(World.code(sink, "d") == "unknown_state")
    #expect(World.code(sink, "c") == "unknown_state")
    #expect(result.status(of: "O1", in: "JP") == .refused)
    #expect(result.status(of: "O1", in: "PH") == .refused)
    #expect(sink.entries.isEmpty)
  }
}
