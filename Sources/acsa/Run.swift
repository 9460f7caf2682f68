import ACSADomain
import ACSAFiles
import ACSAHTML
import ACSALedger
import ACSALive
import ACSAReports
import ACSAScenario
import ACSASimulation
import ArgumentParser
import Foundation

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay a scenario into a ledger that keeps both parties' books.",
    discussion: """
      Applies the scenario's events in date order (on one date, in file order) under the \
      agreement's rules. Refused events are logged with a stable code and change nothing; \
      procedural lapses are recorded for the audit. Prints what was applied and refused, \
      who owes whom, and the expectations that passed or failed.

      The ledger is built in a temporary file and renamed into place only when complete: \
      an existing ledger at PATH is replaced whole or not at all, keeping its permissions. \
      acsa replaces only an acsa ledger (or an empty file) there: never the scenario \
      itself, a folder, a link or any other file. While it writes PATH, another acsa \
      writing the same PATH is refused.

      Exit status: 0 when every expectation holds, 1 when one fails (the ledger is \
      written either way), 2 on a static error in the scenario (nothing is written), 3 \
      when the ledger cannot be written at PATH, 64 on a usage error.
      """)

  @Argument(help: "The scenario file (YAML).")
  var file: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Where to write the ledger.", discussion: "Default: the scenario's file name with .sqlite, in the current directory.",
      valueName: "PATH"))
  var db: String?

  @Option(help: ArgumentHelp("The seed of the generators' random stream (default: the scenario's `seed`).", valueName: "S"))
  var seed: UInt64?

  @Option(help: ArgumentHelp("Monte Carlo: run N replications with seeds S, S+1... on all cores; no ledger is written.", valueName: "N"))
  var runs: Int?

  @Option(
    name: .customLong("value-in"),
    help: ArgumentHelp(
      "Monte Carlo: value what is owed in this currency, at the scenario's rates on its last day (default: the first party's).",
      valueName: "CUR"))
  var valueIn: String?

  @Option(
    help: ArgumentHelp(
      "Monte Carlo: also give the share of runs in which what one party owes the other at the end exceeds this amount, e.g. \"JPY 10000000\".",
      valueName: "AMOUNT"))
  var threshold: String?

  @Option(help: ArgumentHelp("Monte Carlo: write every run's results to this CSV file, one row per run.", valueName: "PATH"))
  var csv: String?

  @Option(help: ArgumentHelp("Monte Carlo: write a self-contained HTML page with histograms to this file.", valueName: "PATH"))
  var html: String?

  @Option(
    help: ArgumentHelp(
      "Play the scenario up to this day only, into a live ledger that `acsa record` and `acsa serve` continue.",
      discussion:
        "The ledger's clock stands at DATE: deadlines after it are not processed yet. Every scripted event must be dated on or before it, and the scenario may have no generators (a live ledger holds what has happened).",
      valueName: "YYYY-MM-DD"))
  var clock: String?

  @Flag(help: "No progress bar (there is none when standard error is not a terminal, or with --json).")
  var quiet = false

  @Flag(help: "Print the summary as JSON (documented in the README).")
  var json = false

  func validate() throws {
    if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    if runs != nil && db != nil { throw ValidationError("--runs writes no ledger; leave out --db") }
    if runs != nil && clock != nil { throw ValidationError("--runs writes no ledger; leave out --clock") }
    if let clock, Day(text: clock) == nil { throw ValidationError("--clock: '\(clock)' is not a date (YYYY-MM-DD)") }
    if runs == nil {
      for (option, given) in [
        ("--value-in", valueIn != nil), ("--threshold", threshold != nil), ("--csv", csv != nil), ("--html", html != nil),
      ]
      where given {
        throw ValidationError("\(option) is for a Monte Carlo run; add --runs N")
      }
    }
  }

  func run() throws {
    if runs != nil {
      let (scenario, _) = try ScenarioInput.loadStream(file, seed: seed, consequence: "; no ledger written")
      try monteCarlo(scenario, runs: runs!)
      return
    }
    let (scenario, generated) = try ScenarioInput.loadStream(file, seed: seed, consequence: "; no ledger written")
    let path = db ?? Self.defaultLedgerPath(for: file)
    let through = try clock.flatMap { Day(text: $0) }.map { try LiveStart.check(scenario, clock: $0) }
    let days = max(scenario.start.days(to: through ?? scenario.end), 1)
    let bar = !quiet && !json && ProgressBar.wanted ? ProgressBar(total: days, label: "replaying", unit: "days") : nil
    let outcome = try LedgerRun.write(
      scenario, generated: generated, to: path, inputs: [file], version: ACSAVersion.current, through: through
    ) { day in
      bar?.update(scenario.start.days(to: day))
    }
    bar?.update(days)
    let reader = try LedgerReader(path: path)
    let report = try BalanceReport(
      parties: scenario.framework.partyIDs,
      totals: reader.balances(asOf: nil, book: nil, perOrder: false),
      byOrder: reader.balances(asOf: nil, book: nil, perOrder: true),
      itemUnits: scenario.framework.items.mapValues(\.unit))
    let summary = RunSummary(
      scenario: scenario, ledger: path, result: outcome.result, digest: outcome.digest, balances: report, clock: through)
    print(json ? try Output.json(summary.json) : summary.text)
    if !outcome.result.failedExpectations.isEmpty { throw Exit.somethingToReport }
  }

  func monteCarlo(_ scenario: Scenario, runs asked: Int) throws {
    let currencies = scenario.framework.parties.map(\.currency)
    var currency = currencies.first ?? .jpy
    if let valueIn {
      guard let c = Currency(code: valueIn), currencies.contains(c) else {
        throw ValidationError(
          "--value-in: '\(valueIn)' is not a currency of this scenario; use one of \(currencies.map(\.code).joined(separator: ", "))")
      }
      currency = c
    }
    var limit: Money?
    if let threshold {
      do {
        limit = try Money(parsing: threshold)
      } catch {
        throw ValidationError("--threshold: '\(threshold)' is not an amount; write a currency code and a number, e.g. \"JPY 10000000\"")
      }
      if let l = limit, !currencies.contains(l.currency) {
        throw ValidationError(
          "--threshold: \(l.currency.code) is not a currency of this scenario; use one of \(currencies.map(\.code).joined(separator: ", "))"
        )
      }
    }
    // Without generators every seed gives the same run: one is enough.
    let runs = scenario.generators.isEmpty ? 1 : asked
    let bar = !quiet && !json && ProgressBar.wanted ? ProgressBar(total: runs, label: "Monte Carlo", unit: "runs") : nil
    let started = Date()
    var progress: (@Sendable (Int) -> Void)?
    if let bar { progress = { done in bar.update(done) } }
    let summary = try MonteCarlo.run(scenario, runs: runs, firstSeed: scenario.seed, progress: progress)
    let analysis = MonteCarloAnalysis(scenario: scenario, summary: summary, currency: currency, threshold: limit)
    let report = MonteCarloReport(scenario: scenario, analysis: analysis, seconds: Date().timeIntervalSince(started), asked: asked)
    if let csv {
      let output = try AtomicOutput(path: csv, kind: MonteCarloReport.csvKind, inputs: [file])
      try output.write(try report.csv(summary))
      try output.commit()
    }
    if let html {
      let page = MonteCarloPage(
        analysis: analysis, scenarioName: scenario.name, scenarioFile: file, note: report.noGenerators,
        negatives: report.negatives, version: ACSAVersion.current)
      try page.write(to: html, inputs: [file])
    }
    print(json ? try Output.json(report.json) : report.text)
  }

  static func defaultLedgerPath(for scenarioFile: String) -> String {
    let base = URL(fileURLWithPath: scenarioFile).deletingPathExtension().lastPathComponent
    return base + ".sqlite"
  }
}
