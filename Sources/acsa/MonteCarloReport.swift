import ACSADomain
import ACSAReports
import ACSAScenario
import ACSASimulation
import Foundation

/// What `acsa run --runs N` prints.
struct MonteCarloReport {
  let scenario: Scenario
  let summary: MonteCarlo.Summary
  let seconds: Double

  func amount(_ key: OpenTotal.Key, _ units: Int64) -> String {
    if key.kind == .inKind { return Quantity(milli: units).formatted }
    guard let c = Currency(code: key.commodity) else { return String(units) }
    return Money.decimalText(units, c.minorDigits, grouped: true)
  }

  func amount(_ key: OpenTotal.Key, _ mean: Double) -> String {
    amount(key, Int64(mean.rounded()))
  }

  var text: String {
    var out: [String] = []
    let last = summary.firstSeed &+ UInt64(max(summary.runs - 1, 0))
    out.append(
      "Monte Carlo: \(summary.runs) runs of \"\(scenario.name)\", seeds \(summary.firstSeed) to \(last), \(String(format: "%.1f", seconds)) s"
    )
    out.append("")
    func section(_ title: String, _ rows: [(key: OpenTotal.Key, stat: MonteCarlo.Statistic)]) {
      out.append(title)
      guard !rows.isEmpty else {
        out.append("  nothing, in every run")
        return
      }
      var t = TextTable(rightAligned: [3, 4, 5, 6])
      t.add(["", "kind", "commodity", "mean", "p50", "p95", "max"])
      for (key, s) in rows {
        t.add([
          "\(key.debtor) owes \(key.creditor)", key.kind.rawValue.split(separator: "_").joined(separator: " "), key.commodity,
          amount(key, s.mean), amount(key, s.p50), amount(key, s.p95), amount(key, s.max),
        ])
      }
      out.append(t.render())
    }
    section("Owed at the end (\(scenario.end)), in the creditor's book:", summary.owed)
    out.append("")
    section("Of which past the 12-month deadline:", summary.overdue)
    out.append("")
    out.append("Findings at the end (orders per run):")
    var t = TextTable(rightAligned: [1, 2, 3, 4])
    t.add(["", "mean", "p50", "p95", "max"])
    for (code, s) in summary.findings {
      t.add([code.rawValue, String(format: "%.1f", s.mean), String(s.p50), String(s.p95), String(s.max)])
    }
    t.add([
      "refused events", String(format: "%.1f", summary.refused.mean), String(summary.refused.p50), String(summary.refused.p95),
      String(summary.refused.max),
    ])
    out.append(t.render())
    return out.joined(separator: "\n")
  }

  struct JSON: Encodable {
    struct Stat: Encodable {
      let mean: Double
      let p50: Int64
      let p95: Int64
      let max: Int64
    }
    struct Row: Encodable {
      let debtor: String
      let creditor: String
      let kind: String
      let commodity: String
      let units: Stat
    }
    struct FindingRow: Encodable {
      let code: String
      let orders: Stat
    }
    let scenario: String
    let runs: Int
    let first_seed: UInt64
    let seconds: Double
    let owed: [Row]
    let overdue: [Row]
    let findings: [FindingRow]
    let refused: Stat
  }

  var json: JSON {
    func stat(_ s: MonteCarlo.Statistic) -> JSON.Stat {
      JSON.Stat(mean: (s.mean * 1000).rounded() / 1000, p50: s.p50, p95: s.p95, max: s.max)
    }
    func rows(_ r: [(key: OpenTotal.Key, stat: MonteCarlo.Statistic)]) -> [JSON.Row] {
      r.map {
        JSON.Row(
          debtor: $0.key.debtor, creditor: $0.key.creditor, kind: $0.key.kind.rawValue, commodity: $0.key.commodity, units: stat($0.stat))
      }
    }
    return JSON(
      scenario: scenario.name, runs: summary.runs, first_seed: summary.firstSeed, seconds: (seconds * 100).rounded() / 100,
      owed: rows(summary.owed), overdue: rows(summary.overdue),
      findings: summary.findings.map { JSON.FindingRow(code: $0.code.rawValue, orders: stat($0.stat)) }, refused: stat(summary.refused))
  }
}

/// A progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
  let total: Int
  let label: String
  let unit: String
  private let lock = NSLock()
  private var last = Date.distantPast

  init(total: Int, label: String, unit: String = "") {
    self.total = total
    self.label = label
    self.unit = unit
  }

  /// Whether a bar should be shown: standard error is a terminal.
  static var wanted: Bool { isatty(STDERR_FILENO) != 0 }

  func update(_ done: Int) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard done == total || now.timeIntervalSince(last) > 0.1 else { return }
    last = now
    let width = 30
    let filled = total == 0 ? width : width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(unit.isEmpty ? "" : " " + unit)".utf8))
    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
