import ACSAScenario
import Foundation
import Testing

/// Files written to hurt: each is refused at once, with a diagnostic at its line and
/// column that names the limit, never read for hours or into all the memory there is.
@Suite("Hostile input is bounded")
struct HostileInputTests {
  /// Ten levels of anchors, each repeating the one before ten times: 10^10 values.
  static let laughs: String = {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in 1..<10 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
    return lines.joined(separator: "\n") + "\n"
  }()

  /// Runs `body` on another thread and fails if it takes more than `seconds`.
  static func quickly(_ seconds: Double, _ body: @escaping @Sendable () -> [String]) -> [String] {
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread {
      box.value = body()
      done.signal()
    }.start()
    let inTime = done.wait(timeout: .now() + seconds) == .success
    #expect(inTime, "took more than \(seconds) s")
    return inTime ? box.value : []
  }

  final class Box: @unchecked Sendable { var value: [String] = [] }

  @Test("an alias bomb used as a key, or as a value, is refused where the aliases pass the limit")
  func aliasBomb() {
    let limit =
      "s.yaml:6:45: error: aliases repeat more than 1000000 values in all by here (*a4 alone repeats 111111): "
      + "aliases may share parts of a scenario, not multiply them"
    #expect(Self.quickly(5) { diagnostics(Self.laughs + "? *a9\n: 1\n") } == [limit])
    #expect(Self.quickly(5) { diagnostics(Self.laughs + "events: *a9\n") } == [limit])
  }

  @Test("an alias or a list as a key is refused at the key; aliases of plain values are fine")
  func keys() {
    #expect(diagnostics("a: &k name\n? *k\n: 1\n") == ["s.yaml:2:3: error: an alias (*k) cannot be a key: write the key as plain text"])
    #expect(diagnostics("? [a, b]\n: 1\n") == ["s.yaml:1:3: error: a key must be plain text, not a list"])
    #expect(diagnostics("? {a: b}\n: 1\n") == ["s.yaml:1:3: error: a key must be plain text, not a mapping"])
    // An anchored price list repeated: a scenario may share parts.
    let shared = edited(
      "    prices: [ { party: PH, from: 2026-01-01, price: \"PHP 51.00\" } ]",
      "    prices: &alt [ { party: PH, from: 2026-01-01, price: \"PHP 51.00\" } ]")
    let reused = edited("    prices: [ { party: PH, from: 2026-01-01, price: \"PHP 1500.00\" } ]", "    prices: *alt", in: shared)
    #expect(diagnostics(reused) == [])
  }

  @Test("nesting deeper than 64 levels, in block or flow style, is refused")
  func depth() {
    let block = (0..<200).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + "\n"
    #expect(
      Self.quickly(5) { diagnostics(block) } == [
        "s.yaml:65:129: error: the YAML is nested more than 64 levels deep here; a scenario needs a few levels, so this file is refused"
      ])
    let flow = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
    let found = Self.quickly(5) { diagnostics(flow) }
    #expect(found.count == 1 && found[0].contains("nested more than 64 levels deep"), "\(found)")
  }

  @Test("a second YAML document is refused")
  func documents() {
    #expect(diagnostics(validScenario + "---\nscenario: {}\n").first?.contains("more than one YAML document") == true)
  }

  @Test("ten thousand duplicate keys are each reported once, at once")
  func duplicates() {
    let text = (0..<10_000).map { "scenario: \($0)" }.joined(separator: "\n") + "\n"
    let found = Self.quickly(5) { diagnostics(text) }
    #expect(found.filter { $0.contains("duplicate key 'scenario' at top level") }.count == 9_999)
  }

  @Test("control characters: raw in the file, or written as escapes in a value, with their line and column")
  func controlCharacters() {
    #expect(
      diagnostics(edited("  name: Test run", "  name: Test\u{1B}run")) == [
        "s.yaml:2:13: error: yaml syntax error: a control character (byte 0x1B) is not allowed in YAML text"
      ])
    #expect(
      diagnostics(edited("order: { id: PH-0001,", "order: { id: \"PH-0001\\0X\",")) == [
        "s.yaml:42:18: error: events[0].order.id: \"PH-0001\\u{0}X\" contains the control character U+0000; "
          + "text here may hold no control characters, tabs and line breaks included"
      ])
    #expect(
      diagnostics(edited("  name: Test run", "  name: \"Test\\e[31mrun\"")) == [
        "s.yaml:2:9: error: scenario.name: \"Test\\u{1B}[31mrun\" contains the control character U+001B; "
          + "text here may hold no control characters, tabs and line breaks included"
      ])
    // A description may hold line breaks and tabs, not other control characters.
    #expect(diagnostics(edited("  name: Test run", "  name: Test run\n  description: \"two\\nlines\\tand a tab\"")) == [])
    #expect(
      diagnostics(edited("  name: Test run", "  name: Test run\n  description: \"a bell\\a\"")) == [
        "s.yaml:3:16: error: scenario.description: \"a bell\\u{7}\" contains the control character U+0007; "
          + "text here may hold no control characters other than tabs and line breaks"
      ])
  }

  @Test("a file that is not UTF-8 is refused at the first byte that is not, with its line and column")
  func encodings() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func load(_ bytes: [UInt8]) -> [String] {
      let path = dir.appendingPathComponent("s.yaml").path
      #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
      do {
        _ = try ScenarioLoader.load(path: path)
        return []
      } catch {
        return error.diagnostics.map { $0.description.replacingOccurrences(of: dir.path, with: "DIR") }
      }
    }
    #expect(
      load(Array("scenario:\n  name: caf".utf8) + [0xE9] + Array(" bad\n".utf8)) == [
        "DIR/s.yaml:2:12: error: invalid UTF-8 (byte 0xE9): a scenario is UTF-8 text; save the file as UTF-8"
      ])
    #expect(load([0xFF, 0xFE, 0x73, 0x00]) == ["DIR/s.yaml:1:1: error: the file is UTF-16 text; save it as UTF-8"])
    #expect(
      load(Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 100)) == [
        "DIR/s.yaml: error: this is an SQLite database (a ledger?), not a scenario: `acsa balance`, `audit`, `verify` and `report` read ledgers"
      ])
  }

  @Test("a file larger than the limit is refused before it is read")
  func size() throws {
    var limits = ScenarioLimits.standard
    limits.maximumFileSize = 1000
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-big-\(UUID().uuidString).yaml").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(validScenario.utf8)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: path, limits: limits) }
    do {
      _ = try ScenarioLoader.load(path: path, limits: limits)
    } catch {
      #expect(
        error.diagnostics.map(\.message) == [
          "it is \(validScenario.utf8.count) bytes, more than the 1000 bytes acsa reads; write long programmes with generators"
        ])
    }
  }

  @Test("generators that would place more orders than the limit are refused before drawing one")
  func generators() {
    let text = edited(
      "events:\n",
      """
      generators:
        - name: flood
          every: 1
          count: 1000000
          order: { activity: KAMANDAG-10, provider: ARDB, receiver: MBLT-4, settlement: replacement, lines: [ { item: F-76, qty: 1 } ] }
      events:

      """)
    let found = Self.quickly(5) { diagnostics(text) }
    #expect(
      found == [
        "s.yaml:40:5: error: generators[0]: the generators would place 92,000,000 orders by here (92 firings of 1000000); "
          + "a scenario's generators may place at most 5,000,000 orders in one run"
      ])
  }
}
