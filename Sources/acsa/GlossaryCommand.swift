import ACSAFiles
import ACSAReports
import ArgumentParser
import Foundation

struct Glossary: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Explain the terms of cross-servicing: orders, offsets, replacement in kind...",
    discussion: """
      Without TERM, lists every term with a one-line summary. With TERM, prints the \
      term's definition in plain language, how acsa models it (scenario keys, events, \
      refusal and finding codes), whose rule it states (the agreement's, with the ids \
      of the sources listed in docs/sources.md, or a choice of the scenario or of acsa), \
      and the lines of the scenarios in scenarios/ that show it.

      TERM is matched without regard to case, with `_` and `-` read as spaces, against \
      each term's name and its other names (`RIK`, `netting`, `deadline`, refusal and \
      finding codes such as `no_claim`); a prefix is enough when only one term starts \
      with it. An unknown or ambiguous TERM prints the close terms and exits 2.

      Examples:
        acsa glossary
        acsa glossary offset
        acsa glossary rik                     # replacement in kind
        acsa glossary no_claim                # claim notice
        acsa glossary "equal value" --json
        acsa glossary --markdown > docs/glossary.md
      """)

  @Argument(help: "A term, another name for it, or the start of one.")
  var term: [String] = []

  @Flag(help: "Print JSON: {\"terms\": [term]} for the list, one term object for TERM.")
  var json = false

  @Flag(help: "Print the whole glossary as Markdown (docs/glossary.md).")
  var markdown = false

  func validate() throws {
    if json && markdown { throw ValidationError("--json and --markdown cannot be used together") }
    if markdown && !term.isEmpty { throw ValidationError("--markdown prints the whole glossary; leave out TERM") }
  }

  struct List: Encodable {
    let terms: [GlossaryTerm]
  }

  func run() throws {
    if markdown {
      print(ACSAReports.Glossary.markdown(), terminator: "")
      return
    }
    guard !term.isEmpty else {
      print(json ? try Output.json(List(terms: ACSAReports.Glossary.terms)) : ACSAReports.Glossary.listText())
      return
    }
    let query = term.joined(separator: " ")
    switch ACSAReports.Glossary.lookup(query) {
    case .found(let entry):
      print(json ? try Output.json(entry) : ACSAReports.Glossary.text(entry))
    case .ambiguous(let candidates):
      throw UsageProblem(
        "'\(query)' matches \(candidates.count) terms: \(candidates.map(\.name).joined(separator: ", ")); type more of the one you mean")
    case .unknown(let suggestions):
      let hint =
        suggestions.isEmpty
        ? "`acsa glossary` lists them all"
        : "did you mean: \(suggestions.map(\.name).joined(separator: ", "))? (`acsa glossary` lists them all)"
      throw UsageProblem("no term '\(query)' in the glossary; \(hint)")
    }
  }
}
