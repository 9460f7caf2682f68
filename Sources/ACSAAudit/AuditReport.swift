import ACSADomain

/// `acsa audit`: findings with what is at stake, aging of open obligations, and each
/// party's fiscal years.
public struct AuditReport: Sendable {
  public struct Item: Sendable {
    public let finding: Finding
    /// What is at stake: what is still owed for `overdue`, what one book says is owed
    /// and the other does not for `book_mismatch`, what was owed when the order was
    /// closed for `closed_with_balance`, the value of the obligations concerned otherwise.
    public let stake: [DualValue]
    /// Quantities in kind at stake, as text (`2,000 round 556-BALL`).
    public let quantities: [String]
    /// What is still owed on those obligations at the audit date, for the codes whose
    /// stake is not already that (nil for `overdue`, `book_mismatch` and `integrity`):
    /// empty when everything at stake has been settled since.
    public let stillOwed: [DualValue]?
    public let stillOwedQuantities: [String]
    /// The order's provider and receiver units (empty for the ledger as a whole).
    public let units: [String]
  }

  /// An event cited as evidence: its number in the log (`events.seq`), date, action,
  /// line in the scenario file, and the journal entries it made in each book.
  public struct EvidenceEvent: Sendable {
    public let seq: Int
    public let date: Day
    public let action: String
    public let line: Int?
    public let eventID: String?
    public let entries: [(book: PartyID, entry: Int)]

    public init(seq: Int, date: Day, action: String, line: Int?, eventID: String?, entries: [(book: PartyID, entry: Int)]) {
      self.seq = seq
      self.date = date
      self.action = action
      self.line = line
      self.eventID = eventID
      self.entries = entries
    }
  }

  public struct AgingRow: Hashable, Sendable {
    public let book: PartyID
    public let debtor: PartyID
    public let creditor: PartyID
    public let kind: ObligationKind
    /// "0-6", "6-12", "12-18", "18+" (months since delivery).
    public let bucket: String
    public let obligations: Int
    public let value: DualValue
  }

  public struct FiscalRow: Hashable, Sendable {
    public let party: PartyID
    /// "FY2026" (named by the year it starts in), with its first and last day.
    public let year: String
    public let from: Day
    public let to: Day
    /// Value provided by this party, received by it, and settled on its claims and its debts.
    public let provided: [Money]
    public let received: [Money]
    public let settledToParty: [Money]
    public let settledByParty: [Money]
  }

  public let asOf: Day
  /// True when the integrity problems come from a full verification.
  public var fullyVerified = false
  public let items: [Item]
  public let integrity: [IntegrityProblem]
  public let aging: [AgingRow]
  public let fiscal: [FiscalRow]
  /// The events the findings cite, by number (`attachEvidence`).
  public var evidence: [Int: EvidenceEvent] = [:]

  public var findings: [Finding] { items.map(\.finding) }
  public var isClean: Bool { items.isEmpty }

  public static let buckets = ["0-6", "6-12", "12-18", "18+"]

  /// What the stakes read of a book besides what the finding rules read.
  protocol AuditBook: FindingBook {
    /// An obligation by id, when the book has it.
    func obligationIfRead(_ id: Int) -> Obligation?
    /// The obligations of an order, in creation order.
    func obligations(of order: String) -> [Obligation]
  }

  /// Reads a ledger for audit: as of the end of `asOf`, its findings (with what was owed
  /// on each obligation then, from the journal), the ledger's quick checks, aging and
  /// fiscal years. `fullChecks`: the problems of a full verification, used instead of
  /// the quick checks.
  ///
  /// A ledger written by this version is read in two passes (every posting, every
  /// obligation) and only the orders that can have a finding are restored
  /// (`FastAudit`); an older one, or one not as the writer stores it, is restored whole
  /// (`restoring`). Both give the same report.
  public static func make(_ ledger: AuditedLedger, asOf: Day, fullChecks: [IntegrityProblem]? = nil) throws -> AuditReport {
    if let report = try fast(ledger, asOf: asOf, fullChecks: fullChecks) { return report }
    return try restoring(ledger, asOf: asOf, fullChecks: fullChecks)
  }

