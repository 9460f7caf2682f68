import ACSADomain
import ACSAScenario
import Foundation

/// A sink that keeps only the totals: what each debtor owes each creditor, by kind and
/// commodity, in each book, from the journal's receivable and payable postings.
public struct TotalsSink: RunSink {
  public private(set) var totals: [PartyID: [OpenTotal.Key: Int64]] = [:]
  let parties: [PartyID]

  public init(parties: [PartyID]) { self.parties = parties }

  public var keepsText: Bool { false }

  public mutating func record(_ event: EventRecord) throws {}

  public mutating func post(_ entries: [JournalEntry]) throws {
    for entry in entries {
      let other = parties.first { $0 != entry.book } ?? ""
      for p in entry.postings {
        if p.account.hasPrefix("receivable:") {
          totals[entry.book, default: [:]][
            OpenTotal.Key(debtor: other, creditor: entry.book, kind: p.kind, commodity: p.commodity), default: 0] +=
            p.amount
        } else if p.account.hasPrefix("payable:") {
          totals[entry.book, default: [:]][
            OpenTotal.Key(debtor: entry.book, creditor: other, kind: p.kind, commodity: p.commodity), default: 0] -=
            p.amount
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
  }

  public struct Statistic: Sendable, Hashable {
    public let mean: Double
    public let p50: Int64
    public let p95: Int64
    public let max: Int64
  }

  public struct Summary: Sendable {
    public let runs: Int
    public let firstSeed: UInt64
    public let owed: [(key: OpenTotal.Key, stat: Statistic)]
    public let overdue: [(key: OpenTotal.Key, stat: Statistic)]
    public let findings: [(code: FindingCode, stat: Statistic)]
    public let refused: Statistic
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
    var sink = TotalsSink(parties: s.framework.partyIDs)
    let result = try Engine.run(s, generated: generated, mirrored: mirrored, into: &sink)
    // What is owed, read in the creditor's book (a mirrored book is both creditors').
    var owed: [OpenTotal.Key: Int64] = [:]
    for (book, totals) in sink.totals {
      for (key, units) in totals where (mirrored || key.creditor == book) && units != 0 { owed[key] = units }
    }
    var overdue: [OpenTotal.Key: Int64] = [:]
    for book in result.books {
      for o in book.obligations where (mirrored || o.creditor == book.owner) && o.isOpen && o.deadline < s.end {
        overdue[OpenTotal.Key(debtor: o.debtor, creditor: o.creditor, kind: o.kind, commodity: o.commodity), default: 0] += o.openUnits
      }
    }
    let findings = FindingRules.counts(books: result.books, asOf: s.end)
    return Outcome(seed: seed, owed: owed, overdue: overdue, findings: findings, refused: result.refusals.count)
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
    let outcomes = try results.all()
    return summarize(outcomes, firstSeed: firstSeed)
  }

  public static func summarize(_ outcomes: [Outcome], firstSeed: UInt64) -> Summary {
    func stat(_ values: [Int64]) -> Statistic {
      let sorted = values.sorted()
      let n = sorted.count
      guard n > 0 else { return Statistic(mean: 0, p50: 0, p95: 0, max: 0) }
      // Nearest-rank percentiles.
      func rank(_ p: Int) -> Int64 { sorted[Swift.max(0, (p * n + 99) / 100 - 1)] }
      let mean = sorted.reduce(0.0) { $0 + Double($1) } / Double(n)
      return Statistic(mean: mean, p50: rank(50), p95: rank(95), max: sorted[n - 1])
    }
    let owedKeys = Set(outcomes.flatMap(\.owed.keys)).sorted()
    let overdueKeys = Set(outcomes.flatMap(\.overdue.keys)).sorted()
    return Summary(
      runs: outcomes.count, firstSeed: firstSeed,
      owed: owedKeys.map { k in (k, stat(outcomes.map { $0.owed[k] ?? 0 })) },
      overdue: overdueKeys.map { k in (k, stat(outcomes.map { $0.overdue[k] ?? 0 })) },
      findings: FindingCode.allCases.filter { $0 != .integrity }.map { c in (c, stat(outcomes.map { Int64($0.findings[c] ?? 0) })) },
      refused: stat(outcomes.map { Int64($0.refused) }))
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
