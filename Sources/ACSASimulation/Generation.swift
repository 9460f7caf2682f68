import ACSADomain
import ACSAScenario

/// Expands a scenario's generators into events, from the seeded stream.
///
/// The stream is drawn in a fixed order: generators in file order, then firings (from
/// `from` every `every` days to `to`), then the `count` orders of a firing; for each
/// order, always in this order and whether used or not: the settlement method (only when
/// more than one method can be drawn), each line's quantity, `deliver_after`,
/// `settle_after`, then the lapses no_receipt, no_claim, never_settle, one_book, and the
/// book one_book keeps (JP or PH, each 1/2). Orders are numbered `<name>-1`, `<name>-2`...
/// in generation order; an order whose lines all drew 0 is not generated and takes no
/// number.
public enum Generation {
  /// The generated events, indexed after the scripted ones (on one date they run after
  /// every scripted event, in generation order), in generation order: every generator
  /// drawn to its end through the stream's own cursors.
  public static func events(for scenario: Scenario, seed: UInt64) throws(ScenarioErrors) -> [ScenarioEvent] {
    var result: [ScenarioEvent] = []
    _ = try draw(scenario, seed: seed) { event, _ in result.append(event) }
    return result
  }

  /// The generated events as a stream, in the order the engine runs them (date, then
  /// index), holding only the events drawn and not yet due. A first pass runs the random
  /// stream through every generator, keeping none of its events: it reports the static
  /// errors (before anything runs) and records where each generator starts (its random
  /// state and the index of its first event).
  public static func stream(for scenario: Scenario, seed: UInt64) throws(ScenarioErrors) -> GeneratedStream {
    var count = 0
    let cursors = try draw(scenario, seed: seed) { _, _ in count += 1 }
    return GeneratedStream(cursors: cursors, count: count)
  }

  /// Draws every generator to its end in order, each event to `emit` (with whether it is
  /// its order's last); the cursor at the start of each generator that drew an event.
  /// Throws the static errors (a generated id equal to a scripted one) once all are found.
  static func draw(_ scenario: Scenario, seed: UInt64, emit: (ScenarioEvent, Bool) -> Void) throws(ScenarioErrors)
    -> [GeneratorCursor]
  {
    let scriptedOrders = scriptedOrderLines(scenario)
    var diagnostics: [Diagnostic] = []
    var starts: [GeneratorCursor] = []
    var rng = SeededRandom(seed: seed)
    var index = scenario.events.count
    for gi in scenario.generators.indices {
      let first = GeneratorCursor(scenario, generator: gi, rng: rng, index: index)
      var cursor = first
      while !cursor.exhausted { cursor.fire(scriptedOrders: scriptedOrders, diagnostics: &diagnostics, emit: emit) }
      if cursor.index > first.index { starts.append(first) }
      rng = cursor.rng
      index = cursor.index
    }
    if !diagnostics.isEmpty { throw ScenarioErrors(diagnostics) }
    return starts
  }

  /// One generated order's draws, always all of them and in this order (the stream's
  /// documented order): the settlement method (only when more than one can be drawn),
  /// each line's quantity, `deliver_after`, `settle_after`, the lapses no_receipt,
  /// no_claim, never_settle, one_book, and the book one_book keeps.
  enum OrderDraw {
    static func next(_ g: GeneratorSpec, _ rng: inout SeededRandom, parties: [PartyID]) -> (
      method: SettlementMethod, lines: [Line], deliverAfter: Int, settleAfter: Int?, noReceipt: Bool, noClaim: Bool,
      neverSettle: Bool, oneBook: Bool, keptBook: PartyID
    ) {
      let method = g.settlement.count == 1 ? g.settlement[0].method : g.settlement[rng.pick(g.settlement.map(\.weight))].method
      var lines: [Line] = []
      for spec in g.lines {
        let milli = rng.draw(spec.qty, days: false)
        if milli > 0 { lines.append(Line(item: spec.item, qty: Quantity(milli: milli))) }
      }
      let deliverAfter = Int(rng.draw(g.deliverAfter, days: true))
      let settleAfter = g.settleAfter.map { Int(rng.draw($0, days: true)) }
      let noReceipt = rng.chance(g.lapses.noReceipt)
      let noClaim = rng.chance(g.lapses.noClaim)
      let neverSettle = rng.chance(g.lapses.neverSettle)
      let oneBook = rng.chance(g.lapses.oneBook)
      let keptBook = parties[Int(rng.below(2))]
      return (method, lines, deliverAfter, settleAfter, noReceipt, noClaim, neverSettle, oneBook, keptBook)
    }
  }

  /// The scripted orders' ids, with their lines (a generated id equal to one is an error).
  static func scriptedOrderLines(_ scenario: Scenario) -> [String: Int] {
    var scriptedOrders: [String: Int] = [:]
    for e in scenario.events {
      if case .order(let t) = e.action { scriptedOrders[t.id] = e.location?.line ?? 0 }
    }
    return scriptedOrders
  }

