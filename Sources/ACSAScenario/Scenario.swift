import ACSADomain

/// A scenario file, parsed and statically checked: everything `acsa run` replays.
public struct Scenario: Sendable {
  /// The path as the user gave it, used in every message.
  public let file: String
  public let name: String
  public let description: String?
  public let start: Day
  public let end: Day
  public let seed: UInt64
  public let framework: Framework
  /// Scripted events, in file order (`ScenarioEvent.index` is the position).
  public let events: [ScenarioEvent]
  /// The `generators` entries, in file order (the events they add depend on the seed).
  public let generators: [GeneratorSpec]
  /// The file's exact text, kept in the ledger so a run can be replayed.
  public let sourceText: String

  public init(
    file: String, name: String, description: String?, start: Day, end: Day, seed: UInt64,
    framework: Framework, events: [ScenarioEvent], generators: [GeneratorSpec] = [], sourceText: String
  ) {
    self.file = file
    self.name = name
    self.description = description
    self.start = start
    self.end = end
    self.seed = seed
    self.framework = framework
    self.events = events
    self.generators = generators
    self.sourceText = sourceText
  }
}

extension Scenario {
  /// The same scenario drawn with another seed (`--seed`).
  public func with(seed: UInt64) -> Scenario {
    Scenario(
      file: file, name: name, description: description, start: start, end: end, seed: seed, framework: framework, events: events,
      generators: generators, sourceText: sourceText)
  }
}
