import ACSAScenario
import Testing

/// Further static rules of the format, one per test.
@Suite struct MoreStaticErrorTests {
  @Test func scenarioEndBeforeStart() {
    let text = edited("  end: 2026-12-31\n", "  end: 2026-09-30\n")
    #expect(diagnostics(text) == ["s.yaml:4:8: error: scenario.end: 2026-09-30 is before start 2026-10-01"])
  }

  @Test func unknownCurrency() {
    let text = edited("currency: PHP }", "currency: PHX }")
    let expected =
      "s.yaml:12:58: error: parties.PH.currency: unknown currency \"PHX\": use an ISO 4217 code such as JPY, PHP or USD"
    #expect(diagnostics(text) == [expected])
  }

  @Test func threeParties() {
    let text = edited("  PH: {", "  US: { name: US Forces, currency: USD }\n  PH: {")
    #expect(diagnostics(text) == ["s.yaml:11:3: error: parties: expected exactly two parties, found 3"])
  }

  @Test func unknownPartyInBooks() {
    let text = edited("    books: [PH]\n", "    books: [PH, PH, US]\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:45:17: error: events[1].books[1]: party 'PH' is listed twice",
        "s.yaml:45:21: error: events[1].books[2]: unknown party 'US'; expected one of: JP, PH",
      ])
  }

  @Test func twoPricesForOnePartyOnOneDate() {
    let text = edited(
      "{ party: PH, from: 2026-01-01, price: \"PHP 52.50\" }", "{ party: JP, from: 2026-04-01, price: \"JPY 99\" }")
    #expect(
      diagnostics(text) == ["s.yaml:25:28: error: catalog[0].prices[1].from: a second price for JP from 2026-04-01"])
  }

  @Test func equivalentToAnUnknownItem() {
    let text = edited("equivalent_to: F-76\n", "equivalent_to: F-77\n")
    #expect(diagnostics(text) == ["s.yaml:30:20: error: catalog[1].equivalent_to: unknown item 'F-77'; did you mean 'F-76'?"])
  }

  @Test func equivalentToItself() {
    let text = edited("equivalent_to: F-76\n", "equivalent_to: F-76-ALT\n")
    #expect(
      diagnostics(text) == ["s.yaml:30:20: error: catalog[1].equivalent_to: an item cannot be equivalent to itself"])
  }

  @Test func twoRatesOnOneDate() {
    let rate = "  - { date: 2026-09-01, base: JPY, quote: PHP, rate: \"0.3871\", source: central bank }\n"
    let text = edited(rate, rate + rate.replacingOccurrences(of: "0.3871", with: "0.39"))
    #expect(
      diagnostics(text) == [
        "s.yaml:39:13: error: rates[1].date: a second JPY/PHP rate on 2026-09-01 (first at line 38)"
      ])
  }

  @Test func rateWithBaseEqualToQuote() {
    let text = edited("quote: PHP, rate", "quote: JPY, rate")
    #expect(diagnostics(text) == ["s.yaml:38:43: error: rates[0].quote: base and quote are both JPY"])
  }

  @Test func rateWithTooManyDecimals() {
    let text = edited("rate: \"0.3871\"", "rate: \"0.38710000001\"")
    let expected =
      "s.yaml:38:54: error: rates[0].rate: malformed decimal \"0.38710000001\": write digits with at most 10 fractional digits, e.g. 600 or 12.5 (no sign, thousands separators or exponent)"
    #expect(diagnostics(text) == [expected])
  }

  @Test func unknownEnumerationValues() {
    var text = edited("settlement: cash,", "settlement: barter,")
    text = edited("code: excluded_category", "code: excluded", in: text)
    text = edited("overdue: 0,", "overdue: -1,", in: text)
    #expect(
      diagnostics(text) == [
        "s.yaml:43:26: error: events[0].order.settlement: unknown value 'barter'; expected one of: cash, replacement, equal_value",
        "s.yaml:61:36: error: events[7].expect.code: unknown value 'excluded'; expected one of: same_party, not_in_force, activity_not_covered, outside_activity_period, excluded_category, category_not_covered, settlement_not_allowed, over_authority, unknown_state, already_delivered, order_cancelled, over_delivery, no_price, nothing_to_claim, nothing_to_invoice, wrong_currency, overpayment, return_mismatch, over_return, exchange_wrong_category, no_rate, exchange_exceeds_obligation, nothing_to_convert, offset_not_allowed, offset_exceeds_claims, transfer_without_consent, over_transfer, amount_out_of_range",
        "s.yaml:63:36: error: events[8].expect.findings.overdue: expected a whole number (digits only), found \"-1\"",
      ])
  }

  @Test func expectWithTwoForms() {
    let text = edited(
      "{ refused: ev-2, code: excluded_category }", "{ refused: ev-2, code: excluded_category, findings: {} }")
    #expect(
      diagnostics(text) == [
        "s.yaml:61:55: error: events[7].expect: more than one expectation (refused with code and findings); an expect checks exactly one"
      ])
  }

  @Test func outstandingBetweenOneParty() {
    let text = edited("debtor: JP, creditor: PH", "debtor: JP, creditor: JP")
    #expect(
      diagnostics(text) == [
        "s.yaml:59:52: error: events[6].expect.outstanding.creditor: debtor and creditor are both JP"
      ])
  }

  @Test func booleanMustBeTrueOrFalse() {
    let text = edited("receipt: false", "receipt: no")
    #expect(
      diagnostics(text) == ["s.yaml:46:80: error: events[1].deliver.receipt: expected true or false, found \"no\""])
  }

  @Test func deliverWithAnEmptyLineList() {
    let text = edited("deliver: { order: PH-0001 }", "deliver: { order: PH-0001, lines: [] }")
    #expect(diagnostics(text) == ["s.yaml:48:39: error: events[2].deliver.lines: expected a non-empty list"])
  }
}
