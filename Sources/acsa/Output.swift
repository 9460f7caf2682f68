import ACSADomain
import ArgumentParser
import Foundation

/// Printing helpers shared by the subcommands.
enum Output {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data(("acsa: error: " + message + "\n").utf8))
  }

  static func stderr(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Stable JSON: sorted keys, pretty-printed, no escaped slashes.
  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(iso: text) else {
      throw ValidationError("\(option): '\(text)' is not a date; write YYYY-MM-DD, e.g. 2027-03-31")
    }
    return day
  }
}

/// Exit codes: 0 all good, 1 an expectation failed (or, for audit, findings), 2 a
/// static error or a file that cannot be read or written.
enum Exit {
  static let failedExpectation = ExitCode(1)
  static let staticError = ExitCode(2)
}
