import Foundation
import Testing

/// Dates to 9999-12-31: a scenario in the calendar's last year runs, and every command
/// reads its ledger, whose deadlines and due dates fall after 9999-12-31 and are kept
/// exactly (`+10000-05-31`), round-tripping through the ledger and `verify`.
@Suite("The calendar's last year: deadlines past 9999-12-31")
struct CalendarEndTests {
  static let scenario = CLI.packageRoot.appendingPathComponent("Tests/acsaCLITests/Fixtures/calendar-end.yaml").path

  @Test("run, audit, report, verify, balance, reconcile, exports and explain all work; deadlines are stored exactly")
  func lastYear() throws {
    let tmp = try CLI.tempDir()
    let run = try CLI.run(["run", Self.scenario, "--db", "end.sqlite"], in: tmp)
    #expect(run.status == 0, "\(run.stderr)")
    // Delivered 9999-06-01: deadline 365 days later. Billed 9999-12-20: due 30 days later.
    let dates = try CLI.sqlite(
      tmp.appendingPathComponent("end.sqlite").path,
      "SELECT order_id, deadline, COALESCE(due_on, '-') FROM obligations WHERE book = 'JP' ORDER BY order_id")
    #expect(dates == "O1|+10000-05-31|-\nO2|+10000-12-19|+10000-01-19")
    let audit = try CLI.run(["audit", "end.sqlite"], in: tmp)
    #expect(audit.status == 1, "\(audit.stderr)")
    #expect(audit.stdout.contains("  JP     FY9999  9999-04-01..+10000-03-31  JPY 150,000   PHP 3,500.00"), "\(audit.stdout)")
    for arguments in [
      ["verify", "end.sqlite"], ["report", "end.sqlite", "--html", "end.html"], ["balance", "end.sqlite"], ["reconcile", "end.sqlite"],
      ["export", "end.sqlite", "--format", "json"], ["export", "end.sqlite", "--format", "csv", "-o", "csv"],
      ["export", "end.sqlite", "--book", "JP", "--db", "jp.sqlite"], ["verify", "jp.sqlite"],
      ["audit", "end.sqlite", "--verify", "--json"],
      ["explain", Self.scenario], ["run", Self.scenario, "--runs", "3"],
    ] {
      let out = try CLI.run(arguments, in: tmp)
      #expect(out.status == 0 || (arguments[0] == "audit" && out.status == 1), "\(arguments): \(out.stderr)")
      #expect(out.stderr.isEmpty, "\(arguments)")
    }
    let json = try CLI.run(["export", "end.sqlite", "--format", "json"], in: tmp)
    #expect(json.stdout.contains("\"deadline\":\"+10000-05-31\""), "\(json.stdout.prefix(400))")
  }
}
