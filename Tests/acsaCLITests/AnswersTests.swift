import Foundation
import Testing

/// The auditor's questions answered from the tool: one order's story (`acsa show`), the
/// evidence and stake of every finding, the audit's filters, one numbering of events,
/// and messages that say what is wrong and what was meant.
///
/// The figures are those of `scenarios/auditor-training.yaml`, computed by hand from it:
/// PH-0002's claim was due 2027-02-23 and paid 2027-03-02 (7 days late); JP-0001's
/// deadline 2028-01-21 is 70 days before the audit date 2028-03-31 (10 + 29 + 31 days, 2028
/// being a leap year); PH-0008's return of 24,000 L JET-A1 (at PHP 55.00 a litre, PHP
/// 1,320,000.00) is in JP's book only.
@Suite("Answers: acsa show, finding evidence, audit filters, messages that teach")
struct AnswersTests {
  static func trainingLedger() throws -> URL {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", CLI.scenario("auditor-training.yaml"), "--db", "t.sqlite", "--quiet"], in: tmp)
    if out.status != 0 { throw CLIError("run failed: \(out.stderr)") }
    return tmp
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func finding(_ json: [String: Any], _ code: String, _ order: String) throws -> [String: Any] {
    let findings = try #require(json["findings"] as? [[String: Any]])
    return try #require(findings.first { $0["code"] as? String == code && $0["order"] as? String == order })
  }

  // MARK: - acsa show

  @Test("show: one order's events, entries, obligations and findings (golden)")
  func showGolden() throws {
    let tmp = try Self.trainingLedger()
    let out = try CLI.run(["show", "t.sqlite", "PH-0008"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    try CLI.expectGolden(out.stdout, "show-auditor-training-PH-0008.txt")
  }

  @Test("show --json: the log's numbers, each book's entries, what is still owed per book, the findings")
  func showJSON() throws {
    let tmp = try Self.trainingLedger()
    let out = try CLI.run(["show", "t.sqlite", "PH-0008", "--json"], in: tmp)
    #expect(out.status == 0)
    let json = try Self.json(out.stdout)
    let events = try #require(json["events"] as? [[String: Any]])
    #expect(events.map { $0["seq"] as? Int } == [14, 20, 74, 89])
    #expect(events.map { $0["action"] as? String } == ["order", "deliver", "return", "expect"])
    // The return is in JP's book only: its entry 59.
    let returned = events[2]["entries"] as? [[String: Any]]
    #expect(returned?.count == 1)
    #expect(returned?.first?["book"] as? String == "JP")
    #expect(returned?.first?["entry"] as? Int == 59)
    let entries = try #require(json["entries"] as? [[String: Any]])
    #expect(entries.map { "\($0["book"] ?? "") \($0["entry"] ?? "")" } == ["JP 14", "JP 20", "JP 59", "PH 14", "PH 20"])
    let obligations = try #require(json["obligations"] as? [[String: Any]])
    #expect(obligations.count == 2)
    #expect(obligations.map { $0["still_owed_units"] as? Int } == [0, 24_000_000])
    #expect(obligations.map { $0["settled"] as? String } == ["2027-05-25", nil])
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.map { $0["code"] as? String } == ["overdue", "book_mismatch"])
  }

  @Test("show: an order the ledger does not have is a usage error that suggests the nearest")
  func showUnknownOrder() throws {
    let tmp = try Self.trainingLedger()
    let out = try CLI.run(["show", "t.sqlite", "PH-0080"], in: tmp)
    #expect(out.status == 64)
    #expect(out.stderr.hasPrefix("acsa: error: this ledger has no order 'PH-0080'; did you mean 'PH-0008'"))
  }

  // MARK: - Evidence and stakes

  @Test("audit --json: evidence events with lines and entries, days late, and whether the stake is still owed")
  func evidence() throws {
    let tmp = try Self.trainingLedger()
    let json = try Self.json(try CLI.run(["audit", "t.sqlite", "--json"], in: tmp).stdout)

    let late = try Self.finding(json, "late_payment", "PH-0002")
    let lateEvents = try #require(late["evidence"] as? [[String: Any]])
    // The delivery and the invoice of 2027-01-24, the payment of 2027-03-02.
    #expect(lateEvents.map { $0["seq"] as? Int } == [22, 23, 57])
    #expect(lateEvents.map { $0["action"] as? String } == ["deliver", "invoice", "pay"])
    #expect(lateEvents.allSatisfy { $0["line"] as? Int != nil })
    #expect((lateEvents[2]["entries"] as? [[String: Any]])?.map { $0["entry"] as? Int } == [50, 50])
    let lateDelay = late["delay"] as? [String: Any]
    #expect(lateDelay?["days"] as? Int == 7 && lateDelay?["after"] as? String == "due")
    #expect(late["since"] as? String == "2027-02-23")
    // Paid since: nothing of it is owed at the audit date.
    #expect((late["still_owed"] as? [Any])?.isEmpty == true)
    #expect(
      late["message"] as? String == "A cash claim on PH-0002, due 2027-02-23, was paid only on 2027-03-02, 7 days after its due date.")

    let overdue = try Self.finding(json, "overdue", "JP-0001")
    let overdueDelay = overdue["delay"] as? [String: Any]
    #expect(overdueDelay?["days"] as? Int == 70 && overdueDelay?["after"] as? String == "deadline")
    #expect(overdue["still_owed"] is NSNull || overdue["still_owed"] == nil)

    // Never invoiced and still owed: the stake is still owed.
    let notInvoiced = try Self.finding(json, "not_invoiced", "PH-0005")
    #expect((notInvoiced["still_owed"] as? [[String: Any]])?.first?["amount"] as? String == "PHP 425000.00")

    // book_mismatch has a stake: what PH's book says is owed and JP's does not.
    let mismatch = try Self.finding(json, "book_mismatch", "PH-0008")
    #expect((mismatch["stake"] as? [[String: Any]])?.first?["amount"] as? String == "PHP 1320000.00")
    #expect(mismatch["quantities"] as? [String] == ["24,000 L JET-A1"])
    #expect((mismatch["evidence"] as? [[String: Any]])?.map { $0["seq"] as? Int } == [74])
  }

  @Test("audit text: the stake says when it was settled since, and the aging table has column labels")
  func stakeWords() throws {
    let tmp = try Self.trainingLedger()
    let text = try CLI.run(["audit", "t.sqlite"], in: tmp).stdout
    #expect(text.contains("    Evidence: event 74 (2027-05-25, return, line 461; entry JP 59)\n"))
    #expect(text.contains("    Settled since: nothing of it is owed on 2028-03-31.\n"))
    #expect(text.contains("    Still owed on 2028-03-31: PHP 425,000.00"))
    #expect(text.contains("  book     who owes whom  kind     months  obligations  still owed"))
  }

  // MARK: - Filters

  @Test(
    "audit filters: order, unit, code, book, fiscal year (hand-counted)",
    arguments: [
      (["--order", "PH-0008", "--order", "JP-0001"], ["overdue JP-0001", "overdue PH-0008", "book_mismatch PH-0008"]),
      (["--unit", "1TAG"], ["overdue PH-0008", "book_mismatch PH-0008"]),
      (["--code", "overdue"], ["overdue JP-0001", "overdue PH-0005", "overdue PH-0008"]),
      (["--code", "no_receipt,no_claim"], ["no_claim JP-0002", "no_receipt JP-0003"]),
      // JP's book shows everything but PH-0008's overdue, which only PH's book has.
      (
        ["--book", "JP"],
        [
          "overdue JP-0001", "closed_with_balance JP-0005", "late_payment PH-0002", "no_claim JP-0002", "no_receipt JP-0003",
          "not_invoiced PH-0005", "overdue PH-0005", "book_mismatch PH-0008", "unsigned_order JP-0004",
        ]
      ),
      // JP's FY2027 is April 2027 to March 2028: the three overdues (2028) and the
      // mismatch (the return of 2027-05-25); everything else arose before April 2027.
      (["--fiscal-year", "JP:FY2027"], ["overdue JP-0001", "overdue PH-0005", "overdue PH-0008", "book_mismatch PH-0008"]),
      (["--code", "overdue", "--book", "JP", "--fiscal-year", "PH:FY2027"], []),
    ])
  func filters(_ options: [String], _ expected: [String]) throws {
    let tmp = try Self.trainingLedger()
    let out = try CLI.run(["audit", "t.sqlite", "--json"] + options, in: tmp)
    #expect(out.status == (expected.isEmpty ? 0 : 1))
    let json = try Self.json(out.stdout)
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.map { "\($0["code"] ?? "") \($0["order"] ?? "")" } == expected)
    #expect(json["findings_in_all"] as? Int == 10)
  }

