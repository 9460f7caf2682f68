import ACSADomain
import ACSALedger
import ACSAScenario
import ACSASimulation

/// Everything the ledger's own checks establish: the hash chains, the balance of each
/// entry, a replay of the recorded events compared entry by entry and balance by
/// balance, the agreement's rules applied again to the event log, and any head hashes
/// the other party anchored. Also yields the books, rebuilt.
public struct Inspection: Sendable {
  public let ledger: AuditedLedger
  public let problems: [IntegrityProblem]
  /// Each book rebuilt at the end of the run.
  public let finalBooks: [Book]
  /// Recomputed chain heads.
  public let logHead: String
  public let bookHeads: [PartyID: String]
  public let records: LedgerRecords
  public let entriesChecked: Int
  public let eventsChecked: Int
  /// Anchors given by the user, and whether each was found in its book's chain.
  public let anchors: [(book: PartyID, hash: String, found: Bool)]

  public var digest: String {
    LedgerChain.digest(logHead: logHead, bookHeads: ledger.books.map { ($0, bookHeads[$0] ?? "") })
  }

  public static func run(_ ledger: AuditedLedger, anchors: [PartyID: String] = [:], checkRules: Bool = true) throws
    -> Inspection
  {
    let records = try ledger.records()
    var problems: [IntegrityProblem] = []
    let frameworkHash = ledger.frameworkHash
    if LedgerChain.sha256Hex(ledger.info.meta["framework_source"] ?? "") != frameworkHash {
      problems.append(
        IntegrityProblem(
          .frameworkChanged, book: nil,
          "the agreement, units, catalog and rates kept in the ledger do not match the hash its chains start from"))
    }

    // The event log's chain.
    var logHead = LedgerChain.genesis("log", frameworkHash: frameworkHash)
    var eventsChecked = 0
    for e in records.events where e.record.payload != nil {
      eventsChecked += 1
      let computed = LedgerChain.next(logHead, LedgerChain.eventRecord(e.record))
      if computed != e.hash {
        problems.append(
          IntegrityProblem(
            .chainBroken, book: nil, order: e.record.orderID, seq: e.record.seq,
            "event \(e.record.seq) (\(e.record.action) on \(e.record.date)) does not match its hash: it, or the record before it, was changed, inserted, deleted or moved"
          ))
        logHead = e.hash ?? computed
      } else {
        logHead = computed
      }
    }
    if let recorded = ledger.info.meta["log_head"], recorded != logHead {
      problems.append(
        IntegrityProblem(
          .headChanged, book: nil,
          "the event log ends at \(logHead.prefix(16))…, not at the head recorded when it was written (\(recorded.prefix(16))…): records were removed or added at its end"
        ))
    }

    // Each book's chain, numbering and balance.
    var bookHeads: [PartyID: String] = [:]
    var chainHashes: [PartyID: Set<String>] = [:]
    var entriesChecked = 0
    for book in ledger.books {
      var head = LedgerChain.genesis(LedgerChain.chainName(book: book), frameworkHash: frameworkHash)
      var hashes = Set<String>()
      var expected = 1
      var previous: (seq: Int, date: Day)?
      for s in records.entries[book] ?? [] {
        entriesChecked += 1
        let order = s.entry.orderID
        if s.number != expected {
          problems.append(
            IntegrityProblem(
              .numberingGap, book: book, order: order, entry: s.number,
              "entry numbers jump from \(expected - 1) to \(s.number): entries were deleted or renumbered"))
        }
        expected = s.number + 1
        if let p = previous, s.entry.eventSeq <= p.seq || s.entry.date < p.date {
          problems.append(
            IntegrityProblem(
              .outOfOrder, book: book, order: order, entry: s.number, seq: s.entry.eventSeq,
              "entry \(s.number) (event \(s.entry.eventSeq), \(s.entry.date)) comes after event \(p.seq) of \(p.date): entries were moved"))
        }
        previous = (s.entry.eventSeq, s.entry.date)
        if s.lineNumbers != Array(0..<s.lineNumbers.count) {
          problems.append(
            IntegrityProblem(
              .numberingGap, book: book, order: order, entry: s.number,
              "posting lines are numbered \(s.lineNumbers), not 0 to \(s.lineNumbers.count - 1)"))
        }
        if !s.entry.isBalanced {
          problems.append(
            IntegrityProblem(.unbalanced, book: book, order: order, entry: s.number, "entry \(s.number) (\(s.entry.memo)) does not balance")
          )
        }
        let computed = LedgerChain.next(head, LedgerChain.entryRecord(s.entry, number: s.number))
        if computed != s.hash {
          problems.append(
            IntegrityProblem(
              .chainBroken, book: book, order: order, entry: s.number,
              "entry \(s.number) (\(s.entry.memo)) does not match its hash: it, its postings, or the entry before it were changed, inserted, deleted or moved"
            ))
          head = s.hash
        } else {
          head = computed
        }
        hashes.insert(head)
      }
      if let recorded = ledger.info.meta["book_head_" + book], recorded != head {
        problems.append(
          IntegrityProblem(
            .headChanged, book: book,
            "\(book)'s chain ends at \(head.prefix(16))…, not at the head recorded when it was written (\(recorded.prefix(16))…)"))
      }
      bookHeads[book] = head
      chainHashes[book] = hashes
    }
    for (book, entry) in try ledger.reader.orphanPostings() {
      problems.append(IntegrityProblem(.orphanPosting, book: book, entry: entry, "postings of entry \(entry) have no entry"))
    }

    // Replays, book by book.
    var replays: [PartyID: BookReplay] = [:]
    for book in ledger.books {
      let replay = BookReplay.run(ledger, entries: records.entries[book] ?? [], book: book)
      problems += replay.problems
      replays[book] = replay
    }
    problems += Self.logAgainstJournals(ledger, records)
    for book in ledger.books {
      problems += try Self.balances(ledger, book: book, replayed: replays[book]!.book)
    }
    let snapshots = try ledger.reader.snapshotBooks(framework: ledger.framework)
    for book in ledger.books {
      guard let snapshot = snapshots.first(where: { $0.owner == book }) else {
        problems.append(IntegrityProblem(.snapshotMismatch, book: book, "\(book)'s book has no end-of-run snapshot"))
        continue
      }
      problems += Self.snapshot(snapshot, against: replays[book]!.book)
    }
    if ledger.books.count == 2, let listed = try ledger.reader.differingOrders() {
      problems += Self.differingOrders(listed, replays[ledger.books[0]]!.book, replays[ledger.books[1]]!.book)
    }
    if checkRules && ledger.books.count == 2 {
      problems += Self.rules(ledger, records)
    }

    var anchorResults: [(book: PartyID, hash: String, found: Bool)] = []
    for (book, hash) in anchors.sorted(by: { $0.key < $1.key }) {
      let found = chainHashes[book]?.contains(hash.lowercased()) ?? false
      anchorResults.append((book, hash, found))
      if !found {
        problems.append(
          IntegrityProblem(
            .anchorNotFound, book: book,
            "\(book)'s chain does not pass through the anchored head \(hash.prefix(16))…: the book was rewritten after that head was exchanged"
          ))
      }
    }
    return Inspection(
      ledger: ledger, problems: problems, finalBooks: ledger.books.map { replays[$0]!.book }, logHead: logHead,
      bookHeads: bookHeads, records: records, entriesChecked: entriesChecked, eventsChecked: eventsChecked, anchors: anchorResults)
  }

