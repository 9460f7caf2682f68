/// A refused event: its stable code and a message that says what was wrong.
public struct Refusal: Error, Hashable, Sendable {
  public let code: RefusalCode
  public let message: String

  public init(_ code: RefusalCode, _ message: String) {
    self.code = code
    self.message = message
  }
}

/// An accepted event, made concrete: a `deliver` without lines names what was left,
/// an `offset` carries each side's share.
public struct Accepted: Sendable {
  public let action: Action
  public let offsetShares: [PartyID: Money]
  /// The rate used, where the event converted between currencies.
  public let rateUse: RateUse?
  /// A `pay` in the receiver's currency: what was paid (the action holds what is applied).
  public let paid: Money?

  public init(action: Action, offsetShares: [PartyID: Money], rateUse: RateUse?, paid: Money? = nil) {
    self.action = action
    self.offsetShares = offsetShares
    self.rateUse = rateUse
    self.paid = paid
  }

  /// What the books record of it.
  public var payload: EventPayload { EventPayload(action: action, offsetShares: offsetShares, paid: paid) }
}

/// The agreement's rules: decides whether an event is accepted or refused, judged
/// against what really happened (the book of every applied event).
public enum Rules {
  public static func judge(_ action: Action, date: Day, truth: borrowing Book, refusedOrders: Set<String>) -> Result<Accepted, Refusal> {
    do {
      return .success(try check(action, date: date, truth: truth, refusedOrders: refusedOrders))
    } catch {
      return .failure(error)
    }
  }

  static func accepted(_ action: Action) -> Accepted { Accepted(action: action, offsetShares: [:], rateUse: nil) }