  /// Settlement in full: a payment of what is owed (cash), a return of the same items
  /// (replacement), or an exchange of the same services in the largest quantities whose
  /// value does not exceed what is owed, then a conversion of the remainder and its
  /// payment, that day (equal value).
  static func settlement(
    _ id: String, method: SettlementMethod, lines: [Line], provider: PartyID, receiver: PartyID, delivered: Day, settled: Day,
    _ fw: Framework
  ) -> [(Day, Action)] {
    let currency = fw.currency(of: provider)
    func owed(_ line: Line) -> Int64? {
      guard let price = fw.items[line.item]?.price(for: provider, on: delivered) else { return nil }
      return (try? price.times(line.qty))?.minor
    }
    switch method {
    case .cash:
      var total: Int64 = 0
      for line in lines {
        guard let v = owed(line) else { return [] }
        total += v
      }
      return total > 0 ? [(settled, .pay(order: id, amount: Money(total, currency)))] : []
    case .replacement:
      return [(settled, .returnItems(order: id, lines: lines))]
    case .equalValue:
      var exchange: [Line] = []
      var remainder: Int64 = 0
      for line in lines {
        guard let due = owed(line) else { return [] }
        let (qty, value) = largestExchange(line.item, owed: due, receiver: receiver, target: currency, on: settled, fw)
        if qty > 0 { exchange.append(Line(item: line.item, qty: Quantity(milli: qty))) }
        remainder += due - value
      }
      var actions: [(Day, Action)] = []
      if !exchange.isEmpty { actions.append((settled, .exchange(order: id, lines: exchange))) }
      if remainder > 0 {
        actions.append((settled, .convert(order: id)))
        actions.append((settled, .pay(order: id, amount: Money(remainder, currency))))
      }
      return actions
    }
  }

  /// The largest quantity, in thousandths, of `item` whose value (at the receiver's
  /// price, converted into the provider's currency as `exchange` does) is at most
  /// `owed`, and that value. 0 when there is no price or rate.
  static func largestExchange(_ item: String, owed: Int64, receiver: PartyID, target: Currency, on day: Day, _ fw: Framework) -> (
    Int64, Int64
  ) {
    guard owed > 0, let price = fw.items[item]?.price(for: receiver, on: day) else { return (0, 0) }
    func value(_ milli: Int64) -> Int64? {
      guard let local = try? price.times(Quantity(milli: milli)), let converted = try? fw.rates.convert(local, to: target, on: day).0 else {
        return nil
      }
      return converted.minor
    }
    guard let unit = value(1), unit <= owed else { return (0, 0) }
    var low: Int64 = 1
    var high: Int64 = 2
    while let v = value(high), v <= owed, high < Int64.max / 4 {
      low = high
      high *= 2
    }
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if let v = value(mid), v <= owed { low = mid } else { high = mid }
    }
    return (low, value(low) ?? 0)
  }
}

/// A generated event, and whether it is the last event generated on its order (nothing
/// generated refers to the order after it).
public struct GeneratedEvent: Sendable {
  public let event: ScenarioEvent
  public let lastOfOrder: Bool
}

/// One generator drawn firing by firing, from a given random state and event index.
struct GeneratorCursor: Sendable {
  let scenario: Scenario
  let gi: Int
  let providerParty: PartyID
  let receiverParty: PartyID
  var rng: SeededRandom
  /// The index of the next event.
  var index: Int
  /// Orders numbered so far.
  var n = 0
  /// The next firing day.
  var day: Day

  init(_ scenario: Scenario, generator gi: Int, rng: SeededRandom, index: Int) {
    self.scenario = scenario
    self.gi = gi
    let g = scenario.generators[gi]
    providerParty = scenario.framework.units[g.provider]?.party ?? ""
    receiverParty = scenario.framework.units[g.receiver]?.party ?? ""
    self.rng = rng
    self.index = index
    day = g.from
  }

  var generator: GeneratorSpec { scenario.generators[gi] }

  /// No firing left.
  var exhausted: Bool { !(day <= generator.to && day <= scenario.end) }

