import ACSAReports
import Foundation
import Testing

@Suite("acsa glossary")
struct GlossaryTests {
  @Test("every example names a scenario file that exists and a line that holds the quoted text")
  func examplesAreReal() throws {
    for term in Glossary.terms {
      #expect(!term.examples.isEmpty, "\(term.name) cites no scenario")
      for example in term.examples {
        let url = CLI.packageRoot.appendingPathComponent(example.file)
        #expect(example.file.hasPrefix("scenarios/"), "\(term.name): \(example.file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        #expect(example.line >= 1 && example.line <= lines.count, "\(term.name): \(example.location) is past the end")
        guard example.line >= 1 && example.line <= lines.count else { continue }
        #expect(
          lines[example.line - 1].contains(example.text),
          "\(term.name): \(example.location) is `\(lines[example.line - 1])`, not `\(example.text)`")
      }
    }
  }

  @Test("every term has a definition, says whose rule it states (with sources listed in docs/sources.md), and related terms that exist")
  func entriesAreComplete() throws {
    let sources = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/sources.md"), encoding: .utf8)
    for term in Glossary.terms {
      #expect(!term.definition.isEmpty && !term.inAcsa.isEmpty && !term.summary.isEmpty, "\(term.name)")
      let origin = term.origin
      #expect(!origin.note.isEmpty, "\(term.name)")
      switch origin.kind {
      case .agreement: #expect(!origin.sources.isEmpty, "\(term.name): the agreement's rule names no source")
      case .scenario: #expect(origin.key?.isEmpty == false, "\(term.name): a scenario's setting names its key")
      case .acsa: break
      }
      for id in origin.sources { #expect(sources.contains("| \(id) |"), "\(term.name): \(id) is not in docs/sources.md") }
      #expect(!term.source.contains("acsa-domain") && !term.source.contains("shared/"), "\(term.name): \(term.source)")
      #expect(Glossary.groups.contains(term.group), "\(term.name): \(term.group)")
      for name in term.related { #expect(Glossary.term(named: name) != nil, "\(term.name): related '\(name)' is not a term") }
    }
  }

  @Test("no name or other name belongs to two terms")
  func namesAreUnique() {
    var owner: [String: String] = [:]
    for term in Glossary.terms {
      for key in Glossary.keys(term) {
        #expect(owner[key] == nil || owner[key] == term.name, "'\(key)' names both \(owner[key] ?? "") and \(term.name)")
        owner[key] = term.name
      }
    }
  }

  @Test(
    "the terms the tutorial and the brief need are all there",
    arguments: [
      ("ACSA", "ACSA"), ("order", "order"), ("request", "order"), ("order form", "order"), ("provision", "provision"),
      ("provider", "provision"), ("receiver", "provision"), ("reimbursable transaction", "reimbursable transaction"),
      ("settlement in cash", "settlement in cash"), ("replacement in kind", "replacement in kind"), ("RIK", "replacement in kind"),
      ("equal value exchange", "equal value exchange"), ("offset", "offset"), ("claim notice", "claim notice"),
      ("claim recording", "claim notice"), ("invoice", "invoice"), ("signed receipt", "signed receipt"),
      ("12-month deadline", "12-month deadline"), ("deadline conversion", "deadline conversion"), ("fiscal year", "fiscal year"),
      ("tax exemption", "tax exemption"), ("weapons exclusion", "weapons exclusion"), ("covered activities", "covered activities"),
      ("entry into force", "entry into force"), ("transfer to a third party", "transfer to a third party"),
      ("consent", "transfer to a third party"), ("reconciliation", "reconciliation"), ("finding", "finding"), ("refusal", "refusal"),
      ("ledger_digest", "ledger digest"), ("chain", "ledger digest"), ("Equal_Value", "equal value exchange"),
      ("off", "offset"), ("no_claim", "claim notice"),
    ])
  func lookup(query: String, expected: String) {
    #expect(Glossary.lookup(query) == .found(Glossary.term(named: expected)!), "\(query)")
  }

  @Test("unknown and ambiguous terms")
  func unknownAndAmbiguous() {
    guard case .unknown(let suggestions) = Glossary.lookup("ofset") else {
      Issue.record("ofset should be unknown")
      return
    }
    #expect(suggestions.first?.name == "offset")
    guard case .ambiguous(let candidates) = Glossary.lookup("deadl") else {
      Issue.record("deadl should be ambiguous")
      return
    }
    #expect(Set(candidates.map(\.name)) == ["12-month deadline", "deadline conversion"])
    #expect(Glossary.lookup("xyzzy") == .unknown(suggestions: []))
  }

  @Test("the command: list, one term, a prefix, errors with close terms (exit 64, a usage error), JSON")
  func command() throws {
    let tmp = try CLI.tempDir()
    let list = try CLI.run(["glossary"], in: tmp)
    #expect(list.status == 0)
    for term in Glossary.terms { #expect(list.stdout.contains(term.name)) }

    let offset = try CLI.run(["glossary", "OFFSET"], in: tmp)
    #expect(offset.status == 0)
    #expect(offset.stdout.hasPrefix("offset  (also: netting"))
    #expect(offset.stdout.contains("scenarios/maritime-mca-2026.yaml:158"))
    #expect(try CLI.run(["glossary", "equal", "value"], in: tmp).stdout.hasPrefix("equal value exchange"))

    let typo = try CLI.run(["glossary", "ofset"], in: tmp)
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("no term 'ofset'") && typo.stderr.contains("did you mean: offset?"))
    let ambiguous = try CLI.run(["glossary", "deadl"], in: tmp)
    #expect(ambiguous.status == 64)
    #expect(ambiguous.stderr.contains("12-month deadline, deadline conversion"))

    let json = try CLI.run(["glossary", "--json"], in: tmp)
    let all = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((all["terms"] as? [Any])?.count == Glossary.terms.count)
    let one = try CLI.run(["glossary", "rik", "--json"], in: tmp)
    let entry = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    #expect(entry["name"] as? String == "replacement in kind")
    let examples = try #require(entry["examples"] as? [[String: Any]])
    #expect(examples.first?["file"] as? String == "scenarios/kamandag-2026.yaml")
  }

  @Test("docs/glossary.md is what `acsa glossary --markdown` prints")
  func markdownIsUpToDate() throws {
    let out = try CLI.run(["glossary", "--markdown"])
    #expect(out.status == 0)
    let url = CLI.packageRoot.appendingPathComponent("docs/glossary.md")
    if ProcessInfo.processInfo.environment["ACSA_UPDATE_GOLDEN"] == "1" {
      try out.stdout.write(to: url, atomically: true, encoding: .utf8)
    }
    let file = try String(contentsOf: url, encoding: .utf8)
    #expect(file == out.stdout, "docs/glossary.md is stale: run `acsa glossary --markdown > docs/glossary.md`")
    for term in Glossary.terms { #expect(file.contains("\n### \(term.name)\n"), "\(term.name)") }
  }
}
