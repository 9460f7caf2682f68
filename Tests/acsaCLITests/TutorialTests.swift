import ACSAReports
import Foundation
import Testing

/// docs/tutorial.md's glossary links point at terms (its console blocks are checked with
/// every page's, in `DocsConsoleTests`).
@Suite("docs/tutorial.md")
struct TutorialTests {
  static var tutorial: String {
    get throws { try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/tutorial.md"), encoding: .utf8) }
  }

  @Test("every glossary link names a term's anchor, and the tutorial links at least 20 terms")
  func glossaryLinks() throws {
    let text = try Self.tutorial
    let anchors = Set(Glossary.terms.map(\.anchor))
    var linked: Set<String> = []
    var rest = text[...]
    while let range = rest.range(of: "(glossary.md#") {
      let tail = rest[range.upperBound...]
      let anchor = String(tail.prefix { $0 != ")" })
      #expect(anchors.contains(anchor), "glossary.md#\(anchor) is not a term")
      linked.insert(anchor)
      rest = tail
    }
    #expect(linked.count >= 20, "only \(linked.count) terms linked")
  }
}
