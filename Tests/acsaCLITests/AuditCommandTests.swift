import Foundation
import Testing

@Suite("acsa audit, verify, export and reconcile")
struct AuditCommandTests {
  @Test("golden: audit of the KAMANDAG ledger, one late payment, exit 1")
  func goldenAudit() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let out = try CLI.run(["audit", "k.sqlite"], in: tmp)
    #expect(out.status == 1)
    try CLI.expectGolden(out.stdout, "audit-kamandag-2026.txt")
  }

  @Test("audit as of the day after a deadline: overdue, aged 12-18 months, valued in both currencies")
  func auditAsOf() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let out = try CLI.run(["audit", "k.sqlite", "--as-of", "2027-10-11", "--json"], in: tmp)
    #expect(out.status == 1)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["counts"] as? [String: Int] == ["late_payment": 1, "overdue": 1])
    let findings = try #require(json["findings"] as? [[String: Any]])
    let overdue = try #require(findings.first { $0["code"] as? String == "overdue" })
    #expect(overdue["order"] as? String == "JP-0002")
    #expect(overdue["dates"] as? [String: String] == ["delivered": "2026-10-10", "deadline": "2027-10-10"])
    // 2,000 rounds converted at JPY 120 = JPY 240,000; in PHP at 0.3871: PHP 92,904.00.
    let stake = try #require((overdue["stake"] as? [[String: Any]])?.first)
    #expect(stake["amount"] as? String == "JPY 240000")
    #expect(stake["converted"] as? String == "PHP 92904.00")
    #expect((stake["rate"] as? [String: Any])?["date"] as? String == "2026-09-01")
    let aging = try #require(json["aging"] as? [[String: Any]])
    #expect(aging.count == 2)  // one row per book
    #expect(aging.allSatisfy { $0["months"] as? String == "12-18" && $0["kind"] as? String == "cash" })
  }

  @Test("fiscal years: one delivery counts in JP FY2026 and PH FY2027")
  func fiscalYears() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "  - date: 2027-03-15\n    return:", with: "  - date: 2027-02-15\n    return:")
    try source.write(to: tmp.appendingPathComponent("fy.yaml"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", "fy.yaml"], in: tmp).status == 0)
    let out = try CLI.run(["audit", "fy.sqlite", "--json"], in: tmp)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let years = try #require(json["fiscal_years"] as? [[String: Any]])
    // The diesel returned on 15 Feb 2027 (8,000 L x JPY 150 = JPY 1,200,000) settles a
    // JP claim in JP FY2026 (April 2026 - March 2027) and a PH debt in PH FY2027.
    let jp2026 = try #require(years.first { $0["party"] as? String == "JP" && $0["year"] as? String == "FY2026" })
    #expect(jp2026["settled_on_its_claims"] as? [String] == ["JPY 1200000"])
    #expect(jp2026["provided"] as? [String] == ["JPY 2640000"])
    let ph2027 = try #require(years.first { $0["party"] as? String == "PH" && $0["year"] as? String == "FY2027" })
    #expect(ph2027["settled_on_its_debts"] as? [String] == ["JPY 2640000"])
    let ph2026 = try #require(years.first { $0["party"] as? String == "PH" && $0["year"] as? String == "FY2026" })
    #expect(ph2026["settled_on_its_debts"] as? [String] == [])
  }

  @Test("verify passes on a fresh ledger and prints each book's head")
  func verifyClean() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let out = try CLI.run(["verify", "k.sqlite", "--json"], in: tmp)
    #expect(out.status == 0, "\(out.stdout)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["ok"] as? Bool == true)
    #expect(json["ledger_digest"] as? String == json["recorded_digest"] as? String)
    let heads = try #require(json["book_heads"] as? [String: String])
    #expect(heads.keys.sorted() == ["JP", "PH"])
    let anchored = try CLI.run(["verify", "k.sqlite", "--head", "JP=\(heads["JP"]!)"], in: tmp)
    #expect(anchored.status == 0)
    #expect(anchored.stdout.contains("found in JP's chain"))
  }

  @Test("export one book per party; the exports verify, keep their heads, and reconcile")
  func exportAndReconcile() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let verify = try CLI.run(["verify", "k.sqlite", "--json"], in: tmp)
    let heads = try #require(
      (try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])?["book_heads"] as? [String: String])
    for party in ["JP", "PH"] {
      let out = try CLI.run(["export", "k.sqlite", "--book", party, "--db", "\(party).sqlite"], in: tmp)
      #expect(out.status == 0, "\(out.stderr)")
      #expect(out.stdout.contains("head hash \(party): \(heads[party]!)"))
      let v = try CLI.run(["verify", "\(party).sqlite", "--head", "\(party)=\(heads[party]!)"], in: tmp)
      #expect(v.status == 0, "\(v.stdout)")
      // Nothing of the other book travels with it, in any table kept per book.
      let file = tmp.appendingPathComponent("\(party).sqlite").path
      for table in ["entries", "postings", "orders", "deliveries", "order_events", "obligations", "unapplied", "daily_balances"] {
        #expect(try CLI.sqlite(file, "SELECT COUNT(*) FROM \(table) WHERE book <> '\(party)'") == "0", "\(party): \(table)")
      }
      #expect(try CLI.sqlite(file, "SELECT COUNT(*) FROM deliveries") != "0")
    }
    let one = try CLI.run(["reconcile", "k.sqlite"], in: tmp)
    #expect(one.status == 0)
    #expect(one.stdout.contains("The books agree on every order."))
    let two = try CLI.run(["reconcile", "JP.sqlite", "PH.sqlite"], in: tmp)
    #expect(two.status == 0, "\(two.stdout)")
    // An exported book audits alone.
    let audit = try CLI.run(["audit", "JP.sqlite", "--json"], in: tmp)
    #expect(audit.status == 1)
    #expect(audit.stdout.contains("\"late_payment\" : 1"))
  }

  @Test("reconcile names each order on which the books disagree and what each says")
  func reconcileDifferences() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(
        of: "  - date: 2026-10-19\n    deliver: { order: PH-0002 }",
        with: "  - date: 2026-10-19\n    books: [PH]\n    deliver: { order: PH-0002 }")
    try source.write(to: tmp.appendingPathComponent("lost.yaml"), atomically: true, encoding: .utf8)
    _ = try CLI.run(["run", "lost.yaml"], in: tmp)
    let out = try CLI.run(["reconcile", "lost.sqlite"], in: tmp)
    #expect(out.status == 1)
    try CLI.expectGolden(out.stdout, "reconcile-lost-record.txt")
    for party in ["JP", "PH"] { _ = try CLI.run(["export", "lost.sqlite", "--book", party, "--db", "\(party).sqlite"], in: tmp) }
    let two = try CLI.run(["reconcile", "JP.sqlite", "PH.sqlite"], in: tmp)
    #expect(two.status == 1)
    #expect(two.stdout.contains("PH-0002"))
    #expect(two.stdout.contains("only here: deliver on 2026-10-19"))
    let audit = try CLI.run(["audit", "lost.sqlite", "--json"], in: tmp)
    #expect(audit.stdout.contains("\"book_mismatch\" : 1"))
  }
}

