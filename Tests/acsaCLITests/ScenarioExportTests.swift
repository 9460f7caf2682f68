import Foundation
import Testing

/// `acsa export LEDGER --format scenario`: a played exercise written back as a scenario
/// that `acsa run` replays to the same ledger_digest and the same log (expectations
/// included: the log keeps what each one checks).
@Suite("export --format scenario")
struct ScenarioExportTests {
  static func digest(_ out: CLI.Output) throws -> String {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    return try #require(json["ledger_digest"] as? String)
  }

  @Test(
    "every shipped scenario: run, export, run the export: the same digest and the same log", arguments: DigestPinTests.pinned.map(\.file))
  func roundTrip(_ file: String) throws {
    let tmp = try CLI.tempDir()
    let first = try CLI.run(["run", CLI.packageRoot.appendingPathComponent(file).path, "--db", "a.sqlite", "--json"], in: tmp)
    let exported = try CLI.run(["export", "a.sqlite", "--format", "scenario", "-o", "again.yaml"], in: tmp)
    #expect(exported.status == 0, "\(exported.stderr)")
    #expect(exported.stdout.hasPrefix("Wrote again.yaml: "), "\(exported.stdout)")
    let text = try String(contentsOf: tmp.appendingPathComponent("again.yaml"), encoding: .utf8)
    #expect(text.hasPrefix("# Exported by acsa"))
    #expect(!text.contains("generators:"), "generated events are written one by one")
    let second = try CLI.run(["run", "again.yaml", "--db", "b.sqlite", "--json"], in: tmp)
    #expect(second.status == first.status, "\(second.stderr)")
    #expect(try Self.digest(second) == (try Self.digest(first)), "\(file)")
    let log = "SELECT seq, date, event_id, action, order_id, books, outcome, code, message, payload FROM events ORDER BY seq"
    #expect(
      try CLI.sqlite(tmp.appendingPathComponent("a.sqlite").path, log)
        == (try CLI.sqlite(tmp.appendingPathComponent("b.sqlite").path, log)),
      "\(file): the logs differ")
  }

  @Test("refused: an exported book (exit 2, in words), --book or --db with it (usage), a file acsa did not write")
  func refusals() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    _ = try CLI.run(["export", "k.sqlite", "--book", "JP", "--db", "JP.sqlite"], in: tmp)
    let oneBook = try CLI.run(["export", "JP.sqlite", "--format", "scenario"], in: tmp)
    #expect(oneBook.status == 2)
    #expect(oneBook.stderr.contains("JP.sqlite holds one party's book only"), "\(oneBook.stderr)")
    let withBook = try CLI.run(["export", "k.sqlite", "--format", "scenario", "--book", "JP"], in: tmp)
    #expect(withBook.status == 64 && withBook.stderr.contains("leave out --book"), "\(withBook.stderr)")
    let withDB = try CLI.run(["export", "k.sqlite", "--format", "scenario", "--db", "x.sqlite"], in: tmp)
    #expect(withDB.status == 64 && withDB.stderr.contains("--db is for --format sqlite"), "\(withDB.stderr)")
    try "my notes\n".write(to: tmp.appendingPathComponent("notes.yaml"), atomically: true, encoding: .utf8)
    let over = try CLI.run(["export", "k.sqlite", "--format", "scenario", "-o", "notes.yaml"], in: tmp)
    #expect(over.status != 0)
    #expect(try String(contentsOf: tmp.appendingPathComponent("notes.yaml"), encoding: .utf8) == "my notes\n")
  }
}
