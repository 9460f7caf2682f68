import ACSADomain

/// The `events` section: each event's date, id, books and its one action.
extension ScenarioBuilder {
  static let actionKeys = ScenarioKeys.actions
  static let eventKeys = ScenarioKeys.event

  func readEvents(_ node: Node, _ path: String) -> [ScenarioEvent]? {
    guard let list = reader.list(node, path) else {
      // Order and event ids are unknown: references to them cannot be judged.
      orderIDs.complete = false
      eventIDs.complete = false
      return nil
    }
    var events: [ScenarioEvent] = []
    for (index, element) in list.enumerated() {
      if let event = readEvent(element, FieldPath.element(path, index), index: index) {
        events.append(event)
      }
    }
    return events
  }

  func readEvent(_ node: Node, _ path: String, index: Int) -> ScenarioEvent? {
    guard let f = reader.mapping(node, path, allowed: Self.eventKeys) else {
      orderIDs.complete = false
      eventIDs.complete = false
      return nil
    }
    let date = f.req("date", readEventDate)
    let id = f.opt("id", reader.string)
    if let idNode = f.node("id") {
      if let id {
        define(id, in: &eventIDs, what: "event id", node: idNode, path: f.path("id"))
      } else {
        eventIDs.complete = false
      }
    }
    let books = f.opt("books", readBooks)

    let actions = f.keys.filter { Self.actionKeys.contains($0) }
    guard let actionKey = actions.first else {
      reader.error(
        f.mark,
        "\(path): missing an action; expected exactly one of: \(Self.actionKeys.joined(separator: ", "))")
      return nil
    }
    if actions.count > 1 {
      reader.error(
        f.keyMark(actions[1]),
        "\(path): more than one action ('\(actionKey)' and '\(actions[1])'); an event has exactly one")
      // An order left unread still defines its id, so that references to it are not reported.
      if actions.dropFirst().contains("order") {
        registerOrderIDQuietly(f.node("order"))
      }
    }
    guard let actionNode = f.required(actionKey) else { return nil }
    let action = readAction(actionKey, actionNode, f.path(actionKey))
    guard let date, let action else { return nil }
    let location = node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
    return ScenarioEvent(date: date, id: id, books: books, action: action, index: index, location: location)
  }

  /// Registers the id of an order that is not otherwise read, without any report.
  func registerOrderIDQuietly(_ node: Node?) {
    guard case .mapping(let mapping)? = node else {
      orderIDs.complete = false
      return
    }
    for (key, value) in mapping where key.string == "id" {
      if case .scalar(let id) = value, orderIDs.firstDefinition(id.string) == nil {
        orderIDs.positions[id.string] = TextPosition(id.mark)
        return
      }
    }
    orderIDs.complete = false
  }

  /// A date within the scenario's start..end.
  func readEventDate(_ node: Node, _ path: String) -> Day? {
    guard let date = reader.date(node, path) else { return nil }
    if let start, let end, date < start || date > end {
      reader.error(node, path, "\(date) is outside the scenario period \(start)..\(end)")
      return nil
    }
    return date
  }

  /// A non-empty list of distinct party ids.
  func readBooks(_ node: Node, _ path: String) -> [PartyID]? {
    guard let list = reader.list(node, path, nonEmpty: true) else { return nil }
    var books: [PartyID] = []
    var valid = true
    for (i, element) in list.enumerated() {
      let elementPath = FieldPath.element(path, i)
      guard let party = partyReference(element, elementPath) else {
        valid = false
        continue
      }
      if books.contains(party) {
        reader.error(element, elementPath, "party '\(party)' is listed twice")
        valid = false
        continue
      }
      books.append(party)
    }
    return valid ? books : nil
  }

  func readAction(_ key: String, _ node: Node, _ path: String) -> Action? {
    switch key {
    case "order": return readOrder(node, path)
    case "sign": return readSign(node, path)
    case "cancel": return orderOnly(node, path).map { .cancel(order: $0) }
    case "claim": return orderOnly(node, path).map { .claim(order: $0) }
    case "invoice": return orderOnly(node, path).map { .invoice(order: $0) }
    case "convert": return orderOnly(node, path).map { .convert(order: $0) }
    case "close": return orderOnly(node, path).map { .close(order: $0) }
    case "deliver": return readDeliver(node, path)
    case "pay": return readPay(node, path)
    case "return":
      return readOrderLines(node, path).map { .returnItems(order: $0.order, lines: $0.lines) }
    case "exchange":
      return readOrderLines(node, path).map { .exchange(order: $0.order, lines: $0.lines) }
    case "offset": return readOffset(node, path)
    case "transfer": return readTransfer(node, path)
    case "expect": return readExpectation(node, path).map { .expect($0) }
    default: return nil
    }
  }

