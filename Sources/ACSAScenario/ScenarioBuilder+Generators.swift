import ACSADomain

/// The `generators` section (see the format's Generators section).
extension ScenarioBuilder {
  static let generatorKeys = ScenarioKeys.generator
  static let lapseKeys = ScenarioKeys.lapses

  func readGenerators(_ node: Node, _ path: String) -> [GeneratorSpec]? {
    guard let list = reader.list(node, path) else { return nil }
    var result: [GeneratorSpec] = []
    var names = Registry()
    var valid = true
    var orders = 0
    for (i, element) in list.enumerated() {
      guard let g = readGenerator(element, FieldPath.element(path, i), names: &names) else {
        valid = false
        continue
      }
      result.append(g)
      // Checked before a single order is drawn, so that no generator runs for hours.
      let firings = g.from.days(to: g.to) / g.every + 1
      let (placed, overflow) = firings.multipliedReportingOverflow(by: g.count)
      orders = overflow ? Int.max : orders.addingReportingOverflow(placed).overflow ? Int.max : orders + placed
      if orders > limits.maximumGeneratedOrders {
        reader.error(
          element, FieldPath.element(path, i),
          "the generators would place \(overflow ? "more than \(Int.max)" : Money.decimalText(Int64(orders), 0, grouped: true)) orders by here "
            + "(\(Money.decimalText(Int64(firings), 0, grouped: true)) firings of \(g.count)); a scenario's generators may place at most "
            + "\(Money.decimalText(Int64(limits.maximumGeneratedOrders), 0, grouped: true)) orders in one run")
        return nil
      }
    }
    return valid ? result : nil
  }

  func readGenerator(_ node: Node, _ path: String, names: inout Registry) -> GeneratorSpec? {
    guard let f = reader.mapping(node, path, allowed: Self.generatorKeys) else { return nil }
    let name = f.req("name", reader.string)
    if let name, let nameNode = f.node("name") { define(name, in: &names, what: "generator name", node: nameNode, path: f.path("name")) }
    let every = f.opt("every") { reader.integer($0, $1, minimum: 1) } ?? 1
    let from = f.opt("from", readEventDate) ?? start
    let to = f.opt("to", readEventDate) ?? end
    if let from, let to, from > to, let node = f.node("to") {
      reader.error(node, f.path("to"), "\(to) is before from (\(from))")
    }
    let count = f.opt("count") { reader.integer($0, $1, minimum: 1, maximum: 1_000_000) } ?? 1
    let order = f.req("order") { readGeneratedOrder($0, $1) }
    let deliverAfter = f.opt("deliver_after") { readDraw($0, $1, days: true) } ?? .fixed(0)
    let settleAfter = f.opt("settle_after") { readDraw($0, $1, days: true) }
    let lapses = f.opt("lapses", readLapses) ?? .none
    guard let name, let from, let to, let order, !reader.hasErrors else { return nil }
    return GeneratorSpec(
      name: name, every: every, from: from, to: to, count: count, activity: order.activity, provider: order.provider,
      receiver: order.receiver, settlement: order.settlement, lines: order.lines, deliverAfter: deliverAfter,
      settleAfter: settleAfter, lapses: lapses, location: node.mark.map { SourceLocation(line: $0.line, column: $0.column) })
  }

  struct GeneratedOrder {
    let activity: String
    let provider: String
    let receiver: String
    let settlement: [(method: SettlementMethod, weight: Weight)]
    let lines: [GeneratorSpec.LineSpec]
  }

