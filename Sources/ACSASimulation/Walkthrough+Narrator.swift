import ACSADomain
import ACSAScenario

/// The sentences of a walkthrough: events in plain language, with the units' names, the
/// catalog's units and descriptions, amounts with thousands separators, due dates and
/// deadlines. Details (dates, obligations) come from the books at the end of the run,
/// which keep every date; what is owed after an event comes from the running balances.
struct Narrator {
  let framework: Framework
  let books: [Book]

  var fw: Framework { framework }

  /// ` (for JP, Capt. Sato; for PH, Maj. Cruz)`, or nothing when no signatory is named.
  func signers(_ signedBy: [PartyID: String]) -> String {
    guard !signedBy.isEmpty else { return "" }
    let named = signedBy.keys.sorted().map { party in
      let id = signedBy[party] ?? ""
      return "for \(party), \(fw.party(party).signatory(id)?.name ?? id)"
    }
    return " (" + named.joined(separator: "; ") + ")"
  }

  /// What the order records besides its terms (1.4), as a sentence, or nothing.
  func recorded(_ d: OrderDetails) -> String {
    var parts: [String] = []
    if let place = d.place { parts.append("place \(place)") }
    if let requested = d.requestedDate { parts.append("requested for \(requested)") }
    if !d.contacts.isEmpty {
      parts.append("contacts " + d.contacts.keys.sorted().map { "\($0): \(d.contacts[$0] ?? "")" }.joined(separator: ", "))
    }
    if !d.documents.isEmpty { parts.append("documents " + d.documents.joined(separator: ", ")) }
    guard !parts.isEmpty else { return "" }
    return " It records " + parts.joined(separator: "; ") + "."
  }
  var agreement: Agreement { framework.agreement }

  // MARK: - Words

  /// `PMC Marine Battalion Landing Team 4 (PH)`.
  func unit(_ id: String) -> String {
    guard let u = fw.units[id] else { return id }
    return u.label
  }

  /// `KAMANDAG 10 (training)`.
  func activity(_ id: String) -> String {
    guard let a = fw.activities[id] else { return id }
    return "\(a.name ?? a.id) (\(a.type.rawValue))"
  }

  func settlement(_ s: SettlementMethod) -> String {
    switch s {
    case .cash: "in cash"
    case .replacement: "by replacement in kind"
    case .equalValue: "by an exchange of services of equal value"
    }
  }

  /// Units that read as abbreviations or counts take no plural `s`.
  static let invariableUnits: Set<String> = ["each", "ea", "pcs", "kg", "g", "t", "km", "m", "l", "gal", "lb", "lbs", "nm", "m3", "cbm"]

  /// `1,260 meals`, `8,000 L`, `4 flight-hours`, `1 person-night`.
  func amount(_ q: Quantity, unit: String) -> String {
    guard !unit.isEmpty else { return q.formatted }
    let plural =
      q.milli != 1000 && !Self.invariableUnits.contains(unit.lowercased()) && !unit.hasSuffix("s")
      && unit.allSatisfy { $0.isLowercase || $0 == "-" }
    return "\(q.formatted) \(unit)\(plural ? "s" : "")"
  }

  /// `1,260 meals of RATION (Field ration, one meal)`; `10 HOWA-20 (...)` for a unit of `each`.
  func quantity(_ q: Quantity, _ itemID: String, named: Bool = false) -> String {
    let item = fw.items[itemID]
    let unit = item?.unit ?? ""
    let name = named ? (item?.name).map { " (\($0))" } ?? "" : ""
    if unit.isEmpty || unit.lowercased() == "each" || unit.lowercased() == "ea" { return "\(q.formatted) \(itemID)\(name)" }
    return "\(amount(q, unit: unit)) of \(itemID)\(name)"
  }

  /// `JPY 150 per L`, `JPY 280,000 each`.
  func price(_ price: Money, _ itemID: String) -> String {
    let unit = fw.items[itemID]?.unit ?? ""
    let each = unit.isEmpty || unit.lowercased() == "each" || unit.lowercased() == "ea"
    return "\(price.formatted) \(each ? "each" : "per \(unit)")"
  }

  func lines(_ ls: [Line], named: Bool = false) -> String {
    list(ls.map { quantity($0.qty, $0.item, named: named) })
  }

