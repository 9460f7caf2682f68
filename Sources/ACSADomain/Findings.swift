/// One audit finding: an order, a code, the books that show it, why, and what it is
/// about (the dates involved and the obligations at stake).
public struct Finding: Hashable, Sendable {
  public let code: FindingCode
  public let order: String
  /// The books in which the finding shows (both for `book_mismatch`).
  public let books: [PartyID]
  /// One sentence a trainee understands.
  public let message: String
  /// The dates involved, by name: `delivered`, `deadline`, `due`, `paid`, `claimed`, `closed`.
  public let dates: [String: Day]
  /// The obligations at stake, in the first book that shows the finding.
  public let obligationIDs: [Int]
  /// The evidence: the events (their numbers in the log, `events.seq`) that make the
  /// finding, in the first book that shows it: the delivery, the claim, the invoice, the
  /// payment, the closing; for `book_mismatch`, the events one book recorded and the
  /// other did not.
  public let events: [Int]
  /// The first day on which the finding holds (nil for `integrity`): the delivery for
  /// `unsigned_order` and `no_receipt`, delivery + payment_days for `no_claim`, the day
  /// after for `not_invoiced`, the due date for `late_payment`, the day after the
  /// deadline for `overdue`, the closing for `closed_with_balance`, the first event the
  /// books differ on for `book_mismatch`.
  public let since: Day?
  /// For `incomplete_order`: the fields of `required_order_fields` the order lacks.
  public let missing: [String]

  public init(
    code: FindingCode, order: String, books: [PartyID], message: String, dates: [String: Day] = [:], obligationIDs: [Int] = [],
    events: [Int] = [], since: Day? = nil, missing: [String] = []
  ) {
    self.code = code
    self.order = order
    self.books = books
    self.message = message
    self.dates = dates
    self.obligationIDs = obligationIDs
    self.events = events
    self.since = since
    self.missing = missing
  }

  /// How late, in days, as of the end of `asOf`: for `late_payment` from the due date to
  /// the payment (or to `asOf`), for `overdue` from the deadline to `asOf`, for `no_claim`
  /// and `not_invoiced` from the delivery to the claim or invoice (or to `asOf`); nil for
  /// the other codes.
  public func delay(asOf: Day) -> (days: Int, after: String)? {
    switch code {
    case .latePayment:
      guard let due = dates["due"] else { return nil }
      return (due.days(to: dates["paid"] ?? asOf), "due")
    case .overdue:
      guard let deadline = dates["deadline"] else { return nil }
      return (deadline.days(to: asOf), "deadline")
    case .settledLate:
      guard let deadline = dates["deadline"], let settled = dates["settled"] else { return nil }
      return (deadline.days(to: settled), "deadline")
    case .noClaim, .notInvoiced:
      guard let delivered = dates["delivered"] else { return nil }
      return (delivered.days(to: dates["claimed"] ?? asOf), "delivery")
    default:
      return nil
    }
  }

  /// The same finding, shown in more books.
  func adding(book: PartyID) -> Finding {
    Finding(
      code: code, order: order, books: books + [book], message: message, dates: dates, obligationIDs: obligationIDs, events: events,
      since: since, missing: missing)
  }
}

/// What the finding rules read of one party's book: its records of orders and its
/// obligations. `Book` is one; `acsa audit` reads only the orders that can have a
/// finding from a ledger into another (`PartialBook`), and the same rules judge them.
public protocol FindingBook {
  /// The party whose book it is (nil: the simulator's record of everything).
  var owner: PartyID? { get }
  /// The agreement's settings the rules read: `payment_days`, `claim_days`, the format
  /// version, `required_order_fields`.
  var agreement: Agreement { get }
  /// Order ids in the order this book first recorded them.
  var orderIDs: [String] { get }
  /// This book's record of an order.
  func record(_ id: String) -> OrderRecord?
  /// An obligation by id (its position in the book's creation order).
  func obligation(_ id: Int) -> Obligation
}

extension Book: FindingBook {
  public func record(_ id: String) -> OrderRecord? { orders[id] }
  public func obligation(_ id: Int) -> Obligation { obligations[id] }
}