  func readGeneratedOrder(_ node: Node, _ path: String) -> GeneratedOrder? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.generatedOrder) else { return nil }
    let activity = f.req("activity", activityReference)
    let provider = f.req("provider", unitReference)
    let receiver = f.req("receiver", unitReference)
    let lines = f.req("lines") { readGeneratedLines($0, $1) }
    let settlementNode = f.required("settlement")
    var settlement: [(method: SettlementMethod, weight: Weight)]?
    if let settlementNode {
      let sPath = f.path("settlement")
      if case .mapping = settlementNode {
        if let m = reader.mapping(settlementNode, sPath, allowed: SettlementMethod.allCases.map(\.rawValue)) {
          var weights: [(method: SettlementMethod, weight: Weight)] = []
          for key in m.keys {
            guard let method = SettlementMethod(rawValue: key), let w = m.opt(key, { readWeight($0, $1, max: nil) }) else { continue }
            weights.append((method, w))
          }
          settlement = weights
        }
      } else if let method = reader.choice(settlementNode, sPath, SettlementMethod.allCases) {
        settlement = [(method, Weight(scaled: Weight.scale))]
      }
      // Only the methods that suit every line can be drawn.
      if let all = settlement, let lines, let kinds = Optional(lines.compactMap { itemKinds[$0.item] }), kinds.count == lines.count {
        let suited = all.filter { entry in kinds.allSatisfy { entry.method.suits($0) } && entry.weight.scaled > 0 }
        if suited.isEmpty {
          reader.error(
            settlementNode, sPath,
            "no settlement method with a positive weight suits every line (supplies: cash or replacement; services: cash or equal_value)")
          settlement = nil
        } else {
          settlement = suited
        }
      }
    }
    guard let activity, let provider, let receiver, let lines, let settlement else { return nil }
    return GeneratedOrder(activity: activity, provider: provider, receiver: receiver, settlement: settlement, lines: lines)
  }

  func readGeneratedLines(_ node: Node, _ path: String) -> [GeneratorSpec.LineSpec]? {
    guard let list = reader.list(node, path, nonEmpty: true) else { return nil }
    var lines: [GeneratorSpec.LineSpec] = []
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.line) else { return nil }
      guard let item = f.req("item", itemReference), let qty = f.req("qty", { readDraw($0, $1, days: false) }) else { return nil }
      lines.append(GeneratorSpec.LineSpec(item: item, qty: qty))
    }
    return lines
  }

  /// A number, `{ uniform: [low, high] }` or `{ poisson: mean }`. Quantities are decimals
  /// with up to 3 digits (a uniform draw is at least 0.001); day offsets whole days.
  func readDraw(_ node: Node, _ path: String, days: Bool) -> Draw? {
    func value(_ n: Node, _ p: String, minimum: Int64) -> Int64? {
      if days {
        guard let d = reader.integer(n, p, minimum: Int(minimum)) else { return nil }
        return Int64(d)
      }
      guard let q = reader.quantity(n, p, allowZero: true) else { return nil }
      if q.milli < minimum {
        reader.error(n, p, "must be at least \(Quantity(milli: minimum))")
        return nil
      }
      return q.milli
    }
    guard case .mapping = node else {
      return value(node, path, minimum: days ? 0 : 1).map(Draw.fixed)
    }
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.draw) else { return nil }
    guard f.keys.count == 1 else {
      // An unknown key has been reported already; an empty or double one has not.
      if case .mapping(let m) = node, f.keys.count > 1 || m.pairs.isEmpty {
        reader.error(f.mark, "\(FieldPath.subject(path)): expected exactly one of uniform or poisson")
      }
      return nil
    }
    if let n = f.node("uniform") {
      guard let bounds = reader.list(n, f.path("uniform")), bounds.count == 2 else {
        reader.error(n, f.path("uniform"), "expected two bounds, [low, high]")
        return nil
      }
      guard let low = value(bounds[0], FieldPath.element(f.path("uniform"), 0), minimum: days ? 0 : 1),
        let high = value(bounds[1], FieldPath.element(f.path("uniform"), 1), minimum: days ? 0 : 1)
      else { return nil }
      if low > high {
        reader.error(n, f.path("uniform"), "the low bound is above the high bound")
        return nil
      }
      return .uniform(low, high)
    }
    if let n = f.node("poisson") {
      guard let mean = reader.quantity(n, f.path("poisson"), allowZero: false) else { return nil }
      if mean.milli > 10_000_000 {
        reader.error(n, f.path("poisson"), "a Poisson mean above 10000 would take too long to draw; use uniform")
        return nil
      }
      return .poisson(meanMilli: mean.milli)
    }
    return nil
  }

  /// A decimal weight or probability (up to 10 digits), at least 0 and at most `max`.
  func readWeight(_ node: Node, _ path: String, max: Int64?) -> Weight? {
    guard let scalar = reader.scalar(node, path, expected: "a decimal number") else { return nil }
    guard let scaled = try? ExchangeRate.parseScaled(scalar.string) else {
      reader.error(node, path, "expected a decimal number such as 0.5, found \(NodeReader.quoted(scalar.string))")
      return nil
    }
    if let max, scaled > max {
      reader.error(node, path, "a probability is at most 1")
      return nil
    }
    return Weight(scaled: scaled)
  }

  func readLapses(_ node: Node, _ path: String) -> GeneratorSpec.Lapses? {
    guard let f = reader.mapping(node, path, allowed: Self.lapseKeys) else { return nil }
    func p(_ key: String) -> Weight { f.opt(key, { readWeight($0, $1, max: Weight.scale) }) ?? Weight(scaled: 0) }
    return GeneratorSpec.Lapses(noReceipt: p("no_receipt"), noClaim: p("no_claim"), neverSettle: p("never_settle"), oneBook: p("one_book"))
  }
}
