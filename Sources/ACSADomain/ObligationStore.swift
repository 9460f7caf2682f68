/// A book's obligations by id, ids handed out in creation order (0, 1, 2...) and stable
/// when obligations are dropped (a ledger run drops those of finished orders once they
/// are written).
///
/// The recent ids sit in an array from `base` on, with holes (a placeholder whose id is
/// -1) where obligations were dropped; when more than half of it is holes, its first
/// half moves out: the obligations still kept there go, in id order, to a second array
/// searched by id. Both are arrays, so that an obligation is read in place (a field read
/// copies nothing); a store that never drops anything is a plain array behind one
/// comparison.
public struct ObligationStore: Sendable, Sequence {
  /// Obligations `base`, `base + 1`...; `hole` where dropped.
  private var recent: [Obligation] = []
  private var base = 0
  /// Kept obligations below `base`, in id order (`hole` where dropped since).
  private var old: [Obligation] = []
  /// Their ids (kept even for holes: the array stays sorted for the search).
  private var oldIDs: [Int] = []
  /// Holes in `recent`, and in `old`.
  private var holes = 0
  private var oldHoles = 0

  public init() {}

  /// Obligations given in id order, their ids 0, 1, 2...
  public init(_ obligations: [Obligation]) {
    recent = obligations
  }

  /// What stands for a dropped obligation.
  static let hole = Obligation(
    id: -1, order: "", debtor: "", creditor: "", kind: .cash, item: "", category: .food, currency: .jpy,
    deliveryDate: Day(ordinal: 0), createdOn: Day(ordinal: 0), deadline: Day(ordinal: 0), originalAmount: 0, originalQty: .zero,
    openUnits: 0, claimedOn: nil, billedOn: nil, dueOn: nil, settledOn: nil, convertedOn: nil, convertedInto: nil, convertedFrom: nil)

  /// How many ids were handed out: the next obligation's id.
  public var count: Int { base + recent.count }

  /// How many obligations are kept.
  public var kept: Int { old.count - oldHoles + recent.count - holes }

  /// Where obligation `id` (below `base`) sits in `old`.
  private func oldIndex(_ id: Int) -> Int? {
    var low = 0
    var high = oldIDs.count
    while low < high {
      let mid = (low + high) / 2
      if oldIDs[mid] < id { low = mid + 1 } else { high = mid }
    }
    return low < oldIDs.count && oldIDs[low] == id && old[low].id >= 0 ? low : nil
  }

  /// The obligation `id` (which must be kept), read and changed in place, as an array's
  /// element is (the accessors yield the element of the array that holds it).
  public subscript(id: Int) -> Obligation {
    _read {
      if id >= base {
        yield recent[id - base]
      } else {
        yield old[oldPosition(id)]
      }
    }
    _modify {
      if id >= base {
        yield &recent[id - base]
      } else {
        yield &old[oldPosition(id)]
      }
    }
  }

  /// Where kept obligation `id` (below `base`) sits in `old`; asking for one that is not
  /// kept is a programming error.
  private func oldPosition(_ id: Int) -> Int {
    guard let k = oldIndex(id) else { preconditionFailure("obligation \(id) is not kept") }
    return k
  }

  /// The kept obligation with the highest id.
  public var last: Obligation? {
    if let r = recent.last(where: { $0.id >= 0 }) { return r }
    return old.last(where: { $0.id >= 0 })
  }

  public func contains(_ id: Int) -> Bool {
    id >= base ? id - base < recent.count && recent[id - base].id >= 0 : oldIndex(id) != nil
  }

  public mutating func append(_ o: Obligation) {
    precondition(o.id == count, "obligation ids are handed out in order")
    recent.append(o)
  }

  /// Drops obligation `id` (its id is not handed out again).
  public mutating func remove(_ id: Int) {
    if id < base {
      guard let k = oldIndex(id) else { return }
      old[k] = Self.hole
      oldHoles += 1
      if oldHoles > 1024 && oldHoles * 2 > old.count {
        let keep = old.indices.filter { old[$0].id >= 0 }
        oldIDs = keep.map { oldIDs[$0] }
        old = keep.map { old[$0] }
        oldHoles = 0
      }
      return
    }
    guard recent[id - base].id >= 0 else { return }
    recent[id - base] = Self.hole
    holes += 1
    if holes > 1024 && holes * 2 > recent.count {
      let half = recent.count / 2
      for k in 0..<half where recent[k].id >= 0 {
        old.append(recent[k])
        oldIDs.append(base + k)
      }
      recent.removeFirst(half)
      base += half
      holes = recent.reduce(0) { $1.id < 0 ? $0 + 1 : $0 }
    }
  }

  /// The kept obligations in id order.
  public func makeIterator() -> Iterator {
    Iterator(old: old, recent: recent)
  }

  public struct Iterator: IteratorProtocol {
    let old: [Obligation]
    let recent: [Obligation]
    var o = 0
    var r = 0

    public mutating func next() -> Obligation? {
      while o < old.count {
        o += 1
        if old[o - 1].id >= 0 { return old[o - 1] }
      }
      while r < recent.count {
        r += 1
        if recent[r - 1].id >= 0 { return recent[r - 1] }
      }
      return nil
    }
  }
}
