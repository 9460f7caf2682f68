import Foundation
import Testing

@Suite("Export to a ledger-cli journal")
struct LedgerExportTests {
  static var ledgerCLI: String? {
    for dir in ["/usr/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/ledger") { return dir + "/ledger" }
    return nil
  }

  /// Parses `ledger balance --flat --no-total` output into "account|commodity" → integer
  /// units (the decimal point removed: every commodity keeps its digits in our export).
  static func parse(_ text: String) -> [String: Int64] {
    var pending: [(String, Int64)] = []
    var result: [String: Int64] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
      guard let amountText = parts.first else { continue }
      let tokens = amountText.split(separator: " ").map(String.init)
      guard tokens.count == 2 else { continue }
      let (number, commodity) =
        Double(tokens[0].replacingOccurrences(of: ",", with: "")) != nil ? (tokens[0], tokens[1]) : (tokens[1], tokens[0])
      let units = Int64(number.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")) ?? 0
      pending.append((commodity.replacingOccurrences(of: "\"", with: ""), units))
      if parts.count == 2 {
        for (c, u) in pending { result["\(parts[1])|\(c)"] = u }
        pending = []
      }
    }
    return result
  }

  @Test(
    "ledger -f FILE balance gives the totals of acsa balance, in both books",
    // Skipped only where ledger-cli cannot be had; CI (.ci/run installs it) never skips.
    .enabled(
      if: LedgerExportTests.ledgerCLI != nil || ProcessInfo.processInfo.environment["CI"] == "true",
      "skipped: ledger-cli is not installed (Debian's `ledger` package; .ci/run installs it)"))
  func sameTotals() throws {
    let ledger = try #require(Self.ledgerCLI, "CI=true but ledger-cli is not installed: .ci/run should have installed it")
    let (tmp, _) = try CLI.kamandagLedger()
    let export = try CLI.run(["export", "k.sqlite", "--format", "ledger", "-o", "k.ledger"], in: tmp)
    #expect(export.status == 0, "\(export.stderr)")
    for (asOf, end) in [("2026-10-20", "2026-10-21"), ("2027-10-11", "2027-10-12")] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ledger)
      process.arguments = [
        "-f", tmp.appendingPathComponent("k.ledger").path, "balance", "--flat", "--no-total", "-e", end, "receivable", "payable",
      ]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      let fromLedger = Self.parse(out)
      let json = try CLI.run(["balance", "k.sqlite", "--as-of", asOf, "--json"], in: tmp)
      let totals = try #require(
        (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["totals"] as? [[String: Any]])
      var fromAcsa: [String: Int64] = [:]
      for row in totals {
        let book = row["book"] as! String
        let creditor = row["creditor"] as! String
        let kind = row["kind"] as! String
        let units = (row["units"] as! NSNumber).int64Value
        let account = creditor == book ? "\(book):receivable:\(kind)" : "\(book):payable:\(kind)"
        fromAcsa["\(account)|\(row["commodity"] as! String)"] = creditor == book ? units : -units
      }
      #expect(!fromAcsa.isEmpty)
      #expect(fromLedger == fromAcsa, "as of \(asOf):\n\(out)")
    }
  }
}
