/// How each applied event changes one book. These functions never refuse: `Rules`
/// has already judged the event against what really happened. A book that missed an
/// earlier record applies what it can and keeps the rest as `unapplied`.
extension Book {
  /// Applies an accepted event and posts its entry (one per event, with or without
  /// postings). `template` is the order as it really stands, used when this book missed
  /// the order's own `order` event. `text`, when given, is the entry's memo and encoded
  /// payload as the caller already built them for the event (`Book.memo(action)` and the
  /// `EventPayload` without a template): used unless this book needs the template.
  public mutating func apply(
    _ action: Action, date: Day, seq: Int, template: OrderTemplate?, offsetShares: [PartyID: Money] = [:], paid: Money? = nil,
    text: (memo: String, payload: String)? = nil
  ) {
    var usedTemplate: OrderTemplate?
    if let id = action.orderID, orders.index(forKey: id) == nil, template != nil {
      if case .order = action {} else { usedTemplate = template }
    }
    var changes: [DebtChange] = []
    switch action {
    case .order(let terms):
      recordOrder(terms, date: date, seq: seq)
    case .sign(let id, let signedBy):
      withOrder(id, seq: seq, date: date, template: template) { rec in
        rec.signed = true
        if !signedBy.isEmpty { rec.terms.details.signedBy.merge(signedBy) { _, new in new } }
      }
    case .cancel(let id):
      withOrder(id, seq: seq, date: date, template: template) { rec in rec.cancelled = true }
    case .close(let id):
      let owes = owesAnything(id)
      withOrder(id, seq: seq, date: date, template: template) { rec in
        rec.closed = true
        rec.closedOn = date
        rec.closedWithBalance = owes
      }
    case .transfer(let id, let lines, _, _):
      withOrder(id, seq: seq, date: date, template: template) { rec in
        for line in lines { rec.transferred[line.item, default: .zero] += line.qty }
      }
    case .deliver(let id, let lines, let receipt, let claim):
      ensureOrder(id, seq: seq, date: date, template: template)
      changes = deliver(id, lines: lines ?? [], receipt: receipt, claim: claim, date: date, seq: seq)
    case .claim(let id):
      ensureOrder(id, seq: seq, date: date, template: template)
      claim(id, date: date)
    case .invoice(let id):
      ensureOrder(id, seq: seq, date: date, template: template)
      invoice(id, date: date)
    case .pay(let id, let amount):
      ensureOrder(id, seq: seq, date: date, template: template)
      changes = pay(id, amount: amount, date: date)
    case .returnItems(let id, let lines):
      ensureOrder(id, seq: seq, date: date, template: template)
      changes = returnItems(id, lines: lines, date: date)
    case .exchange(let id, let lines):
      ensureOrder(id, seq: seq, date: date, template: template)
      changes = exchange(id, lines: lines, date: date)
    case .convert(let id):
      ensureOrder(id, seq: seq, date: date, template: template)
      let ids = obligations(of: id).filter { $0.kind != .cash && $0.isOpen }.map(\.id)
      changes = convert(ids, date: date)
    case .offset:
      changes = offset(shares: offsetShares, date: date, seq: seq)
    case .expect:
      return
    }
    if let text, usedTemplate == nil {
      post(changes, date: date, seq: seq, orderID: action.orderID, memo: text.memo, encodedPayload: text.payload)
    } else {
      post(
        changes, date: date, seq: seq, orderID: action.orderID, memo: Book.memo(action, paid: paid),
        payload: EventPayload(action: action, offsetShares: offsetShares, template: usedTemplate, paid: paid))
    }
  }

  /// Converts expired in-kind and equal-value remainders (deadline processing) and posts
  /// the conversion as its own entry.
  public mutating func convertExpired(_ ids: [Int], order: String, date: Day, seq: Int) {
    // Not added to the order's recorded events: each book converts on its own, under its
    // own sequence number; the obligations show any difference.
    let changes = convert(ids, date: date)
    post(
      changes, date: date, seq: seq, orderID: order, memo: "deadline conversion \(order)",
      payload: EventPayload(action: .convert(order: order), converted: ids))
  }

