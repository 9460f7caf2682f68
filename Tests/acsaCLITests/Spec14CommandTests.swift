import Foundation
import Testing

/// Format 1.4 from the command line, on scenarios/relief-leap-year-2028.yaml: the
/// findings and refusals it adds in the audit's JSON, a payment in the receiver's
/// currency kept whole in the ledger (and an edit of it caught by verify), and the same
/// file read as 1.3.
@Suite("Format 1.4 end to end: relief across a leap year")
struct Spec14CommandTests {
  static func ledger() throws -> URL {
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", CLI.scenario("relief-leap-year-2028.yaml"), "--db", "r.sqlite"], in: tmp)
    #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    return tmp
  }

  @Test("the audit reports settled_late and incomplete_order with their evidence, days and missing fields")
  func audit() throws {
    let tmp = try Self.ledger()
    let out = try CLI.run(["audit", "r.sqlite", "--json"], in: tmp)
    #expect(out.status == 1)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["counts"] as? [String: Int] == ["settled_late": 1, "incomplete_order": 1])
    let findings = try #require(json["findings"] as? [[String: Any]])
    let late = try #require(findings.first { $0["code"] as? String == "settled_late" })
    // Water delivered 2027-04-02, deadline 2028-04-02 (12 calendar months), back 2028-05-10.
    #expect(late["order"] as? String == "JP-0002")
    #expect(late["dates"] as? [String: String] == ["delivered": "2027-04-02", "deadline": "2028-04-02", "settled": "2028-05-10"])
    #expect((late["delay"] as? [String: Any])?["days"] as? Int == 38)
    let incomplete = try #require(findings.first { $0["code"] as? String == "incomplete_order" })
    #expect(incomplete["order"] as? String == "PH-0001")
    #expect(incomplete["missing"] as? [String] == ["contacts", "documents"])
    // Overdue from 3 April to 9 May 2028, not after.
    let during = try CLI.run(["audit", "r.sqlite", "--as-of", "2028-04-03", "--code", "overdue", "--json"], in: tmp)
    let d = try #require(try JSONSerialization.jsonObject(with: Data(during.stdout.utf8)) as? [String: Any])
    #expect((d["findings"] as? [[String: Any]])?.map { $0["order"] as? String } == ["JP-0002"])
  }

  @Test("a bill paid in pesos: the log and both books keep the amount paid, the amount applied and the rate; verify catches an edit")
  func eitherCurrency() throws {
    let tmp = try Self.ledger()
    let payload = try CLI.sqlite(
      tmp.appendingPathComponent("r.sqlite").path, "SELECT payload FROM events WHERE action = 'pay' AND order_id = 'JP-0004'")
    // PHP 1,824,000.00 / 0.38 = JPY 4,800,000.
    #expect(payload == "pay|JP-0004|JPY|4800000|@paid|PHP|182400000")
    let message = try CLI.sqlite(
      tmp.appendingPathComponent("r.sqlite").path, "SELECT message FROM events WHERE action = 'pay' AND order_id = 'JP-0004'")
    #expect(message.contains("PHP 1,824,000.00 paid on JP-0004, applied as JPY 4,800,000 at 1 JPY = 0.38 PHP"))
    let show = try CLI.run(["show", "r.sqlite", "JP-0004"], in: tmp)
    #expect(show.stdout.contains("pay JP-0004: PHP 1824000.00 applied as JPY 4800000"))
    #expect(try CLI.run(["verify", "r.sqlite"], in: tmp).status == 0)
    _ = try CLI.sqlite(
      tmp.appendingPathComponent("r.sqlite").path,
      "UPDATE events SET payload = replace(payload, '@paid|PHP|182400000', '@paid|PHP|100000000') WHERE order_id = 'JP-0004'")
    let tampered = try CLI.run(["verify", "r.sqlite"], in: tmp)
    #expect(tampered.status == 1, "\(tampered.stdout)")
  }

  @Test("the same file read as 1.3: 365 days, conversions, and the on-time return refused")
  func asVersion13() throws {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("relief-leap-year-2028.yaml"), encoding: .utf8)
    let old = source.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  format: \"1.4\"") }
      .joined(separator: "\n")
    try old.write(to: tmp.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
    let out = try CLI.run(["run", "old.yaml", "--json"], in: tmp)
    #expect(out.status == 1)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let refusals = try #require(json["refusals"] as? [[String: Any]])
    #expect(
      refusals.map { "\($0["date"] ?? "") \($0["code"] ?? "")" } == [
        "2027-04-05 over_authority", "2028-03-15 over_return", "2028-05-10 over_return",
      ])
  }
}
