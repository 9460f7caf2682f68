import ACSADomain
import ACSALedger
import Foundation

/// `acsa audit` without restoring every book: one pass over the obligations (aging,
/// fiscal years), one over the postings (the quick checks, the settlements), and only
/// the orders that can have a finding at some date (`LedgerSchema.Candidates`, and the
/// ledger's `differing_orders`) restored into `PartialBook`s, which `FindingRules`
/// judges as it judges whole books. The report is the one `AuditReport.restoring`
/// makes (a property test compares them on random scenarios).
enum FastAudit {
  /// An obligation as a settlement of it is valued: its kind, whether the book's party
  /// is its creditor, its currency (a position in the scan's currencies).
  struct Basis {
    var kind: ObligationKind
    var toParty: Bool
    var currency: UInt8
  }

  /// What an in-kind obligation's value depends on besides the quantity.
  struct InKind {
    let item: String
    let creditor: PartyID
    let deliveryDate: Day
    let currency: Currency
  }

  /// A book, a day, a direction and a currency: amounts with the same run add up before
  /// they go to their fiscal year.
  struct Run: Equatable {
    let book: Int
    let day: Day
    let toParty: Bool
    let currency: Int
  }

  /// Sums of consecutive amounts of the same `Run` (wrapping around, as the fiscal
  /// years' sums do).
  struct Runs {
    var current: Run?
    var sum: Int64 = 0

    /// Adds an amount; returns the run it ends, with its sum.
    mutating func add(_ run: Run, _ units: Int64) -> (Run, Int64)? {
      var ended: (Run, Int64)?
      if run != current {
        ended = finish()
        current = run
      }
      sum &+= units
      return ended
    }

    /// Ends the current run: returns it, with its sum.
    mutating func finish() -> (Run, Int64)? {
      defer {
        current = nil
        sum = 0
      }
      return current.map { ($0, sum) }
    }
  }

