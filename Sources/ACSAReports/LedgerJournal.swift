import ACSADomain

/// Renders journal entries as a plain-text double-entry journal that ledger-cli and
/// hledger read: one transaction per entry with postings (entries without postings carry
/// no amounts and are left out), accounts prefixed by the book (`JP:receivable:cash`),
/// currencies written before their amount (`PHP 1260000.00`) and items after it, quoted
/// (`12000.000 "556-BALL"`). The totals per account are those of `acsa balance`.
public enum LedgerJournal {
  public static func header(scenario: String, digest: String) -> String {
    "; acsa ledger export: \(scenario)\n; ledger_digest \(digest)\n; accounts are <book>:<account>; receivable:* is owed to the book, payable:* by it\n\n"
  }

  /// `digits`: the minor digits of each currency.
  public static func transaction(_ e: JournalEntry, number: Int, digits: [String: Int]) -> String? {
    guard !e.postings.isEmpty else { return nil }
    var text = "\(e.date) * (\(e.book)-\(number)) \(e.memo.replacingNewlines)\n"
    text += "    ; event \(e.eventSeq)\(e.orderID.map { ", order \($0)" } ?? "")\n"
    for p in e.postings {
      let amount: String
      if p.kind == .inKind {
        amount = Money.decimalText(p.amount, 3, grouped: false) + " \"" + p.commodity + "\""
      } else {
        amount = p.commodity + " " + Money.decimalText(p.amount, digits[p.commodity] ?? 0, grouped: false)
      }
      let account = "\(e.book):\(p.account)"
      let pad = String(repeating: " ", count: max(2, 40 - account.count))
      text += "    \(account)\(pad)\(amount)\n"
    }
    return text + "\n"
  }
}

extension String {
  var replacingNewlines: String { split(whereSeparator: \.isNewline).joined(separator: " ") }
}
