import Foundation
import Testing

/// The readers and `acsa record` on a ledger kept in PostgreSQL, end to end through the
/// built `acsa`: `scripts/test` starts a throwaway server and sets ACSA_TEST_POSTGRES
/// (CI installs PostgreSQL, so there the tests always run).
/// The test PostgreSQL server's URL, if there is one.
enum TestDatabase {
  static var url: String? { ProcessInfo.processInfo.environment["ACSA_TEST_POSTGRES"] }
}

@Suite("Commands on a ledger kept in PostgreSQL", .enabled(if: TestDatabase.url != nil))
struct PostgresCommandTests {

  @Test(
    "serve creates it, record appends to it; verify, balance, audit, show, report and export read it, and name the URL (never its password, never a temporary copy)"
  )
  func readers() throws {
    let database = try #require(TestDatabase.url)
    let tmp = try CLI.tempDir()
    let name = "cli_" + UUID().uuidString.prefix(8).lowercased()
    let url = database + "?ledger=" + name
    // The same URL with a password (the throwaway server trusts the loopback, so it is
    // not checked): no output may show it.
    let secret = "s3cret-\(UUID().uuidString.prefix(6))"
    let withPassword = url.replacingOccurrences(of: "postgres://acsa@", with: "postgres://acsa:\(secret)@")
    #expect(withPassword != url, "the test database's URL names the user acsa: \(database)")
    let shown = url.replacingOccurrences(of: "postgresql://", with: "postgres://")

    // A new exercise in PostgreSQL: the scenario's opening order PH-0001 (840 person-nights
    // of billeting, PH provides, JP receives, cash), its clock on 2026-10-05.
    let served = try ServedExercise(scenario: CLI.scenario("live-exercise-2026.yaml"), ledger: url, in: tmp)
    #expect(served.stop() == 0)

    // PH's office records the delivery (with JP's receipt) and the invoice.
    try """
    - { date: 2026-10-05, deliver: { order: PH-0001, receipt: true } }
    - { date: 2026-10-06, invoice: { order: PH-0001 } }
    """.write(to: tmp.appendingPathComponent("events.yaml"), atomically: true, encoding: .utf8)
    let record = try CLI.run(["record", withPassword, "events.yaml", "--json"], in: tmp)
    #expect(record.status == 0, "\(record.stderr)")

    var outputs: [String: String] = ["record": record.stdout + record.stderr]
    let verify = try CLI.run(["verify", withPassword], in: tmp)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.contains("Verifying \(shown)"), "\(verify.stdout)")
    outputs["verify"] = verify.stdout + verify.stderr

    // 840 × PHP 1,500.00 (PH's own price) = PHP 1,260,000.00, in both books.
    let balance = try CLI.run(["balance", withPassword, "--json"], in: tmp)
    #expect(balance.status == 0, "\(balance.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(balance.stdout.utf8)) as? [String: Any])
    #expect(json["ledger"] as? String == shown)
    #expect(json["books_agree"] as? Bool == true)
    let totals = try #require(json["totals"] as? [[String: Any]])
    #expect(totals.count == 2)
    for row in totals {
      #expect(row["debtor"] as? String == "JP" && row["creditor"] as? String == "PH" && row["kind"] as? String == "cash")
      #expect(row["units"] as? Int == 126_000_000 && row["amount"] as? String == "PHP 1260000.00")
    }
    outputs["balance"] = balance.stdout + balance.stderr

    let audit = try CLI.run(["audit", withPassword, "--json"], in: tmp)
    #expect(audit.status == 0 || audit.status == 1, "\(audit.stderr)")
    let auditJSON = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
    #expect(auditJSON["ledger"] as? String == shown)
    outputs["audit"] = audit.stdout + audit.stderr

    let show = try CLI.run(["show", withPassword, "PH-0001"], in: tmp)
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("invoice"), "\(show.stdout)")
    outputs["show"] = show.stdout + show.stderr

    let report = try CLI.run(["report", withPassword, "--html", "report.html"], in: tmp)
    #expect(report.status == 0, "\(report.stderr)")
    let page = try String(contentsOf: tmp.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(page.contains(name))
    outputs["report"] = report.stdout + report.stderr + page

    let export = try CLI.run(["export", withPassword, "--format", "scenario", "-o", "played.yaml"], in: tmp)
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.contains("from \(shown)"), "\(export.stdout)")
    let played = try String(contentsOf: tmp.appendingPathComponent("played.yaml"), encoding: .utf8)
    #expect(played.contains("invoice: { order: PH-0001 }") || played.contains("invoice:"), "\(played.prefix(2000))")
    outputs["export"] = export.stdout + export.stderr + played
    let replayed = try CLI.run(["run", "played.yaml", "--quiet"], in: tmp)
    #expect(replayed.status == 0, "\(replayed.stderr)")

    let journal = try CLI.run(["export", withPassword, "--format", "ledger"], in: tmp)
    #expect(journal.status == 0, "\(journal.stderr)")
    outputs["journal"] = journal.stdout + journal.stderr

    for (command, text) in outputs {
      #expect(!text.contains(secret), "\(command) shows the password")
      #expect(!text.contains("acsa-postgres-"), "\(command) names its temporary copy")
    }
  }
}
