import ACSADomain
import ACSALedger
import ACSAReports
import ArgumentParser
import Foundation

struct Balance: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show who owes whom in a ledger, by kind and currency, in total and per order.",
    discussion: """
      Reads the journal of each book: what each party owes the other in cash, in kind \
      (items still to be returned) and in equal value, at the end of the run or of \
      --as-of. When the two books disagree, both are shown and the orders on which they \
      differ are named.
      """)

  @Argument(help: "A ledger written by `acsa run`, or one kept in PostgreSQL (postgres://USER@HOST/DATABASE?ledger=NAME).")
  var ledger: String

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Balances at the end of this date.", valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Option(help: ArgumentHelp("Read one party's book only.", valueName: "PARTY"))
  var book: String?

  @Flag(help: "Print JSON (documented in the README).")
  var json = false

  @Flag(help: "Print CSV: one row per book, order (empty for totals), debtor, creditor, kind and commodity.")
  var csv = false

  func validate() throws {
    if json && csv { throw ValidationError("--json and --csv cannot be used together") }
  }

  mutating func run() throws {
    let source = try LedgerArgument.open(ledger)
    ledger = source.name
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let reader = try LedgerReader(path: source.path)
    let info = try reader.info()
    let parties = info.parties.map(\.id)
    if let book, !parties.contains(book) {
      throw ValidationError("--book: '\(book)' is not a party of this ledger; use one of \(parties.joined(separator: ", "))")
    }
    let whole = BalanceReport(
      parties: parties,
      totals: try reader.balances(asOf: day, book: nil, perOrder: false),
      byOrder: try reader.balances(asOf: day, book: nil, perOrder: true),
      itemUnits: try reader.itemUnits())
    // One book: its rows, and whether the ledger's two books agree all the same.
    let report = book.map { whole.only($0) } ?? whole
    let note = day.flatMap { info.outsideRun($0, figures: "balances") }
    if json {
      print(
        try Output.json(
          BalanceJSON(
            ledger: ledger, scenario: info.scenarioName, asOf: day?.description, note: note, book: book, report: report, whole: whole)))
    } else if csv {
      print(try report.csvText(), terminator: "")
    } else {
      print("Ledger: \(ledger) (\(info.scenarioName))")
      print("As of:  \(day?.description ?? "end of run (\(info.meta["scenario_end"] ?? "?"))")")
      if let note { print("Note:   \(note)") }
      print("")
      print(report.text(orders: true))
      if let book, !whole.booksAgree {
        let other = parties.filter { $0 != book }.joined(separator: ", ")
        print("")
        print(
          "This is \(book)'s book alone; \(other)'s book differs on \(whole.disagreeingOrders.joined(separator: ", ")) "
            + "(`acsa balance \(ledger)` shows both, `acsa reconcile` explains).")
      }
    }
  }
}
