import ACSADomain
import ACSAFiles

/// Events written apart from a scenario, for a ledger that already holds one
/// (`acsa record`, the live exercise): read with the same readers and checks as a
/// scenario's `events`, against the framework the ledger keeps, the orders it records
/// and the event ids it has logged.
public struct EventContext: Sendable {
  /// The scenario the ledger keeps (`meta.framework_source`): the framework, no events.
  public let frameworkSource: String
  /// The name its diagnostics would give (never expected: acsa wrote it).
  public let frameworkFile: String
  /// Orders the ledger has seen (`order` events, applied or refused): events may name them.
  public let orders: Set<String>
  /// Event ids the ledger has logged.
  public let eventIDs: Set<String>

  public init(frameworkSource: String, frameworkFile: String, orders: Set<String>, eventIDs: Set<String>) {
    self.frameworkSource = frameworkSource
    self.frameworkFile = frameworkFile
    self.orders = orders
    self.eventIDs = eventIDs
  }
}

extension ScenarioLoader {
  /// Reads events from a file: one event (a mapping, whose fields are named as they
  /// are: `date`, `pay.amount`) or a list of them (`[0].pay.amount`), as a scenario's
  /// `events` entries are written. Every static error is reported, with its line and
  /// column, as for a scenario; an order defined again, or an unknown order or event id,
  /// is one of them.
  public static func loadEvents(path: String, context: EventContext) throws(ScenarioErrors) -> [ScenarioEvent] {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path, limit: ScenarioLimits.standard.maximumFileSize)
    } catch {
      throw ScenarioErrors([Diagnostic(file: path, line: 0, column: 0, message: error.reason)])
    }
    if let problem = encodingProblem(bytes, file: path) { throw ScenarioErrors([problem]) }
    return try parseEvents(text: String(decoding: bytes, as: UTF8.self), file: path, context: context)
  }

  /// Reads events from text (see `loadEvents`); `file` names it in diagnostics.
  public static func parseEvents(text: String, file: String, context: EventContext) throws(ScenarioErrors) -> [ScenarioEvent] {
    let builder = try frameworkBuilder(context)
    let composed = YAMLComposer.compose(text, file: file)
    if !composed.diagnostics.isEmpty { throw ScenarioErrors(composed.diagnostics) }
    let reader = NodeReader(file: file)
    builder.reader = reader
    guard let root = composed.node else {
      reader.error(at: TextPosition(line: 1, column: 1), "the file is empty: expected an event (a mapping with a date and one action)")
      throw ScenarioErrors(reader.sortedDiagnostics)
    }
    var events: [ScenarioEvent] = []
    if case .sequence = root {
      events = builder.readEvents(root, "") ?? []
    } else if let event = builder.readEvent(root, "", index: 0) {
      events = [event]
    }
    builder.resolvePendingReferences()
    guard !reader.hasErrors else { throw ScenarioErrors(reader.sortedDiagnostics) }
    return events
  }

  /// A builder that has read the ledger's framework and knows its orders and event ids.
  static func frameworkBuilder(_ context: EventContext) throws(ScenarioErrors) -> ScenarioBuilder {
    let composed = YAMLComposer.compose(context.frameworkSource, file: context.frameworkFile)
    let reader = NodeReader(file: context.frameworkFile)
    let builder = ScenarioBuilder(reader: reader)
    guard composed.diagnostics.isEmpty, let root = composed.node, builder.build(root, sourceText: context.frameworkSource) != nil
    else {
      throw ScenarioErrors(
        composed.diagnostics + reader.sortedDiagnostics
          + [Diagnostic(file: context.frameworkFile, line: 0, column: 0, message: "the scenario the ledger keeps does not parse")])
    }
    // Known from the ledger: no line of this file defines them.
    builder.orderIDs.earlier = context.orders
    builder.eventIDs.earlier = context.eventIDs
    builder.orderIDs.complete = true
    builder.eventIDs.complete = true
    return builder
  }
}