  /// The snapshots `acsa audit` reads against the replayed book, order by order.
  static func snapshot(_ s: Book, against r: Book) -> [IntegrityProblem] {
    var problems: [IntegrityProblem] = []
    let owner = r.owner
    if s.orderIDs != r.orderIDs {
      problems.append(IntegrityProblem(.snapshotMismatch, book: owner, "the orders in the snapshot are not the orders of the replay"))
    }
    func facts(_ o: Obligation) -> String {
      [
        o.order, o.kind.rawValue, o.debtor, o.creditor, o.item, o.commodity, String(o.originalUnits), String(o.openUnits),
        String(o.originalAmount),
        o.deliveryDate.description, o.createdOn.description, o.deadline.description, o.claimedOn?.description ?? "",
        o.billedOn?.description ?? "", o.dueOn?.description ?? "", o.settledOn?.description ?? "", o.convertedOn?.description ?? "",
        String(o.convertedFrom ?? -1),
      ].joined(separator: "|")
    }
    var reported = Set<String>()
    for (a, b) in zip(s.obligations, r.obligations) where facts(a) != facts(b) && !reported.contains(b.order) {
      reported.insert(b.order)
      problems.append(
        IntegrityProblem(.snapshotMismatch, book: owner, order: b.order, "obligation \(b.id) in the snapshot differs from the replay"))
    }
    if s.obligations.count != r.obligations.count {
      problems.append(
        IntegrityProblem(
          .snapshotMismatch, book: owner, "\(s.obligations.count) obligations in the snapshot, \(r.obligations.count) in the replay"))
    }
    for id in r.orderIDs where !reported.contains(id) {
      guard let a = s.orders[id], let b = r.orders[id] else { continue }
      let same =
        a.signed == b.signed && a.cancelled == b.cancelled && a.closedOn == b.closedOn && a.closedWithBalance == b.closedWithBalance
        && a.recordedEvents == b.recordedEvents && a.recordedDates == b.recordedDates && a.unapplied == b.unapplied
        && a.deliveries.map { [$0.date.description, String($0.receipt), String($0.whileUnsigned), $0.obligationIDs.description] }
          == b.deliveries.map { [$0.date.description, String($0.receipt), String($0.whileUnsigned), $0.obligationIDs.description] }
      if !same {
        problems.append(IntegrityProblem(.snapshotMismatch, book: owner, order: id, "the snapshot of \(id) differs from the replay"))
      }
    }
    if s.bookUnapplied != r.bookUnapplied {
      problems.append(IntegrityProblem(.snapshotMismatch, book: owner, "the book's unapplied amounts differ from the replay"))
    }
    return problems
  }

