import ACSADomain
import ACSALedger
import ACSAScenario
import ACSASimulation

/// Everything the ledger's own checks establish once its structure holds
/// (`LedgerStructure`): the hash chains, the balance of each entry, a replay of the
/// recorded events compared entry by entry and balance by balance, the agreement's
/// rules applied again to the event log, every stored row against the one acsa writes
/// from what the ledger records (`Derivation`), the seal of what the chains do not
/// cover (`LedgerSeal`), and any head hashes the other party anchored. Also yields the
/// books, rebuilt.
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

    // The event log's chain.
    var logHead = LedgerChain.genesis("log", frameworkHash: frameworkHash)
    var eventsChecked = 0
    for e in records.events where !e.record.outcome.isExpectation && e.record.payload != nil {
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
    let books = ledger.books.compactMap { replays[$0]?.book }
    for book in books {
      problems += try Self.balances(ledger, replayed: book)
    }
    if checkRules && ledger.books.count == 2 {
      problems += Self.rules(ledger, records)
    }
    // The snapshots, the daily summaries, the orders listed as differing, the parties,
    // the commodities, the meta: every row against the one acsa writes from the records.
    let refused = Set(records.events.filter { $0.record.outcome == .refused && $0.record.action == "order" }.compactMap(\.record.orderID))
    problems += try Derivation.problems(ledger, records: records, books: books, refused: refused)
    problems += try Derivation.sealProblems(ledger)

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
      ledger: ledger, problems: problems, finalBooks: books, logHead: logHead,
      bookHeads: bookHeads, records: records, entriesChecked: entriesChecked, eventsChecked: eventsChecked, anchors: anchorResults)
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
  static func balances(_ ledger: AuditedLedger, replayed: Book) throws -> [IntegrityProblem] {
    guard let book = replayed.owner else { return [] }
    var journal: [String: Int64] = [:]
    for row in try ledger.reader.journalBalances(asOf: nil, book: book, perOrder: false) {
      journal["\(row.debtor) owes \(row.creditor) \(row.kind) \(row.commodity)"] = row.units
    }
    var replay: [String: Int64] = [:]
    for key in replayed.balanceKeys() {
      let units = replayed.outstanding(debtor: key.debtor, creditor: key.creditor, kind: key.kind, commodity: key.commodity)
      if units != 0 { replay["\(key.debtor) owes \(key.creditor) \(key.kind.rawValue) \(key.commodity)"] = units }
    }
    var problems: [IntegrityProblem] = []
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
        ScenarioEvent(
          date: e.record.date, id: e.record.eventID, books: books, action: payload.originalAction, index: events.count, location: nil))
      logged.append(e)
    }
    let scenario = Scenario(
      file: ledger.path, name: ledger.info.scenarioName, description: nil, start: ledger.start, end: ledger.lastDay, seed: 0,
      framework: ledger.framework, events: events, sourceText: "")
    var sink = OutcomeSink()
    do {
      _ = try Engine.run(scenario, into: &sink)
    } catch {
      return [
        IntegrityProblem(
          .ruleMismatch, book: nil, "the logged events cannot be replayed under the agreement's rules: \(error)")
      ]
    }
    var problems: [IntegrityProblem] = []
    for (e, outcome) in zip(logged, sink.outcomes) {
      // Applied by the rules too: what they make of it (a payment's amount applied at the
      // day's rate, an offset's shares, the obligations a conversion takes) must be what
      // the log says.
      if e.record.outcome == .applied, outcome.outcome == .applied, let text = e.record.payload, text != outcome.payload {
        problems.append(
          IntegrityProblem(
            .ruleMismatch, book: nil, order: e.record.orderID, seq: e.record.seq,
            "event \(e.record.seq) (\(e.record.action) on \(e.record.date)) is logged as \(text), but the agreement's rules and rates give \(outcome.payload ?? "")"
          ))
        continue
      }
      guard e.record.outcome != outcome.outcome || e.record.code != outcome.code else { continue }
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
  var outcomes: [(outcome: EventRecord.Outcome, code: String?, payload: String?)] = []
  mutating func record(_ event: EventRecord) throws {
    if event.outcome == .applied || event.outcome == .refused { outcomes.append((event.outcome, event.code, event.payload)) }
  }
  mutating func post(_ entries: [JournalEntry]) throws {}
}
