import ACSADomain
import ACSALedger
import ACSAScenario

public enum AuditError: Error, CustomStringConvertible {
  case noScenario(String)
  case badScenario(String, String)

  public var description: String {
    switch self {
    case .noScenario(let path): "\(path) does not keep the scenario it was built from (meta.scenario_source)"
    case .badScenario(let path, let why): "the scenario kept in \(path) no longer parses: \(why)"
    }
  }
}

/// A ledger opened for audit: its framework (read back from the scenario text it keeps),
/// its stored event log and journals.
public struct AuditedLedger: Sendable {
  public let path: String
  public let reader: LedgerReader
  public let info: LedgerInfo
  public let framework: Framework
  public let start: Day
  public let end: Day
  /// The books this file holds, in party order (one for an exported book).
  public let books: [PartyID]
  public let events: [StoredEvent]
  public let entries: [PartyID: [StoredEntry]]

  public init(path: String) throws {
    self.path = path
    reader = try LedgerReader(path: path)
    info = try reader.info()
    guard let source = info.meta["scenario_source"] else { throw AuditError.noScenario(path) }
    let scenario: Scenario
    do {
      scenario = try ScenarioLoader.parse(text: source, file: path + "#scenario_source")
    } catch {
      throw AuditError.badScenario(path, error.diagnostics.first?.description ?? "")
    }
    framework = scenario.framework
    start = scenario.start
    end = scenario.end
    let present = try reader.books()
    let exported = info.meta["exported_book"]
    books = exported.map { [$0] } ?? (present.isEmpty ? framework.partyIDs : framework.partyIDs)
    events = try reader.storedEvents()
    var entries: [PartyID: [StoredEntry]] = [:]
    for book in books { entries[book] = try reader.storedEntries(book: book) }
    self.entries = entries
  }

  public var frameworkHash: String { info.meta["framework_hash"] ?? "" }
  public var isSingleBook: Bool { books.count == 1 }
}