  @Test(
    "audit filters: a value the ledger does not have is a usage error naming what it has",
    arguments: [
      (["--code", "ovrdue"], "--code: 'ovrdue' is not a finding code (did you mean 'overdue'?)"),
      (["--unit", "1TGA"], "--unit: '1TGA' is not a unit of this ledger (did you mean '1TAG'?)"),
      (["--book", "US"], "--book: 'US' is not a book of this ledger; use one of JP, PH"),
      (["--order", "JP-0010"], "--order: this ledger has no order 'JP-0010'"),
      (["--fiscal-year", "JP-2026"], "--fiscal-year: 'JP-2026' is not PARTY:FYyyyy with PARTY one of JP, PH, e.g. JP:FY2026"),
    ])
  func badFilters(_ options: [String], _ message: String) throws {
    let tmp = try Self.trainingLedger()
    let out = try CLI.run(["audit", "t.sqlite"] + options, in: tmp)
    #expect(out.status == 64)
    #expect(out.stderr.hasPrefix("acsa: error: " + message), "\(out.stderr)")
  }

  @Test("audit: integrity problems come first, with a word that the findings cannot be trusted")
  func integrityFirst() throws {
    let tmp = try Self.trainingLedger()
    let path = tmp.appendingPathComponent("t.sqlite").path
    _ = try CLI.sqlite(path, "UPDATE postings SET amount = amount - 10000 WHERE book = 'PH' AND entry_no = 20 AND line_no = 0")
    let text = try CLI.run(["audit", "t.sqlite"], in: tmp).stdout
    let warning = try #require(text.range(of: "The ledger fails its own checks, so the findings below cannot be trusted"))
    let findings = try #require(text.range(of: "\nFindings: "))
    let integrity = try #require(text.range(of: "  integrity  PH-0008  [PH]"))
    #expect(warning.lowerBound < integrity.lowerBound)
    #expect(integrity.lowerBound < findings.lowerBound)
  }

