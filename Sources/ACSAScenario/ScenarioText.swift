/// Text-level helpers on a scenario file.
public enum ScenarioText {
  /// The scenario without its events: the top-level `events` entry replaced by
  /// `events: []`, everything else (comments included) as written. This is what a ledger
  /// keeps to know its agreement, units, catalog and rates, and what its hash chains are
  /// anchored to. Nil when the text does not parse that way (a flow-style top level, say).
  public static func withoutEvents(_ text: String) -> String? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("events:") }) else { return nil }
    var end = start + 1
    while end < lines.count {
      let line = lines[end]
      guard let first = line.first else {
        end += 1
        continue
      }
      // Inside the entry: indented lines, sequence items at column 0, comments.
      if first == " " || first == "\t" || first == "-" || first == "#" || first == "\r" { end += 1 } else { break }
    }
    lines.replaceSubrange(start..<end, with: ["events: []"])
    let result = lines.joined(separator: "\n")
    guard (try? ScenarioLoader.parse(text: result, file: "framework")) != nil else { return nil }
    return result
  }
}
