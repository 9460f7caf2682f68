import ACSAScenario
import Testing

@Suite struct MultipleErrorTests {
  @Test func everyErrorIsReportedInLineOrder() {
    var text = validScenario
    // Edits from the end of the file to its start; the report must still be in line order.
    text = edited("{ refused: ev-2,", "{ refused: ev-17,", in: text)
    text = edited("pay: { order: PH-0001,", "pay: { order: PH-0009,", in: text)
    text = edited("{ item: BILLET, qty: 600 }", "{ item: BILLET, qty: 1e3 }", in: text)
    text = edited("rate: \"0.3871\"", "rate: 0.3871", in: text)
    text = edited("price: \"JPY 98\"", "price: \"JPY 98.5\"", in: text)
    text = edited("  end: 2026-12-31\n", "  end: 2026-12-31\n  colour: blue\n", in: text)
    text = edited("  start: 2026-10-01\n", "", in: text)
    #expect(
      diagnostics(text) == [
        "s.yaml:2:3: error: scenario: missing required key 'start'",
        "s.yaml:4:3: error: unknown key 'colour' in scenario; expected one of: name, description, start, end, seed, format",
        "s.yaml:24:47: error: catalog[0].prices[0].price: \"JPY 98.5\" has more fractional digits than JPY allows (0)",
        "s.yaml:38:54: error: rates[0].rate: write the rate as a quoted string, e.g. \"0.3871\": a rate must never pass through a float",
        "s.yaml:43:62: error: events[0].order.lines[0].qty: malformed decimal \"1e3\": write digits with at most 3 fractional digits, e.g. 600 or 12.5 (no sign, thousands separators or exponent)",
        "s.yaml:56:19: error: events[5].pay.order: unknown order id 'PH-0009'; did you mean 'PH-0001'?",
        "s.yaml:61:24: error: events[7].expect.refused: no event has id 'ev-17'; did you mean 'ev-1'?",
      ])
  }

  @Test func duplicateKeysDoNotHideOtherErrors() {
    var text = validScenario
    text = edited("pay: { order: PH-0001,", "pay: { order: PH-0001, order: PH-0001,", in: text)
    text = edited("  name: Test run\n", "  name: Test run\n  name: Other run\n", in: text)
    text = edited("{ item: BILLET, qty: 300 }", "{ item: BILET, qty: 300 }", in: text)
    #expect(
      diagnostics(text) == [
        "s.yaml:3:3: error: duplicate key 'name' in scenario",
        "s.yaml:47:49: error: events[1].deliver.lines[0].item: unknown item 'BILET'; did you mean 'BILLET'?",
        "s.yaml:57:28: error: duplicate key 'order' in events[5].pay",
      ])
  }

  @Test func aKeyRepeatedThreeTimes() {
    let text = edited("  name: Test run\n", "  name: Test run\n  name: B\n  name: C\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:3:3: error: duplicate key 'name' in scenario",
        "s.yaml:4:3: error: duplicate key 'name' in scenario",
      ])
  }

  @Test func unusableSectionsDoNotCascade() {
    // With no readable catalog, item references are not reported as unknown.
    let text = edited("catalog:\n", "catalog: {}\nunused:\n")
    let result = diagnostics(text)
    #expect(result.count == 2)
    #expect(result.first == "s.yaml:18:10: error: catalog: expected a list, found a mapping")
    #expect(result.last?.hasPrefix("s.yaml:19:1: error: unknown key 'unused' at top level") == true)
  }
}

/// Whatever the input, the loader returns or throws diagnostics: it never crashes, and the
/// diagnostics are sorted and positioned.
@Suite struct RobustnessTests {
  func check(_ text: String) {
    let result = diagnostics(text)
    let positions = result.compactMap { line -> (Int, Int)? in
      let parts = line.split(separator: ":")
      guard parts.count > 3, let l = Int(parts[1]), let c = Int(parts[2]) else { return nil }
      return (l, c)
    }
    #expect(positions.count == result.count, "every diagnostic has a position: \(result)")
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 <= $1 }, "sorted: \(result)")
  }

  @Test func everyPrefixOfTheFixture() {
    let lines = validScenario.split(separator: "\n", omittingEmptySubsequences: false)
    for n in 0..<lines.count {
      check(lines[0..<n].joined(separator: "\n"))
    }
  }

  @Test func everyLineRemovedOrDuplicated() {
    let lines = validScenario.split(separator: "\n", omittingEmptySubsequences: false)
    for n in 0..<lines.count {
      var removed = lines
      removed.remove(at: n)
      check(removed.joined(separator: "\n"))
      var doubled = lines
      doubled.insert(lines[n], at: n)
      check(doubled.joined(separator: "\n"))
    }
  }

  @Test func oddDocuments() {
    for text in [
      "", "   \n", "# only a comment\n", "42", "[1, 2]", "- a\n- b\n", "scenario: ~\n", "--- a\n--- b\n",
      "a: &x 1\nb: *x\n", "*undefined\n", "? [a, b]\n: c\n", "{\"scenario\": 1, 'scenario': 2}", "\u{FEFF}x: 1\nx: 2\n",
      "&a x: 1\n*a : 2\n", "!!str x: 1\n!!str x: 2\n", "\"\": 1\n\"\": 2\n", "x: \"\u{0}\"\n", "x: \t1\n",
      "é: 1\né: 2\n", "k: 1\r\nk: 2\r\n",
    ] {
      check(text)
    }
    #expect(
      diagnostics("") == [
        "s.yaml:1:1: error: the file is empty: expected a mapping with keys scenario, agreement, parties, units, catalog, events"
      ])
    #expect(diagnostics("[1, 2]") == ["s.yaml:1:1: error: top level: expected a mapping, found a list"])
  }
}
