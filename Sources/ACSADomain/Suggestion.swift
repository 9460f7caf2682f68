/// The names close to a mistyped one, for the "did you mean" of every message that
/// refuses a name: a subcommand, a glossary term, a scenario key, value or id.
public enum Suggestion {
  /// How many typing errors a name of `count` characters may carry and still be
  /// suggested: one for short names, up to three for long ones.
  public static func tolerance(_ count: Int) -> Int { max(1, min(3, count / 3)) }

  /// The candidates within `tolerance` typing errors of `typed` (case and `_`/`-`
  /// ignored), best first, at most `limit` of them, in their own spelling.
  public static func nearest(to typed: String, among candidates: [String], limit: Int = 3) -> [String] {
    let key = folded(typed)
    guard !key.isEmpty else { return [] }
    let allowed = tolerance(key.count)
    var scored: [(distance: Int, index: Int)] = []
    var seen: Set<String> = []
    for (index, candidate) in candidates.enumerated() where seen.insert(candidate).inserted {
      let distance = editDistance(key, folded(candidate))
      if distance <= allowed { scored.append((distance, index)) }
    }
    return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map { candidates[$0.index] }
  }

  /// `; did you mean 'x'?` (or `'x' or 'y'`) for a message, or nothing when no candidate
  /// is close.
  public static func didYouMean(_ typed: String, among candidates: [String], quote: String = "'") -> String {
    let near = nearest(to: typed, among: candidates, limit: 2)
    guard !near.isEmpty else { return "" }
    return "; did you mean " + near.map { quote + $0 + quote }.joined(separator: " or ") + "?"
  }

  /// ` (did you mean 'x'?)`, for a message that goes on after it, or nothing.
  public static func aside(_ typed: String, among candidates: [String]) -> String {
    let near = nearest(to: typed, among: candidates, limit: 2)
    guard !near.isEmpty else { return "" }
    return " (did you mean " + near.map { "'" + $0 + "'" }.joined(separator: " or ") + "?)"
  }

  /// The distance between two strings in typing errors: a character inserted, deleted,
  /// replaced, or two neighbours swapped (optimal string alignment).
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }

  static func folded(_ s: String) -> String {
    String(s.lowercased().map { $0 == "_" ? "-" : $0 })
  }
}