  @Test("one numbering of events: reconcile, verify, audit and show cite the log's numbers")
  func eventNumbers() throws {
    let tmp = try Self.trainingLedger()
    let reconcile = try CLI.run(["reconcile", "t.sqlite"], in: tmp).stdout
    #expect(reconcile.contains("return on 2027-05-25 (event 74)"))
    let verify = try CLI.run(["verify", "t.sqlite"], in: tmp).stdout
    // 92 rows in the log: 63 chained events and 29 expectations.
    #expect(verify.contains("event log  events 1-92, 63 chained  chain ok"))
    let show = try Self.json(try CLI.run(["show", "t.sqlite", "PH-0008", "--json"], in: tmp).stdout)
    let events = try #require(show["events"] as? [[String: Any]])
    #expect(events.contains { $0["seq"] as? Int == 74 && $0["action"] as? String == "return" })
    let maximum = try CLI.sqlite(tmp.appendingPathComponent("t.sqlite").path, "SELECT MAX(seq) FROM events")
    #expect(maximum == "92")
  }

  // MARK: - balance

  @Test("balance --book PH --json: books_agree speaks for the whole ledger, and the text says the other book differs")
  func balanceOneBook() throws {
    let tmp = try Self.trainingLedger()
    let json = try Self.json(try CLI.run(["balance", "t.sqlite", "--book", "PH", "--json"], in: tmp).stdout)
    #expect(json["books_agree"] as? Bool == false)
    #expect(json["disagreeing_orders"] as? [String] == ["PH-0008"])
    #expect(json["book"] as? String == "PH")
    let rows = try #require(json["totals"] as? [[String: Any]])
    #expect(rows.allSatisfy { $0["book"] as? String == "PH" })
    let text = try CLI.run(["balance", "t.sqlite", "--book", "PH"], in: tmp).stdout
    #expect(text.contains("This is PH's book alone; JP's book differs on PH-0008"))
  }