  func readOrder(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.order) else {
      orderIDs.complete = false
      return nil
    }
    let id = readDefinedID(f, in: &orderIDs, what: "order id")
    let activity = f.req("activity", activityReference)
    let provider = f.req("provider", unitReference)
    let receiver = f.req("receiver", unitReference)
    let settlement = f.req("settlement") { reader.choice($0, $1, SettlementMethod.allCases) }
    let lines = f.req("lines") { readLines($0, $1) }
    let signed = f.opt("signed", reader.bool) ?? true
    var details = OrderDetails()
    details.signedBy = f.opt("signed_by", readSignedBy) ?? [:]
    details.place = f.opt("place") { reader.text($0, $1, multiline: false) }
    details.requestedDate = f.opt("requested_date", reader.date)
    details.contacts = f.opt("contacts", readPartyTexts) ?? [:]
    details.documents =
      f.opt("documents") { node, path -> [String]? in
        guard let list = reader.list(node, path) else { return nil }
        return list.enumerated().compactMap { reader.text($1, FieldPath.element(path, $0), multiline: false) }
      } ?? []
    guard let id, let activity, let provider, let receiver, let settlement, let lines else { return nil }
    return .order(
      OrderTerms(
        id: id, activity: activity, provider: provider, receiver: receiver, settlement: settlement,
        lines: lines, signed: signed, details: details))
  }

  /// `{order, signed_by}`.
  func readSign(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.sign) else { return nil }
    let order = f.req("order", orderReference)
    let signedBy = f.opt("signed_by", readSignedBy) ?? [:]
    guard let order else { return nil }
    return .sign(order: order, signedBy: signedBy)
  }

  /// `{ JP: text, PH: text }`: a text per party.
  func readPartyTexts(_ node: Node, _ path: String) -> [PartyID: String]? {
    guard let f = reader.mapping(node, path, allowed: nil) else { return nil }
    var result: [PartyID: String] = [:]
    for key in f.keys {
      guard let entry = f.entries[key] else { continue }
      if partyIDs.isUnknown(key) {
        let known = partyIDs.positions.sorted { $0.value < $1.value }.map(\.key)
        reader.error(
          entry.keyMark,
          "\(f.path(key)): unknown party '\(key)'\(Suggestion.aside(key, among: known)); expected one of: \(known.joined(separator: ", "))")
        continue
      }
      if let text = reader.text(entry.value, f.path(key), multiline: false) { result[key] = text }
    }
    return result
  }

  /// `{ JP: signatory id, PH: signatory id }`: each a signatory of that party.
  func readSignedBy(_ node: Node, _ path: String) -> [PartyID: String]? {
    guard let given = readPartyTexts(node, path), case .mapping(let mapping) = node else { return nil }
    var result: [PartyID: String] = [:]
    for (party, id) in given.sorted(by: { $0.key < $1.key }) {
      let known = signatories[party] ?? []
      guard known.contains(id) else {
        let valueNode = mapping.pairs.last { $0.key.string == party }?.value ?? node
        let list =
          known.isEmpty
          ? "\(party) lists no signatories (parties.\(party).signatories)" : "its signatories are \(known.joined(separator: ", "))"
        reader.error(
          valueNode, FieldPath.child(path, party),
          "unknown signatory '\(id)' of \(party)\(Suggestion.aside(id, among: known)); \(list)")
        continue
      }
      result[party] = id
    }
    return result
  }

  /// `{order}`.
  func orderOnly(_ node: Node, _ path: String) -> String? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.orderOnly) else { return nil }
    return f.req("order", orderReference)
  }

  func readDeliver(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.deliver) else { return nil }
    let order = f.req("order", orderReference)
    // Without lines: all that is left of the order.
    let linesGiven = f.node("lines") != nil
    let lines = f.opt("lines") { readLines($0, $1) }
    let receipt = f.opt("receipt", reader.bool) ?? true
    let claim = f.opt("claim", reader.bool) ?? true
    guard let order, !linesGiven || lines != nil else { return nil }
    return .deliver(order: order, lines: lines, receipt: receipt, claim: claim)
  }

  func readPay(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.pay) else { return nil }
    let order = f.req("order", orderReference)
    let amount = f.req("amount") { reader.money($0, $1, allowZero: false) }
    guard let order, let amount else { return nil }
    return .pay(order: order, amount: amount)
  }

  /// `{order, lines}` (return, exchange).
  func readOrderLines(_ node: Node, _ path: String) -> (order: String, lines: [Line])? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.settlement) else { return nil }
    let order = f.req("order", orderReference)
    let lines = f.req("lines") { readLines($0, $1) }
    guard let order, let lines else { return nil }
    return (order, lines)
  }

  func readOffset(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.offset) else { return nil }
    guard let amount = f.req("amount", { reader.money($0, $1, allowZero: false) }) else { return nil }
    let currencies = Set(partyCurrencies.values)
    if partyIDs.complete, partyCurrencies.count == partyIDs.positions.count, !currencies.contains(amount.currency),
      let amountNode = f.node("amount")
    {
      let names = currencies.sorted().map(\.code).joined(separator: " or ")
      reader.error(
        amountNode, f.path("amount"), "\(amount.currency) is neither party's currency: offset in \(names)")
      return nil
    }
    return .offset(amount: amount)
  }

  func readTransfer(_ node: Node, _ path: String) -> Action? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.transfer) else { return nil }
    let order = f.req("order", orderReference)
    let lines = f.req("lines") { readLines($0, $1, transfer: true) }
    let to = f.req("to", reader.string)
    let consent = f.opt("consent", reader.string)
    guard let order, let lines, let to else { return nil }
    return .transfer(order: order, lines: lines, to: to, consent: consent)
  }

  /// A non-empty list of `{item, qty}`, each item in the catalog and each quantity > 0.
  /// In a transfer, services are refused.
  func readLines(_ node: Node, _ path: String, transfer: Bool = false) -> [Line]? {
    guard let list = reader.list(node, path, nonEmpty: true) else { return nil }
    var lines: [Line] = []
    var valid = true
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.line) else {
        valid = false
        continue
      }
      let item = f.req("item", itemReference)
      let qty = f.req("qty") { reader.quantity($0, $1, allowZero: false) }
      if transfer, let item, itemKinds[item] == .service, let itemNode = f.node("item") {
        reader.error(itemNode, f.path("item"), "'\(item)' is a service; services cannot be transferred")
        valid = false
        continue
      }
      guard let item, let qty else {
        valid = false
        continue
      }
      lines.append(Line(item: item, qty: qty))
    }
    return valid ? lines : nil
  }
}
