import ACSADomain

extension Glossary {
  public enum Match: Equatable, Sendable {
    case found(GlossaryTerm)
    /// Several terms start with what was typed.
    case ambiguous([GlossaryTerm])
    /// Nothing matches; the closest terms, best first (perhaps none).
    case unknown(suggestions: [GlossaryTerm])
  }

  /// Lower case, `_` and `-` as spaces, single spaces: `Equal_Value` -> `equal value`.
  static func normalized(_ s: String) -> String {
    String(s.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 }).split(separator: " ").joined(separator: " ")
  }

  /// The normalized name and other names a term is looked up by.
  public static func keys(_ term: GlossaryTerm) -> [String] { ([term.name] + term.aliases).map(normalized) }

  /// Looks a term up by its name or an alias, case-insensitively: an exact match first,
  /// then the terms that a name or alias of which starts with `query`.
  public static func lookup(_ query: String) -> Match {
    let q = normalized(query)
    guard !q.isEmpty else { return .unknown(suggestions: []) }
    if let exact = terms.first(where: { keys($0).contains(q) }) { return .found(exact) }
    let prefixed = terms.filter { keys($0).contains { $0.hasPrefix(q) } }
    if prefixed.count == 1 { return .found(prefixed[0]) }
    if prefixed.count > 1 { return .ambiguous(prefixed) }
    return .unknown(suggestions: suggestions(for: q))
  }

  /// Terms close to `q`: a name or alias containing it, or within a few typing errors of
  /// it (or of as many letters of it), best first.
  static func suggestions(for q: String) -> [GlossaryTerm] {
    let limit = Suggestion.tolerance(q.count)
    var scored: [(distance: Int, index: Int)] = []
    for (index, term) in terms.enumerated() {
      var best = Int.max
      for key in keys(term) {
        if key.contains(q) || (q.count >= 4 && q.contains(key)) { best = 0 }
        best = min(best, Suggestion.editDistance(q, key), Suggestion.editDistance(q, String(key.prefix(q.count))) + 1)
      }
      if best <= limit { scored.append((best, index)) }
    }
    return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(5).map { terms[$0.index] }
  }

  public static func term(named name: String) -> GlossaryTerm? { terms.first { $0.name == name } }
}