  @Test("balance --as-of outside the run says so")
  func asOfOutsideTheRun() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let before = try CLI.run(["balance", "k.sqlite", "--as-of", "2026-01-01"], in: tmp).stdout
    #expect(before.contains("Note:   2026-01-01 is before the run's first day (2026-10-01): nothing had happened yet"))
    let after = try Self.json(try CLI.run(["balance", "k.sqlite", "--as-of", "2030-01-01", "--json"], in: tmp).stdout)
    #expect((after["note"] as? String)?.hasPrefix("2030-01-01 is after the run's last day (2027-12-31)") == true)
    let inside = try Self.json(try CLI.run(["balance", "k.sqlite", "--as-of", "2027-01-01", "--json"], in: tmp).stdout)
    #expect(inside["note"] == nil)
  }

  // MARK: - Messages

  @Test(
    "an unknown subcommand says so and suggests the nearest; help of an unknown one is an error",
    arguments: [
      (["audti"], "acsa: error: unknown command 'audti'; did you mean `acsa audit`?"),
      (["balnce", "x.sqlite"], "acsa: error: unknown command 'balnce'; did you mean `acsa balance`?"),
      (["help", "nonexist"], "acsa: error: unknown command 'nonexist'"),
      (["frobnicate"], "acsa: error: unknown command 'frobnicate'"),
    ])
  func unknownCommand(_ arguments: [String], _ message: String) throws {
    let out = try CLI.run(arguments)
    #expect(out.status == 64)
    #expect(out.stderr.components(separatedBy: "\n").first == message)
    #expect(out.stdout.isEmpty)
  }

  @Test("one error style: ArgumentParser's errors and acsa's start `acsa: error:` and name the command's usage")
  func oneErrorStyle() throws {
    let missing = try CLI.run(["run"])
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("acsa: error: Missing expected argument '<file>'"))
    #expect(missing.stderr.contains("Usage: acsa run <file>"))
    let (tmp, _) = try CLI.kamandagLedger()
    let badDate = try CLI.run(["balance", "k.sqlite", "--as-of", "2027-02-30"], in: tmp)
    #expect(badDate.status == 64)
    #expect(badDate.stderr.hasPrefix("acsa: error: --as-of: '2027-02-30' is not a date"))
    #expect(badDate.stderr.contains("Usage: acsa balance <ledger>"))
    #expect(try CLI.run(["help", "audit"]).status == 0)
  }

  @Test("a tab in the indentation says that YAML forbids tabs, at the tab")
  func tabs() throws {
    let tmp = try CLI.tempDir()
    try "scenario:\n  name: x\n\tstart: 2026-01-01\n".write(to: tmp.appendingPathComponent("tab.yaml"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["validate", "tab.yaml"], in: tmp)
    #expect(out.status == 2)
    #expect(
      out.stderr.hasPrefix(
        "tab.yaml:3:1: error: yaml syntax error: a tab in the indentation; YAML forbids tabs for indenting, indent with spaces"))
  }

  @Test("a ledger given for a scenario, and the reverse, says what the file is and which commands read it")
  func wrongKindOfFile() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let run = try CLI.run(["validate", "k.sqlite"], in: tmp)
    #expect(run.status == 2)
    #expect(
      run.stderr.contains(
        "this is an SQLite database (a ledger?), not a scenario: `acsa balance`, `audit`, `verify` and `report` read ledgers"))
    let audit = try CLI.run(["audit", CLI.scenario("kamandag-2026.yaml")], in: tmp)
    #expect(audit.status == 2)
    #expect(audit.stderr.contains("is a YAML scenario (`acsa validate`, `run` and `explain` read scenarios), not an acsa ledger"))
  }

  @Test("the HTML report shows a description's `code` as code, never a literal backtick")
  func noBackticks() throws {
    let tmp = try CLI.tempDir()
    #expect(try CLI.run(["run", CLI.scenario("teaching-no-offset.yaml"), "--db", "n.sqlite", "--quiet"], in: tmp).status == 0)
    #expect(try CLI.run(["report", "n.sqlite", "--html", "n.html"], in: tmp).status == 0)
    let html = try String(contentsOf: tmp.appendingPathComponent("n.html"), encoding: .utf8)
    #expect(!html.contains("`"))
    #expect(html.contains("<span class=\"code\">offset: false</span>"))
  }

  @Test("names that end in parentheses are not doubled: `JS Takanami (DD-110), JP`")
  func unitNames() throws {
    let out = try CLI.run(["explain", CLI.scenario("programme-2027.yaml")])
    #expect(!out.stdout.contains(") (JP)") && !out.stdout.contains(") (PH)"))
    #expect(out.stdout.contains("JS Takanami (DD-110), JP"))
  }
}