  /// The audit without restoring whole books (`FastAudit`), or nil when this ledger
  /// must be restored whole (written before `differing_orders` existed, or with rows the
  /// writer does not write).
  public static func fast(_ ledger: AuditedLedger, asOf: Day, fullChecks: [IntegrityProblem]? = nil) throws -> AuditReport? {
    try FastAudit.make(ledger, asOf: asOf, fullChecks: fullChecks)
  }

  /// The audit over each book restored whole from its snapshots.
  public static func restoring(_ ledger: AuditedLedger, asOf: Day, fullChecks: [IntegrityProblem]? = nil) throws -> AuditReport {
    let books = try ledger.reader.snapshotBooks(framework: ledger.framework)
    let settlements = try ledger.reader.settlements(asOf: asOf)
    let problems = try fullChecks ?? QuickChecks.run(ledger, books: books)
    var report = make(framework: ledger.framework, books: books, asOf: asOf, settlements: settlements, problems: problems)
    report.fullyVerified = fullChecks != nil
    return report
  }

  /// `settlements`: what payments, returns, exchanges and offsets took off each
  /// obligation, and when (up to `asOf`).
  public static func make(
    framework: Framework, books: [Book], asOf: Day, settlements: [(book: PartyID, date: Day, obligation: Int, units: Int64)],
    problems: [IntegrityProblem]
  ) -> AuditReport {
    let valuation = Valuation(framework: framework, date: asOf)
    var settled: [PartyID: [Int: [(date: Day, units: Int64)]]] = [:]
    for s in settlements { settled[s.book, default: [:]][s.obligation, default: []].append((s.date, s.units)) }
    let items = items(framework: framework, books: books, asOf: asOf, settled: settled, problems: problems)
    var aging = AgingTable()
    let owned = books.filter { $0.owner != nil }
    var fiscal = FiscalTable(framework: framework, books: owned.compactMap(\.owner))
    for (index, book) in owned.enumerated() {
      let owner = book.owner ?? ""
      for o in book.obligations {
        if o.owed(at: asOf) {
          aging.add(book: owner, o, units: openUnits(o, settled[owner]?[o.id] ?? [], at: asOf), valuation)
        }
        fiscal.addDelivery(book: index, o, valuation)
      }
    }
    for s in settlements {
      guard let index = owned.firstIndex(where: { $0.owner == s.book }), s.obligation < owned[index].obligations.count else { continue }
      fiscal.addSettlement(book: index, owned[index].obligations[s.obligation], date: s.date, units: s.units, valuation)
    }
    return AuditReport(asOf: asOf, items: items, integrity: problems, aging: aging.rows(), fiscal: fiscal.rows())
  }

  /// What was still owed on an obligation at the end of `day`: nothing before it existed
  /// or once converted; otherwise what it started with less what was settled by then.
  static func openUnits(_ o: Obligation, _ settled: [(date: Day, units: Int64)], at day: Day) -> Int64 {
    guard o.owed(at: day) else { return 0 }
    let taken = settled.filter { $0.date <= day }.reduce(Int64(0)) { $0 + $1.units }
    return max(o.originalUnits - taken, 0)
  }

