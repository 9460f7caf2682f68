import ACSADomain
import ACSALedger

extension AuditReport {
  /// Reads, for every event the findings cite, its date, action, scenario line and the
  /// journal entries each book made for it (`evidence`).
  public mutating func attachEvidence(_ reader: LedgerReader, books: [PartyID]) throws {
    let seqs = items.flatMap(\.finding.events)
    guard !seqs.isEmpty else { return }
    let entries = try reader.entryNumbers(forEvents: seqs, books: books)
    for e in try reader.eventSummaries(seqs) {
      evidence[e.seq] = EvidenceEvent(
        seq: e.seq, date: e.date, action: e.action, line: e.line, eventID: e.eventID, entries: entries[e.seq] ?? [])
    }
  }

  /// What `acsa audit` is asked to show: every criterion given must hold (several values
  /// of one criterion: any of them).
  public struct Filter: Sendable {
    public var orders: [String] = []
    public var units: [String] = []
    public var codes: [FindingCode] = []
    public var books: [PartyID] = []
    /// A party's fiscal year: the findings whose first day (`Finding.since`) falls in it.
    public var fiscalYear: (party: PartyID, year: String)?

    public init() {}

    public var isEmpty: Bool { orders.isEmpty && units.isEmpty && codes.isEmpty && books.isEmpty && fiscalYear == nil }

    /// Whether `item` is shown. An `integrity` finding is shown unless it names an order
    /// or book that is filtered out: a ledger that fails its checks concerns every answer.
    func admits(_ item: Item, framework: Framework) -> Bool {
      let f = item.finding
      let wholeLedger = f.order == "(ledger)"
      if !orders.isEmpty && !wholeLedger && !orders.contains(f.order) { return false }
      if !books.isEmpty && !f.books.isEmpty && !f.books.contains(where: books.contains) { return false }
      if f.code == .integrity { return true }
      if !codes.isEmpty && !codes.contains(f.code) { return false }
      if !units.isEmpty && !item.units.contains(where: units.contains) { return false }
      if let (party, year) = fiscalYear {
        guard let since = f.since else { return false }
        let fy = AuditReport.fiscalYear(of: since, start: framework.party(party).fiscalYearStart)
        if fy.name != year { return false }
      }
      return true
    }
  }

  /// The report with only the findings `filter` admits; aging and fiscal years kept to
  /// the books and the fiscal year asked for.
  public func filtered(_ filter: Filter, framework: Framework) -> AuditReport {
    guard !filter.isEmpty else { return self }
    var report = AuditReport(
      asOf: asOf, items: items.filter { filter.admits($0, framework: framework) }, integrity: integrity,
      aging: aging.filter { filter.books.isEmpty || filter.books.contains($0.book) },
      fiscal: fiscal.filter { row in
        (filter.books.isEmpty || filter.books.contains(row.party))
          && (filter.fiscalYear.map { $0.party == row.party && $0.year == row.year } ?? true)
      })
    report.fullyVerified = fullyVerified
    report.evidence = evidence
    return report
  }
}
