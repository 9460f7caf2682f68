import ACSADomain
import ACSALedger
import ACSAScenario

/// A scenario replayed into a ledger file: the run `acsa run` makes.
public enum LedgerRun {
  /// What a run into a ledger gives.
  public struct Outcome: Sendable {
    /// The run (with the books as they stand at its end: pruned orders are not in them).
    public let result: RunResult
    /// The ledger's digest (`meta.ledger_digest`).
    public let digest: String
    /// How many finished orders were dropped from the books once written.
    public let pruned: Int
  }

  /// Replays the scenario into a new ledger at `path` (written atomically; `inputs`,
  /// the files the run reads, must not be `path`). `version`: the acsa that writes it.
  /// `progress` is called from the thread that runs the engine.
  /// With `prune`, orders are dropped from the books once finished and written (the
  /// ledger is the same, row for row; the memory follows the orders still open).
  /// `through`: the start of a live exercise, whose ledger is written up to that day
  /// (its clock, `meta.clock`) and then grows event by event (`LiveLedger`).
  public static func write(
    _ scenario: Scenario, generated: GeneratedStream, to path: String, inputs: [String] = [], version: String, prune: Bool = true,
    through: Day? = nil, progress: (@Sendable (Day) -> Void)? = nil
  ) throws -> Outcome {
    var meta = LedgerMeta.values(for: scenario, version: version)
    if let through { meta[LedgerSeal.clockKey] = min(through, scenario.end).description }
    return try LedgerFile.create(at: path, inputs: inputs, framework: scenario.framework, frameworkHash: meta["framework_hash"] ?? "") {
      writer in
      try writer.begin(meta: meta, framework: scenario.framework)
      writer.prunesOrders = prune
      var sink = writer
      var engine = Engine(scenario: scenario, stream: generated)
      try engine.replay(into: &sink, through: through, progress: progress)
      let result = engine.result
      let digest = try writer.finish(books: result.books, refusedOrders: result.refusedOrders)
      return Outcome(result: result, digest: digest, pruned: engine.pruned)
    }
  }
}

/// The run's description in a ledger's `meta` table.
public enum LedgerMeta {
  /// The meta rows of a run of `s` by acsa `version`. `framework_source` is the scenario
  /// without its events (the events are in the log); the chains start from its hash.
  /// All but the keys `LedgerSeal.metaKeys` seals are derived from `framework_source`.
  public static func values(for s: Scenario, version: String) -> [String: String] {
    let framework = ScenarioWriter.framework(s, seed: s.seed)
    return derived(from: s, framework: framework).merging([
      "acsa_version": version,
      "scenario_file": s.file,
      "scenario_sha256": LedgerChain.sha256Hex(s.sourceText),
    ]) { a, _ in a }
  }

  /// The meta rows that `framework_source` (the canonical text of `s`'s framework) gives.
  public static func derived(from s: Scenario, framework: String) -> [String: String] {
    let a = s.framework.agreement
    var derived = [
      "scenario_name": s.name,
      "scenario_start": s.start.description,
      "scenario_end": s.end.description,
      "scenario_seed": String(s.seed),
      "framework_source": framework,
      "framework_hash": LedgerChain.sha256Hex(framework),
      "agreement_id": a.id,
      "agreement_in_force": a.inForce.description,
      "payment_days": String(a.paymentDays),
      "billing": a.billing.rawValue,
      "deadline_policy": a.deadlinePolicy.rawValue,
      "offset_allowed": String(a.offsetAllowed),
      "tax_exempt": String(a.taxExempt),
    ]
    switch a.settlement {
    case .days(let n): derived["settlement_days"] = String(n)
    case .months(let n): derived["settlement_months"] = String(n)
    }
    if a.format != .v1_3 { derived["scenario_format"] = a.format.rawValue }
    if a.claimDays != a.paymentDays { derived["claim_days"] = String(a.claimDays) }
    return derived
  }
}
