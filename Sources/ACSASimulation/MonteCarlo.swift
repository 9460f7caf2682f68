import ACSADomain
import ACSAScenario
import Foundation

/// A sink that keeps only the totals: what each debtor owes each creditor, by kind and
/// commodity, in each book, from the journal's receivable and payable postings; and the
/// same per group of orders (`groupOf`: an order's group, such as the generator that
/// made it).
public struct TotalsSink: RunSink {
  public private(set) var totals: [PartyID: [OpenTotal.Key: Int64]] = [:]
  public private(set) var groupTotals: [Int: [PartyID: [OpenTotal.Key: Int64]]] = [:]
  let parties: [PartyID]
  let groupOf: [String: Int]

  public init(parties: [PartyID], groupOf: [String: Int] = [:]) {
    self.parties = parties
    self.groupOf = groupOf
  }

  public var keepsText: Bool { false }

  public mutating func record(_ event: EventRecord) throws {}

  public mutating func post(_ entries: [JournalEntry]) throws {
    for entry in entries {
      let other = parties.first { $0 != entry.book } ?? ""
      for p in entry.postings {
        let key: OpenTotal.Key
        let units: Int64
        if case .receivable = p.account {
          key = OpenTotal.Key(debtor: other, creditor: entry.book, kind: p.kind, commodity: p.commodity)
          units = p.amount
        } else if case .payable = p.account {
          key = OpenTotal.Key(debtor: entry.book, creditor: other, kind: p.kind, commodity: p.commodity)
          units = 0 &- p.amount
        } else {
          continue
        }
        totals[entry.book, default: [:]][key, default: 0] += units
        if !groupOf.isEmpty, let order = p.orderID, let group = groupOf[order] {
          groupTotals[group, default: [:]][entry.book, default: [:]][key, default: 0] += units
        }
      }
    }
  }
}

/// Many replications of a scenario, one per seed, on all cores, with no ledger written.
public enum MonteCarlo {
  /// What one replication leaves at the end of the scenario. Owed and overdue amounts
  /// are read in the creditor's book (its claims), in minor units or thousandths.
  public struct Outcome: Sendable {
    public let seed: UInt64
    public let owed: [OpenTotal.Key: Int64]
    public let overdue: [OpenTotal.Key: Int64]
    public let findings: [FindingCode: Int]
    public let refused: Int
    /// Per group of orders (a generator's index in the scenario, or
    /// `scenario.generators.count` for the scripted orders): orders, what they leave
    /// owed, their findings.
    public let groups: [Int: Group]

    public init(
      seed: UInt64, owed: [OpenTotal.Key: Int64], overdue: [OpenTotal.Key: Int64], findings: [FindingCode: Int], refused: Int,
      groups: [Int: Group] = [:]
    ) {
      self.seed = seed
      self.owed = owed
      self.overdue = overdue
      self.findings = findings
      self.refused = refused
      self.groups = groups
    }
  }

  /// What one group of orders leaves in one replication.
  public struct Group: Sendable {
    public let orders: Int
    public let owed: [OpenTotal.Key: Int64]
    public let findings: [FindingCode: Int]

    public init(orders: Int, owed: [OpenTotal.Key: Int64], findings: [FindingCode: Int]) {
      self.orders = orders
      self.owed = owed
      self.findings = findings
    }
  }

  /// The replications, in seed order.
  public struct Summary: Sendable {
    public let runs: Int
    public let firstSeed: UInt64
    public let outcomes: [Outcome]

    public init(runs: Int, firstSeed: UInt64, outcomes: [Outcome]) {
      self.runs = runs
      self.firstSeed = firstSeed
      self.outcomes = outcomes
    }
  }

  /// One replication, through the totals sink.
  public static func replicate(_ scenario: Scenario, seed: UInt64) throws -> Outcome {
    let s = scenario.with(seed: seed)
    let generated = try Generation.events(for: s, seed: seed)
    return try replicate(s, seed: seed, generated: generated, mirrored: Engine.mirrors(s, generated: generated))
  }

