import ACSADomain

/// Something the ledger's own checks found wrong. Stable kinds; each is reported as an
/// `integrity` finding on the order it concerns.
public struct IntegrityProblem: Hashable, Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The scenario text kept in the ledger no longer matches the hash its chains start from.
    case frameworkChanged = "framework_changed"
    /// A record does not match its hash: changed, inserted, deleted or moved.
    case chainBroken = "chain_broken"
    /// A chain's last hash is not the head recorded when the ledger was written.
    case headChanged = "head_changed"
    /// Entry or posting numbers are not consecutive.
    case numberingGap = "numbering_gap"
    /// Entries not in the order of their events and dates.
    case outOfOrder = "out_of_order"
    /// A posting without its entry.
    case orphanPosting = "orphan_posting"
    /// An entry whose postings do not sum to zero per kind and commodity.
    case unbalanced
    /// A replay of the recorded events gives a different entry.
    case replayMismatch = "replay_mismatch"
    /// The event log and a book's journal disagree about what was recorded.
    case logMismatch = "log_mismatch"
    /// The journal's balances differ from those of the replay.
    case balanceMismatch = "balance_mismatch"
    /// The end-of-run snapshots (orders, deliveries, obligations) differ from the replay.
    case snapshotMismatch = "snapshot_mismatch"
    /// The agreement's rules decide an event differently from the log.
    case ruleMismatch = "rule_mismatch"
    /// A head hash the other party anchored is not in the book's chain.
    case anchorNotFound = "anchor_not_found"
    /// A table, view, index or trigger is not the one acsa writes.
    case schemaChanged = "schema_changed"
    /// A stored value is NULL where acsa never writes one, or of the wrong type.
    case badValue = "bad_value"
    /// A stored row differs from the row acsa writes from what the ledger records (its
    /// event log, its journals, the replays of its books, its scenario).
    case rowMismatch = "row_mismatch"
    /// What the chains do not cover (the run's description, event lines, expectations,
    /// an exported book's statuses) is not what was sealed when the ledger was written.
    case sealBroken = "seal_broken"
  }

  public let kind: Kind
  /// The book concerned, or nil for the event log.
  public let book: PartyID?
  public let order: String?
  public let entry: Int?
  public let seq: Int?
  public let message: String

  public init(_ kind: Kind, book: PartyID?, order: String? = nil, entry: Int? = nil, seq: Int? = nil, _ message: String) {
    self.kind = kind
    self.book = book
    self.order = order
    self.entry = entry
    self.seq = seq
    self.message = message
  }

  public var place: String {
    var parts: [String] = []
    // A problem of no book is the event log's, but for those of the whole file.
    let whole: Set<Kind> = [.schemaChanged, .badValue, .rowMismatch, .sealBroken, .frameworkChanged]
    parts.append(book.map { "\($0) book" } ?? (whole.contains(kind) ? "ledger" : "event log"))
    if let entry { parts.append("entry \(entry)") }
    if let seq { parts.append("event \(seq)") }
    if let order { parts.append(order) }
    return parts.joined(separator: ", ")
  }
}