  /// `a`, `a and b`, `a, b and c`.
  func list(_ parts: [String]) -> String {
    switch parts.count {
    case 0: return "nothing"
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
  ]
  static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  /// `11 November 2026`.
  static func date(_ d: Day) -> String {
    let (y, m, day) = d.components
    return "\(day) \(months[m - 1]) \(y)"
  }

  /// `Monday 5 October 2026` (1 January 1970 was a Thursday).
  static func longDate(_ d: Day) -> String {
    let weekday = ((d.ordinal % 7) + 7 + 3) % 7
    return "\(weekdays[weekday]) \(date(d))"
  }

  func date(_ d: Day) -> String { Self.date(d) }

  /// What is owed on an order, of one kind, in a book's commodities: `PHP 441,000.00`,
  /// `2,000 rounds of 556-BALL`.
  func owed(_ open: [(commodity: String, units: Int64)], kind: ObligationKind) -> String {
    list(
      open.map { o in
        kind == .inKind
          ? quantity(Quantity(milli: o.units), o.commodity)
          : Money(o.units, Currency(code: o.commodity) ?? .jpy).formatted
      })
  }

  /// The first book, in party order, among those that recorded the event.
  func book(for record: EventRecord) -> Book? {
    books.first { record.books.contains($0.owner ?? "") }
  }

  /// The order as a book (any book, when the event's books missed it) records it.
  func order(_ id: String, in book: Book?) -> OrderRecord? {
    book?.orders[id] ?? books.lazy.compactMap { $0.orders[id] }.first
  }

  func kind(of settlement: SettlementMethod) -> ObligationKind {
    switch settlement {
    case .cash: .cash
    case .replacement: .inKind
    case .equalValue: .equalValue
    }
  }

  // MARK: - Applied events

  /// An applied event; `entries` are the journal entries it posted.
  func applied(_ record: EventRecord, entries: [JournalEntry], state: WalkthroughBuilder) -> String {
    var text = describe(record, entries: entries, state: state)
    let missing = fw.partyIDs.filter { !record.books.contains($0) }
    if !missing.isEmpty && !record.books.isEmpty {
      text +=
        " Recorded in \(list(record.books.map { "\($0)'s" })) book only: \(list(missing.map { "\($0)'s" })) book \(missing.count == 1 ? "misses" : "miss") it (a lost record)."
    }
    return text
  }

  func describe(_ record: EventRecord, entries: [JournalEntry], state: WalkthroughBuilder) -> String {
    guard let payload = record.payload.flatMap({ try? EventCodec.decode($0) }) else { return record.message }
    let book = book(for: record)
    let owner = book?.owner ?? ""
    let entry = entries.first { $0.book == owner }
    // What is owed after the event, said of the one book that recorded it, if only one did.
    let only = record.books.count < fw.parties.count ? owner : nil
    switch payload.action {
    case .order(let t):
      var text =
        "\(unit(t.receiver)) orders \(lines(t.lines, named: true)) from \(unit(t.provider)) for \(activity(t.activity)), to be settled \(settlement(t.settlement))."
      text +=
        t.signed
        ? " Both parties' officials sign it\(signers(t.details.signedBy)): a binding commitment."
        : " It is not yet signed by both parties; a delivery before both sign is an audit finding (unsigned_order)."
      text += recorded(t.details)
      return text
    case .sign(let id, let signedBy):
      return "Both parties' officials sign \(id)\(signers(signedBy)): it is now a binding commitment."
    case .cancel(let id):
      return "\(id) is cancelled; nothing was delivered on it."
    case .close(let id):
      guard let rec = order(id, in: book) else { return record.message }
      if rec.closedWithBalance && rec.closedOn == record.date {
        let open = ObligationKind.allCases.flatMap { k in state.open(id, in: owner, kind: k).map { (k, $0) } }
        let what = list(
          open.map { owed([$0.1], kind: $0.0) + ($0.0 == .cash ? " in cash" : $0.0 == .inKind ? " in kind" : " in equal value") })
        return "\(id) is closed while \(what) is still owed on it: closing extinguishes no debt (an audit finding: closed_with_balance)."
      }
      return "\(id) is closed; nothing is owed on it."
    case .deliver(let id, let ls, let receipt, let claim):
      return deliver(record, id, ls ?? [], receipt: receipt, claim: claim, book: book, state: state)
    case .claim(let id):
      guard let book, let rec = order(id, in: book) else { return record.message }
      let claimed = book.obligations(of: id).filter { $0.claimedOn == record.date && $0.createdOn <= record.date }
      let dates = Set(claimed.map(\.deliveryDate)).sorted().map(date)
      var text = "\(rec.provider) records its claim on \(id) for the \(dates.count == 1 ? "delivery" : "deliveries") of \(list(dates))."
      text += billing(claimed, on: record.date, currency: fw.currency(of: rec.provider))
      return text
    case .invoice(let id):
      guard let book, let rec = order(id, in: book) else { return record.message }
      let billed = book.obligations(of: id).filter { $0.kind == .cash && $0.billedOn == record.date }
      let total = billed.reduce(Int64(0)) { $0 &+ $1.originalAmount }
      let due = billed.compactMap(\.dueOn).max()
      return
        "\(rec.provider) invoices \(id): \(Money(total, fw.currency(of: rec.provider)).formatted)\(due.map { ", due \(date($0))" } ?? "")."
    case .pay(let id, let amount):
      guard let rec = order(id, in: book) else { return record.message }
      var text = "\(rec.receiver) pays \(rec.provider) \(amount.formatted) on \(id)"
      if let paid = payload.paid {
        let rate = fw.rates.rate(from: paid.currency, to: amount.currency, on: record.date).map { " at \($0.summary)" } ?? ""
        text =
          "\(rec.receiver) pays \(rec.provider) \(paid.formatted) on \(id), in its own currency (payment_currency: either): "
          + "\(amount.formatted)\(rate), rounded half to even"
      }
      let late = settled(by: entry, in: book, on: record.date).filter { o in
        o.kind == .cash && (o.dueOn.map { $0 < record.date } ?? false)
      }
      let dues = Set(late.compactMap(\.dueOn)).sorted()
      if !dues.isEmpty {
        text += ", late: \(dues.count == 1 ? "the claim it settles was" : "the claims it settles were") due \(list(dues.map(date)))"
      }
      text += "."
      text += " " + remaining(id, rec, kind: .cash, owner: owner, onlyIn: only, state: state)
      return text
    case .returnItems(let id, let ls):
      guard let rec = order(id, in: book) else { return record.message }
      var text = "\(unit(rec.terms.receiver)) returns \(lines(ls)) to \(rec.provider) in kind on \(id)"
      let equivalent = ls.filter { l in !rec.terms.lines.contains { $0.item == l.item } }
      if !equivalent.isEmpty {
        text +=
          " (\(list(equivalent.map { "\($0.item) stands for \(fw.items[$0.item]?.equivalentTo ?? "?"), as declared equivalent" })))"
      }
      text += ". " + remaining(id, rec, kind: .inKind, owner: owner, onlyIn: only, state: state)
      return text
    case .exchange(let id, let ls):
      guard let rec = order(id, in: book) else { return record.message }
      return exchange(record, id, ls, rec, owner: owner, onlyIn: only, state: state)
    case .convert(let id):
      guard let book, let rec = order(id, in: book) else { return record.message }
      let converted = book.obligations(of: id).filter { $0.convertedOn == record.date }
      return
        "On the parties' decision, what is left of \(id) \(kindWords(converted)) becomes a cash claim: "
        + conversion(converted, in: book, rec, on: record.date) + " "
        + remaining(id, rec, kind: .cash, owner: owner, onlyIn: only, state: state)
    case .offset(let amount):
      return offset(amount, shares: payload.offsetShares, record, entry: entry, book: book)
    case .transfer(let id, let ls, let to, let consent):
      guard let rec = order(id, in: book) else { return record.message }
      return
        "\(unit(rec.terms.receiver)) passes \(lines(ls)) received on \(id) to \(to), with \(rec.provider)'s prior written consent (\(consent ?? "none")). Balances do not change."
    case .expect:
      return record.message
    }
  }

  func deliver(
    _ record: EventRecord, _ id: String, _ ls: [Line], receipt: Bool, claim: Bool, book: Book?, state: WalkthroughBuilder
  ) -> String {
    guard let book, let rec = order(id, in: book), let delivery = rec.deliveries.first(where: { $0.eventSeq == record.seq }) else {
      return record.message
    }
    let currency = fw.currency(of: rec.provider)
    let priced = ls.map { l -> String in
      let price = fw.items[l.item]?.price(for: rec.provider, on: record.date)
      return quantity(l.qty, l.item, named: true) + (price.map { " at \(self.price($0, l.item))" } ?? "")
    }
    var text = "\(unit(rec.terms.provider)) delivers \(list(priced)) to \(unit(rec.terms.receiver)) on \(id)."
    let obligations = delivery.obligationIDs.map { book.obligations[$0] }
    let value = Money(obligations.reduce(Int64(0)) { $0 &+ $1.originalAmount }, currency)
    let deadline = obligations.map(\.deadline).min() ?? agreement.deadline(forDeliveryOn: record.date)
    switch kind(of: rec.terms.settlement) {
    case .cash:
      text += " \(rec.receiver) now owes \(rec.provider) \(value.formatted) in cash for it"
      if claim {
        text += billing(obligations, on: record.date, currency: currency, sentence: false)
      } else {
        text += "; the provider does not record its claim, so nothing is billed"
      }
      text += " (settlement deadline \(date(deadline)))."
    case .inKind:
      let items = list(obligations.map { quantity($0.originalQty, $0.item) })
      text +=
        " \(rec.receiver) now owes \(rec.provider) \(items) in kind (worth \(value.formatted) at \(rec.provider)'s price), to be returned by \(date(deadline)), \(period) after delivery."
    case .equalValue:
      text +=
        " \(rec.receiver) now owes \(rec.provider) \(value.formatted) in services of equal value, to be provided by \(date(deadline)), \(period) after delivery."
    }
    if !claim && rec.terms.settlement != .cash { text += " The provider does not record its claim." }
    if !receipt { text += " No signed receipt is recorded (an audit finding: no_receipt)." }
    if delivery.whileUnsigned { text += " The order is not yet signed by both parties (an audit finding: unsigned_order)." }
    // What is left to deliver, from the deliveries made so far.
    var delivered: [String: Quantity] = [:]
    for d in rec.deliveries where d.eventSeq <= record.seq {
      for l in d.lines { delivered[l.item, default: .zero] += l.qty }
    }
    let left = rec.orderedByItem.compactMap { o -> String? in
      let rest = o.qty - (delivered[o.item] ?? .zero)
      return rest.isPositive ? quantity(rest, o.item) : nil
    }
    if !left.isEmpty { text += " Still to be delivered on \(id): \(list(left))." }
    return text
  }

  /// `, billed today and due 11 November 2026` (or a sentence of it), for cash lines.
  func billing(_ obligations: [Obligation], on day: Day, currency: Currency, sentence: Bool = true) -> String {
    let cash = obligations.filter { $0.kind == .cash }
    guard !cash.isEmpty else { return "" }
    let billed = cash.filter { $0.billedOn == day }
    if let due = billed.compactMap(\.dueOn).max(), billed.count == cash.count {
      return sentence
        ? " \(Money(billed.reduce(Int64(0)) { $0 &+ $1.originalAmount }, currency).formatted) is billed today, due \(date(due))."
        : ", billed today and due \(date(due))"
    }
    if agreement.billing == .manual {
      return sentence ? " The cash lines wait for an invoice (billing: manual)." : ", to be invoiced (billing: manual)"
    }
    return ""
  }

  /// The obligations the entry's postings reduced to nothing that day.
  func settled(by entry: JournalEntry?, in book: Book?, on day: Day) -> [Obligation] {
    guard let entry, let book else { return [] }
    let ids = Set(entry.postings.compactMap(\.obligationID)).sorted()
    return ids.filter { $0 < book.obligations.count }.map { book.obligations[$0] }.filter { $0.settledOn == day }
  }

  /// What the entry took off each order's debts: `JP-0003 JPY 240,000 (paid off)`.
  func reductions(_ entry: JournalEntry?, in book: Book?, on day: Day) -> [String] {
    guard let entry, let book else { return [] }
    var order: [String] = []
    var amounts: [String: Int64] = [:]
    for p in entry.postings where p.account == Account.receivable(p.kind) || p.account == Account.payable(p.kind) {
      guard let o = p.orderID else { continue }
      let key = o + "|" + p.commodity
      if amounts[key] == nil { order.append(key) }
      amounts[key, default: 0] &+= p.amount < 0 ? 0 &- p.amount : p.amount
    }
    let paidOff = Set(settled(by: entry, in: book, on: day).map(\.order))
    return order.map { key in
      let parts = key.split(separator: "|").map(String.init)
      let money = Money(amounts[key] ?? 0, Currency(code: parts[1]) ?? .jpy).formatted
      let open = book.obligations(of: parts[0]).contains { $0.kind == .cash && $0.owed(at: day) }
      return "\(parts[0]) \(money)\(paidOff.contains(parts[0]) && !open ? " (paid off)" : "")"
    }
  }

  /// `PHP 441,000.00 is still owed on PH-0002.` or `Nothing is owed on PH-0001 in cash any more.`
  /// `onlyIn`: the one book that recorded the event, whose figures these are.
  func remaining(
    _ id: String, _ rec: OrderRecord, kind: ObligationKind, owner: PartyID, onlyIn: PartyID? = nil, state: WalkthroughBuilder
  ) -> String {
    let open = state.open(id, in: owner, kind: kind)
    let words = kind == .cash ? "in cash" : kind == .inKind ? "in kind" : "in equal value"
    let scope = onlyIn.map { "In \($0)'s book, " } ?? ""
    if open.isEmpty { return scope + "\(scope.isEmpty ? "N" : "n")othing is owed on \(id) \(words) any more." }
    if open.contains(where: { $0.units < 0 }) {
      return
        "\(owner)'s book, which has no debt for it, shows a credit of \(owed(open.map { ($0.commodity, -$0.units) }, kind: kind)) on \(id)."
    }
    return scope + "\(rec.receiver) still owes \(rec.provider) \(owed(open, kind: kind)) \(words) on \(id)."
  }

  func exchange(
    _ record: EventRecord, _ id: String, _ ls: [Line], _ rec: OrderRecord, owner: PartyID, onlyIn: PartyID?, state: WalkthroughBuilder
  ) -> String {
    let own = fw.currency(of: rec.receiver)
    var parts: [String] = []
    var value: Int64 = 0
    for l in ls {
      guard let price = fw.items[l.item]?.price(for: rec.receiver, on: record.date), let v = try? price.times(l.qty) else { continue }
      value &+= v.minor
      parts.append("\(quantity(l.qty, l.item, named: true)) at \(self.price(price, l.item))")
    }
    var text =
      "\(unit(rec.terms.receiver)) provides \(list(parts)) to \(rec.provider) in exchange on \(id), at \(rec.receiver)'s own prices"
    let converted = (try? Rules.exchangeValues(ls, order: rec, date: record.date, framework: fw)) ?? [:]
    let total = converted.values.reduce(Int64(0)) { $0 &+ $1.minor }
    let target = fw.currency(of: rec.provider)
    if own == target {
      text += ": worth \(Money(total, target).formatted)."
    } else {
      let rate = fw.rates.rate(from: own, to: target, on: record.date)
      text +=
        ": worth \(Money(value, own).formatted), or \(Money(total, target).formatted) at \(rate?.summary ?? "the day's rate")."
    }
    return text + " " + remaining(id, rec, kind: .equalValue, owner: owner, onlyIn: onlyIn, state: state)
  }

  /// `a cash claim of JPY 240,000 (2,000 rounds of 556-BALL at JPY 120, the price on 10
  /// October 2026, the delivery date), billed today and due ...; it keeps its deadline of ...`
  func conversion(_ converted: [Obligation], in book: Book, _ rec: OrderRecord, on day: Day) -> String {
    let currency = fw.currency(of: rec.provider)
    var parts: [String] = []
    var claims: [Obligation] = []
    for o in converted {
      guard let into = o.convertedInto, into < book.obligations.count else { continue }
      let cash = book.obligations[into]
      claims.append(cash)
      let amount = Money(cash.originalAmount, currency).formatted
      if o.kind == .inKind {
        let price = fw.items[o.item]?.price(for: o.creditor, on: o.deliveryDate)
        parts.append(
          "\(amount) for \(quantity(cash.originalQty, o.item))"
            + (price.map { " at \(self.price($0, o.item)), \(rec.provider)'s price on the delivery date (\(date(o.deliveryDate)))" } ?? ""))
      } else {
        parts.append("\(amount) in place of the services of equal value still owed for the delivery of \(date(o.deliveryDate))")
      }
    }
    var text = list(parts)
    if let due = claims.compactMap({ $0.billedOn == day ? $0.dueOn : nil }).max() {
      text += ", billed today and due \(date(due))"
    } else if claims.contains(where: { $0.claimedOn == nil }) {
      text += ", unclaimed (the provider never recorded its claim)"
    } else if agreement.billing == .manual {
      text += ", to be invoiced (billing: manual)"
    }
    if let deadline = claims.map(\.deadline).min() {
      text +=
        day > deadline ? "; it is past its deadline of \(date(deadline)) from the start." : "; it keeps its deadline of \(date(deadline))."
    } else {
      text += "."
    }
    return text
  }

  func offset(_ amount: Money, shares: [PartyID: Money], _ record: EventRecord, entry: JournalEntry?, book: Book?) -> String {
    let parts = fw.partyIDs.compactMap { p in shares[p].map { "\(p)'s claims on \(fw.other(p)) fall by \($0.formatted)" } }
    var text = "The parties offset \(amount.formatted) of cash claims against each other: \(list(parts))"
    if let other = fw.parties.first(where: { $0.currency != amount.currency }),
      let rate = fw.rates.rate(from: amount.currency, to: other.currency, on: record.date)
    {
      text += ", at \(rate.summary)"
    }
    text += "."
    let taken = reductions(entry, in: book, on: record.date)
    if !taken.isEmpty { text += " Taken off the oldest deliveries first: \(list(taken))." }
    return text
  }

  // MARK: - Refusals, conversions, expectations, findings

  /// What was attempted, in plain language.
  func refused(_ record: EventRecord) -> String {
    guard let payload = record.payload.flatMap({ try? EventCodec.decode($0) }) else { return "\(record.action) \(record.orderID ?? "")" }
    let rec = record.orderID.flatMap { order($0, in: nil) }
    switch payload.action {
    case .order(let t):
      return
        "\(unit(t.receiver)) asks \(unit(t.provider)) for \(lines(t.lines, named: true)) for \(activity(t.activity)), to be settled \(settlement(t.settlement)) (order \(t.id))."
    case .sign(let id, _): return "An attempt to sign \(id)."
    case .cancel(let id): return "An attempt to cancel \(id)."
    case .close(let id): return "An attempt to close \(id)."
    case .deliver(let id, let ls, _, _):
      let what = ls.map { lines($0) } ?? "everything left"
      return rec.map { "\(unit($0.terms.provider)) tries to deliver \(what) on \(id)." } ?? "An attempt to deliver \(what) on \(id)."
    case .claim(let id): return "\(rec?.provider ?? "The provider") tries to record a claim on \(id)."
    case .invoice(let id): return "\(rec?.provider ?? "The provider") tries to invoice \(id)."
    case .pay(let id, let amount): return "\(rec?.receiver ?? "The receiver") tries to pay \(amount.formatted) on \(id)."
    case .returnItems(let id, let ls):
      return rec.map { "\(unit($0.terms.receiver)) tries to return \(lines(ls)) on \(id)." }
        ?? "An attempt to return \(lines(ls)) on \(id)."
    case .exchange(let id, let ls):
      return rec.map { "\(unit($0.terms.receiver)) tries to provide \(lines(ls)) in exchange on \(id)." }
        ?? "An attempt to provide \(lines(ls)) in exchange on \(id)."
    case .convert(let id): return "An attempt to convert what is left of \(id) into a cash claim."
    case .offset(let amount): return "The parties try to offset \(amount.formatted) of cash claims."
    case .transfer(let id, let ls, let to, let consent):
      let who = rec.map { unit($0.terms.receiver) } ?? "The receiver"
      return
        "\(who) tries to pass \(lines(ls)) received on \(id) to \(to), \(consent.map { "with consent \($0)" } ?? "with no record of consent")."
    case .expect:
      return record.message
    }
  }

  /// `in kind`, `in equal value`, or both.
  func kindWords(_ obligations: [Obligation]) -> String {
    let kinds = Set(obligations.map(\.kind))
    return kinds == [.inKind] ? "in kind" : kinds == [.equalValue] ? "in equal value" : "in kind or in equal value"
  }

  /// The settlement period in words (`SettlementPeriod.inWords`).
  var period: String { agreement.settlement.inWords }

  /// The 12-month rule and what a conversion does, with this agreement's settings.
  var deadlineRule: String {
    "\(Rulebook.deadlineRule) Here the deadline is delivery + \(agreement.settlement). \(Rulebook.conversionRule)"
  }

  /// Whose rules they are: the 12 months the agreement's, the conversion the scenario's.
  var deadlineSource: String { Rulebook.deadlineOrigin.text + " " + Rulebook.conversionOrigin.text }

  /// A deadline conversion in one book; `books` names where it happened (`in JP's
  /// book`, `in both books`).
  func deadlineConversion(_ record: EventRecord, state: WalkthroughBuilder, books: String, merged: Bool) -> String {
    guard let id = record.orderID, let book = book(for: record), let rec = order(id, in: book),
      let payload = record.payload.flatMap({ try? EventCodec.decode($0) })
    else { return record.message }
    let converted = payload.converted.filter { $0 < book.obligations.count }.map { book.obligations[$0] }
    let deadline = converted.map(\.deadline).min().map(date) ?? "?"
    return
      "The \(agreement.settlement.name) of \(id) (\(deadline)) has passed with something still owed \(kindWords(converted)); \(books) it becomes a cash claim of "
      + conversion(converted, in: book, rec, on: record.date) + " "
      + remaining(id, rec, kind: .cash, owner: book.owner ?? "", onlyIn: merged ? nil : book.owner, state: state)
  }

  /// An expectation, in plain language: `JP owes PH PHP 2,142,000.00 in cash`.
  func expectation(_ e: ExpectationResult, scenario: Scenario) -> String {
    let event = scenario.events.first { $0.location?.line == e.line && $0.date == e.date && $0.action.name == "expect" }
    let books = e.actual.map(\.book).filter { !$0.isEmpty }
    let inBooks = books.count == 2 ? ", in both books" : books.count == 1 ? ", in \(books[0])'s book" : ""
    let verdict = e.passed ? "holds" : "does not hold"
    guard case .expect(let expectation) = event?.action else { return "Expected: \(e.subject) is \(e.expected)\(inBooks): \(verdict)." }
    let claim: String
    switch expectation {
    case .outstanding(let debtor, let creditor, .cash(let m)): claim = "\(debtor) owes \(creditor) \(m.formatted) in cash"
    case .outstanding(let debtor, let creditor, .equalValue(let m)): claim = "\(debtor) owes \(creditor) \(m.formatted) in equal value"
    case .outstanding(let debtor, let creditor, .inKind(let item, let q)): claim = "\(debtor) owes \(creditor) \(quantity(q, item)) in kind"
    case .status(let order, let status): claim = "\(order) is \(status.rawValue)"
    case .refused(let id, let code): claim = "event \(id) was refused with \(code.rawValue)"
    case .findings(let counts):
      let listed = counts.keys.sorted().map { "\($0.rawValue) \(counts[$0]!)" }
      claim = "the audit counts \(list(listed)) (orders)"
    }
    return "Expected: \(claim)\(inBooks): \(verdict)."
  }

  func findingRule(_ code: FindingCode) -> String {
    switch code {
    case .noClaim where agreement.claimDays != agreement.paymentDays: code.rule + " Here claim_days is \(agreement.claimDays)."
    case .noClaim, .notInvoiced, .latePayment: code.rule + " Here payment_days is \(agreement.paymentDays)."
    case .settledLate: code.rule + " Here " + agreement.settlement.settingInWords + "."
    case .incompleteOrder:
      code.rule + " Here required_order_fields is [" + agreement.requiredOrderFields.map(\.rawValue).joined(separator: ", ") + "]."
    case .overdue: code.rule + " Here " + agreement.settlement.settingInWords + "."
    default: code.rule
    }
  }

  func cleared(_ f: Finding) -> String {
    switch f.code {
    case .overdue: "\(f.order) no longer owes anything past its deadline."
    case .bookMismatch: "The two books agree again on \(f.order)."
    case .notInvoiced: "The cash owed on \(f.order) is now invoiced."
    default: "It no longer applies to \(f.order)."
    }
  }
}
