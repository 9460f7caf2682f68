/// Whose rule a rule is: the agreement's, as the public sources report it, or a choice,
/// of the scenario (one of its settings) or of acsa itself (an interpretation, with
/// why). Every rule `acsa explain`, the glossary and the reports state carries one, so
/// that what acsa teaches is never its own choice dressed as a term of the agreement.
/// Source ids (`S9`) are those of `docs/sources.md`.
public struct RuleOrigin: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    /// A term of the agreement (or of the texts and practice behind it), as the sources
    /// report it; `sources` names them.
    case agreement
    /// A setting the scenario chooses (`key`), within what the agreement allows.
    case scenario
    /// acsa's own choice or reading, where no source settles the point; `note` says why.
    case acsa
  }

  public let kind: Kind
  /// The scenario key, for a scenario's setting.
  public let key: String?
  /// Ids of `docs/sources.md`: required for the agreement's rules; for a choice, the
  /// sources it follows or answers, if any.
  public let sources: [String]
  /// What the sources say, or what was chosen and why, in a sentence or two.
  public let note: String

  public static func agreement(_ note: String, _ sources: String...) -> RuleOrigin {
    RuleOrigin(kind: .agreement, key: nil, sources: sources, note: note)
  }

  public static func scenario(_ key: String, _ note: String, _ sources: String...) -> RuleOrigin {
    RuleOrigin(kind: .scenario, key: key, sources: sources, note: note)
  }

  public static func acsa(_ note: String, _ sources: String...) -> RuleOrigin {
    RuleOrigin(kind: .acsa, key: nil, sources: sources, note: note)
  }

  /// "the agreement", "the scenario's setting `agreement.offset`", "acsa's choice".
  public var label: String {
    switch kind {
    case .agreement: "the agreement, as the sources report it"
    case .scenario: "the scenario's setting `\(key ?? "")`"
    case .acsa: "acsa's choice"
    }
  }

  /// The whole statement: whose rule, what and why, and the sources.
  public var text: String {
    let cited = sources.isEmpty ? "" : " (docs/sources.md: \(sources.joined(separator: ", ")))"
    // "acsa" is written in lower case, at the start of a sentence too.
    let start = kind == .acsa ? label : label.prefix(1).uppercased() + label.dropFirst()
    return "\(start): \(note)\(cited)."
  }
}
