import ACSADomain
import ACSALedger

/// Compares two books order by order, as two offices would: what each recorded, the
/// status each reads, and what each says is still owed.
public struct Reconciliation: Sendable {
  public struct Aspect: Hashable, Sendable {
    /// `record`, `status`, `events`, or `open <kind> <commodity>`.
    public let name: String
    public let left: String
    public let right: String
  }

  public struct OrderDifference: Hashable, Sendable {
    public let order: String
    public let aspects: [Aspect]
  }

  public let left: PartyID
  public let right: PartyID
  public let ordersCompared: Int
  public let differences: [OrderDifference]

  public var agree: Bool { differences.isEmpty }

  /// `describe` names an event by its sequence number (date and action), from the log.
  public static func compare(_ a: Book, _ b: Book, refused: Set<String>, describe: (Int) -> String) -> Reconciliation {
    var ids: [String] = []
    var seen = Set<String>()
    for id in a.orderIDs + b.orderIDs where !seen.contains(id) {
      seen.insert(id)
      ids.append(id)
    }
    var differences: [OrderDifference] = []
    for id in ids {
      var aspects: [Aspect] = []
      let ra = a.orders[id]
      let rb = b.orders[id]
      if (ra == nil) != (rb == nil) {
        aspects.append(Aspect(name: "record", left: ra == nil ? "no record" : "recorded", right: rb == nil ? "no record" : "recorded"))
      }
      let sa = a.status(of: id, other: b, refused: refused.contains(id))
      let sb = b.status(of: id, other: a, refused: refused.contains(id))
      if sa != sb { aspects.append(Aspect(name: "status", left: sa.rawValue, right: sb.rawValue)) }
      let ea = ra?.recordedEvents ?? []
      let eb = rb?.recordedEvents ?? []
      if ea != eb {
        let onlyA = ea.filter { !eb.contains($0) }.map(describe)
        let onlyB = eb.filter { !ea.contains($0) }.map(describe)
        aspects.append(
          Aspect(
            name: "events", left: onlyA.isEmpty ? "-" : "only here: " + onlyA.joined(separator: "; "),
            right: onlyB.isEmpty ? "-" : "only here: " + onlyB.joined(separator: "; ")))
      }
      let oa = open(a, id)
      let ob = open(b, id)
      for key in Set(oa.keys).union(ob.keys).sorted() where oa[key] != ob[key] {
        aspects.append(Aspect(name: "open " + key, left: oa[key] ?? "nothing", right: ob[key] ?? "nothing"))
      }
      if !aspects.isEmpty { differences.append(OrderDifference(order: id, aspects: aspects)) }
    }
    return Reconciliation(left: a.owner ?? "", right: b.owner ?? "", ordersCompared: ids.count, differences: differences)
  }

  /// What is still owed on an order in a book, by kind and commodity, as text.
  static func open(_ book: Book, _ id: String) -> [String: String] {
    var units: [String: (ObligationKind, String, Int64)] = [:]
    for o in book.obligations(of: id) where o.openUnits != 0 {
      let key = "\(o.kind.rawValue) \(o.commodity)"
      units[key] = (o.kind, o.commodity, (units[key]?.2 ?? 0) + o.openUnits)
    }
    for (text, amount) in book.orders[id]?.unapplied ?? [:] {
      // An unapplied amount is a credit.
      guard let key = OpenTotal.Key(ledgerText: text) else { continue }
      let k = "\(key.kind.rawValue) \(key.commodity)"
      units[k] = (key.kind, key.commodity, (units[k]?.2 ?? 0) - amount)
    }
    var result: [String: String] = [:]
    for (key, (kind, commodity, n)) in units where n != 0 {
      if kind == .inKind {
        result[key] = Quantity(milli: n).formatted
      } else if let c = Currency(code: commodity) {
        result[key] = Money(n, c).formatted
      }
    }
    return result
  }
}

extension AuditedLedger {
  /// The orders whose own `order` event the ledger's log records as refused.
  public func refusedOrders() throws -> Set<String> {
    Set(try reader.storedEvents().filter { $0.record.outcome == .refused && $0.record.action == "order" }.compactMap(\.record.orderID))
  }

  /// How a reconciliation names an event of this ledger: `deliver on 2026-10-12 (event 7, d1)`.
  public func eventDescriber() throws -> @Sendable (Int) -> String {
    let bySeq = Dictionary(uniqueKeysWithValues: try reader.storedEvents().map { ($0.record.seq, $0.record) })
    return { seq in
      guard let e = bySeq[seq] else { return "event \(seq)" }
      return "\(e.action) on \(e.date) (event \(seq)\(e.eventID.map { ", \($0)" } ?? ""))"
    }
  }
}
