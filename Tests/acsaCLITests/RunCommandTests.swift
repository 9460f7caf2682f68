import Foundation
import Testing

@Suite("acsa run, validate and balance, end to end")
struct RunCommandTests {
  @Test("golden: acsa run on the KAMANDAG scenario, stdout and exit code")
  func goldenRun() throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml")], in: tmp)
    #expect(out.status == 0)
    try CLI.expectGolden(CLI.normalize(out.stdout, tmp: tmp), "run-kamandag-2026.txt")
    // The default ledger is named after the scenario, in the current directory.
    #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("kamandag-2026.sqlite").path))
  }

  @Test("golden: acsa balance as of the end of the exercise")
  func goldenBalance() throws {
    let tmp = try CLI.tempDir()
    _ = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "k.sqlite"], in: tmp)
    let out = try CLI.run(["balance", "k.sqlite", "--as-of", "2026-10-20"], in: tmp)
    #expect(out.status == 0)
    try CLI.expectGolden(out.stdout, "balance-kamandag-2026-10-20.txt")
    let csv = try CLI.run(["balance", "k.sqlite", "--as-of", "2026-10-20", "--csv", "--book", "JP"], in: tmp)
    try CLI.expectGolden(csv.stdout, "balance-kamandag-2026-10-20-JP.csv")
  }

  @Test("every scenario in scenarios/ runs with exit 0, and its ledger and each party's exported book verify")
  func allScenarios() throws {
    let dir = CLI.packageRoot.appendingPathComponent("scenarios")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count >= 5)
    let tmp = try CLI.tempDir()
    for file in files {
      let out = try CLI.run(["run", CLI.scenario(file), "--db", file + ".sqlite"], in: tmp)
      #expect(out.status == 0, "\(file) exited \(out.status):\n\(out.stdout)\n\(out.stderr)")
      #expect(out.stdout.contains(", 0 failed"), "\(file)")
      // A clean ledger is never called tampered: every check passes, the written rows
      // are those acsa writes from the records, and the seal holds.
      var ledgers = [file + ".sqlite"]
      for book in ["JP", "PH"] {
        #expect(try CLI.run(["export", file + ".sqlite", "--book", book, "--db", "\(file)-\(book).sqlite"], in: tmp).status == 0)
        ledgers.append("\(file)-\(book).sqlite")
      }
      for ledger in ledgers {
        let verify = try CLI.run(["verify", ledger], in: tmp)
        #expect(verify.status == 0, "\(ledger):\n\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("the seal of what the chains do not cover: intact"), "\(ledger)")
      }
    }
  }

  @Test("run --json is stable and the same file gives the same ledger_digest")
  func jsonAndDigest() throws {
    let tmp = try CLI.tempDir()
    let a = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "a.sqlite", "--json"], in: tmp)
    let b = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "b.sqlite", "--json"], in: tmp)
    #expect(a.status == 0)
    let ja = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
    let jb = try #require(try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])
    let digest = try #require(ja["ledger_digest"] as? String)
    #expect(digest.count == 64)
    #expect(digest == jb["ledger_digest"] as? String)
    #expect((ja["expectations"] as? [String: Any])?["failed"] as? Int == 0)
    #expect(ja["books_agree"] as? Bool == true)
    let events = try #require(ja["events"] as? [String: Any])
    #expect(events["applied"] as? Int == 14)
    #expect(events["deadline_conversions"] as? Int == 2)
    // The ledger file records the same digest, and verify recomputes it.
    let stored = try CLI.sqlite(tmp.appendingPathComponent("a.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'")
    #expect(stored == digest)
    let verify = try CLI.run(["verify", "a.sqlite"], in: tmp)
    #expect(verify.status == 0)
    #expect(verify.stdout.contains("ledger_digest: \(digest)"))
  }

  @Test("a failed expectation exits 1, prints expected and actual, and still writes the ledger")
  func failedExpectation() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "cash: \"PHP 2142000.00\"", with: "cash: \"PHP 2000000.00\"")
    let file = tmp.appendingPathComponent("wrong.yaml")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let out = try CLI.run(["run", "wrong.yaml"], in: tmp)
    #expect(out.status == 1)
    #expect(
      out.stdout.contains(
        "FAIL  2026-10-19  line 104  outstanding JP owes PH cash: expected PHP 2000000.00; actual JP book: PHP 2142000.00; PH book: PHP 2142000.00"
      ))
    #expect(out.stdout.contains("Expectations: 9 passed, 1 failed"))
    #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("wrong.sqlite").path))
  }

  @Test("validate: a valid file says so and exits 0")
  func validateOK() throws {
    let out = try CLI.run(["validate", CLI.scenario("kamandag-2026.yaml")])
    #expect(out.status == 0)
    #expect(
      out.stdout.hasSuffix("valid: \"KAMANDAG 2026 bilateral training\", 24 events (4 orders, 10 expectations), 2026-10-01 to 2027-12-31\n")
    )
  }

  @Test("balance refuses a file that is not a ledger, and an unknown book")
  func balanceErrors() throws {
    let tmp = try CLI.tempDir()
    try "not a database".write(to: tmp.appendingPathComponent("x.sqlite"), atomically: true, encoding: .utf8)
    let bad = try CLI.run(["balance", "x.sqlite"], in: tmp)
    #expect(bad.status == 2)
    #expect(bad.stderr == "acsa: error: x.sqlite is a text file, not an acsa ledger\n")
    let missing = try CLI.run(["balance", "nope.sqlite"], in: tmp)
    #expect(missing.status == 2)
    #expect(missing.stderr == "acsa: error: cannot read nope.sqlite: no such file or folder\n")
    _ = try CLI.run(["run", CLI.scenario("kamandag-2026.yaml"), "--db", "k.sqlite"], in: tmp)
    let book = try CLI.run(["balance", "k.sqlite", "--book", "US"], in: tmp)
    #expect(book.status != 0)
    #expect(book.stderr.contains("'US' is not a party of this ledger; use one of JP, PH"))
  }
}

