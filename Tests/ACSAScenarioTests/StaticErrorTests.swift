import ACSAScenario
import Testing

/// One static error at a time: the exact `FILE:LINE:COLUMN: error: message`.
@Suite struct StaticErrorTests {
  @Test func validFixtureHasNoErrors() {
    #expect(diagnostics(validScenario) == [])
  }

  @Test func yamlSyntaxError() {
    let text = edited("  name: Test run", "  name: Test: run")
    #expect(
      diagnostics(text) == [
        "s.yaml:2:13: error: yaml syntax error: mapping values are not allowed in this context"
      ])
  }

  @Test func unterminatedFlowSequence() {
    let text = edited("  activities: [training, hadr]", "  activities: [training, hadr")
    #expect(
      diagnostics(text) == [
        "s.yaml:9:13: error: yaml syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 8, column 15)"
      ])
  }

  @Test func stringWhereAListIsExpected() {
    let text = edited("  activities: [training, hadr]", "  activities: training")
    #expect(diagnostics(text) == ["s.yaml:8:15: error: agreement.activities: expected a list, found \"training\""])
  }

  @Test func mappingWhereAStringIsExpected() {
    let text = edited("  name: Test run", "  name: { first: Test }")
    #expect(diagnostics(text) == ["s.yaml:2:9: error: scenario.name: expected a string, found a mapping"])
  }

  @Test func unknownTopLevelKey() {
    let text = edited("rates:\n", "ratez:\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:37:1: error: unknown key 'ratez' at top level (did you mean 'rates'?); expected one of: scenario, agreement, parties, units, activities, catalog, rates, events, generators"
      ])
  }

  @Test func unknownKeyInAnEvent() {
    let text = edited("receipt: false", "recipt: false")
    #expect(
      diagnostics(text) == [
        "s.yaml:46:71: error: unknown key 'recipt' in events[1].deliver (did you mean 'receipt'?); expected one of: order, lines, receipt, claim"
      ])
  }

  @Test func unknownKeyOnAnEvent() {
    let text = edited("    id: ev-1\n", "    ident: ev-1\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:41:5: error: unknown key 'ident' in events[0]; expected one of: date, id, books, order, sign, cancel, deliver, claim, invoice, pay, return, exchange, convert, offset, close, transfer, expect"
      ])
  }

  @Test func unknownUnit() {
    let text = edited("provider: MBLT-4,", "provider: MBLT-5,")
    #expect(diagnostics(text) == ["s.yaml:42:60: error: events[0].order.provider: unknown unit id 'MBLT-5'; did you mean 'MBLT-4'?"])
  }

  @Test func unknownItem() {
    let text = edited("{ item: BILLET, qty: 300 }", "{ item: BILET, qty: 300 }")
    #expect(diagnostics(text) == ["s.yaml:46:49: error: events[1].deliver.lines[0].item: unknown item 'BILET'; did you mean 'BILLET'?"])
  }

  @Test func unknownActivity() {
    let text = edited(
      "{ id: PH-0001, activity: KAMANDAG-10,", "{ id: PH-0001, activity: KAMANDAG-11,")
    #expect(
      diagnostics(text) == ["s.yaml:42:37: error: events[0].order.activity: unknown activity id 'KAMANDAG-11'; did you mean 'KAMANDAG-10'?"]
    )
  }

  @Test func unknownOrder() {
    let text = edited("pay: { order: PH-0001,", "pay: { order: PH-0009,")
    #expect(diagnostics(text) == ["s.yaml:56:19: error: events[5].pay.order: unknown order id 'PH-0009'; did you mean 'PH-0001'?"])
  }

  @Test func renamedOrderLeavesItsReferencesUnknown() {
    let text = edited("order: { id: JP-0001,", "order: { id: JP-0002,")
    #expect(
      diagnostics(text) == [
        "s.yaml:54:24: error: events[4].transfer.order: unknown order id 'JP-0001'; did you mean 'JP-0002' or 'PH-0001'?"
      ])
  }

  @Test func duplicateOrderID() {
    let text = edited("order: { id: JP-0001,", "order: { id: PH-0001,")
    let result = diagnostics(text)
    #expect(
      result == [
        "s.yaml:51:18: error: events[3].order.id: duplicate order id 'PH-0001' (first defined at line 42)",
        "s.yaml:54:24: error: events[4].transfer.order: unknown order id 'JP-0001'; did you mean 'PH-0001'?",
      ])
  }

  @Test func duplicateEventID() {
    let text = edited("    id: ev-2\n", "    id: ev-1\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:50:9: error: events[3].id: duplicate event id 'ev-1' (first defined at line 41)",
        "s.yaml:61:24: error: events[7].expect.refused: no event has id 'ev-2'; did you mean 'ev-1'?",
      ])
  }

  @Test func duplicateUnitID() {
    let text = edited("{ id: MBLT-4, party: PH }", "{ id: ARDB, party: PH }")
    let result = diagnostics(text)
    #expect(result.first == "s.yaml:15:11: error: units[1].id: duplicate unit id 'ARDB' (first defined at line 14)")
    // MBLT-4 is gone: both orders name it.
    #expect(result.dropFirst().allSatisfy { $0.contains("unknown unit id 'MBLT-4'") })
    #expect(result.count == 3)
  }

  @Test func dateThatIsNotACalendarDate() {
    let text = edited("- date: 2026-10-31", "- date: 2026-02-30")
    #expect(diagnostics(text) == ["s.yaml:57:11: error: events[6].date: \"2026-02-30\" is not a real calendar date"])
  }

  @Test func malformedDate() {
    let text = edited("- date: 2026-10-05", "- date: 2026/10/05")
    #expect(
      diagnostics(text) == [
        "s.yaml:40:11: error: events[0].date: malformed date \"2026/10/05\": write YYYY-MM-DD, e.g. 2026-10-05"
      ])
  }

  @Test func malformedMonthDay() {
    let text = edited("fiscal_year_start: 04-01", "fiscal_year_start: 4-1")
    #expect(
      diagnostics(text) == [
        "s.yaml:11:76: error: parties.JP.fiscal_year_start: malformed month-day \"4-1\": write MM-DD, e.g. 04-01"
      ])
  }

  @Test func eventDateOutsideTheScenario() {
    let text = edited("- date: 2026-12-31", "- date: 2027-01-01")
    #expect(
      diagnostics(text) == [
        "s.yaml:62:11: error: events[8].date: 2027-01-01 is outside the scenario period 2026-10-01..2026-12-31"
      ])
  }

  @Test func amountWithThousandsSeparator() {
    let text = edited("amount: \"PHP 1500.00\"", "amount: \"1,234.56\"")
    #expect(
      diagnostics(text) == [
        "s.yaml:56:36: error: events[5].pay.amount: malformed amount \"1,234.56\": write \"<ISO 4217 code> <decimal>\", e.g. \"PHP 1500.00\" or \"JPY 98\" (no thousands separators, no exponent)"
      ])
  }

  @Test func amountWithTooManyDecimals() {
    let text = edited("price: \"JPY 98\"", "price: \"JPY 98.5\"")
    #expect(
      diagnostics(text) == [
        "s.yaml:24:47: error: catalog[0].prices[0].price: \"JPY 98.5\" has more fractional digits than JPY allows (0)"
      ])
  }

  @Test func amountWithExponent() {
    let text = edited("amount: \"PHP 1500.00\"", "amount: \"PHP 1e3\"")
    #expect(
      diagnostics(text) == [
        "s.yaml:56:36: error: events[5].pay.amount: malformed amount \"PHP 1e3\": write \"<ISO 4217 code> <decimal>\", e.g. \"PHP 1500.00\" or \"JPY 98\" (no thousands separators, no exponent)"
      ])
  }

  @Test func amountWrittenAsAYamlFloat() {
    let text = edited("amount: \"PHP 1500.00\"", "amount: 1500.00")
    #expect(
      diagnostics(text) == [
        "s.yaml:56:36: error: events[5].pay.amount: malformed amount \"1500.00\": write \"<ISO 4217 code> <decimal>\", e.g. \"PHP 1500.00\" or \"JPY 98\" (no thousands separators, no exponent)"
      ])
  }

  @Test func zeroAmountIsRefusedOutsideExpect() {
    let text = edited("amount: \"PHP 1500.00\"", "amount: \"PHP 0.00\"")
    #expect(
      diagnostics(text) == ["s.yaml:56:36: error: events[5].pay.amount: must be greater than zero, found \"PHP 0.00\""])
  }

  @Test func quantityWithExponent() {
    let text = edited("{ item: BILLET, qty: 600 }", "{ item: BILLET, qty: 1e3 }")
    #expect(
      diagnostics(text) == [
        "s.yaml:43:62: error: events[0].order.lines[0].qty: malformed decimal \"1e3\": write digits with at most 3 fractional digits, e.g. 600 or 12.5 (no sign, thousands separators or exponent)"
      ])
  }

  @Test func zeroQuantity() {
    let text = edited("{ item: F-76, qty: 2 }", "{ item: F-76, qty: 0 }")
    #expect(
      diagnostics(text) == ["s.yaml:54:61: error: events[4].transfer.lines[0].qty: must be greater than zero, found 0"])
  }

  @Test func plainScalarRate() {
    let text = edited("rate: \"0.3871\"", "rate: 0.3871")
    #expect(
      diagnostics(text) == [
        "s.yaml:38:54: error: rates[0].rate: write the rate as a quoted string, e.g. \"0.3871\": a rate must never pass through a float"
      ])
  }

  @Test func weaponsCanNeverBeCovered() {
    let text = edited("[food, fuel, billeting, transportation]", "[food, fuel, weapons, billeting, transportation]")
    #expect(diagnostics(text) == ["s.yaml:9:28: error: agreement.categories[2]: weapons can never be covered"])
  }

  @Test func unknownCategory() {
    let text = edited("[food, fuel, billeting, transportation]", "[food, fuel, billets]")
    let result = diagnostics(text)
    #expect(result.count == 1)
    #expect(
      result.first?.hasPrefix(
        "s.yaml:9:28: error: agreement.categories[2]: unknown category 'billets'; expected one of: food, water,")
        == true)
  }

  @Test func transferOfAService() {
    let text = edited("{ item: F-76, qty: 2 }", "{ item: BILLET, qty: 2 }")
    #expect(
      diagnostics(text) == [
        "s.yaml:54:50: error: events[4].transfer.lines[0].item: 'BILLET' is a service; services cannot be transferred"
      ])
  }

  @Test func expectRefusedNamesAMissingEvent() {
    let text = edited("{ refused: ev-2,", "{ refused: ev-17,")
    #expect(diagnostics(text) == ["s.yaml:61:24: error: events[7].expect.refused: no event has id 'ev-17'; did you mean 'ev-1'?"])
  }

  @Test func twoActionsInOneEvent() {
    let text = edited(
      "    deliver: { order: PH-0001 }\n", "    deliver: { order: PH-0001 }\n    close: { order: PH-0001 }\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:49:5: error: events[2]: more than one action ('deliver' and 'close'); an event has exactly one"
      ])
  }

  @Test func noAction() {
    let text = edited("    deliver: { order: PH-0001 }\n", "")
    #expect(
      diagnostics(text) == [
        "s.yaml:47:5: error: events[2]: missing an action; expected exactly one of: order, sign, cancel, deliver, claim, invoice, pay, return, exchange, convert, offset, close, transfer, expect"
      ])
  }

  @Test func missingRequiredKey() {
    let text = edited("  start: 2026-10-01\n", "")
    #expect(diagnostics(text) == ["s.yaml:2:3: error: scenario: missing required key 'start'"])
  }

  @Test func missingTopLevelSection() {
    let text = edited(
      "units:\n  - { id: ARDB, party: JP, name: \"JGSDF Amphibious Rapid Deployment Brigade\" }\n  - { id: MBLT-4, party: PH }\n",
      "")
    #expect(diagnostics(text) == ["s.yaml:1:1: error: top level: missing required key 'units'"])
  }

  @Test func duplicateKeyIsReportedAtTheSecondKey() {
    let text = edited("    deliver: { order: PH-0001 }\n", "    deliver: { order: PH-0001 }\n    date: 2026-10-08\n")
    #expect(diagnostics(text) == ["s.yaml:49:5: error: duplicate key 'date' in events[2]"])
  }

  @Test func priceInTheOtherPartysCurrency() {
    let text = edited("price: \"JPY 98\"", "price: \"PHP 98.00\"")
    #expect(
      diagnostics(text) == [
        "s.yaml:24:47: error: catalog[0].prices[0].price: must be in JP's currency JPY, found \"PHP 98.00\""
      ])
  }

  @Test func offsetInAThirdCurrency() {
    let text = edited(
      "    pay: { order: PH-0001, amount: \"PHP 1500.00\" }\n", "    offset: { amount: \"USD 10.00\" }\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:56:23: error: events[5].offset.amount: USD is neither party's currency: offset in JPY or PHP"
      ])
  }

  @Test func unreadableFile() {
    #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: "/nonexistent/acsa/s.yaml") }
    do {
      _ = try ScenarioLoader.load(path: "/nonexistent/acsa/s.yaml")
    } catch {
      #expect(error.diagnostics.map(\.line) == [0])
      #expect(error.description == "/nonexistent/acsa/s.yaml: error: no such file or folder")
    }
  }
}