  /// Applies what this book recorded of an event, as a replay does: a deadline
  /// conversion converts the obligations it names, anything else is applied as above.
  public mutating func replay(_ payload: EventPayload, date: Day, seq: Int) {
    if !payload.converted.isEmpty, case .convert(let order) = payload.action {
      convertExpired(payload.converted, order: order, date: date, seq: seq)
    } else {
      apply(payload.action, date: date, seq: seq, template: payload.template, offsetShares: payload.offsetShares, paid: payload.paid)
    }
  }

  /// An entry's memo for an event.
  public static func memo(_ action: Action, paid: Money? = nil) -> String {
    func lines(_ ls: [Line]?) -> String { (ls ?? []).map { "\($0.qty) \($0.item)" }.joined(separator: ", ") }
    switch action {
    case .order(let t): return "order \(t.id): \(lines(t.lines)), \(t.settlement.rawValue)"
    case .deliver(let id, let ls, _, _): return "deliver \(id): \(lines(ls))"
    case .pay(let id, let amount): return "pay \(id): " + (paid.map { "\($0) applied as \(amount)" } ?? "\(amount)")
    case .returnItems(let id, let ls): return "return \(id): \(lines(ls))"
    case .exchange(let id, let ls): return "exchange \(id): \(lines(ls))"
    case .transfer(let id, let ls, let to, _): return "transfer \(id) to \(to): \(lines(ls))"
    case .offset(let amount): return "offset \(amount)"
    case .convert(let id): return "convert \(id): remainder into a cash claim"
    default: return "\(action.name) \(action.orderID ?? "")"
    }
  }

  // MARK: - Orders

  mutating func recordOrder(_ terms: OrderTerms, date: Day, seq: Int) {
    let provider = framework.units[terms.provider]?.party ?? ""
    let receiver = framework.units[terms.receiver]?.party ?? ""
    var rec = OrderRecord(terms: terms, provider: provider, receiver: receiver, date: date, recordedOrderEvent: true, signed: terms.signed)
    rec.position = recordedOrders
    rec.noteEvent(seq, on: date)
    orders[terms.id] = rec
    orderIDs.append(terms.id)
    recordedOrders += 1
  }

  /// Makes sure the book has a record of the order: a book that missed the `order`
  /// event takes the order's terms (and whether it was signed) from the real order.
  mutating func ensureOrder(_ id: String, seq: Int, date: Day, template: OrderTemplate?) {
    if orders.index(forKey: id) == nil, let template {
      let t = template.terms
      var rec = OrderRecord(
        terms: t, provider: framework.units[t.provider]?.party ?? "", receiver: framework.units[t.receiver]?.party ?? "",
        date: template.date, recordedOrderEvent: false, signed: template.signed)
      rec.position = recordedOrders
      orders[id] = rec
      orderIDs.append(id)
      recordedOrders += 1
    }
    orders[id]?.noteEvent(seq, on: date)
  }

  mutating func withOrder(_ id: String, seq: Int, date: Day, template: OrderTemplate?, _ body: (inout OrderRecord) -> Void) {
    ensureOrder(id, seq: seq, date: date, template: template)
    // Mutated in place: copying the record out and back would copy its arrays.
    guard orders.index(forKey: id) != nil else { return }
    body(&orders[id]!)
  }

  // MARK: - Delivery, claim, invoice

