import ACSADomain

/// `acsa audit`: findings with what is at stake, aging of open obligations, and each
/// party's fiscal years.
public struct AuditReport: Sendable {
  public struct Item: Sendable {
    public let finding: Finding
    /// What is at stake: what is still owed for `overdue` and `book_mismatch`, what was
    /// owed when the order was closed for `closed_with_balance`, the value of the
    /// obligations concerned otherwise.
    public let stake: [DualValue]
    /// Quantities in kind at stake, as text (`2,000 round 556-BALL`).
    public let quantities: [String]
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

  public var findings: [Finding] { items.map(\.finding) }
  public var isClean: Bool { items.isEmpty }

  public static let buckets = ["0-6", "6-12", "12-18", "18+"]

  /// Reads a ledger for audit: each book from its snapshots, what was owed on each
  /// obligation at the end of `asOf` from the journal, the ledger's quick checks.
  /// `fullChecks`: the problems of a full verification, used instead of the quick checks.
  public static func make(_ ledger: AuditedLedger, asOf: Day, fullChecks: [IntegrityProblem]? = nil) throws -> AuditReport {
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
    /// What was still owed on an obligation at the end of `day`: nothing before it existed
    /// or once converted; otherwise what it started with less what was settled by then.
    func openUnits(_ book: Book, _ o: Obligation, at day: Day = asOf) -> Int64 {
      guard o.owed(at: day) else { return 0 }
      let taken = (settled[book.owner ?? ""]?[o.id] ?? []).filter { $0.date <= day }.reduce(Int64(0)) { $0 + $1.units }
      return max(o.originalUnits - taken, 0)
    }
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
          code: .integrity, order: order, books: books, message: "The ledger fails its own checks: \(first.place): \(first.message)\(more)."
        ))
    }
    var items: [Item] = []
    for f in findings {
      guard let book = books.first(where: { f.books.contains($0.owner ?? "") }) ?? books.first else { continue }
      var obligations = f.obligationIDs.compactMap { $0 < book.obligations.count ? book.obligations[$0] : nil }
      if obligations.isEmpty && f.code != .integrity { obligations = book.obligations(of: f.order).filter { $0.createdOn <= asOf } }
      var units: [(Obligation, Int64)] = obligations.map { o in
        switch f.code {
        case .overdue, .bookMismatch: (o, openUnits(book, o))
        case .closedWithBalance: (o, openUnits(book, o, at: f.dates["closed"] ?? asOf))
        default: (o, o.originalUnits)
        }
      }
      units = units.filter { $0.1 != 0 }
      var sums: [Currency: Int64] = [:]
      for (o, n) in units {
        let v = valuation.value(of: o, units: n)
        sums[v.currency, default: 0] &+= v.minor
      }
      let stake = sums.sorted { $0.key < $1.key }.map { valuation.dual(Money($0.value, $0.key)) }
      let quantities = units.filter { $0.0.kind == .inKind }.map { o, n in
        "\(Quantity(milli: n).formatted) \(framework.items[o.item]?.unit ?? "") \(o.item)"
      }
      items.append(Item(finding: f, stake: stake, quantities: quantities))
    }
    return AuditReport(
      asOf: asOf, items: items, integrity: problems, aging: aging(books, valuation, { openUnits($0, $1) }),
      fiscal: fiscal(books, framework: framework, valuation, settlements))
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

  static func aging(_ books: [Book], _ valuation: Valuation, _ openUnits: (Book, Obligation) -> Int64) -> [AgingRow] {
    var rows: [AgingRow] = []
    for book in books {
      var groups: [String: (debtor: PartyID, creditor: PartyID, kind: ObligationKind, bucket: String, count: Int, sum: [Currency: Int64])] =
        [:]
      for o in book.obligations where o.owed(at: valuation.date) {
        let units = openUnits(book, o)
        guard units > 0 else { continue }
        let bucket = bucket(months: months(from: o.deliveryDate, to: valuation.date))
        let key = "\(o.debtor)|\(o.creditor)|\(o.kind.rawValue)|\(bucket)"
        var g = groups[key] ?? (o.debtor, o.creditor, o.kind, bucket, 0, [:])
        g.count += 1
        let v = valuation.value(of: o, units: units)
        g.sum[v.currency, default: 0] &+= v.minor
        groups[key] = g
      }
      for g in groups.values {
        for (currency, minor) in g.sum {
          rows.append(
            AgingRow(
              book: book.owner ?? "", debtor: g.debtor, creditor: g.creditor, kind: g.kind, bucket: g.bucket, obligations: g.count,
              value: valuation.dual(Money(minor, currency))))
        }
      }
    }
    return rows.sorted {
      ($0.book, $0.debtor, $0.kind.rawValue, buckets.firstIndex(of: $0.bucket) ?? 0)
        < ($1.book, $1.debtor, $1.kind.rawValue, buckets.firstIndex(of: $1.bucket) ?? 0)
    }
  }

  /// The fiscal year containing `day` for a year starting on `start`: its name (by the
  /// calendar year it starts in) and bounds.
  public static func fiscalYear(of day: Day, start: MonthDay) -> (name: String, from: Day, to: Day) {
    let (y, m, d) = day.components
    let startYear = (m, d) >= (start.month, start.day) ? y : y - 1
    let from = Day(year: startYear, month: start.month, day: start.day)!
    let to = Day(year: startYear + 1, month: start.month, day: start.day)!.adding(days: -1)
    return ("FY\(startYear)", from, to)
  }

  /// Provided, received and settled per fiscal year of each party, from its own book.
  static func fiscal(
    _ books: [Book], framework: Framework, _ valuation: Valuation,
    _ settlements: [(book: PartyID, date: Day, obligation: Int, units: Int64)]
  ) -> [FiscalRow] {
    var rows: [FiscalRow] = []
    for book in books {
      guard let party = book.owner else { continue }
      let start = framework.party(party).fiscalYearStart
      struct Sums {
        var from: Day
        var to: Day
        var provided: [Currency: Int64] = [:]
        var received: [Currency: Int64] = [:]
        var settledTo: [Currency: Int64] = [:]
        var settledBy: [Currency: Int64] = [:]
      }
      var years: [String: Sums] = [:]
      func touch(_ day: Day) -> String {
        let fy = fiscalYear(of: day, start: start)
        if years[fy.name] == nil { years[fy.name] = Sums(from: fy.from, to: fy.to) }
        return fy.name
      }
      for o in book.obligations where o.convertedFrom == nil && o.deliveryDate <= valuation.date {
        let name = touch(o.deliveryDate)
        let v = valuation.value(of: o, units: o.originalUnits)
        if o.creditor == party {
          years[name]!.provided[v.currency, default: 0] &+= v.minor
        } else {
          years[name]!.received[v.currency, default: 0] &+= v.minor
        }
      }
      for s in settlements where s.book == party && s.obligation < book.obligations.count {
        let o = book.obligations[s.obligation]
        let v = valuation.value(of: o, units: s.units)
        let name = touch(s.date)
        if o.creditor == party {
          years[name]!.settledTo[v.currency, default: 0] &+= v.minor
        } else {
          years[name]!.settledBy[v.currency, default: 0] &+= v.minor
        }
      }
      func money(_ d: [Currency: Int64]) -> [Money] { d.sorted { $0.key < $1.key }.map { Money($0.value, $0.key) } }
      for (name, s) in years.sorted(by: { $0.value.from < $1.value.from }) {
        rows.append(
          FiscalRow(
            party: party, year: name, from: s.from, to: s.to, provided: money(s.provided), received: money(s.received),
            settledToParty: money(s.settledTo), settledByParty: money(s.settledBy)))
      }
    }
    return rows
  }
}
