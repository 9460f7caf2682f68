import ACSADomain

/// Builds a `Scenario` from the composed tree: reads each section, then resolves the
/// references that may point forward (order and event ids). Holds what has been read so
/// far, for the cross-checks.
final class ScenarioBuilder {
  static let topLevelKeys = ScenarioKeys.top
  static let requiredTopLevelKeys = ScenarioKeys.requiredTop

  var reader: NodeReader
  let limits: ScenarioLimits

  /// Ids defined in one namespace, with where each was first defined. `complete` is false
  /// when a definition could not be read: unknown references are then not reported, since
  /// they may name it.
  struct Registry {
    var positions: [String: TextPosition] = [:]
    var complete = true
    /// Ids defined before this text: a ledger's, for events appended to it (shared, not
    /// copied into `positions`, so that reading one event does not cost the ledger's size).
    var earlier: Set<String> = []

    /// Whether `id` can be reported as unknown.
    func isUnknown(_ id: String) -> Bool { complete && positions[id] == nil && !earlier.contains(id) }

    /// Where `id` was first defined: in this text, or (line 0) before it.
    func firstDefinition(_ id: String) -> TextPosition? {
      positions[id] ?? (earlier.contains(id) ? TextPosition(line: 0, column: 0) : nil)
    }

    /// `; did you mean 'x'?` when an id of the namespace is close to `id`.
    func didYouMean(_ id: String) -> String {
      Suggestion.didYouMean(id, among: positions.sorted { $0.value < $1.value }.map(\.key) + earlier.sorted())
    }
  }

  // What has been read, for cross-checks.
  var start: Day?
  /// `scenario.format`: the version whose defaults apply.
  var format = FormatVersion.v1_3
  /// Each party's signatories, for `signed_by` (complete once `parties` is read).
  var signatories: [PartyID: [String]] = [:]
  var end: Day?
  var partyIDs = Registry(complete: false)
  var partyCurrencies: [PartyID: Currency] = [:]
  var units = Registry(complete: false)
  var activities = Registry(complete: false)
  var items = Registry(complete: false)
  var itemKinds: [String: ItemKind] = [:]
  var orderIDs = Registry()
  var eventIDs = Registry()
  /// `order:` and `refused:` references, checked once every event has been read.
  var pendingReferences: [PendingReference] = []

  init(reader: NodeReader, limits: ScenarioLimits = .standard) {
    self.reader = reader
    self.limits = limits
  }

  func build(_ root: Node, sourceText: String) -> Scenario? {
    guard let top = reader.mapping(root, "", allowed: Self.topLevelKeys) else { return nil }
    let header = top.req("scenario", readHeader)
    let agreement = top.req("agreement", readAgreement)
    let parties = top.req("parties", readParties)
    let units = top.req("units", readUnits)
    var activities: [Activity]? = []
    if let node = top.node("activities") {
      activities = readActivities(node, top.path("activities"))
    } else {
      self.activities.complete = true
    }
    let items = top.req("catalog", readCatalog)
    var rates: [ExchangeRate]? = []
    if let node = top.node("rates") {
      rates = readRates(node, top.path("rates"))
    }
    let events = top.req("events", readEvents)
    var generators: [GeneratorSpec]? = []
    if let node = top.node("generators") { generators = readGenerators(node, top.path("generators")) }
    resolvePendingReferences()

    guard !reader.hasErrors, let header, let agreement, let parties, parties.count == 2, let units,
      let activities, let items, let rates, let events, let generators
    else { return nil }
    let framework = Framework(
      agreement: agreement, parties: parties, units: units, activities: activities, items: items, rates: rates)
    return Scenario(
      file: reader.file, name: header.name, description: header.description, start: header.start,
      end: header.end, seed: header.seed, framework: framework, events: events, generators: generators, sourceText: sourceText)
  }

  /// Registers a definition; a second one with the same id is reported at `node`.
  func define(_ id: String, in registry: inout Registry, what: String, node: Node, path: String) {
    if let first = registry.firstDefinition(id) {
      let earlier = first.line == 0 ? "already in the ledger" : "first defined at line \(first.line)"
      reader.error(node, path, "duplicate \(what) '\(id)' (\(earlier))")
    } else {
      registry.positions[id] = TextPosition(node.mark)
    }
  }
}
