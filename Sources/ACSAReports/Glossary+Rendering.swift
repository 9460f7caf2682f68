/// The glossary as `acsa glossary` prints it (text, JSON) and as docs/glossary.md holds it.
extension Glossary {
  /// `acsa glossary`: every term with its one-line summary, by group.
  public static func listText() -> String {
    let width = terms.map(\.name.count).max() ?? 0
    var out = [
      "ACSA glossary: \(terms.count) terms. `acsa glossary TERM` explains one (any case; a prefix or another name",
      "works: `acsa glossary off`, `acsa glossary RIK`).",
    ]
    for group in groups {
      out.append("")
      out.append(group)
      for term in terms where term.group == group {
        out.append("  " + term.name + String(repeating: " ", count: width - term.name.count) + "  " + term.summary)
      }
    }
    return out.joined(separator: "\n")
  }

  /// `acsa glossary TERM`: the whole entry.
  public static func text(_ term: GlossaryTerm) -> String {
    var out: [String] = []
    out.append(term.name + (term.aliases.isEmpty ? "" : "  (also: " + term.aliases.joined(separator: ", ") + ")"))
    out.append("")
    out += wrap(term.definition, indent: "  ")
    out.append("")
    out += wrap("In acsa: " + term.inAcsa, indent: "  ")
    out.append("")
    out += wrap("Source: " + term.source, indent: "  ")
    out.append("")
    out.append("  See it:")
    for e in term.examples {
      out.append("    \(e.location)  \(e.text)")
      out += wrap(e.note, indent: "      ")
    }
    if !term.related.isEmpty {
      out.append("")
      out += wrap("Related: " + term.related.joined(separator: ", ") + " (acsa glossary TERM)", indent: "  ")
    }
    return out.joined(separator: "\n")
  }

  /// Words of `text` in lines of at most `width` characters, each starting with `indent`.
  static func wrap(_ text: String, indent: String, width: Int = 92) -> [String] {
    var lines: [String] = []
    var line = indent
    for word in text.split(separator: " ") {
      if line.count > indent.count && line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
      }
      line += (line.count > indent.count ? " " : "") + word
    }
    if line.count > indent.count { lines.append(line) }
    return lines
  }

  /// docs/glossary.md (`acsa glossary --markdown`): an index by group, then every term
  /// under a heading whose anchor is `GlossaryTerm.anchor`; examples link to the files.
  public static func markdown() -> String {
    var out = [
      "# ACSA glossary",
      "",
      "The terms of Acquisition and Cross-Servicing Agreements as `acsa` uses them, in plain language.",
      "Each entry says whose rule it states: the agreement's, as the sources report it (their ids,",
      "S1 to S30, are listed in [sources.md](sources.md)), or a choice of the scenario (which",
      "setting) or of acsa (and why); how the simulator models it; and where a scenario shows it.",
      "The same text is printed by `acsa glossary TERM`; this file is written by",
      "`acsa glossary --markdown` (a test checks that it is up to date).",
      "",
    ]
    for group in groups {
      let names = terms.filter { $0.group == group }.map { "[\($0.name)](#\($0.anchor))" }
      out.append("**\(group)**: " + names.joined(separator: ", ") + ".")
      out.append("")
    }
    for group in groups {
      out.append("## \(group)")
      out.append("")
      for term in terms where term.group == group {
        out.append("### \(term.name)")
        out.append("")
        out.append(term.definition)
        out.append("")
        if !term.aliases.isEmpty { out.append("*Also:* " + term.aliases.map { "`\($0)`" }.joined(separator: ", ") + ".") }
        out.append("")
        out.append("*In acsa:* " + term.inAcsa)
        out.append("")
        out.append("*Source:* " + term.source + ".")
        out.append("")
        out.append("*See it:*")
        out.append("")
        for e in term.examples {
          out.append("- [`\(e.location)`](../\(e.file)#L\(e.line)) `\(e.text)`: \(e.note).")
        }
        out.append("")
        if !term.related.isEmpty {
          let links = term.related.compactMap { name in Glossary.term(named: name).map { "[\($0.name)](#\($0.anchor))" } }
          out.append("*Related:* " + links.joined(separator: ", ") + ".")
          out.append("")
        }
      }
    }
    while out.last == "" { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }
}

extension GlossaryTerm: Encodable {
  enum CodingKeys: String, CodingKey {
    case name, aliases, group, summary, definition, source, origin, examples, related, anchor
    case inAcsa = "in_acsa"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(aliases, forKey: .aliases)
    try c.encode(group, forKey: .group)
    try c.encode(summary, forKey: .summary)
    try c.encode(definition, forKey: .definition)
    try c.encode(inAcsa, forKey: .inAcsa)
    try c.encode(source, forKey: .source)
    try c.encode(origin, forKey: .origin)
    try c.encode(examples, forKey: .examples)
    try c.encode(related, forKey: .related)
    try c.encode(anchor, forKey: .anchor)
  }
}