  static func check(_ action: Action, date: Day, truth: borrowing Book, refusedOrders: Set<String>) throws(Refusal) -> Accepted {
    let fw = truth.framework
    switch action {
    case .order(let terms):
      try checkOrder(terms, date: date, framework: fw)
      try checkAuthority(terms.details.signedBy, terms: terms, orderDate: date, framework: fw)
      return accepted(action)
    case .expect:
      return accepted(action)
    case .offset(let amount):
      return try checkOffset(amount, date: date, truth: truth)
    default:
      break
    }
    guard let id = action.orderID else { return accepted(action) }
    if refusedOrders.contains(id) {
      throw Refusal(.unknownState, "order \(id) was refused, so nothing can be done on it")
    }
    guard let rec = truth.orders[id] else {
      throw Refusal(.unknownState, "order \(id) has not been placed yet")
    }
    switch action {
    case .sign(_, let signedBy):
      try notCancelledOrClosed(rec, "signed")
      if rec.signed { throw Refusal(.unknownState, "order \(id) is already signed by both parties") }
      try checkAuthority(signedBy, terms: rec.terms, orderDate: rec.date, framework: fw)
    case .cancel:
      try notCancelledOrClosed(rec, "cancelled")
      if rec.hasDeliveries { throw Refusal(.alreadyDelivered, "order \(id) has deliveries and can no longer be cancelled") }
    case .close:
      try notCancelledOrClosed(rec, "closed")
    case .deliver(_, let lines, let receipt, let claim):
      if rec.closed { throw Refusal(.unknownState, "order \(id) is closed; nothing more can be delivered") }
      if rec.cancelled { throw Refusal(.orderCancelled, "order \(id) was cancelled") }
      let concrete = try deliveryLines(lines, rec, id)
      for line in concrete {
        guard let item = fw.items[line.item], let price = item.price(for: rec.provider, on: date) else {
          throw Refusal(.noPrice, "\(rec.provider) has no own-force price for \(line.item) in force on \(date)")
        }
        do { _ = try price.times(line.qty) } catch { throw Refusal(.amountOutOfRange, "\(line.qty) \(line.item) at \(price) is too large") }
      }
      return accepted(.deliver(order: id, lines: concrete, receipt: receipt, claim: claim))
    case .claim:
      if !truth.obligations(of: id).contains(where: { $0.claimedOn == nil }) {
        throw Refusal(.nothingToClaim, "order \(id) has no delivery whose claim is unrecorded")
      }
    case .invoice:
      if !truth.obligations(of: id).contains(where: { $0.kind == .cash && $0.claimedOn != nil && $0.billedOn == nil }) {
        throw Refusal(.nothingToInvoice, "order \(id) has no claimed cash line left to bill")
      }
    case .pay(_, let amount):
      let currency = fw.currency(of: rec.provider)
      var applied = amount
      var use: RateUse?
      if amount.currency != currency {
        let receiverCurrency = fw.currency(of: rec.receiver)
        guard fw.agreement.paymentCurrency == .either, amount.currency == receiverCurrency else {
          // (The 1.3 message, unchanged: it is in the log, and so in the digest.)
          let allowed =
            fw.agreement.paymentCurrency == .either ? "\(currency) or \(receiverCurrency) (payment_currency: either)" : "\(currency)"
          throw Refusal(.wrongCurrency, "payment in \(amount.currency) but \(rec.provider) provided, so it is paid in \(allowed)")
        }
        do {
          (applied, use) = try fw.rates.convertHalfEven(amount, to: currency, on: date)
        } catch {
          if case .noRate = error { throw Refusal(.noRate, "no \(amount.currency)/\(currency) exchange rate on or before \(date)") }
          throw Refusal(.amountOutOfRange, "\(amount) is too large to convert")
        }
      }
      let open = truth.obligations(of: id).filter { $0.kind == .cash }.reduce(Int64(0)) { $0 &+ $1.openAmount }
      if applied.minor > open {
        let shown = use == nil ? "\(amount)" : "\(amount) (\(applied) at the day's rate)"
        throw Refusal(.overpayment, "\(shown) exceeds the open cash claims of \(id) (\(Money(open, currency)))")
      }
      if let use {
        return Accepted(action: .pay(order: id, amount: applied), offsetShares: [:], rateUse: use, paid: amount)
      }
    case .returnItems(_, let lines):
      try checkReturn(lines, rec, id, truth)
    case .exchange(_, let lines):
      return try checkExchange(lines, rec, id, date, truth)
    case .convert:
      if !truth.obligations(of: id).contains(where: { $0.kind != .cash && $0.isOpen }) {
        throw Refusal(.nothingToConvert, "order \(id) has no open in-kind or equal-value obligation")
      }
    case .transfer(_, let lines, let to, let consent):
      if (consent ?? "").allSatisfy(\.isWhitespace) {
        throw Refusal(.transferWithoutConsent, "transfer to \(to) has no record of the provider's prior written consent")
      }
      var asked: [String: Quantity] = [:]
      for line in lines { asked[line.item, default: .zero] += line.qty }
      for (item, qty) in asked.sorted(by: { $0.key < $1.key }) {
        let left = (rec.delivered[item] ?? .zero) - (rec.transferred[item] ?? .zero)
        if qty > left {
          throw Refusal(.overTransfer, "transfer of \(qty) \(item) exceeds what was delivered and not yet transferred (\(left))")
        }
      }
    case .order, .offset, .expect:
      break
    }
    return accepted(action)
  }

  static func notCancelledOrClosed(_ rec: OrderRecord, _ verb: String) throws(Refusal) {
    if rec.cancelled { throw Refusal(.unknownState, "order \(rec.terms.id) is cancelled and cannot be \(verb)") }
    if rec.closed { throw Refusal(.unknownState, "order \(rec.terms.id) is closed and cannot be \(verb)") }
  }