  /// The orders the ledger lists as differing between the books (which `acsa audit`
  /// compares for `book_mismatch`) against those whose replayed records may differ.
  static func differingOrders(_ listed: Set<String>, _ a: Book, _ b: Book) -> [IntegrityProblem] {
    var replayed = Set<String>()
    for id in a.orderIDs + b.orderIDs where FindingRules.recordsMayDiffer(id, a, b) { replayed.insert(id) }
    return listed.symmetricDifference(replayed).sorted().map { id in
      IntegrityProblem(
        .snapshotMismatch, book: a.owner, order: id,
        listed.contains(id)
          ? "\(id) is listed as recorded differently in the two books, but the replays record it alike"
          : "\(id) is recorded differently in the two books' replays, but not listed as such")
    }
  }

  /// Every applied event naming a book has exactly one entry in it recording the same
  /// event, and every entry belongs to such an event (or to a deadline conversion).
  static func logAgainstJournals(_ ledger: AuditedLedger, _ records: LedgerRecords) -> [IntegrityProblem] {
    var problems: [IntegrityProblem] = []
    for book in ledger.books {
      var expected: [Int: StoredEvent] = [:]
      for e in records.events where (e.record.outcome == .applied || e.record.outcome == .system) && e.record.books.contains(book) {
        expected[e.record.seq] = e
      }
      var seen = Set<Int>()
      for s in records.entries[book] ?? [] {
        let seq = s.entry.eventSeq
        guard let e = expected[seq] else {
          problems.append(
            IntegrityProblem(
              .logMismatch, book: book, order: s.entry.orderID, entry: s.number, seq: seq,
              "entry \(s.number) belongs to event \(seq), which the log does not record as applied in \(book)'s book"))
          continue
        }
        seen.insert(seq)
        if e.record.date != s.entry.date {
          problems.append(
            IntegrityProblem(
              .logMismatch, book: book, order: s.entry.orderID, entry: s.number, seq: seq,
              "entry \(s.number) is dated \(s.entry.date), its event \(seq) \(e.record.date)"))
        }
        if !Self.samePayload(e.record.payload, s.entry.payload) {
          problems.append(
            IntegrityProblem(
              .logMismatch, book: book, order: s.entry.orderID, entry: s.number, seq: seq,
              "entry \(s.number) and event \(seq) record different events"))
        }
      }
      for (seq, e) in expected.sorted(by: { $0.key < $1.key }) where !seen.contains(seq) {
        problems.append(
          IntegrityProblem(
            .logMismatch, book: book, order: e.record.orderID, seq: seq,
            "event \(seq) (\(e.record.action) on \(e.record.date)) is logged as recorded in \(book)'s book, which has no entry for it"))
      }
    }
    return problems
  }

