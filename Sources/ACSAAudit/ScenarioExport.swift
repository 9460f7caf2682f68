import ACSADomain
import ACSALedger
import ACSAScenario

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
}