  /// Runs the next firing: its orders' events, in generation order (each dated on or
  /// after the firing day), each with whether it is its order's last.
  mutating func fire(scriptedOrders: [String: Int], diagnostics: inout [Diagnostic], emit: (ScenarioEvent, Bool) -> Void) {
    let g = generator
    let fw = scenario.framework
    let end = scenario.end
    var orderEvents: [(Day, Action, [PartyID]?)] = []
    for _ in 0..<g.count {
      let (method, lines, deliverAfter, settleAfter, noReceipt, noClaim, neverSettle, oneBook, keptBook) =
        Generation.OrderDraw.next(g, &rng, parties: fw.partyIDs)
      guard !lines.isEmpty else { continue }
      n += 1
      let id = "\(g.name)-\(n)"
      if let line = scriptedOrders[id] {
        diagnostics.append(
          Diagnostic(
            file: scenario.file, line: g.location?.line ?? 0, column: g.location?.column ?? 0,
            message: "generators[\(gi)] (\(g.name)): generated order id '\(id)' is also the id of the order scripted at line \(line)"))
        continue
      }
      orderEvents.removeAll(keepingCapacity: true)
      func add(_ date: Day, _ action: Action, books: [PartyID]? = nil) {
        if date <= end { orderEvents.append((date, action, books)) }
      }
      add(
        day,
        .order(
          OrderTerms(
            id: id, activity: g.activity, provider: g.provider, receiver: g.receiver, settlement: method, lines: lines, signed: true)))
      let delivered = day.adding(days: deliverAfter)
      if delivered <= end {
        add(delivered, .deliver(order: id, lines: nil, receipt: !noReceipt, claim: !noClaim), books: oneBook ? [keptBook] : nil)
        if !neverSettle, let settleAfter {
          let settled = delivered.adding(days: settleAfter)
          if settled <= end {
            for (date, action) in Generation.settlement(
              id, method: method, lines: lines, provider: providerParty, receiver: receiverParty, delivered: delivered, settled: settled, fw
            ) {
              add(date, action)
            }
          }
        }
      }
      for (k, (date, action, books)) in orderEvents.enumerated() {
        emit(ScenarioEvent(date: date, id: nil, books: books, action: action, index: index, location: nil), k == orderEvents.count - 1)
        index += 1
      }
    }
    day = day.adding(days: g.every)
  }
}

/// The generated events in (date, index) order, drawn lazily: each generator is replayed
/// from its saved random state firing by firing, its drawn events waiting in a small heap
/// until due. A firing on day F only adds events dated F or later, with indices above
/// every event drawn before it, so the earliest waiting event is the generator's next
/// one as soon as its date is not after the next firing day.
public struct GeneratedStream: Sendable, IteratorProtocol {
  var cursors: [GeneratorCursor]
  var heaps: [EventHeap]
  /// How many events the stream yields in all.
  public let count: Int

  init(cursors: [GeneratorCursor], count: Int) {
    self.cursors = cursors
    heaps = Array(repeating: EventHeap(), count: cursors.count)
    self.count = count
  }

  /// An empty stream.
  public init() { self.init(cursors: [], count: 0) }

  /// Fires generator `g` until its earliest waiting event is due; that event's key.
  mutating func ready(_ g: Int) -> (date: Int, index: Int)? {
    while true {
      if let top = heaps[g].topKey, cursors[g].exhausted || top.date <= cursors[g].day.ordinal {
        return top
      }
      if cursors[g].exhausted { return nil }
      var diagnostics: [Diagnostic] = []
      cursors[g].fire(scriptedOrders: [:], diagnostics: &diagnostics) { event, last in
        heaps[g].push(GeneratedEvent(event: event, lastOfOrder: last))
      }
    }
  }

  /// The next event's (date, index), without taking it.
  public mutating func peek() -> (date: Int, index: Int)? {
    var best: (date: Int, index: Int)?
    for g in cursors.indices {
      if let k = ready(g), best.map({ k < $0 }) ?? true { best = k }
    }
    return best
  }

  public mutating func next() -> GeneratedEvent? {
    var best: (g: Int, key: (date: Int, index: Int))?
    for g in cursors.indices {
      if let k = ready(g), best.map({ k < $0.key }) ?? true { best = (g, k) }
    }
    guard let best else { return nil }
    return heaps[best.g].pop()
  }

  /// Events drawn and waiting (for tests of the memory bound).
  public var waiting: Int { heaps.reduce(0) { $0 + $1.count } }
}

/// A binary min-heap of generated events by (date, index). The heap orders small keys;
/// the events (about 150 bytes each) stay in slots and are not moved while it is
/// reordered.
struct EventHeap: Sendable {
  private struct Key: Sendable {
    let date: Int
    let index: Int
    let slot: Int

    static func < (a: Key, b: Key) -> Bool { a.date != b.date ? a.date < b.date : a.index < b.index }
  }

  private var keys: [Key] = []
  private var slots: [GeneratedEvent?] = []
  private var freeSlots: [Int] = []

  var count: Int { keys.count }

  /// The earliest event's (date, index).
  var topKey: (date: Int, index: Int)? { keys.first.map { ($0.date, $0.index) } }

  mutating func push(_ e: GeneratedEvent) {
    let slot: Int
    if let free = freeSlots.popLast() {
      slot = free
      slots[slot] = e
    } else {
      slot = slots.count
      slots.append(e)
    }
    keys.append(Key(date: e.event.date.ordinal, index: e.event.index, slot: slot))
    var i = keys.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard keys[i] < keys[parent] else { break }
      keys.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> GeneratedEvent? {
    guard !keys.isEmpty else { return nil }
    keys.swapAt(0, keys.count - 1)
    let slot = keys.removeLast().slot
    var i = 0
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < keys.count && keys[l] < keys[m] { m = l }
      if r < keys.count && keys[r] < keys[m] { m = r }
      if m == i { break }
      keys.swapAt(i, m)
      i = m
    }
    let event = slots[slot].take()
    freeSlots.append(slot)
    return event
  }
}
