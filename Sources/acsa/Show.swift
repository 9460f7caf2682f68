import ACSAAudit
import ACSADomain
import ACSALedger
import ACSAReports
import ArgumentParser
import Foundation

struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show one order's whole story in a ledger: events, entries, obligations, findings.",
    discussion: """
      For an auditor following a finding to its evidence. Per book: the order's terms and \
      status; every event of the log on it (refused ones and checks included) with its \
      number, date and line in the scenario, and the journal entry each book made for it; \
      those entries' postings; the obligations with every date (delivered, created, \
      claimed, billed, due, deadline, settled, converted) and what was still owed at the \
      audit date; and the findings on the order, with their evidence and what is at stake, \
      as `acsa audit` gives them.

      Event numbers are the log's (`events.seq`): `audit`, `verify` and `reconcile` cite \
      the same numbers.

      Examples:  acsa show auditor-training.sqlite PH-0008
                 acsa show kamandag-2026.sqlite PH-0002 --as-of 2026-11-30 --json
      """)

  @Argument(help: "A ledger written by `acsa run` (or one book exported by `acsa export`).")
  var ledger: String

  @Argument(help: "The order's id, e.g. PH-0002.")
  var order: String

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("Findings and what is owed as of the end of this date (default: the end of the run).", valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let audited = try AuditedLedger(path: source.path)
    let asOfDay = day ?? audited.lastDay
    guard let story = try OrderStory.load(audited, order: order, asOf: asOfDay) else {
      let near = try audited.reader.orderIDs(near: order)
      throw ValidationError("this ledger has no order '\(order)'\(Suggestion.didYouMean(order, among: near))")
    }
    let units = try audited.reader.itemUnits()
    let view = ShowView(audited: audited, story: story, itemUnits: units)
    if json {
      print(try Output.json(ShowJSON(ledger: ledger, view: view)))
    } else {
      print(view.text(ledger: ledger))
    }
  }
}

/// What `acsa show` prints, text and JSON from the same reading.
