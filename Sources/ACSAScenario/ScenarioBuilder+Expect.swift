import ACSADomain

/// `expect`: exactly one of `outstanding`, `order` with `status`, `refused` with `code`,
/// or `findings`.
extension ScenarioBuilder {
  static let expectationForms: [(name: String, keys: [String])] = [
    ("outstanding", ["outstanding"]),
    ("order with status", ["order", "status"]),
    ("refused with code", ["refused", "code"]),
    ("findings", ["findings"]),
  ]

  func readExpectation(_ node: Node, _ path: String) -> Expectation? {
    let allowed = Self.expectationForms.flatMap(\.keys)
    guard let f = reader.mapping(node, path, allowed: allowed) else { return nil }
    // The forms present, in the order their first key appears.
    var forms: [(name: String, keys: [String], firstKey: String)] = []
    for key in f.keys {
      guard let form = Self.expectationForms.first(where: { $0.keys.contains(key) }),
        !forms.contains(where: { $0.name == form.name })
      else { continue }
      forms.append((form.name, form.keys, key))
    }
    guard let form = forms.first else {
      let names = Self.expectationForms.map(\.name).joined(separator: ", ")
      reader.error(f.mark, "\(path): expected one of: \(names)")
      return nil
    }
    if forms.count > 1 {
      reader.error(
        f.keyMark(forms[1].firstKey),
        "\(path): more than one expectation (\(form.name) and \(forms[1].name)); an expect checks exactly one")
      return nil
    }
    switch form.keys[0] {
    case "outstanding":
      return f.req("outstanding", readOutstanding)
    case "order":
      let order = f.req("order", orderReference)
      let status = f.req("status") { reader.choice($0, $1, OrderStatus.allCases) }
      guard let order, let status else { return nil }
      return .status(order: order, status)
    case "refused":
      let event = f.req("refused", eventReference)
      let code = f.req("code") { reader.choice($0, $1, RefusalCode.allCases) }
      guard let event, let code else { return nil }
      return .refused(eventID: event, code: code)
    default:
      return f.req("findings", readFindings)
    }
  }

  /// `{debtor, creditor, cash | equal_value | in_kind}`; amounts and quantities may be 0.
  func readOutstanding(_ node: Node, _ path: String) -> Expectation? {
    let kinds = ScenarioKeys.outstanding.filter { $0 != "debtor" && $0 != "creditor" }
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.outstanding) else { return nil }
    let debtor = f.req("debtor", partyReference)
    var creditor = f.req("creditor", partyReference)
    if let debtor, creditor == debtor, let creditorNode = f.node("creditor") {
      reader.error(creditorNode, f.path("creditor"), "debtor and creditor are both \(debtor)")
      creditor = nil
    }
    let present = f.keys.filter { kinds.contains($0) }
    guard let kind = present.first else {
      reader.error(f.mark, "\(path): expected one of: \(kinds.joined(separator: ", "))")
      return nil
    }
    if present.count > 1 {
      reader.error(
        f.keyMark(present[1]),
        "\(path): more than one kind ('\(kind)' and '\(present[1])'); an outstanding checks exactly one")
      return nil
    }
    let value: Expectation.Outstanding?
    switch kind {
    case "cash":
      value = f.req("cash") { reader.money($0, $1, allowZero: true) }.map { .cash($0) }
    case "equal_value":
      value = f.req("equal_value") { reader.money($0, $1, allowZero: true) }.map { .equalValue($0) }
    default:
      value = f.req("in_kind") { node, path -> Expectation.Outstanding? in
        guard let g = reader.mapping(node, path, allowed: ScenarioKeys.line) else { return nil }
        let item = g.req("item", itemReference)
        let qty = g.req("qty") { reader.quantity($0, $1, allowZero: true) }
        guard let item, let qty else { return nil }
        return .inKind(item: item, qty: qty)
      }
    }
    guard let debtor, let creditor, let value else { return nil }
    return .outstanding(debtor: debtor, creditor: creditor, value)
  }

  /// `{CODE: COUNT, ...}`: finding codes and non-negative counts.
  func readFindings(_ node: Node, _ path: String) -> Expectation? {
    let codes = FindingCode.allCases.map(\.rawValue)
    guard let f = reader.mapping(node, path, allowed: codes) else { return nil }
    var counts: [FindingCode: Int] = [:]
    var valid = true
    for key in f.keys {
      guard let code = FindingCode(rawValue: key),
        let count = f.req(key, { reader.integer($0, $1, minimum: 0) })
      else {
        valid = false
        continue
      }
      counts[code] = count
    }
    return valid ? .findings(counts) : nil
  }
}
