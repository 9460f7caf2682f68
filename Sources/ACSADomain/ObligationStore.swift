/// A book's obligations by id, ids handed out in creation order (0, 1, 2...) and stable
/// when obligations are dropped (a ledger run drops those of finished orders once they
/// are written).
///
/// The recent ids sit in an array from `base` on, with holes where obligations were
/// dropped; when more than half of it is holes, its first half moves out: the
/// obligations still kept there go to a dictionary. A store that never drops anything
/// is a plain array behind one comparison.
public struct ObligationStore: Sendable, Sequence {
  /// Obligations `base`, `base + 1`...; nil where dropped.
  private var recent: [Obligation?] = []
  private var base = 0
  /// Kept obligations below `base`, by id.
  private var old: [Int: Obligation] = [:]
  /// Holes in `recent`.
  private var holes = 0

  public init() {}

  /// Obligations given in id order, their ids 0, 1, 2...
  public init(_ obligations: [Obligation]) {
    recent = obligations.map { $0 }
  }

  /// How many ids were handed out: the next obligation's id.
  public var count: Int { base + recent.count }

  /// How many obligations are kept.
  public var kept: Int { old.count + recent.count - holes }

  /// The obligation `id` (which must be kept).
  public subscript(id: Int) -> Obligation {
    get { id >= base ? recent[id - base]! : old[id]! }
    _modify {
      if id >= base {
        yield &recent[id - base]!
      } else {
        yield &old[id]!
      }
    }
  }

  /// The kept obligation with the highest id.
  public var last: Obligation? {
    if let r = recent.last(where: { $0 != nil }) { return r }
    return old.keys.max().flatMap { old[$0] }
  }

  public func contains(_ id: Int) -> Bool {
    id >= base ? id - base < recent.count && recent[id - base] != nil : old[id] != nil
  }

  public mutating func append(_ o: Obligation) {
    precondition(o.id == count, "obligation ids are handed out in order")
    recent.append(o)
  }

  /// Drops obligation `id` (its id is not handed out again).
  public mutating func remove(_ id: Int) {
    if id < base {
      old[id] = nil
      return
    }
    guard recent[id - base] != nil else { return }
    recent[id - base] = nil
    holes += 1
    if holes > 1024 && holes * 2 > recent.count {
      let half = recent.count / 2
      for k in 0..<half { if let o = recent[k] { old[base + k] = o } }
      recent.removeFirst(half)
      base += half
      holes = recent.reduce(0) { $1 == nil ? $0 + 1 : $0 }
    }
  }

  /// The kept obligations in id order.
  public func makeIterator() -> Iterator {
    Iterator(recent: recent, old: old, olds: old.isEmpty ? [] : old.keys.sorted())
  }

  public struct Iterator: IteratorProtocol {
    let recent: [Obligation?]
    let old: [Int: Obligation]
    let olds: [Int]
    var o = 0
    var r = 0

    public mutating func next() -> Obligation? {
      if o < olds.count {
        o += 1
        return old[olds[o - 1]]
      }
      while r < recent.count {
        r += 1
        if let x = recent[r - 1] { return x }
      }
      return nil
    }
  }
}
