import ACSADomain

/// The sections that make the `Framework`: agreement, parties, units, activities,
/// catalog and rates; and the `scenario` header.
extension ScenarioBuilder {
  static let coverableCategories = Category.allCases.filter { $0 != .weapons }
  static let januaryFirst = MonthDay(month: 1, day: 1)

  func readHeader(_ node: Node, _ path: String) -> ScenarioHeader? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.header) else {
      return nil
    }
    let name = f.req("name", reader.string)
    let description = f.opt("description") { reader.text($0, $1) }
    let start = f.req("start", reader.date)
    let end = f.req("end", reader.date)
    let seed = f.opt("seed", reader.seed) ?? 0
    if let node = f.node("format") {
      let versions = FormatVersion.allCases.map(\.rawValue)
      if let scalar = reader.scalar(node, f.path("format"), expected: "a version, \"1.3\" or \"1.4\"") {
        if let version = FormatVersion(rawValue: scalar.string) {
          format = version
        } else {
          reader.error(
            node, f.path("format"),
            "unknown format version '\(scalar.string)'\(Suggestion.aside(scalar.string, among: versions)); this acsa reads "
              + versions.map { "\"\($0)\"" }.joined(separator: " and ") + " (a file without `format` is read as 1.3)")
        }
      }
    }
    guard let name, let start, let end else { return nil }
    if end < start, let endNode = f.node("end") {
      reader.error(endNode, f.path("end"), "\(end) is before start \(start)")
      return nil
    }
    self.start = start
    self.end = end
    return ScenarioHeader(name: name, description: description, start: start, end: end, seed: seed)
  }

  func readAgreement(_ node: Node, _ path: String) -> Agreement? {
    guard let f = reader.mapping(node, path, allowed: ScenarioKeys.agreement) else { return nil }
    let id = f.req("id", reader.string)
    let signed = f.opt("signed", reader.date)
    let inForce = f.req("in_force", reader.date)
    let taxExempt = f.opt("tax_exempt", reader.bool) ?? true
    var settlement: SettlementPeriod?
    if let days = f.opt("settlement_days", { reader.integer($0, $1, minimum: 1) }) { settlement = .days(days) }
    if let months = f.opt("settlement_months", { reader.integer($0, $1, minimum: 1, maximum: 1200) }) {
      if settlement != nil, let node = f.node("settlement_months") {
        reader.error(
          node, f.path("settlement_months"),
          "give settlement_days (a count of days) or settlement_months (calendar months), not both")
      }
      settlement = .months(months)
    }
    let paymentDays = f.opt("payment_days") { reader.integer($0, $1, minimum: 0) } ?? 30
    let claimDays = f.opt("claim_days") { reader.integer($0, $1, minimum: 0) }
    let billing = f.opt("billing") { reader.choice($0, $1, [BillingMode.auto, .manual]) } ?? .auto
    let policy = f.opt("deadline_policy") { reader.choice($0, $1, [DeadlinePolicy.convert, .flag]) }
    let offset = f.opt("offset", reader.bool) ?? true
    let paymentCurrency = f.opt("payment_currency") { reader.choice($0, $1, [PaymentCurrency.provider, .either]) } ?? .provider
    let activities = f.req("activities", readActivityTypes)
    let categories = f.req("categories", readCoveredCategories)
    let categoryActivities = f.opt("category_activities") { node, path -> [Category: Set<ActivityType>]? in
      guard let m = reader.mapping(node, path, allowed: nil) else { return nil }
      var result: [Category: Set<ActivityType>] = [:]
      for key in m.keys {
        guard let entry = m.entries[key] else { continue }
        guard let category = Category(rawValue: key), category != .weapons else {
          let near = Suggestion.aside(key, among: Self.coverableCategories.map(\.rawValue))
          reader.error(
            entry.keyMark,
            "\(m.path(key)): \(key == "weapons" ? "weapons can never be covered" : "unknown category '\(key)'\(near)")")
          continue
        }
        if let types = readActivityTypes(entry.value, m.path(key)) { result[category] = types }
      }
      return result
    }
    let termYears = f.opt("term_years") { reader.integer($0, $1, minimum: 1, maximum: 1000) }
    let terminated = f.opt("terminated", reader.date)
    let required = f.opt("required_order_fields") { node, path -> [OrderField]? in
      guard let list = reader.list(node, path) else { return nil }
      var fields: [OrderField] = []
      for (i, element) in list.enumerated() {
        if let field = reader.choice(element, FieldPath.element(path, i), OrderField.allCases), !fields.contains(field) {
          fields.append(field)
        }
      }
      return fields.sorted()
    }
    if let categories, let categoryActivities {
      for category in categoryActivities.keys.sorted() where !categories.contains(category) {
        if let node = f.node("category_activities") {
          reader.error(
            node, f.path("category_activities"),
            "\(category.rawValue) is not in agreement.categories, so it is not covered for any activity")
        }
      }
    }
    guard let id, let inForce, let activities, let categories else { return nil }
    return Agreement(
      id: id, signed: signed, inForce: inForce, taxExempt: taxExempt, format: format, settlement: settlement,
      paymentDays: paymentDays, claimDays: claimDays, billing: billing, deadlinePolicy: policy, offsetAllowed: offset,
      paymentCurrency: paymentCurrency, activities: activities, categories: categories, categoryActivities: categoryActivities ?? [:],
      termYears: termYears, terminated: terminated, requiredOrderFields: required ?? [])
  }

  func readActivityTypes(_ node: Node, _ path: String) -> Set<ActivityType>? {
    guard let list = reader.list(node, path) else { return nil }
    var types = Set<ActivityType>()
    for (i, element) in list.enumerated() {
      if let type = reader.choice(element, FieldPath.element(path, i), ActivityType.allCases) {
        types.insert(type)
      }
    }
    return types
  }

  /// The 16 coverable categories; `weapons` is refused.
  func readCoveredCategories(_ node: Node, _ path: String) -> Set<Category>? {
    guard let list = reader.list(node, path) else { return nil }
    var categories = Set<Category>()
    let expected = Self.coverableCategories.map(\.rawValue).joined(separator: ", ")
    for (i, element) in list.enumerated() {
      let elementPath = FieldPath.element(path, i)
      guard let scalar = reader.scalar(element, elementPath, expected: "a category") else { continue }
      if scalar.string == Category.weapons.rawValue {
        reader.error(element, elementPath, "weapons can never be covered")
      } else if let category = Category(rawValue: scalar.string) {
        categories.insert(category)
      } else {
        let near = Suggestion.aside(scalar.string, among: Self.coverableCategories.map(\.rawValue))
        reader.error(element, elementPath, "unknown category '\(scalar.string)'\(near); expected one of: \(expected)")
      }
    }
    return categories
  }

  /// Exactly two parties, keyed by their ids.
  func readParties(_ node: Node, _ path: String) -> [Party]? {
    guard let f = reader.mapping(node, path, allowed: nil) else { return nil }
    partyIDs.complete = true
    if f.keys.count != 2 {
      reader.error(f.mark, "\(path): expected exactly two parties, found \(f.keys.count)")
    }
    var parties: [Party] = []
    for id in f.keys {
      guard let entry = f.entries[id] else { continue }
      partyIDs.positions[id] = TextPosition(entry.keyMark)
      let partyPath = f.path(id)
      guard
        let p = reader.mapping(entry.value, partyPath, allowed: ScenarioKeys.party)
      else { continue }
      let name = p.req("name", reader.string)
      let currency = p.req("currency", reader.currency)
      let fiscalYearStart =
        p.node("fiscal_year_start") == nil ? Self.januaryFirst : p.opt("fiscal_year_start", reader.monthDay)
      if let currency { partyCurrencies[id] = currency }
      let signatories = p.opt("signatories") { readSignatories($0, $1, currency: currency) } ?? []
      self.signatories[id] = signatories.map(\.id)
      guard let name, let currency, let fiscalYearStart else { continue }
      parties.append(Party(id: id, name: name, currency: currency, fiscalYearStart: fiscalYearStart, signatories: signatories))
    }
    return parties
  }

  /// A party's signatories: unique ids, a name, an optional limit in the party's currency.
  func readSignatories(_ node: Node, _ path: String, currency: Currency?) -> [Signatory]? {
    guard let list = reader.list(node, path) else { return nil }
    var result: [Signatory] = []
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.signatory) else { continue }
      let id = f.req("id", reader.string)
      let name = f.req("name", reader.string)
      let limit = f.opt("limit") { reader.money($0, $1, allowZero: false) }
      if let id, result.contains(where: { $0.id == id }), let node = f.node("id") {
        reader.error(node, f.path("id"), "duplicate signatory id '\(id)'")
        continue
      }
      if let limit, let currency, limit.currency != currency, let node = f.node("limit") {
        reader.error(node, f.path("limit"), "must be in the party's currency \(currency), found \"\(limit)\"")
        continue
      }
      guard let id, let name else { continue }
      result.append(Signatory(id: id, name: name, limit: limit))
    }
    return result
  }

  func readUnits(_ node: Node, _ path: String) -> [MilitaryUnit]? {
    guard let list = reader.list(node, path) else { return nil }
    units.complete = true
    var result: [MilitaryUnit] = []
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.unit) else {
        units.complete = false
        continue
      }
      let id = readDefinedID(f, in: &units, what: "unit id")
      let party = f.req("party", partyReference)
      let name = f.opt("name", reader.string)
      guard let id, let party else { continue }
      result.append(MilitaryUnit(id: id, party: party, name: name ?? id))
    }
    return result
  }

  func readActivities(_ node: Node, _ path: String) -> [Activity]? {
    guard let list = reader.list(node, path) else { return nil }
    activities.complete = true
    var result: [Activity] = []
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.activity) else {
        activities.complete = false
        continue
      }
      let id = readDefinedID(f, in: &activities, what: "activity id")
      let type = f.req("type") { reader.choice($0, $1, ActivityType.allCases) }
      let start = f.opt("start", reader.date)
      let end = f.opt("end", reader.date)
      let name = f.opt("name", reader.string)
      let determination = f.opt("determination") { reader.text($0, $1, multiline: false) }
      if let start, let end, end < start, let endNode = f.node("end") {
        reader.error(endNode, f.path("end"), "\(end) is before start \(start)")
        continue
      }
      if type == .other, format >= .v1_4, (determination ?? "").allSatisfy(\.isWhitespace) {
        reader.error(
          f.mark,
          "\(FieldPath.subject(f.path)): an activity of type other needs `determination`, the reference of both governments' decision to cover it"
        )
        continue
      }
      guard let id, let type else { continue }
      result.append(Activity(id: id, type: type, start: start, end: end, name: name, determination: determination))
    }
    return result
  }

  func readCatalog(_ node: Node, _ path: String) -> [Item]? {
    guard let list = reader.list(node, path) else { return nil }
    items.complete = true
    var result: [Item] = []
    var equivalences: [(id: String, node: Node, path: String)] = []
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.item) else {
        items.complete = false
        continue
      }
      let id = readDefinedID(f, in: &items, what: "item id")
      let name = f.opt("name", reader.string)
      let category = f.req("category") { reader.choice($0, $1, Category.allCases) }
      let kind = f.req("kind") { reader.choice($0, $1, [ItemKind.supply, .service]) }
      let unit = f.req("unit", reader.string)
      let equivalentTo = f.opt("equivalent_to", reader.string)
      let prices = f.req("prices", readPrices)
      if let id, let kind { itemKinds[id] = kind }
      if let id, let equivalentTo, let target = f.node("equivalent_to") {
        equivalences.append((id, target, f.path("equivalent_to")))
        if equivalentTo == id {
          reader.error(target, f.path("equivalent_to"), "an item cannot be equivalent to itself")
        }
      }
      guard let id, let category, let kind, let unit, let prices else { continue }
      result.append(
        Item(
          id: id, name: name, category: category, kind: kind, unit: unit, equivalentTo: equivalentTo,
          prices: prices))
    }
    for (id, target, targetPath) in equivalences {
      guard case .scalar(let scalar) = target, scalar.string != id else { continue }
      if items.isUnknown(scalar.string) {
        reader.error(target, targetPath, "unknown item '\(scalar.string)'\(items.didYouMean(scalar.string))")
      }
    }
    return result
  }

  /// An item's prices: each in its party's currency, greater than zero, one per party and
  /// date.
  func readPrices(_ node: Node, _ path: String) -> [Price]? {
    guard let list = reader.list(node, path) else { return nil }
    var result: [Price] = []
    var seen = Set<String>()
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.price)
      else { continue }
      let party = f.req("party", partyReference)
      let from = f.req("from", reader.date)
      let price = f.req("price") { reader.money($0, $1, allowZero: false) }
      if let party, let price, let currency = partyCurrencies[party], price.currency != currency,
        let priceNode = f.node("price")
      {
        reader.error(priceNode, f.path("price"), "must be in \(party)'s currency \(currency), found \"\(price)\"")
        continue
      }
      if let party, let from, let fromNode = f.node("from") {
        let key = party + " " + from.description
        if seen.contains(key) {
          reader.error(fromNode, f.path("from"), "a second price for \(party) from \(from)")
          continue
        }
        seen.insert(key)
      }
      guard let party, let from, let price else { continue }
      result.append(Price(party: party, from: from, price: price))
    }
    return result
  }

  func readRates(_ node: Node, _ path: String) -> [ExchangeRate]? {
    guard let list = reader.list(node, path) else { return nil }
    var result: [ExchangeRate] = []
    var seen: [String: TextPosition] = [:]
    for (i, element) in list.enumerated() {
      guard let f = reader.mapping(element, FieldPath.element(path, i), allowed: ScenarioKeys.rate) else { continue }
      let date = f.req("date", reader.date)
      let base = f.req("base", reader.currency)
      let quote = f.req("quote", reader.currency)
      let scaled = f.req("rate", reader.rate)
      let source = f.opt("source", reader.string)
      guard let date, let base, let quote else { continue }
      if base == quote, let quoteNode = f.node("quote") {
        reader.error(quoteNode, f.path("quote"), "base and quote are both \(base)")
        continue
      }
      let key = "\(base)/\(quote) \(date)"
      if let first = seen[key], let dateNode = f.node("date") {
        reader.error(
          dateNode, f.path("date"), "a second \(base)/\(quote) rate on \(date) (first at line \(first.line))")
        continue
      }
      seen[key] = TextPosition(f.node("date")?.mark)
      guard let scaled else { continue }
      result.append(ExchangeRate(date: date, base: base, quote: quote, scaled: scaled, source: source))
    }
    return result
  }

  // MARK: Ids and references to the framework

  /// The required `id` of a definition, registered; a duplicate is reported at it.
  func readDefinedID(_ f: Fields, in registry: inout Registry, what: String) -> String? {
    guard let id = f.req("id", reader.string), let idNode = f.node("id") else {
      registry.complete = false
      return nil
    }
    define(id, in: &registry, what: what, node: idNode, path: f.path("id"))
    return id
  }

  /// One of the two parties' ids.
  func partyReference(_ node: Node, _ path: String) -> PartyID? {
    guard let id = reader.string(node, path) else { return nil }
    if partyIDs.isUnknown(id) {
      let known = partyIDs.positions.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")
      reader.error(node, path, "unknown party '\(id)'; expected one of: \(known)")
      return nil
    }
    return id
  }

  func unitReference(_ node: Node, _ path: String) -> String? {
    reference(node, path, registry: units, what: "unit id")
  }

  func activityReference(_ node: Node, _ path: String) -> String? {
    reference(node, path, registry: activities, what: "activity id")
  }

  func itemReference(_ node: Node, _ path: String) -> String? {
    reference(node, path, registry: items, what: "item")
  }

  func reference(_ node: Node, _ path: String, registry: Registry, what: String) -> String? {
    guard let id = reader.string(node, path) else { return nil }
    if registry.isUnknown(id) {
      reader.error(node, path, "unknown \(what) '\(id)'\(registry.didYouMean(id))")
      return nil
    }
    return id
  }
}
