import ACSADomain
import Testing

@Suite("Event records round-trip through their text form")
struct EventCodecTests {
  static let terms = OrderTerms(
    id: "PH|0001", activity: "KAMANDAG-10", provider: "MBLT-4", receiver: "ARDB", settlement: .cash,
    lines: [Line(item: "BILLET", qty: Quantity(whole: 840)), Line(item: "RATION\\x", qty: Quantity(milli: 1))], signed: false)

  static let payloads: [EventPayload] = [
    EventPayload(action: .order(terms)),
    EventPayload(action: .sign(order: "PH-0001")),
    EventPayload(action: .deliver(order: "PH-0001", lines: nil, receipt: false, claim: true)),
    EventPayload(
      action: .deliver(order: "PH-0001", lines: [Line(item: "BILLET", qty: Quantity(milli: 300_500))], receipt: true, claim: false)),
    EventPayload(action: .pay(order: "PH-0001", amount: Money(126_000_000, .php))),
    EventPayload(action: .returnItems(order: "JP-1", lines: [Line(item: "F-76-ALT", qty: Quantity(whole: 12))])),
    EventPayload(action: .exchange(order: "JP-1", lines: [])),
    EventPayload(action: .offset(amount: Money(60_000, .jpy)), offsetShares: ["JP": Money(60_000, .jpy), "PH": Money(2_400_000, .php)]),
    EventPayload(action: .transfer(order: "JP-1", lines: [Line(item: "F-76", qty: Quantity(whole: 1))], to: "A|B\nC", consent: nil)),
    EventPayload(action: .transfer(order: "JP-1", lines: [], to: "X", consent: "")),
    EventPayload(action: .convert(order: "JP-0002"), converted: [3, 7]),
    EventPayload(action: .convert(order: "JP-0002")),
    EventPayload(action: .close(order: "JP-0002"), template: OrderTemplate(terms: terms, date: Day(iso: "2026-10-05")!, signed: true)),
    EventPayload(action: .expect(.outstanding(debtor: "JP", creditor: "PH", .cash(Money(214_200_000, .php))))),
    EventPayload(action: .expect(.outstanding(debtor: "PH", creditor: "JP", .equalValue(Money(1_000, .jpy))))),
    EventPayload(action: .expect(.outstanding(debtor: "PH", creditor: "JP", .inKind(item: "556|BALL", qty: Quantity(milli: 12_000_500))))),
    EventPayload(action: .expect(.status(order: "PH-0001", .settled))),
    EventPayload(action: .expect(.refused(eventID: "r-1", code: .sameParty))),
    EventPayload(action: .expect(.findings([.overdue: 2, .noReceipt: 0, .bookMismatch: 1]))),
    EventPayload(action: .expect(.findings([:]))),
  ]

  @Test("encode then decode gives the same payload", arguments: payloads)
  func roundTrip(_ payload: EventPayload) throws {
    let text = EventCodec.encode(payload)
    #expect(!text.contains("\n"))
    #expect(try EventCodec.decode(text) == payload)
  }

  @Test("the text form is stable")
  func stable() {
    #expect(
      EventCodec.encode(EventPayload(action: .pay(order: "PH-0001", amount: Money(126_000_000, .php)))) == "pay|PH-0001|PHP|126000000")
    #expect(EventCodec.encode(Self.payloads[10]) == "deadline_convert|JP-0002|3|7")
    // Expectations (kept in the log, not chained), findings by code.
    #expect(EventCodec.encode(Self.payloads[13]) == "expect|outstanding|JP|PH|cash|PHP|214200000")
    #expect(EventCodec.encode(Self.payloads[18]) == "expect|findings|3|book_mismatch|1|no_receipt|0|overdue|2")
  }

  @Test(
    "malformed records are refused",
    arguments: [
      "", "pay|X", "pay|X|PHP|1.5", "deliver|X|2|1|0", "order|X", "nope|X", "sign|X|extra", "expect", "expect|status|X|lost",
      "expect|refused|e|no_such_code", "expect|findings|2|overdue|1", "expect|outstanding|JP|PH|gold|1",
    ])
  func malformed(_ text: String) {
    #expect(throws: EventCodec.DecodingError.self) { try EventCodec.decode(text) }
  }
}