  /// The findings of the books as of `asOf`, then one `integrity` finding per order (or
  /// for the ledger as a whole) with problems, each with what is at stake.
  /// `settled`: per book and obligation, what was settled and when (up to `asOf`), for
  /// the obligations of the orders with findings at least.
  static func items<B: AuditBook>(
    framework: Framework, books: [B], asOf: Day, settled: [PartyID: [Int: [(date: Day, units: Int64)]]], problems: [IntegrityProblem]
  ) -> [Item] {
    let valuation = Valuation(framework: framework, date: asOf)
    var findings = FindingRules.findings(books: books, asOf: asOf)
    // Integrity: one finding per order (or for the ledger as a whole).
    var integrityByOrder: [String: [IntegrityProblem]] = [:]
    for p in problems { integrityByOrder[p.order ?? "(ledger)", default: []].append(p) }
    for (order, problems) in integrityByOrder.sorted(by: { $0.key < $1.key }) {
      let books = Array(Set(problems.compactMap(\.book))).sorted()
      let first = problems[0]
      let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
      findings.append(
        Finding(
          code: .integrity, order: order, books: books,
          message: "The ledger fails its own checks: \(first.place): \(first.message)\(more).",
          events: Array(Set(problems.compactMap(\.seq))).sorted()))
    }
    var items: [Item] = []
    for f in findings {
      guard let book = books.first(where: { f.books.contains($0.owner ?? "") }) ?? books.first else { continue }
      let owner = book.owner ?? ""
      var obligations = f.obligationIDs.compactMap { book.obligationIfRead($0) }
      if obligations.isEmpty && f.code != .integrity { obligations = book.obligations(of: f.order).filter { $0.createdOn <= asOf } }
      func owed(_ o: Obligation, in owner: PartyID, at day: Day) -> Int64 { openUnits(o, settled[owner]?[o.id] ?? [], at: day) }
      let stake: [(Obligation, Int64)]
      var stillOwed: [(Obligation, Int64)]?
      switch f.code {
      case .overdue:
        stake = obligations.map { ($0, owed($0, in: owner, at: asOf)) }
      case .bookMismatch:
        stake = mismatchStake(f.order, books: books, asOf: asOf, owed: owed)
      case .closedWithBalance:
        stake = obligations.map { ($0, owed($0, in: owner, at: f.dates["closed"] ?? asOf)) }
        stillOwed = obligations.map { ($0, owed($0, in: owner, at: asOf)) }
      case .integrity:
        stake = []
      default:
        stake = obligations.map { ($0, $0.originalUnits) }
        stillOwed = obligations.map { ($0, owed($0, in: owner, at: asOf)) }
      }
      let (values, quantities) = Self.value(stake, framework: framework, valuation)
      let still = stillOwed.map { Self.value($0, framework: framework, valuation) }
      let terms = book.record(f.order)?.terms
      items.append(
        Item(
          finding: f, stake: values, quantities: quantities, stillOwed: still?.values, stillOwedQuantities: still?.quantities ?? [],
          units: terms.map { [$0.provider, $0.receiver] } ?? []))
    }
    return items
  }

  /// Units of obligations, valued (summed per currency, each with its conversion) and,
  /// for what is owed in kind, as quantities (`2,000 round 556-BALL`); zero units left out.
  static func value(_ units: [(Obligation, Int64)], framework: Framework, _ valuation: Valuation) -> (
    values: [DualValue], quantities: [String]
  ) {
    let units = units.filter { $0.1 != 0 }
    var sums: [Currency: Int64] = [:]
    for (o, n) in units {
      let v = valuation.value(of: o, units: n)
      sums[v.currency, default: 0] &+= v.minor
    }
    let values = sums.sorted { $0.key < $1.key }.map { valuation.dual(Money($0.value, $0.key)) }
    let quantities = units.filter { $0.0.kind == .inKind }.map { o, n in
      "\(Quantity(milli: n).formatted) \(framework.items[o.item]?.unit ?? "") \(o.item)"
    }
    return (values, quantities)
  }

  /// What the two books disagree on being owed on an order at the end of `asOf`: per
  /// kind and commodity, the difference between what each book says is still owed (as
  /// units of one of its obligations, for valuation), nothing where they agree.
  static func mismatchStake<B: AuditBook>(
    _ order: String, books: [B], asOf: Day, owed: (Obligation, PartyID, Day) -> Int64
  ) -> [(Obligation, Int64)] {
    guard books.count == 2 else { return [] }
    var open: [String: (obligation: Obligation, units: [Int64])] = [:]
    var keys: [String] = []
    for (index, book) in books.enumerated() {
      for o in book.obligations(of: order) where o.createdOn <= asOf {
        let key = "\(o.kind.rawValue)|\(o.commodity)|\(o.debtor)"
        if open[key] == nil {
          open[key] = (o, [0, 0])
          keys.append(key)
        }
        open[key]?.units[index] &+= owed(o, book.owner ?? "", asOf)
      }
    }
    return keys.compactMap { key in
      guard let entry = open[key] else { return nil }
      let difference = entry.units[0] &- entry.units[1]
      return difference == 0 ? nil : (entry.obligation, difference < 0 ? 0 &- difference : difference)
    }
  }