  /// The same event, ignoring the order terms a book adds when it missed the order event.
  static func samePayload(_ logged: String?, _ recorded: String) -> Bool {
    guard let logged else { return false }
    if logged == recorded { return true }
    guard let a = try? EventCodec.decode(logged), let b = try? EventCodec.decode(recorded) else { return false }
    return a.action == b.action && a.offsetShares == b.offsetShares && a.converted == b.converted
  }

  /// The journal's balances (as `acsa balance` reads them) against the replayed book's.
  static func balances(_ ledger: AuditedLedger, book: PartyID, replayed: Book) throws -> [IntegrityProblem] {
    var journal: [String: Int64] = [:]
    for row in try ledger.reader.journalBalances(asOf: nil, book: book, perOrder: false) {
      journal["\(row.debtor) owes \(row.creditor) \(row.kind) \(row.commodity)"] = row.units
    }
    var problems: [IntegrityProblem] = []
    // The daily summaries `acsa balance` reads must say what the journal says.
    var summary: [String: Int64] = [:]
    for row in try ledger.reader.balances(asOf: nil, book: book, perOrder: false) {
      summary["\(row.debtor) owes \(row.creditor) \(row.kind) \(row.commodity)"] = row.units
    }
    if summary != journal {
      problems.append(IntegrityProblem(.snapshotMismatch, book: book, "\(book)'s daily balance summaries differ from its journal"))
    }
    var replay: [String: Int64] = [:]
    for key in replayed.balanceKeys() {
      let units = replayed.outstanding(debtor: key.debtor, creditor: key.creditor, kind: key.kind, commodity: key.commodity)
      if units != 0 { replay["\(key.debtor) owes \(key.creditor) \(key.kind.rawValue) \(key.commodity)"] = units }
    }
    for key in Set(journal.keys).union(replay.keys).sorted() where journal[key] != replay[key] {
      problems.append(
        IntegrityProblem(
          .balanceMismatch, book: book,
          "\(book)'s journal says \(key) \(journal[key] ?? 0), a replay of its recorded events \(replay[key] ?? 0)"))
    }
    return problems
  }

  /// Applies the agreement's rules again to the logged events (applied and refused, in
  /// order) and compares each outcome and code with the log.
  static func rules(_ ledger: AuditedLedger, _ records: LedgerRecords) -> [IntegrityProblem] {
    var events: [ScenarioEvent] = []
    var logged: [StoredEvent] = []
    for e in records.events where e.record.outcome == .applied || e.record.outcome == .refused {
      guard let text = e.record.payload, let payload = try? EventCodec.decode(text) else { continue }
      let all = ledger.framework.partyIDs
      let books = e.record.books.sorted() == all.sorted() ? nil : e.record.books
      events.append(
        ScenarioEvent(date: e.record.date, id: e.record.eventID, books: books, action: payload.action, index: events.count, location: nil))
      logged.append(e)
    }
    let scenario = Scenario(
      file: ledger.path, name: ledger.info.scenarioName, description: nil, start: ledger.start, end: ledger.end, seed: 0,
      framework: ledger.framework, events: events, sourceText: "")
    var sink = OutcomeSink()
    guard (try? Engine.run(scenario, into: &sink)) != nil else { return [] }
    var problems: [IntegrityProblem] = []
    for (e, outcome) in zip(logged, sink.outcomes) where e.record.outcome != outcome.outcome || e.record.code != outcome.code {
      let now = outcome.outcome == .refused ? "refuses it (\(outcome.code ?? ""))" : "accepts it"
      let then = e.record.outcome == .refused ? "refused (\(e.record.code ?? ""))" : "applied"
      problems.append(
        IntegrityProblem(
          .ruleMismatch, book: nil, order: e.record.orderID, seq: e.record.seq,
          "event \(e.record.seq) (\(e.record.action) on \(e.record.date)) is logged as \(then), but the agreement's rules \(now)"))
    }
    return problems
  }
}

/// Keeps the outcome of each scripted event, in order.
struct OutcomeSink: RunSink {
  var outcomes: [(outcome: EventRecord.Outcome, code: String?)] = []
  mutating func record(_ event: EventRecord) throws {
    if event.outcome == .applied || event.outcome == .refused { outcomes.append((event.outcome, event.code)) }
  }
  mutating func post(_ entries: [JournalEntry]) throws {}
}
