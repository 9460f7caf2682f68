/// How much a scenario may ask of acsa before any of it runs, so that no file, however
/// written, keeps `validate` busy for long or fills the memory: a file is refused with a
/// diagnostic that names the limit, never read for hours.
public struct ScenarioLimits: Sendable {
  /// The largest file read, in bytes. A scripted scenario of 240,000 orders is about 50
  /// MB; larger programmes are written with generators.
  public var maximumFileSize: Int
  /// How deep mappings and lists may nest (a scenario needs six levels).
  public var maximumDepth: Int
  /// How many values aliases may repeat in all (each alias counts the whole of what its
  /// anchor holds), so that a few nested aliases cannot stand for billions of values.
  public var maximumAliasedNodes: Int
  /// How many orders the generators may place in one run.
  public var maximumGeneratedOrders: Int

  public init(maximumFileSize: Int, maximumDepth: Int, maximumAliasedNodes: Int, maximumGeneratedOrders: Int) {
    self.maximumFileSize = maximumFileSize
    self.maximumDepth = maximumDepth
    self.maximumAliasedNodes = maximumAliasedNodes
    self.maximumGeneratedOrders = maximumGeneratedOrders
  }

  public static let standard = ScenarioLimits(
    maximumFileSize: 100 << 20, maximumDepth: 64, maximumAliasedNodes: 1_000_000, maximumGeneratedOrders: 5_000_000)
}
