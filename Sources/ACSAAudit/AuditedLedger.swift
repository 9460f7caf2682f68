import ACSADomain
import ACSALedger
import ACSAScenario

public enum AuditError: Error, CustomStringConvertible {
  case noScenario(String)
  case badScenario(String, String)
  /// An exported book asked for what only the whole ledger holds.
  case oneBook(String, String)
  /// A logged event whose payload does not decode.
  case badPayload(String, seq: Int)
  /// A ledger whose log does not keep what its expectations checked.
  case olderExpectations(String)

  public var description: String {
    switch self {
    case .noScenario(let path): "\(path) does not keep the agreement it was built under (meta.framework_source)"
    case .badScenario(let path, let why): "the scenario kept in \(path) no longer parses: \(why)"
    case .oneBook(let path, let what): "\(path) holds one party's book only; \(what)"
    case .olderExpectations(let path):
      "\(path) was written before acsa kept what each expectation checks, so its exercise cannot be written back as a scenario; run its scenario again with this acsa"
    case .badPayload(let path, let seq):
      "event \(seq) of \(path) does not decode (its payload is not one acsa writes); `acsa verify \(path)` says more"
    }
  }
}

/// A ledger opened for audit: its description and framework (the agreement, units,
/// catalog and rates it keeps). The journals and the log are read on demand.
public struct AuditedLedger: Sendable {
  public let path: String
  public let reader: LedgerReader
  public let info: LedgerInfo
  public let framework: Framework
  /// The scenario's `description`, as the ledger keeps it.
  public let scenarioDescription: String?
  public let start: Day
  public let end: Day
  /// A live exercise's clock (`meta.clock`): the last day it has processed, when it is
  /// still being played. nil for a ledger run to its end.
  public let clock: Day?
  /// The last day the ledger has processed: its clock, or its end. Deadlines after it
  /// have not been processed; commands read it as of this day unless told otherwise.
  public var lastDay: Day { clock ?? end }
  /// The books this file holds, in party order (one for an exported book).
  public let books: [PartyID]
  /// The scenario the ledger keeps (`meta.framework_source`): its framework, no events.
  public let frameworkScenario: Scenario

  public init(path: String) throws {
    self.path = path
    reader = try LedgerReader(path: path)
    info = try reader.info()
    guard let source = info.meta["framework_source"] else { throw AuditError.noScenario(path) }
    let scenario: Scenario
    do {
      scenario = try ScenarioLoader.parse(text: source, file: path + "#framework_source")
    } catch {
      throw AuditError.badScenario(path, error.diagnostics.first?.description ?? "")
    }
    framework = scenario.framework
    frameworkScenario = scenario
    scenarioDescription = scenario.description
    start = Day(text: info.meta["scenario_start"] ?? "") ?? scenario.start
    end = Day(text: info.meta["scenario_end"] ?? "") ?? scenario.end
    clock = info.meta[LedgerSeal.clockKey].flatMap { Day(text: $0) }
    books = info.meta["exported_book"].map { [$0] } ?? framework.partyIDs
  }

  public var frameworkHash: String { info.meta["framework_hash"] ?? "" }

  /// The event log and each book's journal, for a full verification.
  public func records() throws -> LedgerRecords {
    var entries: [PartyID: [StoredEntry]] = [:]
    for book in books { entries[book] = try reader.storedEntries(book: book) }
    return LedgerRecords(events: try reader.storedEvents(), entries: entries)
  }
}

public struct LedgerRecords: Sendable {
  public let events: [StoredEvent]
  public let entries: [PartyID: [StoredEntry]]
}