@Suite("Audit as of an earlier date, from the end-of-run books")
struct AuditAsOfTests {
  @Test("what was owed in the middle of the run: aging agrees with balance --as-of")
  func agingMidRun() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    // On 15 Nov 2026 the billeting is paid; the rations (PHP 882,000.00) are not, the
    // diesel and ammunition are still to be returned.
    let out = try CLI.run(["audit", "k.sqlite", "--as-of", "2026-11-15", "--json"], in: tmp)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let aging = try #require(json["aging"] as? [[String: Any]])
    let jp = aging.filter { $0["book"] as? String == "JP" }
    let cash = try #require(jp.first { $0["kind"] as? String == "cash" })
    #expect((cash["value"] as? [String: Any])?["amount"] as? String == "PHP 882000.00")
    #expect(cash["months"] as? String == "0-6")
    #expect(cash["obligations"] as? Int == 2)
    let inKind = try #require(jp.first { $0["kind"] as? String == "in_kind" })
    // 8,000 L x JPY 150 + 12,000 rounds x JPY 120 = JPY 2,640,000.
    #expect((inKind["value"] as? [String: Any])?["amount"] as? String == "JPY 2640000")
    // The late ration bill (due 11 Nov) is already a finding on 15 Nov.
    #expect(json["counts"] as? [String: Int] == ["late_payment": 1])
    let balance = try CLI.run(["balance", "k.sqlite", "--as-of", "2026-11-15", "--book", "JP", "--csv"], in: tmp)
    #expect(balance.stdout.contains("JP,,JP,PH,cash,PHP,882000.00,88200000"))
  }
}
