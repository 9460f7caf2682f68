/// A number drawn for each generated order: fixed, uniform between two bounds
/// (inclusive), or Poisson with a mean. For quantities the values are thousandths; for
/// day offsets, whole days.
public enum Draw: Hashable, Sendable {
  case fixed(Int64)
  case uniform(Int64, Int64)
  /// The mean in thousandths (`poisson: 12.5` is 12,500).
  case poisson(meanMilli: Int64)
}

/// A probability or a weight, as an exact decimal scaled by 10^10.
public struct Weight: Hashable, Sendable {
  public static let scale: Int64 = 10_000_000_000
  public let scaled: Int64
  public init(scaled: Int64) { self.scaled = scaled }
}

/// One `generators` entry of a scenario.
public struct GeneratorSpec: Hashable, Sendable {
  public struct LineSpec: Hashable, Sendable {
    public let item: String
    public let qty: Draw
    public init(item: String, qty: Draw) {
      self.item = item
      self.qty = qty
    }
  }

  public struct Lapses: Hashable, Sendable {
    public let noReceipt: Weight
    public let noClaim: Weight
    public let neverSettle: Weight
    public let oneBook: Weight
    public init(noReceipt: Weight, noClaim: Weight, neverSettle: Weight, oneBook: Weight) {
      self.noReceipt = noReceipt
      self.noClaim = noClaim
      self.neverSettle = neverSettle
      self.oneBook = oneBook
    }
    public static let none = Lapses(
      noReceipt: Weight(scaled: 0), noClaim: Weight(scaled: 0), neverSettle: Weight(scaled: 0), oneBook: Weight(scaled: 0))
  }

  public let name: String
  public let every: Int
  public let from: Day
  public let to: Day
  public let count: Int
  public let activity: String
  public let provider: String
  public let receiver: String
  /// The methods and their weights (one method with any weight when fixed), in the
  /// order written, already restricted to the methods that suit every line.
  public let settlement: [(method: SettlementMethod, weight: Weight)]
  public let lines: [LineSpec]
  public let deliverAfter: Draw
  /// Days from delivery to settlement; nil: the generator settles nothing.
  public let settleAfter: Draw?
  public let lapses: Lapses
  /// Where the generator is written, for messages.
  public let location: SourceLocation?

  public init(
    name: String, every: Int, from: Day, to: Day, count: Int, activity: String, provider: String, receiver: String,
    settlement: [(method: SettlementMethod, weight: Weight)], lines: [LineSpec], deliverAfter: Draw, settleAfter: Draw?, lapses: Lapses,
    location: SourceLocation?
  ) {
    self.name = name
    self.every = every
    self.from = from
    self.to = to
    self.count = count
    self.activity = activity
    self.provider = provider
    self.receiver = receiver
    self.settlement = settlement
    self.lines = lines
    self.deliverAfter = deliverAfter
    self.settleAfter = settleAfter
    self.lapses = lapses
    self.location = location
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.every == b.every && a.from == b.from && a.to == b.to && a.count == b.count && a.activity == b.activity
      && a.provider == b.provider && a.receiver == b.receiver && a.settlement.map(\.method) == b.settlement.map(\.method)
      && a.settlement.map(\.weight) == b.settlement.map(\.weight) && a.lines == b.lines && a.deliverAfter == b.deliverAfter
      && a.settleAfter == b.settleAfter && a.lapses == b.lapses
  }

  public func hash(into h: inout Hasher) {
    h.combine(name)
    h.combine(from)
  }
}
