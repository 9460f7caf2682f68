/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
///
/// The simulator counts days, never hours: deadlines are `delivery + N days`, and the
/// simulated clock moves one whole day at a time. No time zone is involved.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let ordinal: Int

  public init(ordinal: Int) { self.ordinal = ordinal }

  /// The latest year a day may have: deadlines and fiscal years run past 9999-12-31 (a
  /// scenario's last possible day), and are then written `+10000-05-31`.
  static let maximumYear = 9_999_999

  /// A real calendar date, or nil (`2026-02-30`, month 13...).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...Day.maximumYear).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = era * 146097 + doe - 719468
  }

  /// A date as acsa writes it (`description`): `YYYY-MM-DD`, or `+YYYYY-MM-DD` for a
  /// year past 9999 (ISO 8601's expanded form), as a ledger stores a deadline that
  /// falls after 9999-12-31.
  public init?(text: String) {
    guard text.utf8.first == UInt8(ascii: "+") else {
      self.init(iso: text)
      return
    }
    let bytes = Array(text.utf8.dropFirst())
    guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash >= 5, dash <= 7, bytes.count == dash + 6,
      bytes[dash + 3] == UInt8(ascii: "-")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for b in bytes[range] {
        guard b >= 48 && b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
      }
      return value
    }
    guard let y = number(0..<dash), y > 9999, let m = number(dash + 1..<dash + 3), let d = number(dash + 4..<dash + 6) else {
      return nil
    }
    self.init(year: y, month: m, day: d)
  }

  /// Parses exactly `YYYY-MM-DD` (years 1 to 9999: what a scenario or an option may say).
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for b in bytes[range] {
        guard b >= 48 && b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = ordinal + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  /// The same day of the month `months` calendar months later, or that month's last day
  /// where it has fewer days (2028-02-29 plus 12 months is 2029-02-28; 2026-01-31 plus 1
  /// month is 2026-02-28). Nil past `maximumYear`.
  public func adding(months: Int) -> Day? {
    let (y, m, d) = components
    let (carry, month0) = (m - 1 + months).quotientAndRemainder(dividingBy: 12)
    let year = y + carry
    let month = month0 + 1
    guard (1...Day.maximumYear).contains(year) else { return nil }
    return Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year)))
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: Day) -> Int { other.ordinal - ordinal }

  /// `2026-10-05`; `+10000-05-31` past the year 9999.
  public var description: String {
    let (y, m, d) = components
    return "\(y > 9999 ? "+" : "")\(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2))"
  }

  /// Appends `description`'s UTF-8 bytes without building the string (the ledger
  /// writer writes millions of dates).
  public func appendDescription(to bytes: inout [UInt8]) {
    let (y, m, d) = components
    guard (0...9999).contains(y) else { return bytes.append(contentsOf: description.utf8) }
    func digits(_ n: Int, _ divisor: Int) {
      var divisor = divisor
      while divisor > 0 {
        bytes.append(UInt8(ascii: "0") + UInt8(n / divisor % 10))
        divisor /= 10
      }
    }
    digits(y, 1000)
    bytes.append(UInt8(ascii: "-"))
    digits(m, 10)
    bytes.append(UInt8(ascii: "-"))
    digits(d, 10)
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
}

/// A month and day without a year (`04-01`), as used for the start of a fiscal year.
public struct MonthDay: Hashable, Sendable, CustomStringConvertible {
  public let month: Int
  public let day: Int

  public init?(month: Int, day: Int) {
    // 29 February cannot start a fiscal year every year.
    guard (1...12).contains(month), (1...Day.daysIn(month: month, year: 2001)).contains(day)
    else { return nil }
    self.month = month
    self.day = day
  }

  /// Parses exactly `MM-DD`.
  public init?(text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let m = Int(parts[0]), let d = Int(parts[1])
    else { return nil }
    self.init(month: m, day: d)
  }

  public var description: String { "\(Day.pad(month, 2))-\(Day.pad(day, 2))" }
}
