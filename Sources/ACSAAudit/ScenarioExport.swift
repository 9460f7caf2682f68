import ACSADomain
import ACSALedger
import ACSAScenario
import ACSASimulation

extension AuditedLedger {
  /// The exercise the ledger records, as a scenario that `acsa run` replays to the same
  /// `ledger_digest`: the agreement, parties, units, catalog and rates the ledger keeps
  /// (`meta.framework_source`, written canonically), then every event of the log that a
  /// scenario gives (applied or refused), in the order processed, with its date, id and
  /// books, and every expectation where it was checked. Deadline conversions are not
  /// written (the rules make them again). A ledger run from generators exports its
  /// generated events one by one. `comment` heads the file. A ledger written before
  /// acsa kept what an expectation checks (its log row has no payload) cannot be
  /// exported: the expectation's place in the log could not be kept.
  public func scenarioText(comment: String) throws -> (text: String, events: Int, expectations: Int) {
    if let book = info.meta["exported_book"] {
      throw AuditError.oneBook(path, "\(book)'s export lacks the other party's events: export the scenario from the whole ledger")
    }
    let all = framework.partyIDs.sorted()
    var events: [ScenarioEvent] = []
    for e in try reader.storedEvents() where e.record.outcome != .system {
      guard let text = e.record.payload, let payload = try? EventCodec.decode(text) else {
        if e.record.outcome.isExpectation && e.record.payload == nil { throw AuditError.olderExpectations(path) }
        throw AuditError.badPayload(path, seq: e.record.seq)
      }
      let books = e.record.books.sorted() == all ? nil : e.record.books
      events.append(
        ScenarioEvent(
          date: e.record.date, id: e.record.eventID, books: books, action: payload.originalAction, index: events.count, location: nil))
    }
    let expectations = events.filter { if case .expect = $0.action { true } else { false } }.count
    let text = ScenarioWriter.expanded(frameworkScenario, seed: frameworkScenario.seed, events: events, comment: comment)
    return (text, events.count - expectations, expectations)
  }

  /// The comment heading an exported scenario: where it came from and what digest a
  /// replay gives (for a live exercise before its end, why it differs); and how many
  /// deadline conversions the replay adds after the clock.
  public func exportComment(version: String, source: String) throws -> (text: String, later: Int) {
    let later = try conversionsAfterClock() ?? 0
    let claim =
      later == 0
      ? "`acsa run` replays it to the same ledger_digest: \(info.digest)."
      : "The exercise's clock stands at \(lastDay), before its end: `acsa run` also processes the days after it\n(\(later) deadline conversion\(later == 1 ? "" : "s")), so its digest differs until the exercise reaches \(end)."
    return (
      "Exported by acsa \(version) from \(source) (\(info.scenarioName)).\n\(claim)\nDeadline conversions come back from the rules.", later
    )
  }

  /// For a live exercise whose clock stands before its end: how many deadline
  /// conversions a replay of its exported scenario makes after the clock (the replay
  /// runs to the end; the exercise has not got there). Zero: the replay gives the
  /// ledger's digest. nil for a ledger at its end.
  public func conversionsAfterClock() throws -> Int? {
    guard let clock, clock < end else { return nil }
    var events: [ScenarioEvent] = []
    let all = framework.partyIDs.sorted()
    for e in try reader.storedEvents() where e.record.outcome == .applied || e.record.outcome == .refused {
      guard let text = e.record.payload, let payload = try? EventCodec.decode(text) else { continue }
      events.append(
        ScenarioEvent(
          date: e.record.date, id: e.record.eventID, books: e.record.books.sorted() == all ? nil : e.record.books,
          action: payload.originalAction, index: events.count, location: nil))
    }
    let scenario = Scenario(
      file: path, name: info.scenarioName, description: nil, start: start, end: end, seed: 0, framework: framework, events: events,
      sourceText: "")
    var sink = LaterConversions(clock: clock)
    _ = try Engine.run(scenario, into: &sink)
    return sink.count
  }
}

/// Counts the deadline conversions dated after a clock.
struct LaterConversions: RunSink {
  let clock: Day
  var count = 0
  mutating func record(_ event: EventRecord) throws { if event.outcome == .system && event.date > clock { count += 1 } }
  mutating func post(_ entries: [JournalEntry]) throws {}
}