  /// One replication; `mirrored`: with the first party's book alone standing for both
  /// (allowed when every event is in both books; a test shows the outcome is the same).
  public static func replicate(_ s: Scenario, seed: UInt64, generated: [ScenarioEvent], mirrored: Bool) throws -> Outcome {
    let groupOf = s.generators.isEmpty ? [:] : groups(s, generated: generated)
    var sink = TotalsSink(parties: s.framework.partyIDs, groupOf: groupOf)
    let result = try Engine.run(s, generated: generated, mirrored: mirrored, into: &sink)
    // What is owed, read in the creditor's book (a mirrored book is both creditors').
    func creditorsView(_ totals: [PartyID: [OpenTotal.Key: Int64]]) -> [OpenTotal.Key: Int64] {
      var owed: [OpenTotal.Key: Int64] = [:]
      for (book, totals) in totals {
        for (key, units) in totals where (mirrored || key.creditor == book) && units != 0 { owed[key] = units }
      }
      return owed
    }
    let owed = creditorsView(sink.totals)
    var overdue: [OpenTotal.Key: Int64] = [:]
    for book in result.books {
      for o in book.obligations where (mirrored || o.creditor == book.owner) && o.isOpen && o.deadline < s.end {
        overdue[OpenTotal.Key(debtor: o.debtor, creditor: o.creditor, kind: o.kind, commodity: o.commodity), default: 0] += o.openUnits
      }
    }
    var findings: [FindingCode: Int] = [:]
    var groups: [Int: Group] = [:]
    if s.generators.isEmpty {
      findings = FindingRules.counts(books: result.books, asOf: s.end)
    } else {
      // The scripted orders are the last group.
      let scripted = s.generators.count
      var orders: [Int: Int] = [:]
      for group in groupOf.values { orders[group, default: 0] += 1 }
      var groupFindings: [Int: [FindingCode: Int]] = [:]
      for (order, codes) in FindingRules.codesByOrder(books: result.books, asOf: s.end) {
        let group = groupOf[order] ?? scripted
        for code in codes {
          findings[code, default: 0] += 1
          groupFindings[group, default: [:]][code, default: 0] += 1
        }
      }
      for group in Set(orders.keys).union(groupFindings.keys).union(sink.groupTotals.keys) {
        groups[group] = Group(
          orders: orders[group] ?? 0, owed: creditorsView(sink.groupTotals[group] ?? [:]), findings: groupFindings[group] ?? [:])
      }
    }
    return Outcome(seed: seed, owed: owed, overdue: overdue, findings: findings, refused: result.refusals.count, groups: groups)
  }

  /// Each order's group: the generator that made it (its index in the scenario), or
  /// `generators.count` for a scripted order. A generated order's id is the generator's
  /// name, a hyphen and a number; no scripted order may have one of those ids.
  static func groups(_ s: Scenario, generated: [ScenarioEvent]) -> [String: Int] {
    var generatedIDs: [String] = []
    for e in generated {
      if case .order(let terms) = e.action { generatedIDs.append(terms.id) }
    }
    var names: [String: Int] = [:]
    for (i, g) in s.generators.enumerated() { names[g.name] = i }
    var result: [String: Int] = [:]
    for id in generatedIDs {
      // The longest name that, with `-` and digits, makes the id.
      var best: (length: Int, group: Int)?
      for (name, index) in names where id.count > name.count + 1 && id.hasPrefix(name + "-") {
        let rest = id.dropFirst(name.count + 1)
        if rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber) && name.count > (best?.length ?? -1) { best = (name.count, index) }
      }
      if let best { result[id] = best.group }
    }
    for e in s.events {
      if case .order(let terms) = e.action, result[terms.id] == nil { result[terms.id] = s.generators.count }
    }
    return result
  }

  /// `runs` replications with seeds `firstSeed`, `firstSeed + 1`... on `workers` threads.
  /// `progress` is called with the number done (from any thread).
  public static func run(
    _ scenario: Scenario, runs: Int, firstSeed: UInt64, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
    progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> Summary {
    let results = OutcomeStore(count: runs)
    let next = Counter()
    let threads = max(1, min(workers, runs))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let i = next.take(below: runs) {
        let done: Int
        do {
          done = results.set(i, .success(try replicate(scenario, seed: firstSeed &+ UInt64(i))))
        } catch {
          done = results.set(i, .failure(error))
        }
        progress?(done)
      }
    }
    return Summary(runs: runs, firstSeed: firstSeed, outcomes: try results.all())
  }
}

/// Hands out run indices to worker threads.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func take(below limit: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < limit else { return nil }
    value += 1
    return value - 1
  }
}

/// The replications' outcomes, written by the workers.
final class OutcomeStore: @unchecked Sendable {
  private let lock = NSLock()
  private var outcomes: [Result<MonteCarlo.Outcome, any Error>?]
  private var done = 0

  init(count: Int) { outcomes = Array(repeating: nil, count: count) }

  /// Stores a result; returns how many are done.
  func set(_ i: Int, _ result: Result<MonteCarlo.Outcome, any Error>) -> Int {
    lock.lock()
    defer { lock.unlock() }
    outcomes[i] = result
    done += 1
    return done
  }

  func all() throws -> [MonteCarlo.Outcome] {
    try outcomes.compactMap { try $0?.get() }
  }
}
