/// One audit finding: an order, a code, the books that show it, and why.
public struct Finding: Hashable, Sendable {
  public let code: FindingCode
  public let order: String
  /// The books in which the finding shows (both for `book_mismatch`).
  public let books: [PartyID]
  public let message: String

  public init(code: FindingCode, order: String, books: [PartyID], message: String) {
    self.code = code
    self.order = order
    self.books = books
    self.message = message
  }
}

/// The audit's rules over the books' state: each finding is computed in each book, and
/// an order has it if either book shows it (at most one finding of each code per order).
public enum FindingRules {
  /// Findings as of the end of `asOf`, over the two parties' books.
  public static func findings(books: [Book], asOf: Day) -> [Finding] {
    var found: [String: [FindingCode: (books: [PartyID], message: String)]] = [:]
    var orderIDs: [String] = []
    var seen = Set<String>()
    for book in books {
      for id in book.orderIDs where !seen.contains(id) {
        seen.insert(id)
        orderIDs.append(id)
      }
    }
    for book in books {
      guard let owner = book.owner else { continue }
      for id in book.orderIDs {
        for (code, message) in orderFindings(id, in: book, asOf: asOf) {
          var entry = found[id, default: [:]][code] ?? ([], message)
          entry.books.append(owner)
          found[id, default: [:]][code] = entry
        }
      }
    }
    if books.count == 2 {
      for id in orderIDs {
        if let message = mismatch(id, books[0], books[1]) {
          found[id, default: [:]][.bookMismatch] = (books.compactMap(\.owner), message)
        }
      }
    }
    var result: [Finding] = []
    for id in orderIDs {
      guard let codes = found[id] else { continue }
      for code in FindingCode.allCases {
        if let f = codes[code] { result.append(Finding(code: code, order: id, books: f.books, message: f.message)) }
      }
    }
    return result
  }

  /// Per-order counts, as `expect: findings` compares them.
  public static func counts(_ findings: [Finding], book: PartyID? = nil) -> [FindingCode: Int] {
    var counts: [FindingCode: Int] = [:]
    for f in findings where book.map(f.books.contains) ?? true { counts[f.code, default: 0] += 1 }
    return counts
  }

  static func orderFindings(_ id: String, in book: Book, asOf day: Day) -> [(FindingCode, String)] {
    guard let rec = book.orders[id] else { return [] }
    let agreement = book.agreement
    let paymentDays = agreement.paymentDays
    let obligations = book.obligations(of: id).filter { $0.deliveryDate <= day }
    var result: [(FindingCode, String)] = []
    if let d = rec.deliveries.first(where: { $0.whileUnsigned && $0.date <= day }) {
      result.append(
        (.unsignedOrder, "\(id) was delivered on \(d.date) before both parties had signed it, so there is no evidence of a binding order."))
    }
    if let d = rec.deliveries.first(where: { !$0.receipt && $0.date <= day }) {
      result.append((.noReceipt, "The delivery of \(d.date) on \(id) has no signed receipt, so nothing proves it was received."))
    }
    if let o = obligations.first(where: { o in
      if let claimed = o.claimedOn, claimed <= day { return o.deliveryDate.days(to: claimed) > paymentDays }
      return o.deliveryDate.days(to: day) > paymentDays
    }) {
      let when = o.claimedOn.map { $0 <= day ? "only on \($0)" : "not by \(day)" } ?? "never"
      result.append(
        (
          .noClaim,
          "The claim for the delivery of \(o.deliveryDate) on \(id) was recorded \(when), more than \(paymentDays) days after delivery: it may never be billed."
        ))
    }
    if let o = obligations.first(where: {
      $0.kind == .cash && ($0.billedOn.map { $0 > day } ?? true) && $0.deliveryDate.days(to: day) > paymentDays
    }) {
      result.append((.notInvoiced, "Cash delivered on \(o.deliveryDate) on \(id) has not been invoiced \(paymentDays) days later."))
    }
    if let o = obligations.first(where: { o in
      guard o.kind == .cash, let due = o.dueOn, due < day, o.billedOn.map({ $0 <= day }) ?? false else { return false }
      guard let settled = o.settledOn, settled <= day else { return true }
      return settled > due
    }) {
      let paid = o.settledOn.map { $0 <= day ? "was paid only on \($0)" : "was still unpaid" } ?? "is still unpaid"
      result.append((.latePayment, "A cash claim on \(id) due \(o.dueOn!) \(paid)."))
    }
    if let o = book.obligations(of: id).first(where: { owedAt($0, day, book) && $0.deadline < day }) {
      result.append(
        (
          .overdue,
          "\(id) still owes \(o.kind.rawValue.replacingUnderscores) for the delivery of \(o.deliveryDate), past its deadline of \(o.deadline) (12-month rule)."
        ))
    }
    if rec.closedWithBalance, let closed = rec.closedOn, closed <= day {
      result.append((.closedWithBalance, "\(id) was closed on \(closed) while something was still owed; closing extinguishes nothing."))
    }
    return result
  }

  /// Whether the obligation still owed something at the end of `day`. The books are read
  /// at the current date, so this is its open state.
  static func owedAt(_ o: Obligation, _ day: Day, _ book: Book) -> Bool {
    o.deliveryDate <= day && o.isOpen
  }

  /// How the two books' records of an order differ, or nil.
  static func mismatch(_ id: String, _ a: Book, _ b: Book) -> String? {
    guard let ra = a.orders[id] else {
      return b.orders[id] == nil ? nil : "\(id) is in \(b.owner ?? "")'s book but not in \(a.owner ?? "")'s."
    }
    guard let rb = b.orders[id] else { return "\(id) is in \(a.owner ?? "")'s book but not in \(b.owner ?? "")'s." }
    if ra.recordedEvents != rb.recordedEvents {
      let onlyA = Set(ra.recordedEvents).subtracting(rb.recordedEvents).count
      let onlyB = Set(rb.recordedEvents).subtracting(ra.recordedEvents).count
      return "The books record different events on \(id): \(onlyA) only in \(a.owner ?? "")'s, \(onlyB) only in \(b.owner ?? "")'s."
    }
    let oa = a.obligations(of: id).map { [$0.kind.rawValue, $0.commodity, String($0.originalUnits), String($0.openUnits)] }
    let ob = b.obligations(of: id).map { [$0.kind.rawValue, $0.commodity, String($0.originalUnits), String($0.openUnits)] }
    if oa != ob || ra.unapplied != rb.unapplied {
      return "The books show different obligations on \(id)."
    }
    return nil
  }
}

extension String {
  var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