  /// The report, or nil when this ledger must be restored whole: written before
  /// `differing_orders` existed, or with rows the writer does not write.
  static func make(_ ledger: AuditedLedger, asOf: Day, fullChecks: [IntegrityProblem]?) throws -> AuditReport? {
    let reader = ledger.reader
    let framework = ledger.framework
    let parties = ledger.info.parties.map(\.id)
    let books = try reader.snapshotBookIDs()
    let agreement = framework.agreement
    // With required_order_fields, every delivered order is a candidate (any can lack one).
    guard
      let candidates = try reader.findingCandidates(
        paymentDays: agreement.paymentDays, claimDays: agreement.claimDays, comparesBooks: books.count == 2,
        everyDelivered: !agreement.requiredOrderFields.isEmpty)
    else { return nil }
    // Every posting, once, on a connection of its own while the obligations are read.
    let path = ledger.path
    let postings = Background { try LedgerReader(path: path).scanJournal(parties: parties, asOf: asOf) }
    // It reads no more once this returns.
    defer { _ = try? postings.value() }
    let valuation = Valuation(framework: framework, date: asOf)
    // Per party (a position in `parties`): its position in `books`, or nil.
    let bookIndex = parties.map { books.firstIndex(of: $0) }

    // Amounts (cash, equal value) added up while consecutive rows share a book, a day, a
    // direction and a currency, then to their fiscal year.
    var delivered = Runs()
    func addDelivered(_ ended: (Run, Int64)?) {
      guard let (run, sum) = ended else { return }
      fiscal.addDelivery(
        book: run.book, toParty: run.toParty, deliveryDate: run.day, convertedFrom: nil, value: { Money(sum, currencies[run.currency]) },
        valuation)
    }
    // Every obligation, once.
    var aging: [(book: Int, facts: ObligationFacts)] = []
    var fiscal = AuditReport.FiscalTable(framework: framework, books: books)
    var bases: [[Basis]] = parties.map { _ in [] }
    var inKind: [[Int: InKind]] = parties.map { _ in [:] }
    var currencies: [Currency] = []
    var candidateObligations: [[Int]] = parties.map { _ in [] }
    let complete = try reader.scanObligations(parties: parties, books: books, orders: candidates) { o in
      guard let index = bookIndex[o.book] else { return }
      let toParty = o.creditor == books[index]
      let currency: Int
      if let i = currencies.firstIndex(of: o.currency) {
        currency = i
      } else {
        currency = currencies.count
        currencies.append(o.currency)
      }
      bases[o.book].append(Basis(kind: o.kind, toParty: toParty, currency: UInt8(truncatingIfNeeded: currency)))
      if o.kind == .inKind {
        inKind[o.book][o.id] = InKind(item: o.item, creditor: o.creditor, deliveryDate: o.deliveryDate, currency: o.currency)
      }
      if o.kind == .inKind {
        fiscal.addDelivery(
          book: index, toParty: toParty, deliveryDate: o.deliveryDate, convertedFrom: o.convertedFrom,
          value: {
            valuation.value(
              kind: o.kind, currency: o.currency, item: o.item, creditor: o.creditor, deliveryDate: o.deliveryDate, units: o.originalUnits)
          }, valuation)
      } else if o.convertedFrom == nil && o.deliveryDate <= asOf {
        addDelivered(delivered.add(Run(book: index, day: o.deliveryDate, toParty: toParty, currency: currency), o.originalUnits))
      }
      if o.owed(at: asOf) { aging.append((o.book, o)) }
      if o.inOrders {
        candidateObligations[o.book].append(o.id)
      }
    }
    addDelivered(delivered.finish())
    // More than 256 currencies cannot be told apart in a `Basis`.
    guard complete, currencies.count <= 256 else { return nil }

    // The quick checks count the entries while the postings are still being read.
    struct Undecided: Error {}
    func decidedJournal() throws -> JournalScan {
      let scan = try postings.value()
      guard scan.decided else { throw Undecided() }
      return scan
    }
    let problems: [IntegrityProblem]
    let journal: JournalScan
    do {
      problems = try fullChecks ?? QuickChecks.run(ledger, owners: books, journal: decidedJournal)
      journal = try decidedJournal()
    } catch is Undecided {
      return nil
    }

    // What was settled on each obligation up to `asOf`: in total, for aging; one by
    // one, for the stakes of the orders that can have a finding.
    var settledTotal: [[Int64]] = bases.map { [Int64](repeating: 0, count: $0.count) }
    var isCandidate: [Set<Int>] = candidateObligations.map(Set.init)
    var settled: [PartyID: [Int: [(date: Day, units: Int64)]]] = [:]
    var paid = Runs()
    func addPaid(_ ended: (Run, Int64)?) {
      guard let (run, sum) = ended else { return }
      fiscal.addSettlement(book: run.book, toParty: run.toParty, date: run.day, value: Money(sum, currencies[run.currency]))
    }
    for s in journal.settlements {
      guard let index = bookIndex[s.book], s.obligation >= 0, s.obligation < bases[s.book].count else { continue }
      settledTotal[s.book][s.obligation] += s.units
      if isCandidate[s.book].contains(s.obligation) {
        settled[parties[s.book], default: [:]][s.obligation, default: []].append((s.date, s.units))
      }
      let basis = bases[s.book][s.obligation]
      if basis.kind == .inKind, let k = inKind[s.book][s.obligation] {
        let value = valuation.value(
          kind: .inKind, currency: k.currency, item: k.item, creditor: k.creditor, deliveryDate: k.deliveryDate, units: s.units)
        fiscal.addSettlement(book: index, toParty: basis.toParty, date: s.date, value: value)
      } else {
        addPaid(paid.add(Run(book: index, day: s.date, toParty: basis.toParty, currency: Int(basis.currency)), s.units))
      }
    }
    addPaid(paid.finish())
    isCandidate = []

    var table = AuditReport.AgingTable()
    for (book, o) in aging {
      let units = max(o.originalUnits - settledTotal[book][o.id], 0)
      table.add(
        book: parties[book], debtor: o.debtor, creditor: o.creditor, kind: o.kind, deliveryDate: o.deliveryDate, units: units,
        value: {
          valuation.value(
            kind: o.kind, currency: o.currency, item: o.item, creditor: o.creditor, deliveryDate: o.deliveryDate, units: units)
        }, valuation)
    }

    var partial: [PartialBook] = []
    for book in books {
      let p = parties.firstIndex(of: book) ?? 0
      partial.append(
        try reader.partialBook(owner: book, agreement: framework.agreement, orders: candidates, obligations: candidateObligations[p]))
    }
    let items = AuditReport.items(framework: framework, books: partial, asOf: asOf, settled: settled, problems: problems)
    var report = AuditReport(asOf: asOf, items: items, integrity: problems, aging: table.rows(), fiscal: fiscal.rows())
    report.fullyVerified = fullChecks != nil
    return report
  }
}

/// Work done on another thread, waited for when its value is asked.
final class Background<Value: Sendable>: @unchecked Sendable {
  // @unchecked: `result` is written once, before `done` is signalled, and read after.
  private var result: Result<Value, Error>?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () throws -> Value) {
    Thread.detachNewThread {
      self.result = Result { try work() }
      self.done.signal()
    }
  }

  /// The work's value (or error), once it is done.
  func value() throws -> Value {
    done.wait()
    done.signal()
    return try result!.get()
  }
}
