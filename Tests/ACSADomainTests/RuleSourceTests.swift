import ACSADomain
import Testing

@Suite("Every code has its rule and where the rule comes from")
struct RuleSourceTests {
  @Test("every refusal code: a one-sentence rule and a source", arguments: RefusalCode.allCases)
  func refusal(_ code: RefusalCode) {
    #expect(!code.rule.isEmpty)
    #expect(code.rule.hasSuffix("."), "\(code.rawValue): the rule is one sentence")
    #expect(code.source.hasSuffix("."), "\(code.rawValue)")
    // A source names the domain notes (with a section) or the scenario format.
    let cited = code.source.contains("acsa-domain.md §") || code.source.contains("scenario format")
    #expect(cited, "\(code.rawValue): \(code.source)")
  }

  @Test("every finding code: the practice it checks and a source", arguments: FindingCode.allCases)
  func finding(_ code: FindingCode) {
    #expect(code.rule.hasSuffix("."), "\(code.rawValue)")
    #expect(code.source.contains("acsa-domain.md §"), "\(code.rawValue): \(code.source)")
  }

  @Test("the 12-month rule and the tax exemption name their sources")
  func rulebook() {
    #expect(Rulebook.deadlineRule.contains("12 months"))
    #expect(Rulebook.deadlineSource.contains("S9"))
    #expect(Rulebook.taxExemptionSource.contains("S1"))
  }
}
