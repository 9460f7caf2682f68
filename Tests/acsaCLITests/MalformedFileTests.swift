import Foundation
import Testing

struct MalformedCase: CustomTestStringConvertible, Sendable {
  let name: String
  /// Replace `from` with `to` in the KAMANDAG scenario.
  let from: String
  let to: String
  /// The start of the first diagnostic on stderr.
  let error: String
  var testDescription: String { name }
}

let malformedCases: [MalformedCase] = [
  .init(
    name: "bad YAML", from: "  end: 2027-12-31", to: "  end: [2027-12-31",
    error: "bad.yaml:16:10: error: yaml syntax error: did not find expected ',' or ']'"),
  .init(
    name: "wrong type", from: "    settlement: cash, lines: [ { item: BILLET, qty: 840 } ], signed_by",
    to: "    settlement: cash, lines: BILLET, signed_by",
    error: "bad.yaml:82:39: error: events[0].order.lines: expected a list, found \"BILLET\""),
  .init(
    name: "unknown key", from: "    deliver: { order: JP-0001 } ", to: "    deliver: { order: JP-0001, recipt: false } ",
    error:
      "bad.yaml:95:32: error: unknown key 'recipt' in events[4].deliver (did you mean 'receipt'?); expected one of: order, lines, receipt, claim"
  ),
  .init(
    name: "unknown unit", from: "provider: ARDB, receiver: 3MBDE", to: "provider: ARDB, receiver: 4MBDE",
    error: "bad.yaml:87:76: error: events[2].order.receiver: unknown unit id '4MBDE'"),
  .init(
    name: "unknown order id", from: "pay: { order: PH-0001,", to: "pay: { order: PH-0009,",
    error: "bad.yaml:113:19: error: events[12].pay.order: unknown order id 'PH-0009'; did you mean 'PH-0001' or 'PH-0002'?"),
  .init(
    name: "duplicate order id", from: "order: { id: PH-0002,", to: "order: { id: PH-0001,",
    error: "bad.yaml:84:18: error: events[1].order.id: duplicate order id 'PH-0001' (first defined at line 81)"),
  .init(
    name: "bad date", from: "  - date: 2027-03-15", to: "  - date: 2027-02-30",
    error: "bad.yaml:122:11: error: events[16].date: \"2027-02-30\" is not a real calendar date"),
  .init(
    name: "bad amount", from: "amount: \"PHP 1260000.00\"", to: "amount: \"PHP 1,260,000.00\"",
    error: "bad.yaml:113:36: error: events[12].pay.amount: malformed amount \"PHP 1,260,000.00\""),
  .init(
    name: "YAML float amount", from: "amount: \"PHP 1260000.00\"", to: "amount: 1260000.00",
    error: "bad.yaml:113:36: error: events[12].pay.amount: malformed amount \"1260000.00\""),
  .init(
    name: "event outside start..end", from: "  - date: 2027-11-05", to: "  - date: 2028-01-05",
    error: "bad.yaml:135:11: error: events[21].date: 2028-01-05 is outside the scenario period 2026-10-01..2027-12-31"),
]

@Suite("Malformed scenario files: FILE:LINE:COLUMN, exit 2, no ledger")
struct MalformedFileTests {
  @Test(arguments: malformedCases)
  func malformed(_ c: MalformedCase) throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
    #expect(source.contains(c.from), "the case's text is not in the scenario")
    try source.replacingOccurrences(of: c.from, with: c.to).write(
      to: tmp.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    for command in ["run", "validate", "explain"] {
      let out = try CLI.run([command, "bad.yaml"], in: tmp)
      #expect(out.status == 2, "\(command): \(out.stderr)")
      let first = out.stderr.split(separator: "\n").first.map(String.init) ?? ""
      // FILE:LINE:COLUMN: error: message
      #expect(first.range(of: #"^bad\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(first)")
      #expect(first.hasPrefix(c.error), "\(out.stderr)")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
    #expect(left == ["bad.yaml"], "a failed run must write nothing")
  }

  @Test("all errors of a file are reported, in line order")
  func allErrors() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "pay: { order: PH-0001,", with: "pay: { order: PH-0009,")
      .replacingOccurrences(of: "  - date: 2027-03-15", with: "  - date: 2027-02-30")
      .replacingOccurrences(of: "receiver: 3MBDE", with: "receiver: 4MBDE")
    try source.write(to: tmp.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["validate", "bad.yaml"], in: tmp)
    #expect(out.status == 2)
    let lines = out.stderr.split(separator: "\n").filter { $0.hasPrefix("bad.yaml:") }
    #expect(lines.count == 3, "\(out.stderr)")
    let numbers = lines.compactMap { Int($0.split(separator: ":")[1]) }
    #expect(numbers == numbers.sorted())
  }

  @Test("an existing ledger survives a run that fails, and is replaced whole by one that succeeds")
  func atomicReplacement() throws {
    let tmp = try CLI.tempDir()
    let ok = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "ledger.sqlite"], in: tmp)
    #expect(ok.status == 0)
    let path = tmp.appendingPathComponent("ledger.sqlite").path
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    try "scenario: [".write(to: tmp.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
    let bad = try CLI.run(["run", "bad.yaml", "--db", "ledger.sqlite"], in: tmp)
    #expect(bad.status == 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // A stale -wal beside the destination is removed, never applied to the new file.
    try Data("stale".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
    let again = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "ledger.sqlite"], in: tmp)
    #expect(again.status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
    #expect(files == ["bad.yaml", "ledger.sqlite"])
    let balance = try CLI.run(["balance", "ledger.sqlite"], in: tmp)
    #expect(balance.status == 0)
  }
}
