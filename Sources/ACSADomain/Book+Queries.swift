extension Book {
  /// The order's status in this book. `other` is the other party's book: `settled`
  /// needs nothing owed in either.
  public func status(of id: String, other: Book?, refused: Bool) -> OrderStatus {
    if refused { return .refused }
    guard let rec = orders[id] else { return .unrecorded }
    if rec.closed { return .closed }
    if rec.cancelled { return .cancelled }
    if !rec.hasDeliveries { return rec.signed ? .accepted : .requested }
    if owesAnything(id) || (other?.owesAnything(id) ?? false) { return .delivered }
    return .settled
  }

  /// What `debtor` still owes `creditor` in this book, of one kind and commodity (a
  /// currency code, or an item id for in-kind), in minor units or thousandths. Amounts
  /// the book could not apply are deducted.
  public func outstanding(debtor: PartyID, creditor: PartyID, kind: ObligationKind, commodity: String) -> Int64 {
    var total: Int64 = 0
    for o in obligations where o.debtor == debtor && o.creditor == creditor && o.kind == kind && o.commodity == commodity {
      total &+= o.openUnits
    }
    let key = OpenTotal.Key(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity).ledgerText
    for rec in orders.values { total &-= rec.unapplied[key] ?? 0 }
    total &-= prunedUnapplied[key] ?? 0
    total &-= bookUnapplied[key] ?? 0
    return total
  }

}

/// An open balance: what one party owes the other of one kind and commodity.
public struct OpenTotal: Hashable, Sendable {
  public struct Key: Hashable, Sendable, Comparable {
    public let debtor: PartyID
    public let creditor: PartyID
    public let kind: ObligationKind
    public let commodity: String

    public init(debtor: PartyID, creditor: PartyID, kind: ObligationKind, commodity: String) {
      self.debtor = debtor
      self.creditor = creditor
      self.kind = kind
      self.commodity = commodity
    }

    public static func < (a: Key, b: Key) -> Bool {
      (a.debtor, a.creditor, a.kind.rawValue, a.commodity) < (b.debtor, b.creditor, b.kind.rawValue, b.commodity)
    }

    /// The key as the ledger stores it (`unapplied.key`): `debtor>creditor|kind|commodity`.
    public var ledgerText: String { "\(debtor)>\(creditor)|\(kind.rawValue)|\(commodity)" }

    /// The key `ledgerText` names; nil for text acsa does not write.
    public init?(ledgerText text: String) {
      let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 3, let kind = ObligationKind(rawValue: parts[1]) else { return nil }
      let dc = parts[0].split(separator: ">", omittingEmptySubsequences: false).map(String.init)
      guard dc.count == 2 else { return nil }
      self.init(debtor: dc[0], creditor: dc[1], kind: kind, commodity: parts[2])
    }
  }
  public let key: Key
  /// Minor units (cash, equal value) or thousandths (in kind).
  public let units: Int64
}

extension Book {
  /// Every (debtor, creditor, kind, commodity) this book has a balance key for: its
  /// obligations and its unapplied amounts.
  public func balanceKeys() -> [OpenTotal.Key] {
    var keys = Set(obligations.map { OpenTotal.Key(debtor: $0.debtor, creditor: $0.creditor, kind: $0.kind, commodity: $0.commodity) })
    var unappliedKeys = Set(bookUnapplied.keys).union(prunedUnapplied.keys)
    for rec in orders.values { unappliedKeys.formUnion(rec.unapplied.keys) }
    for text in unappliedKeys {
      if let key = OpenTotal.Key(ledgerText: text) { keys.insert(key) }
    }
    return keys.sorted()
  }
}