@Suite("When the two books disagree")
struct BookMismatchCLITests {
  @Test("run and balance show each book's figures and say that they differ")
  func differingBooks() throws {
    let tmp = try CLI.tempDir()
    // The second ration delivery is recorded in the Philippine book only, and the
    // final payment for it in both: JP's book ends with an unapplied credit.
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(
        of: "  - date: 2026-10-19\n    deliver: { order: PH-0002 }",
        with: "  - date: 2026-10-19\n    books: [PH]\n    deliver: { order: PH-0002 }"
      )
      .replacingOccurrences(
        of: "expect: { findings: { overdue: 0, settled_late: 1, late_payment: 1, no_receipt: 0, unsigned_order: 0, book_mismatch: 0 } }",
        with: "expect: { findings: { book_mismatch: 1 } }")
    try source.write(to: tmp.appendingPathComponent("lost.yaml"), atomically: true, encoding: .utf8)
    let run = try CLI.run(["run", "lost.yaml"], in: tmp)
    // Expectations on both books fail where JP's book lacks the delivery; JP's book
    // ends with the second payment unapplied, a credit of PHP 441,000.00.
    #expect(run.status == 1)
    #expect(
      run.stdout.contains(
        "The two books differ:\nJP book:\n  JP owes PH  cash  PHP -441,000.00\nPH book:\n  Nothing is owed in either direction."),
      "\(run.stdout)")
    #expect(run.stdout.contains("The books differ on: PH-0002"))
    #expect(run.stdout.contains("ok    2027-12-31  line 140  findings: book_mismatch: 1"), "\(run.stdout)")
    let balance = try CLI.run(["balance", "lost.sqlite", "--as-of", "2026-10-20"], in: tmp)
    #expect(balance.status == 0)
    try CLI.expectGolden(balance.stdout, "balance-lost-record.txt")
    let json = try CLI.run(["balance", "lost.sqlite", "--json"], in: tmp)
    #expect(json.stdout.contains("\"books_agree\" : false"))
    #expect(json.stdout.contains("\"disagreeing_orders\" : [\n    \"PH-0002\"\n  ]"))
  }
}

@Suite("Generators end to end")
struct GeneratorCLITests {
  @Test("expand writes a plain scenario that gives the same ledger_digest; another seed another digest")
  func expandRoundTrip() throws {
    let tmp = try CLI.tempDir()
    let file = CLI.scenario("programme-2027.yaml")
    let original = try CLI.run(["run", file, "--db", "a.sqlite", "--json"], in: tmp)
    #expect(original.status == 0, "\(original.stderr)")
    let expand = try CLI.run(["expand", file, "-o", "expanded.yaml"], in: tmp)
    #expect(expand.status == 0, "\(expand.stderr)")
    let expanded = try String(contentsOf: tmp.appendingPathComponent("expanded.yaml"), encoding: .utf8)
    #expect(!expanded.contains("generators:"))
    let rerun = try CLI.run(["run", "expanded.yaml", "--db", "b.sqlite", "--json"], in: tmp)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    func digest(_ json: String) throws -> String {
      try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["ledger_digest"] as? String)
    }
    #expect(try digest(original.stdout) == digest(rerun.stdout))
    let other = try CLI.run(["run", file, "--db", "c.sqlite", "--json", "--seed", "12345"], in: tmp)
    #expect(try digest(other.stdout) != digest(original.stdout))
    // The ledger of the generated run verifies.
    #expect(try CLI.run(["verify", "a.sqlite"], in: tmp).status == 0)
  }

  @Test("run --runs N: Monte Carlo statistics as JSON, no ledger, quiet when piped")
  func monteCarlo() throws {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", CLI.scenario("programme-2027.yaml"), "--runs", "12", "--seed", "7", "--json"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stderr.isEmpty)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["runs"] as? Int == 12)
    #expect(json["first_seed"] as? Int == 7)
    let owed = try #require(json["owed"] as? [[String: Any]])
    #expect(!owed.isEmpty)
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(
      findings.map { $0["code"] as? String } == [
        "unsigned_order", "no_receipt", "no_claim", "not_invoiced", "late_payment", "overdue", "book_mismatch", "closed_with_balance",
      ])
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    let again = try CLI.run(["run", CLI.scenario("programme-2027.yaml"), "--runs", "12", "--seed", "7", "--json"], in: tmp)
    var first = json
    var second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    first["seconds"] = nil
    second["seconds"] = nil
    #expect(NSDictionary(dictionary: first).isEqual(to: second), "the same seeds give the same statistics")
  }
}
