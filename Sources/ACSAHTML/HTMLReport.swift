import ACSAAudit
import ACSADomain
import ACSAFiles
import ACSALedger
import Foundation

/// `acsa report --html`: one self-contained page (inline CSS and SVG, no script, no
/// external resource) for instructors and auditors: the agreement and the parties,
/// balances over time, open obligations by age, the orders with their status, the
/// refused events and the audit's findings.
public struct HTMLReport {
  /// The ledger as the user named it.
  public let ledgerLabel: String
  public let asOf: Day
  let ledger: AuditedLedger
  let history: BalanceHistory
  let audit: AuditReport
  /// The `order_status` view (end of the run), for orders dated up to `asOf`.
  let orders: [OrderStatusRow]
  /// The `refusals` view, up to `asOf`.
  let refusals: [RefusalRow]
  /// `acsa`'s version, in the footer.
  let version: String

  /// The page of `audit` (the ledger's audit, as of its date), with what else it shows
  /// read from the ledger: balances over time, orders and refusals up to that date.
  public init(ledger: AuditedLedger, label: String, audit: AuditReport, version: String) throws {
    let day = audit.asOf
    self.ledger = ledger
    ledgerLabel = label
    self.asOf = day
    self.version = version
    history = BalanceHistory(
      movements: try ledger.reader.dailyMovements(), parties: ledger.framework.parties, books: ledger.books, asOf: day)
    self.audit = audit
    orders = try ledger.reader.orderStatuses().filter { $0.date <= day }
    refusals = try ledger.reader.refusals().filter { $0.date <= day }
  }

  /// The whole page.
  public func html() -> String {
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<meta name=\"generator\" content=\"acsa \(HTML.text(version))\">\n"
    page += "<title>\(HTML.text("ACSA report: " + ledger.info.scenarioName))</title>\n"
    page += "<style>\n\(ReportStyle.css)</style>\n</head>\n<body>\n<main>\n"
    page +=
      header() + agreementSection() + balanceSection() + agingSection() + findingsSection() + orderSection()
      + refusalSection() + appendixSection() + footer()
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  /// What `--html` replaces: a page acsa wrote (or nothing).
  public static let pageKind = OutputKind.text("an HTML report written by acsa", containing: "<meta name=\"generator\" content=\"acsa ")

  /// Writes the page to `path` atomically (`AtomicOutput`): never over the ledger it
  /// reports on, nor over a file that is not a page acsa wrote.
  public func write(to path: String) throws {
    let output = try AtomicOutput(path: path, kind: Self.pageKind, inputs: [ledger.path])
    try output.write(html())
    try output.commit()
  }

  // MARK: Words shared by the sections

  var parties: [Party] { ledger.framework.parties }

  func direction(_ debtor: PartyID, _ creditor: PartyID) -> String { "\(debtor) owes \(creditor)" }

  /// `debtor>creditor` keys in party order: the first party's debts, then the second's.
  var directions: [(debtor: PartyID, creditor: PartyID)] {
    [(parties[0].id, parties[1].id), (parties[1].id, parties[0].id)]
  }

  static func kindText(_ kind: String) -> String { kind.split(separator: "_").joined(separator: " ") }

  static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