  /// Whole calendar months from `a` to `b`.
  public static func months(from a: Day, to b: Day) -> Int {
    let (ya, ma, da) = a.components
    let (yb, mb, db) = b.components
    var m = (yb - ya) * 12 + (mb - ma)
    if db < da { m -= 1 }
    return max(m, 0)
  }

  public static func bucket(months: Int) -> String {
    switch months {
    case ..<6: "0-6"
    case 6..<12: "6-12"
    case 12..<18: "12-18"
    default: "18+"
    }
  }

  /// Open obligations grouped per book, direction, kind and months since delivery.
  struct AgingTable {
    struct Group {
      let debtor: PartyID
      let creditor: PartyID
      let kind: ObligationKind
      let bucket: String
      var count = 0
      var sum: [Currency: Int64] = [:]
    }
    var groups: [PartyID: [String: Group]] = [:]
    var books: [PartyID] = []
    var valuation: Valuation?

    /// An obligation owed at the valuation date, with what was still owed on it then
    /// (`units`, nothing counted unless positive).
    mutating func add(
      book: PartyID, debtor: PartyID, creditor: PartyID, kind: ObligationKind, deliveryDate: Day, units: Int64, value: () -> Money,
      _ valuation: Valuation
    ) {
      guard units > 0 else { return }
      self.valuation = valuation
      if groups[book] == nil {
        books.append(book)
        groups[book] = [:]
      }
      let bucket = AuditReport.bucket(months: AuditReport.months(from: deliveryDate, to: valuation.date))
      let key = "\(debtor)|\(creditor)|\(kind.rawValue)|\(bucket)"
      var g = groups[book]?[key] ?? Group(debtor: debtor, creditor: creditor, kind: kind, bucket: bucket)
      g.count += 1
      let v = value()
      g.sum[v.currency, default: 0] &+= v.minor
      groups[book]?[key] = g
    }

    mutating func add(book: PartyID, _ o: Obligation, units: Int64, _ valuation: Valuation) {
      add(
        book: book, debtor: o.debtor, creditor: o.creditor, kind: o.kind, deliveryDate: o.deliveryDate, units: units,
        value: { valuation.value(of: o, units: units) }, valuation)
    }

    func rows() -> [AgingRow] {
      var rows: [AgingRow] = []
      guard let valuation else { return rows }
      for book in books {
        for g in (groups[book] ?? [:]).values {
          for (currency, minor) in g.sum {
            rows.append(
              AgingRow(
                book: book, debtor: g.debtor, creditor: g.creditor, kind: g.kind, bucket: g.bucket, obligations: g.count,
                value: valuation.dual(Money(minor, currency))))
          }
        }
      }
      return rows.sorted {
        ($0.book, $0.debtor, $0.kind.rawValue, buckets.firstIndex(of: $0.bucket) ?? 0)
          < ($1.book, $1.debtor, $1.kind.rawValue, buckets.firstIndex(of: $1.bucket) ?? 0)
      }
    }
  }

  /// The fiscal year containing `day` for a year starting on `start`: its name (by the
  /// calendar year it starts in) and bounds.
  public static func fiscalYear(of day: Day, start: MonthDay) -> (name: String, from: Day, to: Day) {
    let (y, m, d) = day.components
    let startYear = (m, d) >= (start.month, start.day) ? y : y - 1
    // A fiscal year start is a day every year has (`MonthDay` refuses 29 February).
    let from = Day(year: startYear, month: start.month, day: start.day) ?? day
    let to = (Day(year: startYear + 1, month: start.month, day: start.day) ?? day.adding(days: 366)).adding(days: -1)
    return ("FY\(startYear)", from, to)
  }

