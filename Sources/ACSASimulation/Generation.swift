import ACSADomain
import ACSAScenario

/// Expands a scenario's generators into events, from the seeded stream.
///
/// The stream is drawn in a fixed order: generators in file order, then firings (from
/// `from` every `every` days to `to`), then the `count` orders of a firing; for each
/// order, always in this order and whether used or not: the settlement method (only when
/// more than one method can be drawn), each line's quantity, `deliver_after`,
/// `settle_after`, then the lapses no_receipt, no_claim, never_settle, one_book, and the
/// book one_book keeps (JP or PH, each 1/2). Orders are numbered `<name>-1`, `<name>-2`...
/// in generation order; an order whose lines all drew 0 is not generated and takes no
/// number.
public enum Generation {
  /// The generated events, indexed after the scripted ones (on one date they run after
  /// every scripted event, in generation order).
  public static func events(for scenario: Scenario, seed: UInt64) throws(ScenarioErrors) -> [ScenarioEvent] {
    guard !scenario.generators.isEmpty else { return [] }
    let fw = scenario.framework
    var rng = SeededRandom(seed: seed)
    var scriptedOrders: [String: Int] = [:]
    for e in scenario.events {
      if case .order(let t) = e.action { scriptedOrders[t.id] = e.location?.line ?? 0 }
    }
    var result: [ScenarioEvent] = []
    var diagnostics: [Diagnostic] = []
    var index = scenario.events.count
    func add(_ date: Day, _ action: Action, books: [PartyID]? = nil) {
      guard date <= scenario.end else { return }
      result.append(ScenarioEvent(date: date, id: nil, books: books, action: action, index: index, location: nil))
      index += 1
    }
    for (gi, g) in scenario.generators.enumerated() {
      var n = 0
      var day = g.from
      let providerParty = fw.units[g.provider]?.party ?? ""
      let receiverParty = fw.units[g.receiver]?.party ?? ""
      while day <= g.to && day <= scenario.end {
        for _ in 0..<g.count {
          let method = g.settlement.count == 1 ? g.settlement[0].method : g.settlement[rng.pick(g.settlement.map(\.weight))].method
          var lines: [Line] = []
          for spec in g.lines {
            let milli = rng.draw(spec.qty, days: false)
            if milli > 0 { lines.append(Line(item: spec.item, qty: Quantity(milli: milli))) }
          }
          let deliverAfter = Int(rng.draw(g.deliverAfter, days: true))
          let settleAfter = g.settleAfter.map { Int(rng.draw($0, days: true)) }
          let noReceipt = rng.chance(g.lapses.noReceipt)
          let noClaim = rng.chance(g.lapses.noClaim)
          let neverSettle = rng.chance(g.lapses.neverSettle)
          let oneBook = rng.chance(g.lapses.oneBook)
          let keptBook = fw.partyIDs[Int(rng.below(2))]
          guard !lines.isEmpty else { continue }
          n += 1
          let id = "\(g.name)-\(n)"
          if let line = scriptedOrders[id] {
            diagnostics.append(
              Diagnostic(
                file: scenario.file, line: g.location?.line ?? 0, column: g.location?.column ?? 0,
                message: "generators[\(gi)] (\(g.name)): generated order id '\(id)' is also the id of the order scripted at line \(line)"))
            continue
          }
          add(
            day,
            .order(
              OrderTerms(
                id: id, activity: g.activity, provider: g.provider, receiver: g.receiver, settlement: method, lines: lines, signed: true)))
          let delivered = day.adding(days: deliverAfter)
          guard delivered <= scenario.end else { continue }
          add(delivered, .deliver(order: id, lines: nil, receipt: !noReceipt, claim: !noClaim), books: oneBook ? [keptBook] : nil)
          guard !neverSettle, let settleAfter else { continue }
          let settled = delivered.adding(days: settleAfter)
          guard settled <= scenario.end else { continue }
          for (date, action) in settlement(
            id, method: method, lines: lines, provider: providerParty, receiver: receiverParty, delivered: delivered, settled: settled, fw)
          {
            add(date, action)
          }
        }
        day = day.adding(days: g.every)
      }
    }
    if !diagnostics.isEmpty { throw ScenarioErrors(diagnostics) }
    return result
  }

  /// Settlement in full: a payment of what is owed (cash), a return of the same items
  /// (replacement), or an exchange of the same services in the largest quantities whose
  /// value does not exceed what is owed, then a conversion of the remainder and its
  /// payment, that day (equal value).
  static func settlement(
    _ id: String, method: SettlementMethod, lines: [Line], provider: PartyID, receiver: PartyID, delivered: Day, settled: Day,
    _ fw: Framework
  ) -> [(Day, Action)] {
    let currency = fw.currency(of: provider)
    func owed(_ line: Line) -> Int64? {
      guard let price = fw.items[line.item]?.price(for: provider, on: delivered) else { return nil }
      return (try? price.times(line.qty))?.minor
    }
    switch method {
    case .cash:
      var total: Int64 = 0
      for line in lines {
        guard let v = owed(line) else { return [] }
        total += v
      }
      return total > 0 ? [(settled, .pay(order: id, amount: Money(total, currency)))] : []
    case .replacement:
      return [(settled, .returnItems(order: id, lines: lines))]
    case .equalValue:
      var exchange: [Line] = []
      var remainder: Int64 = 0
      for line in lines {
        guard let due = owed(line) else { return [] }
        let (qty, value) = largestExchange(line.item, owed: due, receiver: receiver, target: currency, on: settled, fw)
        if qty > 0 { exchange.append(Line(item: line.item, qty: Quantity(milli: qty))) }
        remainder += due - value
      }
      var actions: [(Day, Action)] = []
      if !exchange.isEmpty { actions.append((settled, .exchange(order: id, lines: exchange))) }
      if remainder > 0 {
        actions.append((settled, .convert(order: id)))
        actions.append((settled, .pay(order: id, amount: Money(remainder, currency))))
      }
      return actions
    }
  }

  /// The largest quantity, in thousandths, of `item` whose value (at the receiver's
  /// price, converted into the provider's currency as `exchange` does) is at most
  /// `owed`, and that value. 0 when there is no price or rate.
  static func largestExchange(_ item: String, owed: Int64, receiver: PartyID, target: Currency, on day: Day, _ fw: Framework) -> (
    Int64, Int64
  ) {
    guard owed > 0, let price = fw.items[item]?.price(for: receiver, on: day) else { return (0, 0) }
    func value(_ milli: Int64) -> Int64? {
      guard let local = try? price.times(Quantity(milli: milli)), let converted = try? fw.rates.convert(local, to: target, on: day).0 else {
        return nil
      }
      return converted.minor
    }
    guard let unit = value(1), unit <= owed else { return (0, 0) }
    var low: Int64 = 1
    var high: Int64 = 2
    while let v = value(high), v <= owed, high < Int64.max / 4 {
      low = high
      high *= 2
    }
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if let v = value(mid), v <= owed { low = mid } else { high = mid }
    }
    return (low, value(low) ?? 0)
  }
}
