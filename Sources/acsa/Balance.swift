import ACSADomain
import ACSALedger
import ACSAReports
import ArgumentParser
import CSV
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

  @Argument(help: "A ledger written by `acsa run`.")
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

  func run() throws {
    let day = try asOf.map { try Output.parseDay($0, option: "--as-of") }
    let reader = try LedgerReader(path: ledger)
    let info = try reader.info()
    let parties = info.parties.map(\.id)
    if let book, !parties.contains(book) {
      throw ValidationError("--book: '\(book)' is not a party of this ledger; use one of \(parties.joined(separator: ", "))")
    }
    let report = BalanceReport(
      parties: book.map { [$0] } ?? parties,
      totals: try reader.balances(asOf: day, book: book, perOrder: false),
      byOrder: try reader.balances(asOf: day, book: book, perOrder: true),
      itemUnits: try reader.itemUnits())
    if json {
      print(try Output.json(BalanceJSON(ledger: ledger, scenario: info.scenarioName, asOf: day?.description, report: report)))
    } else if csv {
      print(try csvText(report), terminator: "")
    } else {
      print("Ledger: \(ledger) (\(info.scenarioName))")
      print("As of:  \(day?.description ?? "end of run (\(info.meta["scenario_end"] ?? "?"))")")
      print("")
      print(report.text(orders: true))
    }
  }

  func csvText(_ report: BalanceReport) throws -> String {
    let writer = try CSVWriter(stream: .toMemory())
    try writer.write(row: ["book", "order", "debtor", "creditor", "kind", "commodity", "amount", "units"])
    for row in report.totals + report.byOrder {
      try writer.write(row: [
        row.book, row.orderID ?? "", row.debtor, row.creditor, row.kind, row.commodity, row.numberText, String(row.units),
      ])
    }
    writer.stream.close()
    let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

struct BalanceJSON: Encodable {
  let ledger: String
  let scenario: String
  let as_of: String?
  let books_agree: Bool
  let disagreeing_orders: [String]
  let totals: [BalanceRow]
  let by_order: [BalanceRow]

  init(ledger: String, scenario: String, asOf: String?, report: BalanceReport) {
    self.ledger = ledger
    self.scenario = scenario
    as_of = asOf
    books_agree = report.booksAgree
    disagreeing_orders = report.disagreeingOrders
    totals = report.totals
    by_order = report.byOrder
  }
}
