import ACSADomain
import Foundation

/// What `acsa record` (and the live exercise) says of the events an append logged:
/// each event's outcome; for a refusal, its code, the rule and whose rule it is, as
/// `acsa explain` gives them.
public enum RecordText {
  /// One line per event, then the rule of each refusal, indented.
  public static func render(_ records: [EventRecord]) -> [String] {
    var out: [String] = []
    for r in records {
      out.append(line(r))
      if r.outcome == .refused, let code = r.code.flatMap(RefusalCode.init(rawValue:)) {
        out.append("    rule: \(code.rule)")
        out.append("    \(code.origin.text)")
      }
    }
    return out
  }

  /// An event's outcome in one line: `event 6, 2026-10-08, pay PH-0002: refused (...)`.
  public static func line(_ r: EventRecord) -> String {
    let subject = "event \(r.seq), \(r.date), \(r.action)\(r.orderID.map { " " + $0 } ?? "")"
    let books = r.books.count == 1 ? " (in \(r.books[0])'s book only)" : ""
    switch r.outcome {
    case .applied: return "\(subject)\(books): applied. \(r.message)"
    case .system: return "\(subject)\(books): \(r.message)"
    case .expectPassed: return "\(subject): passed. \(r.message)"
    case .expectFailed: return "\(subject): FAILED. \(r.message)"
    case .refused: return "\(subject): refused (\(r.code ?? "")). \(r.message)"
    }
  }

  /// An event's outcome for JSON: what the log holds, with a refusal's rule.
  public struct EventJSON: Codable, Sendable {
    public let seq: Int
    public let date: String
    public let id: String?
    public let action: String
    public let order: String?
    public let books: [String]
    public let outcome: String
    public let code: String?
    public let message: String
    public let rule: String?
    public let origin: RuleOrigin?

    public init(_ r: EventRecord) {
      seq = r.seq
      date = r.date.description
      id = r.eventID
      action = r.action
      order = r.orderID
      books = r.books
      outcome = r.outcome.rawValue
      code = r.code
      message = r.message
      let refusal = r.outcome == .refused ? r.code.flatMap(RefusalCode.init(rawValue:)) : nil
      rule = refusal?.rule
      origin = refusal?.origin
    }
  }
}