  static func checkOrder(_ t: OrderTerms, date: Day, framework fw: Framework) throws(Refusal) {
    let a = fw.agreement
    guard let provider = fw.units[t.provider], let receiver = fw.units[t.receiver] else {
      throw Refusal(.unknownState, "unknown unit")
    }
    if provider.party == receiver.party {
      throw Refusal(.sameParty, "\(t.provider) and \(t.receiver) are both units of \(provider.party)")
    }
    if date < a.inForce {
      throw Refusal(.notInForce, "the agreement enters into force on \(a.inForce); the order is dated \(date)")
    }
    if let terminated = a.terminated, date >= terminated {
      throw Refusal(.notInForce, "the agreement was terminated on \(terminated); the order is dated \(date)")
    }
    if let years = a.termYears, let end = a.termEnd, date > end {
      throw Refusal(
        .notInForce,
        "the agreement's term of \(years) year\(years == 1 ? "" : "s") from \(a.inForce) ended on \(end); the order is dated \(date)")
    }
    guard let activity = fw.activities[t.activity] else { throw Refusal(.unknownState, "unknown activity") }
    if !a.activities.contains(activity.type) {
      throw Refusal(.activityNotCovered, "activity \(t.activity) is of type \(activity.type.rawValue), which the agreement does not cover")
    }
    if !activity.contains(date) {
      let period = "\(activity.start.map(\.description) ?? "…")..\(activity.end.map(\.description) ?? "…")"
      throw Refusal(.outsideActivityPeriod, "the order is dated \(date), outside \(t.activity) (\(period))")
    }
    let items = t.lines.compactMap { fw.items[$0.item] }
    if let weapon = items.first(where: { $0.category == .weapons }) {
      throw Refusal(.excludedCategory, "\(weapon.id) is a weapon; weapons are excluded from every ACSA")
    }
    if let uncovered = items.first(where: { !a.categories.contains($0.category) }) {
      throw Refusal(
        .categoryNotCovered, "\(uncovered.id) is in category \(uncovered.category.rawValue), which the agreement does not cover")
    }
    if let limited = items.first(where: { a.categoryActivities[$0.category].map { !$0.contains(activity.type) } ?? false }) {
      let types = ActivityType.allCases.filter { a.categoryActivities[limited.category]?.contains($0) ?? false }.map(\.rawValue)
      throw Refusal(
        .categoryNotCovered,
        "\(limited.id) is in category \(limited.category.rawValue), which the agreement covers only for \(types.joined(separator: ", ")) activities; \(t.activity) is \(activity.type.rawValue)"
      )
    }
    if let unsuited = items.first(where: { !t.settlement.suits($0.kind) }) {
      throw Refusal(
        .settlementNotAllowed, "\(unsuited.id) is a \(unsuited.kind.rawValue), which cannot be settled by \(t.settlement.rawValue)")
    }
  }

  /// `over_authority`: each named signatory's limit (in their party's currency) against
  /// the order's value at the provider's prices on the order date, converted at that
  /// date's rate where the currencies differ.
  static func checkAuthority(_ signedBy: [PartyID: String], terms t: OrderTerms, orderDate: Day, framework fw: Framework)
    throws(Refusal)
  {
    guard !signedBy.isEmpty, let provider = fw.units[t.provider]?.party else { return }
    let limited = signedBy.keys.sorted().compactMap { party -> (PartyID, Signatory, Money)? in
      guard let s = fw.party(party).signatory(signedBy[party] ?? ""), let limit = s.limit else { return nil }
      return (party, s, limit)
    }
    guard !limited.isEmpty else { return }
    let value = try orderValue(t, provider: provider, on: orderDate, framework: fw)
    for (party, signatory, limit) in limited {
      let compared: Money
      do {
        compared = try fw.rates.convert(value, to: limit.currency, on: orderDate).0
      } catch {
        if case .noRate = error {
          throw Refusal(
            .noRate, "no \(value.currency)/\(limit.currency) exchange rate on or before \(orderDate) to check \(signatory.name)'s limit")
        }
        throw Refusal(.amountOutOfRange, "the order's value \(value) is too large to convert")
      }
      if compared.minor > limit.minor {
        let shown = compared.currency == value.currency ? "\(value)" : "\(value) (\(compared) on \(orderDate))"
        throw Refusal(
          .overAuthority,
          "\(signatory.name) (\(signatory.id)) may sign for \(party) up to \(limit); order \(t.id) is worth \(shown) at \(provider)'s prices on \(orderDate)"
        )
      }
    }
  }

