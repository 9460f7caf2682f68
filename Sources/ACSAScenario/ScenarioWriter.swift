import ACSADomain

/// Writes scenarios back as YAML that `ScenarioLoader` reads: canonically (units,
/// activities and items by id, rates by date, every default spelled out), so that two
/// files with the same content give the same text.
public enum ScenarioWriter {
  /// The scenario's header and framework, with `events: []`: what a ledger keeps to
  /// know its agreement, and what its chains are anchored to.
  public static func framework(_ s: Scenario, seed: UInt64) -> String {
    header(s, seed: seed) + "events: []\n"
  }

  /// The whole scenario with these events (in this order) and no generators: what
  /// `acsa expand` writes.
  public static func expanded(_ s: Scenario, seed: UInt64, events: [ScenarioEvent], comment: String) -> String {
    var text = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n"
    text += header(s, seed: seed)
    text += events.isEmpty ? "events: []\n" : "events:\n"
    for e in events { text += "  - " + event(e) + "\n" }
    return text
  }

  static func header(_ s: Scenario, seed: UInt64) -> String {
    let fw = s.framework
    let a = fw.agreement
    var t = "scenario:\n"
    t += "  name: \(q(s.name))\n"
    if let d = s.description { t += "  description: \(q(d))\n" }
    t += "  start: \(s.start)\n  end: \(s.end)\n  seed: \(seed)\n"
    // What 1.4 added is written only where it is used, so that a 1.3 file's framework
    // (and so its ledger_digest) is what it always was.
    if a.format != .v1_3 { t += "  format: \"\(a.format.rawValue)\"\n" }
    t += "agreement:\n  id: \(q(a.id))\n"
    if let signed = a.signed { t += "  signed: \(signed)\n" }
    t += "  in_force: \(a.inForce)\n  tax_exempt: \(a.taxExempt)\n  \(a.settlement.setting)\n"
    t += "  payment_days: \(a.paymentDays)\n"
    if a.claimDays != a.paymentDays { t += "  claim_days: \(a.claimDays)\n" }
    t += "  billing: \(a.billing.rawValue)\n  deadline_policy: \(a.deadlinePolicy.rawValue)\n"
    t += "  offset: \(a.offsetAllowed)\n"
    if a.paymentCurrency != .provider { t += "  payment_currency: \(a.paymentCurrency.rawValue)\n" }
    t += "  activities: [\(activityTypes(a.activities))]\n"
    t += "  categories: [\(Category.allCases.filter(a.categories.contains).map(\.rawValue).joined(separator: ", "))]\n"
    if !a.categoryActivities.isEmpty {
      let entries = a.categoryActivities.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): [\(activityTypes($0.value))]" }
      t += "  category_activities: { \(entries.joined(separator: ", ")) }\n"
    }
    if let years = a.termYears { t += "  term_years: \(years)\n" }
    if let terminated = a.terminated { t += "  terminated: \(terminated)\n" }
    if !a.requiredOrderFields.isEmpty {
      t += "  required_order_fields: [\(a.requiredOrderFields.map(\.rawValue).joined(separator: ", "))]\n"
    }
    t += "parties:\n"
    for p in fw.parties {
      var fields = ["name: \(q(p.name))", "currency: \(p.currency.code)", "fiscal_year_start: \"\(p.fiscalYearStart)\""]
      if !p.signatories.isEmpty {
        let list = p.signatories.map { s in
          "{ id: \(q(s.id)), name: \(q(s.name))" + (s.limit.map { ", limit: \(q($0.description))" } ?? "") + " }"
        }
        fields.append("signatories: [ \(list.joined(separator: ", ")) ]")
      }
      t += "  \(q(p.id)): { \(fields.joined(separator: ", ")) }\n"
    }
    t += "units:\n"
    for u in fw.units.values.sorted(by: { $0.id < $1.id }) {
      t += "  - { id: \(q(u.id)), party: \(q(u.party)), name: \(q(u.name)) }\n"
    }
    t += fw.activities.isEmpty ? "activities: []\n" : "activities:\n"
    for act in fw.activities.values.sorted(by: { $0.id < $1.id }) {
      var fields = ["id: \(q(act.id))", "type: \(act.type.rawValue)"]
      if let start = act.start { fields.append("start: \(start)") }
      if let end = act.end { fields.append("end: \(end)") }
      if let name = act.name { fields.append("name: \(q(name))") }
      if let determination = act.determination { fields.append("determination: \(q(determination))") }
      t += "  - { \(fields.joined(separator: ", ")) }\n"
    }
    t += "catalog:\n"
    for item in fw.items.values.sorted(by: { $0.id < $1.id }) {
      var fields = ["id: \(q(item.id))"]
      if let name = item.name { fields.append("name: \(q(name))") }
      fields += ["category: \(item.category.rawValue)", "kind: \(item.kind.rawValue)", "unit: \(q(item.unit))"]
      if let e = item.equivalentTo { fields.append("equivalent_to: \(q(e))") }
      let prices = item.prices.sorted { ($0.from, $0.party) < ($1.from, $1.party) }.map {
        "{ party: \(q($0.party)), from: \($0.from), price: \(q($0.price.description)) }"
      }
      fields.append("prices: [ \(prices.joined(separator: ", ")) ]")
      t += "  - { \(fields.joined(separator: ", ")) }\n"
    }
    let rates = fw.rateList.sorted { ($0.date, $0.base.code, $0.quote.code) < ($1.date, $1.base.code, $1.quote.code) }
    t += rates.isEmpty ? "rates: []\n" : "rates:\n"
    for r in rates {
      var fields = ["date: \(r.date)", "base: \(r.base.code)", "quote: \(r.quote.code)", "rate: \(q(r.rateText))"]
      if let source = r.source { fields.append("source: \(q(source))") }
      t += "  - { \(fields.joined(separator: ", ")) }\n"
    }
    return t
  }

  static func activityTypes(_ types: Set<ActivityType>) -> String {
    ActivityType.allCases.filter(types.contains).map(\.rawValue).joined(separator: ", ")
  }

  /// One event as a flow mapping on one line.
  public static func event(_ e: ScenarioEvent) -> String {
    var fields = ["date: \(e.date)"]
    if let id = e.id { fields.append("id: \(q(id))") }
    if let books = e.books { fields.append("books: [\(books.map(q).joined(separator: ", "))]") }
    fields.append(action(e.action))
    return "{ " + fields.joined(separator: ", ") + " }"
  }

  /// `{ JP: "x", PH: "y" }`, keys sorted.
  static func pairs(_ d: [PartyID: String]) -> String {
    "{ " + d.keys.sorted().map { "\(q($0)): \(q(d[$0] ?? ""))" }.joined(separator: ", ") + " }"
  }

  static func lines(_ ls: [Line]) -> String {
    "[ " + ls.map { "{ item: \(q($0.item)), qty: \($0.qty) }" }.joined(separator: ", ") + " ]"
  }

  static func action(_ a: Action) -> String {
    switch a {
    case .order(let t):
      var f = [
        "id: \(q(t.id))", "activity: \(q(t.activity))", "provider: \(q(t.provider))", "receiver: \(q(t.receiver))",
        "settlement: \(t.settlement.rawValue)", "lines: \(lines(t.lines))",
      ]
      if !t.signed { f.append("signed: false") }
      let d = t.details
      if !d.signedBy.isEmpty { f.append("signed_by: \(pairs(d.signedBy))") }
      if let place = d.place { f.append("place: \(q(place))") }
      if let requested = d.requestedDate { f.append("requested_date: \(requested)") }
      if !d.contacts.isEmpty { f.append("contacts: \(pairs(d.contacts))") }
      if !d.documents.isEmpty { f.append("documents: [\(d.documents.map(q).joined(separator: ", "))]") }
      return "order: { \(f.joined(separator: ", ")) }"
    case .sign(let o, let signedBy):
      return "sign: { order: \(q(o))" + (signedBy.isEmpty ? "" : ", signed_by: \(pairs(signedBy))") + " }"
    case .cancel(let o), .claim(let o), .invoice(let o), .convert(let o), .close(let o):
      return "\(a.name): { order: \(q(o)) }"
    case .deliver(let o, let ls, let receipt, let claim):
      var f = ["order: \(q(o))"]
      if let ls { f.append("lines: \(lines(ls))") }
      if !receipt { f.append("receipt: false") }
      if !claim { f.append("claim: false") }
      return "deliver: { \(f.joined(separator: ", ")) }"
    case .pay(let o, let amount):
      return "pay: { order: \(q(o)), amount: \(q(amount.description)) }"
    case .returnItems(let o, let ls), .exchange(let o, let ls):
      return "\(a.name): { order: \(q(o)), lines: \(lines(ls)) }"
    case .offset(let amount):
      return "offset: { amount: \(q(amount.description)) }"
    case .transfer(let o, let ls, let to, let consent):
      var f = ["order: \(q(o))", "lines: \(lines(ls))", "to: \(q(to))"]
      if let consent { f.append("consent: \(q(consent))") }
      return "transfer: { \(f.joined(separator: ", ")) }"
    case .expect(let x):
      return "expect: " + expectation(x)
    }
  }

  static func expectation(_ x: Expectation) -> String {
    switch x {
    case .outstanding(let debtor, let creditor, let what):
      let value: String =
        switch what {
        case .cash(let m): "cash: \(q(m.description))"
        case .equalValue(let m): "equal_value: \(q(m.description))"
        case .inKind(let item, let qty): "in_kind: { item: \(q(item)), qty: \(qty) }"
        }
      return "{ outstanding: { debtor: \(q(debtor)), creditor: \(q(creditor)), \(value) } }"
    case .status(let order, let status):
      return "{ order: \(q(order)), status: \(status.rawValue) }"
    case .refused(let id, let code):
      return "{ refused: \(q(id)), code: \(code.rawValue) }"
    case .findings(let counts):
      let f = counts.keys.sorted().map { "\($0.rawValue): \(counts[$0]!)" }
      return "{ findings: { \(f.joined(separator: ", ")) } }"
    }
  }

  /// A YAML double-quoted string.
  static func q(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\u" + String(format4(scalar.value))
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  static func format4(_ v: UInt32) -> String {
    let hex = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