  mutating func deliver(_ id: String, lines: [Line], receipt: Bool, claim: Bool, date: Day, seq: Int) -> [DebtChange] {
    // Read the terms from a copy; mutate the record in place (copying it out and back
    // would copy its arrays).
    // What the delivery needs of the record, read before the record changes (a copy
    // kept alive across the changes would make them copy the record).
    guard let (settlement, provider, receiver, signed) = orders[id].map({ ($0.terms.settlement, $0.provider, $0.receiver, $0.signed) })
    else { return [] }
    let agreement = framework.agreement
    let kind: ObligationKind =
      switch settlement {
      case .cash: .cash
      case .replacement: .inKind
      case .equalValue: .equalValue
      }
    let currency = framework.currency(of: provider)
    var ids: [Int] = []
    var changes: [DebtChange] = []
    for line in lines {
      guard let item = framework.items[line.item] else { continue }
      let price = item.price(for: provider, on: date) ?? .zero(currency)
      let value: Int64
      do { value = try price.times(line.qty).minor } catch {
        value = 0
        if overflow == nil { overflow = "event \(seq) on \(id): \(line.qty) \(line.item) at \(price) does not fit in 64-bit minor units" }
      }
      let billed = kind == .cash && claim && agreement.billing == .auto
      let o = Obligation(
        id: obligations.count, order: id, debtor: receiver, creditor: provider, kind: kind,
        item: line.item, category: item.category, currency: currency, deliveryDate: date, createdOn: date,
        deadline: agreement.deadline(forDeliveryOn: date), originalAmount: value,
        originalQty: line.qty, openAmount: kind == .inKind ? 0 : value,
        openQty: kind == .inKind ? line.qty : .zero, claimedOn: claim ? date : nil,
        billedOn: billed ? date : nil, dueOn: billed ? date.adding(days: agreement.paymentDays) : nil,
        settledOn: kind != .inKind && value == 0 ? date : nil, convertedOn: nil, convertedInto: nil, convertedFrom: nil)
      obligations.append(o)
      ids.append(o.id)
      orders[id]!.obligationIDs.append(o.id)
      orders[id]!.delivered[line.item, default: .zero] += line.qty
      if kind != .cash { deadlineQueue[o.deadline, default: []].append(o.id) }
      changes.append(DebtChange(o, delta: o.originalUnits, movement: nil))
    }
    orders[id]!.deliveries.append(
      Delivery(date: date, eventSeq: seq, receipt: receipt, lines: lines, obligationIDs: ids, whileUnsigned: !signed))
    return changes
  }

  mutating func bill(_ oid: Int, on date: Day) {
    obligations[oid].billedOn = date
    obligations[oid].dueOn = date.adding(days: framework.agreement.paymentDays)
  }

  mutating func claim(_ id: String, date: Day) {
    for oid in orders[id]?.obligationIDs ?? [] where obligations[oid].claimedOn == nil {
      obligations[oid].claimedOn = date
      if obligations[oid].kind == .cash && framework.agreement.billing == .auto {
        bill(oid, on: date)
      }
    }
  }

  mutating func invoice(_ id: String, date: Day) {
    for oid in orders[id]?.obligationIDs ?? [] {
      let o = obligations[oid]
      if o.kind == .cash && o.claimedOn != nil && o.billedOn == nil { bill(oid, on: date) }
    }
  }

  // MARK: - Settlement

  /// Takes up to `amount` off the obligations, in the order given; returns the changes
  /// and what could not be applied.
  mutating func reduce(_ ids: [Int], by amount: Int64, date: Day, movement: Movement) -> ([DebtChange], Int64) {
    var remaining = amount
    var changes: [DebtChange] = []
    for oid in ids where remaining > 0 {
      let open = obligations[oid].openUnits
      guard open > 0 else { continue }
      let take = min(open, remaining)
      remaining -= take
      if obligations[oid].kind == .inKind {
        obligations[oid].openQty = Quantity(milli: open - take)
      } else {
        obligations[oid].openAmount = open - take
      }
      if take == open { obligations[oid].settledOn = date }
      changes.append(DebtChange(obligations[oid], delta: -take, movement: movement))
    }
    return (changes, remaining)
  }