  /// An order's value: each line at the provider's own-force price on `day`, rounded per
  /// line, summed.
  static func orderValue(_ t: OrderTerms, provider: PartyID, on day: Day, framework fw: Framework) throws(Refusal) -> Money {
    var total = Money.zero(fw.currency(of: provider))
    for line in t.lines {
      guard let price = fw.items[line.item]?.price(for: provider, on: day) else {
        throw Refusal(
          .noPrice, "\(provider) has no own-force price for \(line.item) in force on \(day), needed to check the signatory's limit")
      }
      do { total = try total.adding(try price.times(line.qty)) } catch {
        throw Refusal(.amountOutOfRange, "the value of order \(t.id) is too large")
      }
    }
    return total
  }

  /// The concrete lines of a delivery: as given, or all that is left when none are.
  static func deliveryLines(_ lines: [Line]?, _ rec: OrderRecord, _ id: String) throws(Refusal) -> [Line] {
    guard let lines else {
      let left = rec.orderedByItem.compactMap { entry -> Line? in
        let rest = entry.qty - (rec.delivered[entry.item] ?? .zero)
        return rest.isPositive ? Line(item: entry.item, qty: rest) : nil
      }
      if left.isEmpty { throw Refusal(.overDelivery, "everything ordered on \(id) has already been delivered") }
      return left
    }
    var asked: [String: Quantity] = [:]
    for line in lines { asked[line.item, default: .zero] += line.qty }
    for line in lines {
      let ordered = rec.ordered(line.item)
      if ordered.isZero { throw Refusal(.overDelivery, "\(line.item) is not on order \(id)") }
      let left = ordered - (rec.delivered[line.item] ?? .zero)
      if let total = asked[line.item], total > left {
        throw Refusal(.overDelivery, "delivering \(total) \(line.item) exceeds what is left on \(id) (\(left))")
      }
    }
    return lines
  }

  static func checkReturn(_ lines: [Line], _ rec: OrderRecord, _ id: String, _ truth: borrowing Book) throws(Refusal) {
    let fw = truth.framework
    if rec.terms.settlement != .replacement {
      throw Refusal(.returnMismatch, "order \(id) is settled by \(rec.terms.settlement.rawValue), not by replacement in kind")
    }
    let ordered = Set(rec.terms.lines.map(\.item))
    for line in lines {
      let equivalent = fw.items[line.item]?.equivalentTo
      if !ordered.contains(line.item) && !(equivalent.map(ordered.contains) ?? false) {
        throw Refusal(.returnMismatch, "\(line.item) is neither an item of \(id) nor declared equivalent to one")
      }
    }
    // Simulate the allocation: each line takes its own item first, then the item it is
    // equivalent to.
    var open: [String: Int64] = [:]
    for o in truth.obligations(of: id) where o.kind == .inKind && o.isOpen { open[o.item, default: 0] += o.openQty.milli }
    for line in lines {
      var need = line.qty.milli
      for item in [line.item] + [fw.items[line.item]?.equivalentTo].compactMap({ $0 }) where need > 0 {
        let take = min(open[item] ?? 0, need)
        open[item] = (open[item] ?? 0) - take
        need -= take
      }
      if need > 0 {
        let owed = truth.obligations(of: id).filter { $0.kind == .inKind }.reduce(Quantity.zero) { $0 + $1.openQty }
        throw Refusal(.overReturn, "returning \(line.qty) \(line.item) exceeds what is still owed in kind on \(id) (\(owed) in all)")
      }
    }
  }

