import ACSADomain

extension Walkthrough {
  /// The walkthrough as structured data (`acsa explain --json`): the same steps, the
  /// same sentences, with their codes, rules and sources as fields.
  public struct JSON: Encodable, Sendable {
    public struct ScenarioInfo: Encodable, Sendable {
      let name: String
      let file: String
      let description: String?
      let start: String
      let end: String
      let seed: UInt64
    }
    public struct AgreementInfo: Encodable, Sendable {
      let id: String
      let signed: String?
      let in_force: String
      let tax_exempt: Bool
      let settlement_days: Int?
      let settlement_months: Int?
      let claim_days: Int?
      let payment_days: Int
      let billing: String
      let deadline_policy: String
      let offset: Bool
      let activities: [String]
      let categories: [String]
      /// From here, format 1.4's settings, present only where they apply.
      let format: String?
      let payment_currency: String?
      let category_activities: [String: [String]]?
      let term_years: Int?
      let terminated: String?
      let required_order_fields: [String]?
    }
    public struct PartyInfo: Encodable, Sendable {
      let id: String
      let name: String
      let currency: String
      let signatories: [SignatoryInfo]?
    }
    public struct SignatoryInfo: Encodable, Sendable {
      let id: String
      let name: String
      let limit: String?
    }
    public struct StepInfo: Encodable, Sendable {
      let kind: String
      let seq: Int?
      let event_id: String?
      let line: Int?
      let action: String?
      let order: String?
      let books: [String]
      let code: String?
      let text: String
      let detail: String?
      let rule: String?
      let source: String?
    }
    public struct Balances: Encodable, Sendable {
      let books_agree: Bool
      let rows: [BalanceRow]
    }
    public struct DayInfo: Encodable, Sendable {
      let date: String
      let steps: [StepInfo]
      /// Null on a day without an applied event or a conversion.
      let balances: Balances?
    }
    public struct FindingInfo: Encodable, Sendable {
      let code: String
      let order: String
      let books: [String]
      let message: String
    }
    public struct Summary: Encodable, Sendable {
      let applied: Int
      let refused: Int
      let deadline_conversions: Int
      let expectations_passed: Int
      let expectations_failed: Int
      let balances: Balances
      let findings: [FindingInfo]
    }
    let scenario: ScenarioInfo
    let agreement: AgreementInfo
    let parties: [PartyInfo]
    let days: [DayInfo]
    let summary: Summary
  }

  public var json: JSON {
    let s = scenario
    let a = s.framework.agreement
    let failed = result.failedExpectations.count
    return JSON(
      scenario: .init(
        name: s.name, file: s.file, description: s.description, start: s.start.description, end: s.end.description, seed: s.seed),
      agreement: .init(
        id: a.id, signed: a.signed?.description, in_force: a.inForce.description, tax_exempt: a.taxExempt,
        settlement_days: a.settlement.days, settlement_months: a.settlement.months,
        claim_days: a.claimDays == a.paymentDays ? nil : a.claimDays, payment_days: a.paymentDays, billing: a.billing.rawValue,
        deadline_policy: a.deadlinePolicy.rawValue, offset: a.offsetAllowed,
        activities: ActivityType.allCases.filter { a.activities.contains($0) }.map(\.rawValue),
        categories: a.categories.sorted().map(\.rawValue),
        format: a.format == .v1_3 ? nil : a.format.rawValue,
        payment_currency: a.paymentCurrency == .provider ? nil : a.paymentCurrency.rawValue,
        category_activities: a.categoryActivities.isEmpty
          ? nil
          : Dictionary(
            uniqueKeysWithValues: a.categoryActivities.map {
              ($0.key.rawValue, ActivityType.allCases.filter($0.value.contains).map(\.rawValue))
            }),
        term_years: a.termYears, terminated: a.terminated?.description,
        required_order_fields: a.requiredOrderFields.isEmpty ? nil : a.requiredOrderFields.map(\.rawValue)),
      parties: s.framework.parties.map { p in
        .init(
          id: p.id, name: p.name, currency: p.currency.code,
          signatories: p.signatories.isEmpty ? nil : p.signatories.map { .init(id: $0.id, name: $0.name, limit: $0.limit?.description) })
      },
      days: days.map { day in
        .init(
          date: day.date.description,
          steps: day.steps.map { st in
            .init(
              kind: st.kind.rawValue, seq: st.seq, event_id: st.eventID, line: st.line, action: st.action, order: st.order, books: st.books,
              code: st.code, text: st.text, detail: st.detail, rule: st.rule, source: st.source)
          },
          balances: day.balances.map { .init(books_agree: day.booksAgree, rows: $0) })
      },
      summary: .init(
        applied: result.applied, refused: result.refusals.count, deadline_conversions: result.systemEvents,
        expectations_passed: result.expectations.count - failed, expectations_failed: failed,
        balances: .init(books_agree: DayReport(date: s.end, steps: [], balances: balancesAtEnd).booksAgree, rows: balancesAtEnd),
        findings: findingsAtEnd.map { .init(code: $0.code.rawValue, order: $0.order, books: $0.books, message: $0.message) }))
  }
}