  /// Records what a book could not apply, as a credit against the order.
  mutating func unapplied(
    _ amount: Int64, order id: String?, debtor: PartyID, creditor: PartyID, kind: ObligationKind, commodity: String, movement: Movement
  ) -> DebtChange? {
    guard amount > 0 else { return nil }
    let key = OpenTotal.Key(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity).ledgerText
    if let id { orders[id]?.unapplied[key, default: 0] += amount } else { bookUnapplied[key, default: 0] += amount }
    return DebtChange(debtor: debtor, creditor: creditor, kind: kind, commodity: commodity, delta: -amount, orderID: id, movement: movement)
  }

  /// Sorted oldest delivery first, then creation order.
  func oldestFirst(_ ids: [Int]) -> [Int] {
    guard ids.count > 1 else { return ids }
    let keyed = ids.map { (date: obligations[$0].deliveryDate, id: $0) }
    return keyed.sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }.map(\.id)
  }

  mutating func pay(_ id: String, amount: Money, date: Day) -> [DebtChange] {
    guard let rec = orders[id] else { return [] }
    let claims = oldestFirst(rec.obligationIDs.filter { obligations[$0].kind == .cash && obligations[$0].isOpen })
    let (reduced, rest) = reduce(claims, by: amount.minor, date: date, movement: .payment)
    var changes = reduced
    if let u = unapplied(
      rest, order: id, debtor: rec.receiver, creditor: rec.provider, kind: .cash, commodity: amount.currency.code, movement: .payment)
    {
      changes.append(u)
    }
    return changes
  }

  mutating func returnItems(_ id: String, lines: [Line], date: Day) -> [DebtChange] {
    guard let rec = orders[id] else { return [] }
    var changes: [DebtChange] = []
    for line in lines {
      let open = rec.obligationIDs.filter { obligations[$0].kind == .inKind && obligations[$0].isOpen }
      let own = oldestFirst(open.filter { obligations[$0].item == line.item })
      let equivalent = framework.items[line.item]?.equivalentTo
      let viaEquivalent = equivalent.map { e in oldestFirst(open.filter { obligations[$0].item == e }) } ?? []
      let (c, rest) = reduce(own + viaEquivalent, by: line.qty.milli, date: date, movement: .return)
      changes += c
      let owedItem = rec.orderedByItem.contains { $0.item == line.item } ? line.item : (equivalent ?? line.item)
      if let u = unapplied(
        rest, order: id, debtor: rec.receiver, creditor: rec.provider, kind: .inKind, commodity: owedItem, movement: .return)
      {
        changes.append(u)
      }
    }
    return changes
  }

  mutating func exchange(_ id: String, lines: [Line], date: Day) -> [DebtChange] {
    guard let rec = orders[id], let values = try? Rules.exchangeValues(lines, order: rec, date: date, framework: framework) else {
      return []
    }
    var changes: [DebtChange] = []
    for (category, amount) in values.sorted(by: { $0.key < $1.key }) {
      let open = oldestFirst(
        rec.obligationIDs.filter { obligations[$0].kind == .equalValue && obligations[$0].isOpen && obligations[$0].category == category })
      let (c, rest) = reduce(open, by: amount.minor, date: date, movement: .exchange)
      changes += c
      if let u = unapplied(
        rest, order: id, debtor: rec.receiver, creditor: rec.provider, kind: .equalValue, commodity: amount.currency.code,
        movement: .exchange)
      {
        changes.append(u)
      }
    }
    return changes
  }

  /// Converts the remainders of in-kind and equal-value obligations into cash claims in
  /// the provider's currency, valued at the provider's price on the original delivery
  /// date (in kind). The claim keeps the delivery date and deadline; it is billed today
  /// when it is claimed and billing is automatic.
  mutating func convert(_ ids: [Int], date: Day) -> [DebtChange] {
    var changes: [DebtChange] = []
    for oid in oldestFirst(ids) {
      let o = obligations[oid]
      guard o.kind != .cash, o.isOpen else { continue }
      let amount: Int64
      if o.kind == .inKind {
        let price = framework.items[o.item]?.price(for: o.creditor, on: o.deliveryDate) ?? .zero(o.currency)
        do { amount = try price.times(o.openQty).minor } catch {
          amount = 0
          if overflow == nil {
            overflow = "the conversion of \(o.order) on \(date): \(o.openQty) \(o.item) at \(price) does not fit in 64-bit minor units"
          }
        }
      } else {
        amount = o.openAmount
      }
      changes.append(DebtChange(o, delta: -o.openUnits, movement: .conversion))
      obligations[oid].openAmount = 0
      obligations[oid].openQty = .zero
      obligations[oid].convertedOn = date
      let billed = o.claimedOn != nil && framework.agreement.billing == .auto
      let cash = Obligation(
        id: obligations.count, order: o.order, debtor: o.debtor, creditor: o.creditor, kind: .cash,
        item: o.item, category: o.category, currency: o.currency, deliveryDate: o.deliveryDate, createdOn: date,
        deadline: o.deadline, originalAmount: amount, originalQty: o.kind == .inKind ? o.openQty : .zero,
        openAmount: amount, openQty: .zero, claimedOn: o.claimedOn, billedOn: billed ? date : nil,
        dueOn: billed ? date.adding(days: framework.agreement.paymentDays) : nil,
        settledOn: amount == 0 ? date : nil, convertedOn: nil, convertedInto: nil, convertedFrom: oid)
      obligations[oid].convertedInto = cash.id
      obligations.append(cash)
      orders[o.order]?.obligationIDs.append(cash.id)
      changes.append(DebtChange(cash, delta: amount, movement: .conversion))
    }
    return changes
  }

  /// Nets the parties' open cash claims: `shares[p]` is taken off the claims party `p`
  /// holds, oldest delivery first, then order id, then creation order.
  mutating func offset(shares: [PartyID: Money], date: Day, seq: Int) -> [DebtChange] {
    var changes: [DebtChange] = []
    for party in framework.partyIDs {
      guard let share = shares[party] else { continue }
      var claims: [Int] = []
      for o in obligations where o.kind == .cash && o.creditor == party && o.isOpen { claims.append(o.id) }
      claims.sort { Book.offsetOrder(obligations[$0], obligations[$1]) }
      let (c, rest) = reduce(claims, by: share.minor, date: date, movement: .offset)
      for change in c {
        if let order = change.orderID, orders[order]?.recordedEvents.last != seq {
          orders[order]?.noteEvent(seq, on: date)
        }
      }
      changes += c
      if let u = unapplied(
        rest, order: nil, debtor: framework.other(party), creditor: party, kind: .cash, commodity: share.currency.code, movement: .offset)
      {
        changes.append(u)
      }
    }
    return changes
  }

  /// The order in which an offset takes claims: original delivery date, then order id
  /// compared as text, then creation order.
  static func offsetOrder(_ a: Obligation, _ b: Obligation) -> Bool {
    if a.deliveryDate != b.deliveryDate { return a.deliveryDate < b.deliveryDate }
    if a.order != b.order { return a.order.utf8.lexicographicallyPrecedes(b.order.utf8) }
    return a.id < b.id
  }

  // MARK: - Deadlines

  /// Removes and returns the open in-kind and equal-value obligations whose deadline is
  /// before `day`, grouped by deadline then order, oldest deadline first.
  public mutating func takeExpired(before day: Day) -> [(deadline: Day, order: String, ids: [Int])] {
    let due = deadlineQueue.keys.filter { $0 < day }.sorted()
    var result: [(deadline: Day, order: String, ids: [Int])] = []
    for deadline in due {
      let ids = (deadlineQueue.removeValue(forKey: deadline) ?? []).filter {
        obligations.contains($0) && obligations[$0].isOpen && obligations[$0].kind != .cash
      }
      var byOrder: [(String, [Int])] = []
      for oid in ids {
        let order = obligations[oid].order
        if let i = byOrder.firstIndex(where: { $0.0 == order }) { byOrder[i].1.append(oid) } else { byOrder.append((order, [oid])) }
      }
      for (order, ids) in byOrder { result.append((deadline, order, ids)) }
    }
    return result
  }

}