  /// The value of an exchange's lines in the provider's currency, per category: each
  /// line at the receiver's own price that day, rounded, converted at the day's rate,
  /// rounded again, then summed.
  public static func exchangeValues(_ lines: [Line], order rec: OrderRecord, date: Day, framework fw: Framework) throws(Refusal)
    -> [Category: Money]
  {
    let target = fw.currency(of: rec.provider)
    // Every line's price before any conversion: no_price comes before no_rate.
    for line in lines where fw.items[line.item]?.price(for: rec.receiver, on: date) == nil {
      throw Refusal(.noPrice, "\(rec.receiver) has no own-force price for \(line.item) in force on \(date)")
    }
    var sums: [Category: Money] = [:]
    for line in lines {
      guard let item = fw.items[line.item], let price = item.price(for: rec.receiver, on: date) else { continue }
      let converted: Money
      do {
        let value = try price.times(line.qty)
        converted = try fw.rates.convert(value, to: target, on: date).0
      } catch let e as ConversionError {
        if case .noRate(let from, let to, _) = e {
          throw Refusal(.noRate, "no \(from)/\(to) exchange rate on or before \(date)")
        }
        throw Refusal(.amountOutOfRange, "the value of \(line.qty) \(line.item) is too large")
      } catch {
        throw Refusal(.amountOutOfRange, "the value of \(line.qty) \(line.item) is too large")
      }
      let sum = sums[item.category] ?? .zero(target)
      guard let total = try? sum.adding(converted) else { throw Refusal(.amountOutOfRange, "the exchange's total is too large") }
      sums[item.category] = total
    }
    return sums
  }

  static func checkExchange(_ lines: [Line], _ rec: OrderRecord, _ id: String, _ date: Day, _ truth: borrowing Book) throws(Refusal)
    -> Accepted
  {
    let fw = truth.framework
    if rec.terms.settlement != .equalValue {
      throw Refusal(.exchangeWrongCategory, "order \(id) is settled by \(rec.terms.settlement.rawValue), not by an exchange of equal value")
    }
    let categories = Set(rec.terms.lines.compactMap { fw.items[$0.item]?.category })
    for line in lines {
      guard let item = fw.items[line.item], item.kind == .service, categories.contains(item.category) else {
        let what = fw.items[line.item].map { "\($0.kind.rawValue) of category \($0.category.rawValue)" } ?? "unknown"
        throw Refusal(.exchangeWrongCategory, "\(line.item) (\(what)) is not a service of a category received on \(id)")
      }
    }
    let values = try exchangeValues(lines, order: rec, date: date, framework: fw)
    for (category, value) in values.sorted(by: { $0.key < $1.key }) {
      let open = truth.obligations(of: id).filter { $0.kind == .equalValue && $0.category == category }.reduce(Int64(0)) {
        $0 &+ $1.openAmount
      }
      if value.minor > open {
        throw Refusal(
          .exchangeExceedsObligation,
          "the exchange is worth \(value) in \(category.rawValue), more than the \(Money(open, value.currency)) still owed")
      }
    }
    let use = fw.rates.rate(from: fw.currency(of: rec.receiver), to: fw.currency(of: rec.provider), on: date)
    return Accepted(action: .exchange(order: id, lines: lines), offsetShares: [:], rateUse: use)
  }

  static func checkOffset(_ amount: Money, date: Day, truth: borrowing Book) throws(Refusal) -> Accepted {
    let fw = truth.framework
    if !fw.agreement.offsetAllowed {
      throw Refusal(.offsetNotAllowed, "agreement \(fw.agreement.id) does not allow offsets")
    }
    guard let first = fw.parties.first(where: { $0.currency == amount.currency }) else {
      throw Refusal(.wrongCurrency, "\(amount.currency) is neither party's currency")
    }
    let other = fw.party(fw.other(first.id))
    let otherShare: Money
    let use: RateUse?
    do {
      (otherShare, use) = try fw.rates.convert(amount, to: other.currency, on: date)
    } catch {
      if case .noRate = error {
        throw Refusal(.noRate, "no \(amount.currency)/\(other.currency) exchange rate on or before \(date)")
      }
      throw Refusal(.amountOutOfRange, "\(amount) is too large to convert")
    }
    let shares = [first.id: amount, other.id: otherShare]
    for party in fw.partyIDs {
      let share = shares[party]!
      let held = truth.obligations.lazy.filter { $0.kind == .cash && $0.creditor == party }.reduce(Int64(0)) { $0 &+ $1.openAmount }
      if share.minor > held {
        throw Refusal(
          .offsetExceedsClaims, "\(party) holds \(Money(held, share.currency)) of open cash claims, less than its share \(share)")
      }
    }
    return Accepted(action: .offset(amount: amount), offsetShares: shares, rateUse: use)
  }
}
