import ACSADomain

/// One entry of `acsa glossary`: an ACSA term in plain language, where it comes from,
/// how `acsa` models it, and where a scenario shows it.
public struct GlossaryTerm: Hashable, Sendable {
  public let name: String
  /// Other names it is looked up by (`netting` for offset, `RIK` for replacement in kind).
  public let aliases: [String]
  /// The section of the list it belongs to.
  public let group: String
  /// One line, for the list.
  public let summary: String
  public let definition: String
  /// How the simulator models it: the scenario keys, events, codes and commands.
  public let inAcsa: String
  /// Whose rule it states, and its sources (docs/sources.md).
  public let origin: RuleOrigin
  /// Where it comes from, in one sentence.
  public var source: String { origin.text }
  public let examples: [GlossaryExample]
  /// Names of related terms.
  public let related: [String]

  /// The anchor of the term's heading in docs/glossary.md, as GitHub makes it.
  public var anchor: String {
    var slug = ""
    for c in name.lowercased() {
      if c == " " {
        slug.append("-")
      } else if c.isLetter || c.isNumber || c == "-" || c == "_" {
        slug.append(c)
      }
    }
    return slug
  }
}

/// A place in a scenario that shows a term: the file (relative to the repository),
/// the line, a piece of text that line contains (a test checks it), and what to see.
public struct GlossaryExample: Hashable, Sendable, Encodable {
  public let file: String
  public let line: Int
  public let text: String
  public let note: String

  public var location: String { "\(file):\(line)" }

  enum CodingKeys: String, CodingKey { case file, line, text, note }
}
