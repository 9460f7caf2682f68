import ACSADomain

/// Who owes whom, by kind and commodity, in each book: the figures of `run` and
/// `balance`. Where the two books disagree, both are shown and the report says so.
public struct BalanceReport: Sendable {
  public let parties: [PartyID]
  /// Totals, one set of rows per book.
  public let totals: [BalanceRow]
  /// Per order, one set of rows per book (empty when not asked for).
  public let byOrder: [BalanceRow]
  /// The unit of each item (`L`, `person-night`), for in-kind amounts.
  public let itemUnits: [String: String]

  public init(parties: [PartyID], totals: [BalanceRow], byOrder: [BalanceRow], itemUnits: [String: String]) {
    self.parties = parties
    self.totals = totals
    self.byOrder = byOrder
    self.itemUnits = itemUnits
  }

  /// The report of one book alone.
  public func only(_ book: PartyID) -> BalanceReport {
    BalanceReport(
      parties: [book], totals: totals.filter { $0.book == book }, byOrder: byOrder.filter { $0.book == book }, itemUnits: itemUnits)
  }

  /// The rows of one book, without the book, for comparison.
  static func figures(_ rows: [BalanceRow], _ book: PartyID) -> [String] {
    rows.filter { $0.book == book }.map { "\($0.orderID ?? "")|\($0.debtor)|\($0.creditor)|\($0.kind)|\($0.commodity)|\($0.units)" }
  }

  /// True when both books are present and show the same figures (or only one book was read).
  public var booksAgree: Bool {
    guard parties.count == 2 else { return true }
    return Self.figures(totals, parties[0]) == Self.figures(totals, parties[1])
      && Self.figures(byOrder, parties[0]) == Self.figures(byOrder, parties[1])
  }

  /// Orders on which the two books disagree.
  public var disagreeingOrders: [String] {
    guard parties.count == 2 else { return [] }
    var orders: [String] = []
    let ids = Set(byOrder.compactMap(\.orderID)).sorted()
    for id in ids {
      let rows = byOrder.filter { $0.orderID == id }
      if Self.figures(rows, parties[0]) != Self.figures(rows, parties[1]) { orders.append(id) }
    }
    return orders
  }

  func describe(_ row: BalanceRow) -> [String] {
    let kind = row.kind.split(separator: "_").joined(separator: " ")
    let amount: String
    if row.kind == ObligationKind.inKind.rawValue {
      let unit = itemUnits[row.commodity].map { " " + $0 } ?? ""
      amount = "\(row.commodity) \(Quantity(milli: row.units).formatted)\(unit)"
    } else {
      amount = row.formattedAmount
    }
    return ["\(row.debtor) owes \(row.creditor)", kind, amount]
  }

  /// `singleBook`: the user asked for one book only.
  public func text(orders: Bool) -> String {
    var out: [String] = []
    let books = parties
    let agree = booksAgree
    if books.count == 2 && agree {
      out.append(section(rows: totals.filter { $0.book == books[0] }, header: "Both books agree:"))
    } else if books.count == 2 {
      out.append("The two books differ:")
      for b in books { out.append(section(rows: totals.filter { $0.book == b }, header: "\(b) book:")) }
    } else {
      for b in books { out.append(section(rows: totals.filter { $0.book == b }, header: "\(b) book:")) }
    }
    if orders {
      out.append("")
      out.append("By order:")
      var table = TextTable()
      let ids = Set(byOrder.compactMap(\.orderID)).sorted()
      if ids.isEmpty { out.append("  No order has anything open.") }
      for id in ids {
        let rows = byOrder.filter { $0.orderID == id }
        let sameInBoth = books.count == 2 && Self.figures(rows, books[0]) == Self.figures(rows, books[1])
        for b in books where !(sameInBoth && b != books[0]) {
          for row in rows where row.book == b {
            table.add([id, sameInBoth || books.count == 1 ? "" : "\(b) book"] + describe(row))
          }
          if !sameInBoth && books.count == 2 && !rows.contains(where: { $0.book == b }) {
            table.add([id, "\(b) book", "nothing owed", "", ""])
          }
        }
      }
      if !ids.isEmpty { out.append(table.render()) }
      let differing = disagreeingOrders
      if !differing.isEmpty { out.append("  The books differ on: " + differing.joined(separator: ", ")) }
    }
    return out.joined(separator: "\n")
  }

  func section(rows: [BalanceRow], header: String) -> String {
    guard !rows.isEmpty else { return header + "\n  Nothing is owed in either direction." }
    var table = TextTable()
    for row in rows { table.add(describe(row)) }
    return header + "\n" + table.render()
  }
}
