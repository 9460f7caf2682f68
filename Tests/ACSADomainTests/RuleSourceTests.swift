import ACSADomain
import Foundation
import Testing

/// Every rule acsa states says whose it is: the agreement's (as sources report it, which
/// it names), or a choice of the scenario (which key) or of acsa (why); and every source
/// it names is in docs/sources.md.
@Suite("Every code has its rule, and whose rule it is")
struct RuleSourceTests {
  /// The ids docs/sources.md lists (`| S9 |`).
  static let listed: Set<String> = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/sources.md").standardized
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return Set(
      text.split(separator: "\n").compactMap { line -> String? in
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        return cells.first.flatMap { $0.hasPrefix("S") && $0.dropFirst().allSatisfy(\.isNumber) && $0.count > 1 ? $0 : nil }
      })
  }()

  static func check(_ origin: RuleOrigin, _ name: String) {
    #expect(!origin.note.isEmpty, "\(name): no note")
    #expect(!origin.note.hasSuffix("."), "\(name): the note is a clause; the text adds the sources")
    switch origin.kind {
    case .agreement: #expect(!origin.sources.isEmpty, "\(name): the agreement's rule names no source")
    case .scenario: #expect(origin.key?.isEmpty == false, "\(name): a scenario's setting names its key")
    case .acsa: break
    }
    for id in origin.sources { #expect(listed.contains(id), "\(name): \(id) is not in docs/sources.md") }
    #expect(!origin.text.contains("acsa-domain") && !origin.text.contains("shared/"), "\(name): \(origin.text)")
  }

  @Test("docs/sources.md lists S1 to S30")
  func sources() {
    #expect(Self.listed == Set((1...30).map { "S\($0)" }))
  }

  @Test("every refusal code: a one-sentence rule and whose it is", arguments: RefusalCode.allCases)
  func refusal(_ code: RefusalCode) {
    #expect(!code.rule.isEmpty)
    #expect(code.rule.hasSuffix("."), "\(code.rawValue): the rule is one sentence")
    Self.check(code.origin, code.rawValue)
  }

  @Test("every finding code: the practice it checks and whose it is", arguments: FindingCode.allCases)
  func finding(_ code: FindingCode) {
    #expect(code.rule.hasSuffix("."), "\(code.rawValue)")
    Self.check(code.origin, code.rawValue)
  }

  @Test("the 12-month rule is the agreement's; the conversion and the tax exemption are the scenario's settings")
  func rulebook() {
    #expect(Rulebook.deadlineRule.contains("12 months"))
    #expect(Rulebook.deadlineOrigin.kind == .agreement && Rulebook.deadlineOrigin.sources.contains("S9"))
    #expect(Rulebook.conversionOrigin.kind == .scenario && Rulebook.conversionOrigin.key == "agreement.deadline_policy")
    #expect(Rulebook.taxExemptionOrigin.kind == .scenario && Rulebook.taxExemptionOrigin.sources == ["S1"])
    for (o, name) in [
      (Rulebook.deadlineOrigin, "deadline"), (Rulebook.conversionOrigin, "conversion"), (Rulebook.taxExemptionOrigin, "tax"),
    ] {
      Self.check(o, name)
    }
  }
}
