import ACSADomain

/// The outcome of one `expect`.
public struct ExpectationResult: Hashable, Sendable {
  public let date: Day
  public let eventID: String?
  public let line: Int?
  /// What was checked, e.g. `outstanding PH owes JP cash`.
  public let subject: String
  public let expected: String
  /// The actual value in each book checked (one entry with book "" when books do not
  /// apply, as for `refused`).
  public let actual: [(book: PartyID, value: String)]
  public let passed: Bool

  public static func == (a: Self, b: Self) -> Bool {
    a.date == b.date && a.eventID == b.eventID && a.line == b.line && a.subject == b.subject
      && a.expected == b.expected && a.passed == b.passed
      && a.actual.map(\.book) == b.actual.map(\.book) && a.actual.map(\.value) == b.actual.map(\.value)
  }

  public func hash(into h: inout Hasher) {
    h.combine(date)
    h.combine(subject)
    h.combine(line)
  }

  public var actualSummary: String {
    actual.map { $0.book.isEmpty ? $0.value : "\($0.book) book: \($0.value)" }.joined(separator: "; ")
  }
}