/// The audit's rules over the books' state: each finding is computed in each book, and
/// an order has it if either book shows it (at most one finding of each code per order).
/// Findings come by order date, then order id, then code.
public enum FindingRules {
  /// Findings as of the end of `asOf`, over the parties' books (one or two).
  public static func findings<B: FindingBook>(books: [B], asOf: Day) -> [Finding] {
    var (orderIDs, found) = collect(books: books, asOf: asOf)
    // By order date, then order id: the same order at any audit date, whichever book
    // recorded an order first.
    var dates: [String: Day] = [:]
    for book in books {
      for id in orderIDs where dates[id] == nil { dates[id] = book.record(id)?.date }
    }
    var keyed = orderIDs.map { (date: dates[$0] ?? Day(ordinal: 0), id: $0) }
    keyed.sort { a, b in a.date != b.date ? a.date < b.date : a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
    orderIDs = keyed.map(\.id)
    var result: [Finding] = []
    for id in orderIDs {
      guard let codes = found[id] else { continue }
      for code in FindingCode.allCases {
        if let f = codes[code] { result.append(f) }
      }
    }
    return result
  }

  /// Per-order counts of the findings as of the end of `asOf` (the same as
  /// `counts(findings(books:asOf:))`, without ordering them).
  public static func counts<B: FindingBook>(books: [B], asOf: Day) -> [FindingCode: Int] {
    var counts: [FindingCode: Int] = [:]
    for codes in collect(books: books, asOf: asOf).found.values {
      for code in codes.keys { counts[code, default: 0] += 1 }
    }
    return counts
  }

  /// Every order of the books, in the order first recorded, and its findings by code.
  static func collect<B: FindingBook>(books: [B], asOf: Day) -> (orderIDs: [String], found: [String: [FindingCode: Finding]]) {
    var found: [String: [FindingCode: Finding]] = [:]
    var orderIDs: [String] = books.first?.orderIDs ?? []
    if books.count > 1 {
      var seen = Set(orderIDs)
      for book in books.dropFirst() {
        for id in book.orderIDs where seen.insert(id).inserted { orderIDs.append(id) }
      }
    }
    for book in books {
      guard let owner = book.owner else { continue }
      for id in book.orderIDs {
        for f in orderFindings(id, in: book, asOf: asOf) {
          if let existing = found[id]?[f.code] {
            found[id]?[f.code] = existing.adding(book: owner)
          } else {
            found[id, default: [:]][f.code] = f.adding(book: owner)
          }
        }
      }
    }
    if books.count == 2 {
      for id in orderIDs {
        if let message = mismatch(id, books[0], books[1], asOf: asOf) {
          let (events, since) = mismatchEvidence(id, books[0], books[1], asOf: asOf)
          found[id, default: [:]][.bookMismatch] = Finding(
            code: .bookMismatch, order: id, books: books.compactMap(\.owner), message: message, events: events, since: since)
        }
      }
    }
    return (orderIDs, found)
  }

  /// The codes each order has as of the end of `asOf` (the orders of `counts(books:asOf:)`).
  public static func codesByOrder<B: FindingBook>(books: [B], asOf: Day) -> [String: [FindingCode]] {
    collect(books: books, asOf: asOf).found.mapValues { Array($0.keys) }
  }

  /// Per-order counts, as `expect: findings` compares them.
  public static func counts(_ findings: [Finding], book: PartyID? = nil) -> [FindingCode: Int] {
    var counts: [FindingCode: Int] = [:]
    for f in findings where book.map(f.books.contains) ?? true { counts[f.code, default: 0] += 1 }
    return counts
  }

  /// `1 day`, `14 days`.
  static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

  static func orderFindings<B: FindingBook>(_ id: String, in book: B, asOf day: Day) -> [Finding] {
    guard let rec = book.record(id) else { return [] }
    let agreement = book.agreement
    let paymentDays = agreement.paymentDays
    let claimDays = agreement.claimDays
    // Everything is judged from dated facts (created, claimed, billed, settled, converted,
    // closed), so a book read at the end of a run gives the findings of any earlier date.
    // One small array (a closure kept by a lazy view would copy the whole book).
    let obligations = rec.obligationIDs.compactMap { id -> Obligation? in
      let o = book.obligation(id)
      return o.createdOn <= day ? o : nil
    }
    var result: [Finding] = []
    func add(
      _ code: FindingCode, _ message: String, _ dates: [String: Day], _ ids: [Int], events: [Int], since: Day, missing: [String] = []
    ) {
      result.append(
        Finding(
          code: code, order: id, books: [], message: message, dates: dates, obligationIDs: ids, events: events, since: since,
          missing: missing))
    }
    // The events this book recorded on the order on a date; the delivery that created an
    // obligation (or the one it was converted from, delivered the same day).
    func recorded(on date: Day?) -> [Int] {
      guard let date else { return [] }
      return zip(rec.recordedEvents, rec.recordedDates).filter { $0.1 == date }.map(\.0)
    }
    func delivery(of o: Obligation) -> [Int] {
      if let d = rec.deliveries.first(where: { $0.obligationIDs.contains(o.id) }) { return [d.eventSeq] }
      return rec.deliveries.filter { $0.date == o.deliveryDate }.map(\.eventSeq)
    }
    if let d = rec.deliveries.first(where: { $0.whileUnsigned && $0.date <= day }) {
      add(
        .unsignedOrder, "\(id) was delivered on \(d.date) before both parties had signed it, so there is no evidence of a binding order.",
        ["delivered": d.date], d.obligationIDs, events: [d.eventSeq], since: d.date)
    }
    if let d = rec.deliveries.first(where: { !$0.receipt && $0.date <= day }) {
      add(
        .noReceipt, "The delivery of \(d.date) on \(id) has no signed receipt, so nothing proves it was received.", ["delivered": d.date],
        d.obligationIDs, events: [d.eventSeq], since: d.date)
    }
    if !agreement.requiredOrderFields.isEmpty, let d = rec.deliveries.first(where: { $0.date <= day }) {
      let missing = rec.terms.details.missing(agreement.requiredOrderFields, parties: [rec.provider, rec.receiver])
      if !missing.isEmpty {
        let names = missing.map(\.rawValue)
        add(
          .incompleteOrder,
          "\(id) was delivered on \(d.date) without the data the agreement asks every order to record: \(names.joined(separator: ", ")) missing.",
          ["delivered": d.date], d.obligationIDs, events: recorded(on: rec.date).filter { $0 <= d.eventSeq } + [d.eventSeq],
          since: d.date, missing: names)
      }
    }
    // Late if recorded more than claim_days after delivery, or still unrecorded at the
    // end of delivery date + claim_days.
    if let o = obligations.first(where: { o in
      if let claimed = o.claimedOn, claimed <= day { return o.deliveryDate.days(to: claimed) > claimDays }
      return o.deliveryDate.days(to: day) >= claimDays
    }) {
      var dates = ["delivered": o.deliveryDate]
      let message: String
      if let c = o.claimedOn, c <= day {
        dates["claimed"] = c
        message =
          "The provider recorded its claim for the delivery of \(o.deliveryDate) on \(id) only on \(c), more than \(claimDays) days after delivery."
      } else {
        message =
          "The provider had still not recorded its claim for the delivery of \(o.deliveryDate) on \(id) by \(day), \(o.deliveryDate.days(to: day)) days after delivery, so it may never be billed."
      }
      let claim = o.claimedOn.map { $0 <= day ? recorded(on: $0) : [] } ?? []
      add(.noClaim, message, dates, [o.id], events: delivery(of: o) + claim, since: o.deliveryDate.adding(days: claimDays))
    }
    if let o = obligations.first(where: {
      $0.kind == .cash && ($0.billedOn.map { $0 > day } ?? true) && $0.deliveryDate.days(to: day) > paymentDays
    }) {
      add(
        .notInvoiced,
        "Cash owed for the delivery of \(o.deliveryDate) on \(id) was still not invoiced more than \(paymentDays) days later.",
        ["delivered": o.deliveryDate], [o.id], events: delivery(of: o), since: o.deliveryDate.adding(days: paymentDays + 1))
    }
    // Late if not fully paid (or offset) by the end of its due date.
    if let o = obligations.first(where: { o in
      guard o.kind == .cash, let due = o.dueOn, due <= day, o.billedOn.map({ $0 <= day }) ?? false else { return false }
      guard let settled = o.settledOn, settled <= day else { return true }
      return settled > due
    }), let due = o.dueOn {
      var dates = ["delivered": o.deliveryDate, "due": due]
      if let billed = o.billedOn { dates["billed"] = billed }
      let paid: String
      if let s = o.settledOn, s <= day {
        paid = "was paid only on \(s), \(Self.days(due.days(to: s))) after its due date"
        dates["paid"] = s
      } else {
        paid =
          day == due
          ? "was not paid by the end of its due date"
          : "was not paid by the end of its due date and was still unpaid on \(day), \(Self.days(due.days(to: day))) later"
      }
      let payment = o.settledOn.map { $0 <= day ? recorded(on: $0) : [] } ?? []
      add(
        .latePayment, "A cash claim on \(id), due \(due), \(paid).", dates, [o.id], events: recorded(on: o.billedOn) + payment, since: due)
    }
    let overdue = obligations.filter { $0.owed(at: day) && $0.deadline < day }
    if let o = overdue.first {
      add(
        .overdue,
        "On \(id), \(rec.receiver) still owes \(rec.provider) \(o.kind.rawValue.replacingUnderscores) for the delivery of \(o.deliveryDate), "
          + "\(Self.days(o.deadline.days(to: day))) past its \(agreement.settlement.name) of \(o.deadline).",
        ["delivered": o.deliveryDate, "deadline": o.deadline], Array(overdue.map(\.id)),
        events: Array(Set(overdue.flatMap(delivery(of:)))).sorted(), since: o.deadline.adding(days: 1))
    }
    // 1.4: an obligation brought to zero after its deadline (a converted one is judged by
    // the cash claim it became, which keeps the deadline).
    if agreement.format >= .v1_4,
      let o = obligations.first(where: { o in o.convertedOn == nil && (o.settledOn.map { $0 <= day && $0 > o.deadline } ?? false) }),
      let settled = o.settledOn
    {
      add(
        .settledLate,
        "On \(id), what \(rec.receiver) owed \(rec.provider) \(o.kind.rawValue.replacingUnderscores) for the delivery of \(o.deliveryDate) was settled only on \(settled), "
          + "\(Self.days(o.deadline.days(to: settled))) after its \(agreement.settlement.name) of \(o.deadline).",
        ["delivered": o.deliveryDate, "deadline": o.deadline, "settled": settled], [o.id],
        events: delivery(of: o) + recorded(on: settled), since: settled)
    }
    if rec.closedWithBalance, let closed = rec.closedOn, closed <= day {
      add(
        .closedWithBalance, "\(id) was closed on \(closed) while something was still owed; closing an order extinguishes no debt.",
        ["closed": closed], Array(obligations.filter { $0.owed(at: closed) }.map(\.id)), events: recorded(on: closed), since: closed)
    }
    return result
  }

  /// For an order that nothing will happen to any more and on which nothing is owed in
  /// any book (so that every fact of it is dated on or before `day`): for each code and
  /// book, the first audit date on or after `day` from which the book shows the finding.
  ///
  /// From `day` on, such an order's findings only appear, and then stay: `unsigned_order`,
  /// `no_receipt`, `closed_with_balance` and `book_mismatch` are settled by facts already
  /// dated (the events recorded through a date, the obligations created by it, whether
  /// each is owed, which no longer changes); `no_claim` of a claim never recorded appears
  /// at delivery + payment_days, `not_invoiced` of a line never billed the day after,
  /// `late_payment` of a claim paid after its due date on that date; `overdue` cannot
  /// hold, nothing being owed. So the findings are judged on `day` and on each later date
  /// where one of these thresholds falls, and the first date that shows each is kept.
  public static func onsets(_ id: String, books: [Book], from day: Day) -> [(code: FindingCode, book: PartyID, onset: Day)] {
    let paymentDays = books.first?.agreement.paymentDays ?? 0
    let claimDays = books.first?.agreement.claimDays ?? 0
    var candidates: Set<Day> = [day]
    for book in books {
      for o in book.obligations(of: id) {
        for c in [
          o.deliveryDate.adding(days: claimDays), o.deliveryDate.adding(days: paymentDays + 1), o.dueOn, o.deadline,
          o.deadline.adding(days: 1), o.settledOn,
        ] {
          if let c, c > day { candidates.insert(c) }
        }
      }
    }
    var found: [FindingCode: [PartyID: Day]] = [:]
    for c in candidates.sorted() {
      for book in books {
        guard let owner = book.owner else { continue }
        for f in orderFindings(id, in: book, asOf: c) where found[f.code]?[owner] == nil { found[f.code, default: [:]][owner] = c }
      }
      if books.count == 2, found[.bookMismatch] == nil, mismatch(id, books[0], books[1], asOf: c) != nil {
        for owner in books.compactMap(\.owner) { found[.bookMismatch, default: [:]][owner] = c }
      }
    }
    var result: [(code: FindingCode, book: PartyID, onset: Day)] = []
    for code in FindingCode.allCases {
      for (book, onset) in (found[code] ?? [:]).sorted(by: { $0.key < $1.key }) { result.append((code, book, onset)) }
    }
    return result
  }

  /// The evidence of a `book_mismatch`: the events one book recorded on the order through
  /// `day` and the other did not, and the first day the books differ (the first of those
  /// events, or the order's date when they differ on obligations only).
  static func mismatchEvidence<B: FindingBook>(_ id: String, _ a: B, _ b: B, asOf day: Day) -> (events: [Int], since: Day?) {
    let ra = a.record(id)
    let rb = b.record(id)
    func dated(_ r: OrderRecord?) -> [Int: Day] {
      guard let r else { return [:] }
      return Dictionary(zip(r.recordedEvents, r.recordedDates).filter { $0.1 <= day }, uniquingKeysWith: { x, _ in x })
    }
    let da = dated(ra)
    let db = dated(rb)
    let only = Set(da.keys).symmetricDifference(db.keys).sorted()
    let first = only.compactMap { da[$0] ?? db[$0] }.min()
    return (only, first ?? ra?.date ?? rb?.date)
  }

  /// How the two books' records of an order differ as of the end of `day`, or nil.
  public static func mismatch<B: FindingBook>(_ id: String, _ a: B, _ b: B, asOf day: Day) -> String? {
    let na = a.owner ?? "?"
    let nb = b.owner ?? "?"
    let ra = a.record(id)
    let rb = b.record(id)
    let ea = ra?.recordedEvents(through: day) ?? []
    let eb = rb?.recordedEvents(through: day) ?? []
    if ea.isEmpty && eb.isEmpty { return nil }
    if ea.isEmpty { return "\(id) is in \(nb)'s book but not in \(na)'s." }
    if eb.isEmpty { return "\(id) is in \(na)'s book but not in \(nb)'s." }
    if ea != eb {
      let onlyA = Set(ea).subtracting(eb).count
      let onlyB = Set(eb).subtracting(ea).count
      return "The two books record different events on \(id): \(onlyA) only in \(na)'s book, \(onlyB) only in \(nb)'s."
    }
    // The obligations existing at the end of `day`, compared pairwise: kind, commodity,
    // original amount and whether still owed.
    func sameObligations() -> Bool {
      let ia = (ra?.obligationIDs ?? []).filter { a.obligation($0).createdOn <= day }
      let ib = (rb?.obligationIDs ?? []).filter { b.obligation($0).createdOn <= day }
      guard ia.count == ib.count else { return false }
      for (x, y) in zip(ia, ib) {
        let oa = a.obligation(x)
        let ob = b.obligation(y)
        if oa.kind != ob.kind || oa.originalUnits != ob.originalUnits || oa.owed(at: day) != ob.owed(at: day)
          || oa.commodity != ob.commodity
        {
          return false
        }
      }
      return true
    }
    // Unapplied amounts carry no date: they are compared only when neither book has
    // recorded anything on the order after `day` (so the end state is the state then).
    let complete = ea.count == (ra?.recordedEvents.count ?? 0) && eb.count == (rb?.recordedEvents.count ?? 0)
    if !sameObligations() || (complete && ra?.unapplied != rb?.unapplied) {
      return "The two books show different obligations on \(id)."
    }
    return nil
  }

  /// Whether the two books' records of an order may differ: false only when
  /// `mismatch(id, a, b, asOf:)` is nil at every date, because the order is in both
  /// books with the same recorded events (and dates), the same obligations (kind,
  /// commodity, original amount and the dates that say when each was owed) and the
  /// same unapplied amounts. The ledger lists the orders for which it is true
  /// (`differing_orders`), so that `acsa audit` compares only those.
  public static func recordsMayDiffer<B: FindingBook>(_ id: String, _ a: B, _ b: B) -> Bool {
    guard let ra = a.record(id), let rb = b.record(id) else { return a.record(id) != nil || b.record(id) != nil }
    if ra.recordedEvents != rb.recordedEvents || ra.recordedDates != rb.recordedDates || ra.unapplied != rb.unapplied { return true }
    let ia = ra.obligationIDs
    let ib = rb.obligationIDs
    guard ia.count == ib.count else { return true }
    for (x, y) in zip(ia, ib) {
      let oa = a.obligation(x)
      let ob = b.obligation(y)
      if oa.kind != ob.kind || oa.originalUnits != ob.originalUnits || oa.commodity != ob.commodity || oa.createdOn != ob.createdOn
        || oa.convertedOn != ob.convertedOn || oa.settledOn != ob.settledOn
      {
        return true
      }
    }
    return false
  }
}

extension String {
  var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