  /// Provided, received and settled per fiscal year of each party, from its own book.
  struct FiscalTable {
    struct Sums {
      var from: Day
      var to: Day
      var provided: [Currency: Int64] = [:]
      var received: [Currency: Int64] = [:]
      var settledTo: [Currency: Int64] = [:]
      var settledBy: [Currency: Int64] = [:]
    }
    /// Per book (in the order given): its party, when its fiscal years start, its years.
    let parties: [PartyID]
    let starts: [MonthDay]
    var years: [[String: Sums]]
    /// The last day seen and the name of its year, per book (days come in runs).
    var lastDay: [(day: Day, name: String)?]

    init(framework: Framework, books: [PartyID]) {
      parties = books
      starts = books.map { framework.party($0).fiscalYearStart }
      years = books.map { _ in [:] }
      lastDay = books.map { _ in nil }
    }

    mutating func touch(_ book: Int, _ day: Day) -> String {
      if let last = lastDay[book], last.day == day { return last.name }
      let fy = AuditReport.fiscalYear(of: day, start: starts[book])
      if years[book][fy.name] == nil { years[book][fy.name] = Sums(from: fy.from, to: fy.to) }
      lastDay[book] = (day, fy.name)
      return fy.name
    }

    /// A delivered obligation (one that is not a converted remainder), by delivery date
    /// up to the valuation date, at its original value: provided when the book's party
    /// is its creditor, received otherwise.
    mutating func addDelivery(book: Int, toParty: Bool, deliveryDate: Day, convertedFrom: Int?, value: () -> Money, _ valuation: Valuation)
    {
      guard convertedFrom == nil && deliveryDate <= valuation.date else { return }
      let name = touch(book, deliveryDate)
      let v = value()
      if toParty {
        years[book][name]!.provided[v.currency, default: 0] &+= v.minor
      } else {
        years[book][name]!.received[v.currency, default: 0] &+= v.minor
      }
    }

    mutating func addDelivery(book: Int, _ o: Obligation, _ valuation: Valuation) {
      addDelivery(
        book: book, toParty: o.creditor == parties[book], deliveryDate: o.deliveryDate, convertedFrom: o.convertedFrom,
        value: { valuation.value(of: o, units: o.originalUnits) }, valuation)
    }

    /// A settlement of an obligation, by its date: on the party's claims when it is the
    /// creditor, on its debts otherwise.
    mutating func addSettlement(book: Int, toParty: Bool, date: Day, value: Money) {
      let name = touch(book, date)
      if toParty {
        years[book][name]!.settledTo[value.currency, default: 0] &+= value.minor
      } else {
        years[book][name]!.settledBy[value.currency, default: 0] &+= value.minor
      }
    }

    mutating func addSettlement(book: Int, _ o: Obligation, date: Day, units: Int64, _ valuation: Valuation) {
      addSettlement(book: book, toParty: o.creditor == parties[book], date: date, value: valuation.value(of: o, units: units))
    }

    func rows() -> [FiscalRow] {
      func money(_ d: [Currency: Int64]) -> [Money] { d.sorted { $0.key < $1.key }.map { Money($0.value, $0.key) } }
      var rows: [FiscalRow] = []
      for (book, party) in parties.enumerated() {
        for (name, s) in years[book].sorted(by: { $0.value.from < $1.value.from }) {
          rows.append(
            FiscalRow(
              party: party, year: name, from: s.from, to: s.to, provided: money(s.provided), received: money(s.received),
              settledToParty: money(s.settledTo), settledByParty: money(s.settledBy)))
        }
      }
      return rows
    }
  }
}

extension Book: AuditReport.AuditBook {
  func obligationIfRead(_ id: Int) -> Obligation? { id < obligations.count ? obligations[id] : nil }
}

extension PartialBook: AuditReport.AuditBook {
  func obligationIfRead(_ id: Int) -> Obligation? { obligations[id] }
}
