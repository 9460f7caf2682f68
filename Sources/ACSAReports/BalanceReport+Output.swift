import ACSADomain
import CSV
import Foundation

extension BalanceReport {
  /// The report as CSV: one row per book, order (empty for totals), debtor, creditor,
  /// kind and commodity.
  public func csvText() throws -> String {
    let report = self
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

public struct BalanceJSON: Encodable {
  public let ledger: String
  public let scenario: String
  public let as_of: String?
  /// Why the figures as of `as_of` need a word (before or after the run); absent otherwise.
  public let note: String?
  /// The book asked for with `--book`; absent when both are shown.
  public let book: String?
  /// Whether the ledger's two books agree, whichever book is shown.
  public let books_agree: Bool
  public let disagreeing_orders: [String]
  public let totals: [BalanceRow]
  public let by_order: [BalanceRow]

  public init(ledger: String, scenario: String, asOf: String?, note: String?, book: String?, report: BalanceReport, whole: BalanceReport) {
    self.ledger = ledger
    self.scenario = scenario
    as_of = asOf
    self.note = note
    self.book = book
    books_agree = whole.booksAgree
    disagreeing_orders = whole.disagreeingOrders
    totals = report.totals
    by_order = report.byOrder
  }
}
